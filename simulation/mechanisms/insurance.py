"""Social and unemployment insurance beyond what jobs bring.

Compulsory insurance comes and goes with formal jobs (:mod:`simulation.jobs`), enrolled
with the compliance of the employer.  Here:
- compliance: each January, and whenever the inspection rate, the fine or the minimum
  wage changes, firms choose their compliance by weighing contributions against the
  expected back payment and fine and the bite of the minimum on their contribution base
  (:mod:`simulation.compliance`); the new choice applies to their existing formal jobs too;
- inspections: each month an enterprise is inspected with a twelfth of the yearly
  inspection rate (``si_inspection_rate``, times the social-insurance lever's multiplier);
  an inspected firm enrols the formal jobs it evaded;
- voluntary social insurance: farmers and informal workers of working age choose to join
  (:mod:`simulation.voluntary`: their pay, the years left to a pension and the state's
  support by poverty group) and lapse at a monthly rate; in the base year the expected
  joins balance lapses plus the assumed trend of growth in voluntary coverage;
- contribution records and lump-sum withdrawals: a record is opened when a person without
  one enters compulsory insurance and counts the months since it was last paid into; a
  person out of compulsory and voluntary insurance for the waiting year (below the
  retirement age) may take it as a lump sum, with a monthly chance set in the base year so
  that withdrawals are the data's share of compulsory contributors; a withdrawal closes the
  record and, with it, the way to a pension; a person who comes back opens a new record
  (which the 2024 law bars from a lump sum if opened from July 2025);
- the satisfaction index (a proxy, see :func:`simulation.indicators.si_satisfaction`)
  moves with the quality of service.
"""

from __future__ import annotations

import numpy as np

from simulation import jobs
from simulation.calendar import MONTHS_PER_YEAR, calendar_month, year_of
from simulation.compliance import Compliance
from simulation.labour_law import retirement_age_months, working_age
from simulation.population import NO_RECORD, Insurance, Status
from simulation.unemployment_benefit import count_contributions
from simulation.voluntary import VoluntaryChoice
from simulation.wages import minimum_wages_in_force


class SocialInsurance:
    """Enforcement of compulsory insurance, voluntary insurance, satisfaction."""

    def __init__(self, model):
        persons, parameters = model.persons, model.params
        self.lapse = parameters["voluntary_si_lapse_rate"] / MONTHS_PER_YEAR
        employed = persons.status == Status.EMPLOYED.value
        eligible = self._eligible(model, employed)
        limits = retirement_age_months(model.data, year_of(model.month))
        labour_force = (employed | (persons.status == Status.UNEMPLOYED.value)) & working_age(
            persons.age_m, persons.female, limits
        )
        voluntary = np.count_nonzero(persons.si == Insurance.VOLUNTARY.value)
        inflow = self.lapse * voluntary + parameters[
            "voluntary_si_trend"
        ] / MONTHS_PER_YEAR * np.count_nonzero(labour_force)
        # without the trend: joins balancing lapses (the stationary spin-up)
        self.voluntary = VoluntaryChoice(model, eligible, inflow, self.lapse * voluntary)
        # lump sums: the base year's withdrawals, the data's share of compulsory
        # contributors, spread over the records that may be withdrawn at the start
        self.wait = int(parameters["si_withdrawal_wait"])
        contributors = np.count_nonzero(persons.si == Insurance.COMPULSORY.value)
        withdrawals = parameters["si_withdrawal_share"] / MONTHS_PER_YEAR * contributors
        self.withdrawal = min(1.0, withdrawals / max(1, len(self._may_withdraw(model))))
        self.compliance = Compliance(model)
        self.gain = self.compliance.gain(model)
        self.minimum = minimum_wages_in_force(model)

    def _may_withdraw(self, model) -> np.ndarray:
        """Rows of persons who may take their contribution record as a lump sum: out of
        compulsory and voluntary insurance for the waiting period, below the retirement age,
        with a record started before the restriction."""
        persons = model.persons
        rows = np.flatnonzero(persons.si_out_months >= self.wait)
        # a record is opened at work, so its holder is past the working age's start
        limits = retirement_age_months(model.data, year_of(model.month))
        below_retirement = working_age(persons.age_m[rows], persons.female[rows], limits)
        return rows[
            (persons.si[rows] == Insurance.NONE.value)
            & persons.si_lump_sum[rows]
            & below_retirement
        ]

    def _contribution_records(self, model) -> None:
        """Open records for new contributors, count the months out of insurance, and let
        those who may withdraw take a lump sum."""
        persons = model.persons
        months_out = persons.si_out_months
        insured = persons.si == Insurance.COMPULSORY.value
        opening = np.flatnonzero(insured & (months_out == NO_RECORD))
        persons.si_lump_sum[opening] = model.month < model.policy.lump_sum_closed_from
        # (in place and without masks: this runs over every person each month)
        months_out += months_out != NO_RECORD  # a month more for every record
        months_out *= ~insured  # zero while paid into; new records open at zero
        count_contributions(persons, model.params)  # the unemployment-insurance record
        rows = self._may_withdraw(model)
        chance = self.withdrawal * model.policy.withdrawal_multiplier
        withdrawing = rows[model.uniform("si_withdrawal", rows) < chance]
        months_out[withdrawing] = NO_RECORD
        persons.si_lump_sum[withdrawing] = False
        persons.pension_track[withdrawing] = False
        model.count("si_withdrawals", len(withdrawing))

    @staticmethod
    def _formal_jobs(model, firms: np.ndarray, employed: np.ndarray) -> np.ndarray:
        """Rows of the formal jobs of working age at the firms flagged in ``firms`` (a
        mask over firms; ``employed``: the persons' mask this month); past the statutory
        age a worker draws a pension and is no longer insured."""
        persons = model.persons
        limits = retirement_age_months(model.data, year_of(model.month))
        workers = np.flatnonzero(employed & persons.formal)
        workers = workers[persons.employer[workers] >= 0]
        workers = workers[firms[persons.employer[workers]]]
        return workers[working_age(persons.age_m[workers], persons.female[workers], limits)]

    def _follow_compliance(
        self, model, rows: np.ndarray, before: np.ndarray, employed: np.ndarray
    ) -> None:
        """Firms whose compliance changed (the inspection rate, the fine, the minimum wage
        or their pay changed) enrol, or stop enrolling, existing formal jobs: a job not
        enrolled is enrolled with the chance that brings the firm's enrolled share from its
        old compliance to its new one, (new - old) / (1 - old); an enrolled job is dropped
        with (old - new) / old."""
        persons, firms = model.persons, model.firms
        old = np.zeros(len(firms))
        old[rows] = jobs.enrolment_chance(model, before)
        new = np.zeros(len(firms))
        new[rows] = jobs.enrolment_chance(model, firms.si_compliance[rows])
        changed = np.zeros(len(firms), dtype=bool)
        changed[rows] = old[rows] != new[rows]
        workers = self._formal_jobs(model, changed, employed)
        employer = persons.employer[workers]
        insured = persons.si[workers] == Insurance.COMPULSORY.value
        with np.errstate(divide="ignore", invalid="ignore"):
            enrol = np.where(
                new[employer] > old[employer],
                (new[employer] - old[employer]) / (1.0 - old[employer]),
                0.0,
            )
            drop = np.where(
                new[employer] < old[employer], (old[employer] - new[employer]) / old[employer], 0.0
            )
        draws = model.uniform("si_follow_compliance", workers)
        enrolled = workers[~insured & (draws < enrol)]
        jobs.insure(model, enrolled, "si_follow_compliance_ui")
        dropped = workers[insured & (draws < drop)]
        persons.si[dropped] = Insurance.NONE
        persons.ui[dropped] = False
        model.count("si_enforced", len(enrolled))

    def _inspect(self, model, employed: np.ndarray) -> None:
        """Inspections: each month an enterprise that chooses its compliance is inspected
        with a twelfth of the yearly inspection rate; an inspected firm enrols every formal
        job it evaded (it pays the contributions back, with interest and the fine)."""
        firms = model.firms
        rows = self.compliance.choosing_firms(model)
        rows = rows[firms.active[rows]]
        chance = self.compliance.inspection_rate(model) / MONTHS_PER_YEAR
        inspected = np.zeros(len(firms), dtype=bool)
        inspected[rows[model.firm_uniform("si_inspection")[rows] < chance]] = True
        if not inspected.any():
            return
        workers = self._formal_jobs(model, inspected, employed)
        caught = workers[model.persons.si[workers] != Insurance.COMPULSORY.value]
        jobs.insure(model, caught, "si_enforcement_ui")
        model.count("si_enforced", len(caught))

    @staticmethod
    def _eligible(model, employed: np.ndarray) -> np.ndarray:
        """Rows of the employed persons of working age without insurance (who may join
        voluntary insurance); ``employed``: the persons' mask this month."""
        persons = model.persons
        rows = np.flatnonzero(employed & (persons.si == Insurance.NONE.value))
        limits = retirement_age_months(model.data, year_of(model.month))
        return rows[working_age(persons.age_m[rows], persons.female[rows], limits)]

    def step(self, model) -> None:
        persons, parameters = model.persons, model.params
        policy = model.policy
        # (enrolment changes insurance, not status: one mask serves the whole step)
        employed = persons.status == Status.EMPLOYED.value
        gain = self.compliance.gain(model)
        minimum = minimum_wages_in_force(model)
        changed = gain != self.gain or not np.array_equal(minimum, self.minimum)
        if calendar_month(model.month) == 1 or changed:
            rows, before = self.compliance.update(model)
            # the stationary spin-up holds the clock in its base month: no yearly choice
            # there for existing jobs to follow
            if changed or not model.spinning_up:
                self._follow_compliance(model, rows, before, employed)
            self.gain, self.minimum = gain, minimum
        self._inspect(model, employed)

        voluntary = np.flatnonzero(persons.si == Insurance.VOLUNTARY.value)
        lapsed = voluntary[model.uniform("voluntary_lapse", voluntary) < self.lapse]
        persons.si[lapsed] = Insurance.NONE
        rows = self._eligible(model, employed)
        draws = model.uniform("voluntary_join", rows)
        # the same joiners as comparing every draw with its chance: no chance is above
        # the bound, so only the draws below it need theirs
        below = np.flatnonzero(draws < self.voluntary.bound(model))
        joining = rows[below[draws[below] < self.voluntary.chance(model, rows[below])]]
        persons.si[joining] = Insurance.VOLUNTARY
        model.count("voluntary_si_joins", len(joining))
        self._contribution_records(model)
        # the index is a share: it cannot pass 1
        model.satisfaction = min(
            1.0,
            parameters["satisfaction_base"]
            + parameters["satisfaction_sensitivity"] * policy.service_quality_gain,
        )
