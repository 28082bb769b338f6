"""Social and unemployment insurance beyond what jobs bring.

Compulsory insurance comes and goes with formal jobs (:mod:`simulation.jobs`), enrolled
with the compliance of the employer.  Here:
- compliance: each January, and whenever the inspection rate or the fine changes, firms
  choose their compliance by weighing contributions against the expected back payment and
  fine (:mod:`simulation.compliance`);
- enforcement: each month a share of formal jobs not enrolled is brought in (zero in the
  baseline; the social-insurance lever raises it);
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
from simulation.voluntary import VoluntaryChoice


class SocialInsurance:
    """Enforcement of compulsory insurance, voluntary insurance, satisfaction."""

    def __init__(self, model):
        persons, parameters = model.persons, model.params
        self.lapse = parameters["voluntary_si_lapse_rate"] / MONTHS_PER_YEAR
        eligible, labour_force = self._eligible(model)
        voluntary = np.count_nonzero(persons.si == Insurance.VOLUNTARY)
        inflow = (
            self.lapse * voluntary
            + parameters["voluntary_si_trend"] / MONTHS_PER_YEAR * labour_force.sum()
        )
        # without the trend: joins balancing lapses (the stationary spin-up)
        self.voluntary = VoluntaryChoice(
            model, np.flatnonzero(eligible), inflow, self.lapse * voluntary
        )
        # lump sums: the base year's withdrawals, the data's share of compulsory
        # contributors, spread over the records that may be withdrawn at the start
        self.wait = int(parameters["si_withdrawal_wait"])
        contributors = np.count_nonzero(persons.si == Insurance.COMPULSORY)
        withdrawals = parameters["si_withdrawal_share"] / MONTHS_PER_YEAR * contributors
        self.withdrawal = min(1.0, withdrawals / max(1, len(self._may_withdraw(model))))
        self.compliance = Compliance(model)
        self.gain = self.compliance.gain(model)

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
            (persons.si[rows] == Insurance.NONE) & persons.si_lump_sum[rows] & below_retirement
        ]

    def _contribution_records(self, model) -> None:
        """Open records for new contributors, count the months out of insurance, and let
        those who may withdraw take a lump sum."""
        persons = model.persons
        months_out = persons.si_out_months
        insured = persons.si == Insurance.COMPULSORY
        opening = np.flatnonzero(insured & (months_out == NO_RECORD))
        persons.si_lump_sum[opening] = model.month < model.policy.lump_sum_closed_from
        # (in place and without masks: this runs over every person each month)
        months_out += months_out != NO_RECORD  # a month more for every record
        months_out *= ~insured  # zero while paid into; new records open at zero
        rows = self._may_withdraw(model)
        chance = self.withdrawal * model.policy.withdrawal_multiplier
        withdrawing = rows[model.uniform("si_withdrawal", rows) < chance]
        months_out[withdrawing] = NO_RECORD
        persons.si_lump_sum[withdrawing] = False
        persons.pension_track[withdrawing] = False
        model.count("si_withdrawals", len(withdrawing))

    def _eligible(self, model):
        """Employed persons of working age without insurance (who may join voluntary
        insurance), and the labour force of working age."""
        persons = model.persons
        limits = retirement_age_months(model.data, year_of(model.month))
        working = working_age(persons.age_m, persons.female, limits)
        employed = persons.status == Status.EMPLOYED
        labour_force = (employed | (persons.status == Status.UNEMPLOYED)) & working
        return employed & working & (persons.si == Insurance.NONE), labour_force

    def step(self, model) -> None:
        persons, parameters = model.persons, model.params
        policy = model.policy
        gain = self.compliance.gain(model)
        if calendar_month(model.month) == 1 or gain != self.gain:
            self.compliance.update(model)
            self.gain = gain
        if policy.enforcement_rate > 0:
            # formal jobs of working age without compulsory insurance (past the statutory
            # age a worker draws a pension and is no longer insured)
            limits = retirement_age_months(model.data, year_of(model.month))
            missing = np.flatnonzero(
                (persons.status == Status.EMPLOYED)
                & persons.formal
                & (persons.si != Insurance.COMPULSORY)
                & working_age(persons.age_m, persons.female, limits)
            )
            caught = missing[model.uniform("si_enforcement", missing) < policy.enforcement_rate]
            jobs.insure(model, caught, "si_enforcement_ui")
            model.count("si_enforced", len(caught))

        voluntary = np.flatnonzero(persons.si == Insurance.VOLUNTARY)
        lapsed = voluntary[model.uniform("voluntary_lapse", voluntary) < self.lapse]
        persons.si[lapsed] = Insurance.NONE
        eligible, _ = self._eligible(model)
        rows = np.flatnonzero(eligible)
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
