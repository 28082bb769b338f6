"""Firms' choice of compliance with compulsory social insurance.

Per formal job a firm weighs, in units of the job's employer contributions on its base
(:func:`simulation.wages.contribution_base`, never below the regional minimum wage), the
cost of enrolling it (the contributions, 1) against the expected cost of evading: the
yearly chance of an inspection times what an inspection makes it pay, the contributions
owed back with late interest and a fine on them (Decree 12/2022/NĐ-CP, Art. 39).  So
evading saves

    gain = 1 - inspection_rate * (1 + late_interest + fine_rate)

of the contributions a year.  Against that saving stands a non-pecuniary cost of evading
(reputation, workers' demands, buyers' codes of conduct), also in units of the
contributions: lognormal, with a lasting per-firm part (a draw fixed by the firm's id, sd
``si_evasion_cost_firm_sd``) and a part that differs between the firm's jobs (sd
``si_evasion_cost_job_sd``).  A job is enrolled when its non-pecuniary cost exceeds the
gain, so a firm's compliance (the chance that a formal job is enrolled) is

    Φ((location[ownership] + firm_sd * z_firm - log(gain)) / job_sd).

The non-pecuniary cost has parts that grow with the contributions (what workers give up,
and may ask back, is tied to the contribution base) and parts that grow with the job
itself (a buyer's code or a dispute is about the job, whatever its base).  A share
``si_evasion_cost_pay_weight`` of the cost is counted in units of the job's pay, the rest in
units of its contributions, so the comparison keeps a firm's *bite*: its formal jobs'
contribution base over their pay (:func:`bite`).  Where the base is the regional minimum
(most domestic jobs declare far less than pay, ``si_declared_pay_share``), a minimum-wage
rise raises the bite and evading saves more per unit of the job: compliance falls at firms
paid between the floor and the floor over the declared share (a job paid at the floor has a
bite of one, and its pay rises with the minimum), and not at firms whose declared pay is
above the new minimum; pay that outgrows the minimum lowers the bite again.  The location
term of a firm is therefore

    location[ownership] + firm_sd * z_firm - log(gain) - weight * log(bite).

The location per ownership is fitted at the start so that, at the base year's inspection
rate, fine and bites, the formal-job-weighted mean compliance of each ownership is the
data's (insurance.csv): that fits a level, and leaves the base year as it was; the response
to inspections, fines and the minimum wage then comes from the choice.  A household
business registered as an enterprise chooses as a domestic enterprise
(:func:`simulation.firms.compliance_groups`).
Ownerships whose data share is 0 or 1 (state units: 1) keep it.  A firm's choice applies
to its existing formal jobs as well as to new hires, and inspections enrol the jobs an
inspected firm evades (:class:`simulation.mechanisms.insurance.SocialInsurance`).  The
fine's cap (75 million VND a violation) is not modelled.
"""

from __future__ import annotations

import numpy as np
from scipy.special import ndtr, ndtri

from simulation.firms import OWNERSHIPS, Ownership, compliance_groups
from simulation.population import Status
from simulation.wages import contribution_base, minimum_wages_in_force

# bisection steps to fit a location: the bracket (of a few units) halves each step, to far
# below the precision of a double
_FIT_STEPS = 60
# a firm's lasting draw of its non-pecuniary cost of evading (Model.firm_trait_normal)
EVASION_COST = "si_evasion_cost"
# a bite where no formal job is paid: its log is 0, so only the gain counts
NO_BITE = 1.0


def evasion_gain(inspection_rate: float, fine_rate: float, late_interest: float) -> float:
    """What evading a job's contributions saves a year, per unit of the contributions: all
    of them, less the expected back payment with interest and fine (at least nothing)."""
    return max(0.0, 1.0 - inspection_rate * (1.0 + late_interest + fine_rate))


def bite(
    employer: np.ndarray,
    base: np.ndarray,
    pay: np.ndarray,
    groups: np.ndarray,
    group_count: int,
) -> tuple[np.ndarray, np.ndarray]:
    """Per firm (``groups``: each firm's compliance group), the contribution base of its
    formal jobs over their pay, from the jobs' ``employer`` rows, ``base`` and ``pay``, and
    the same ratio per group; a firm without paid formal jobs takes its group's
    (``NO_BITE`` where the group has none: then only the gain counts)."""
    firm_count = len(groups)
    firm_base = np.bincount(employer, base, minlength=firm_count)
    firm_pay = np.bincount(employer, pay, minlength=firm_count)
    group_base = np.bincount(groups, firm_base, minlength=group_count)
    group_pay = np.bincount(groups, firm_pay, minlength=group_count)
    pooled = np.divide(
        group_base, group_pay, out=np.full(group_count, NO_BITE), where=group_pay > 0
    )
    return np.divide(firm_base, firm_pay, out=pooled[groups], where=firm_pay > 0), pooled


def choose(
    location: np.ndarray,
    draws: np.ndarray,
    gain: float,
    firm_sd: float,
    job_sd: float,
    shift: np.ndarray | float = 0.0,
) -> np.ndarray:
    """Compliance of firms with ownership locations ``location`` and lasting standard
    normal ``draws``, at an evasion ``gain``; ``shift`` is each firm's weight times the log
    of its :func:`bite` (see the module)."""
    if gain <= 0.0:
        return np.ones(len(location))  # evading saves nothing: every job is enrolled
    return ndtr((location + firm_sd * draws - shift - np.log(gain)) / job_sd)


def fit_locations(
    groups: np.ndarray,
    weights: np.ndarray,
    draws: np.ndarray,
    targets: np.ndarray,
    gain: float,
    firm_sd: float,
    job_sd: float,
    shift: np.ndarray | float = 0.0,
) -> np.ndarray:
    """Per group, the location at which the ``weights``-weighted mean of :func:`choose` over
    its firms is ``targets[group]`` (all groups at once, by bisection; a group without
    weight counts its firms equally).  The root lies between the locations at which the
    firm with the highest draw less shift, and the one with the lowest, would comply
    exactly at the target; groups whose target is 0 or 1 do not choose and get a location
    of 0."""
    n = len(targets)
    total = np.bincount(groups, weights, minlength=n)
    weights = np.where(total[groups] > 0, weights, 1.0)
    total = np.bincount(groups, weights, minlength=n)
    interior = (targets > 0.0) & (targets < 1.0)
    at_target = np.zeros(n)
    at_target[interior] = np.log(gain) + job_sd * ndtri(targets[interior]) if gain > 0.0 else 0.0
    offsets = firm_sd * draws - shift
    spread = np.array([np.min(offsets, initial=0.0), np.max(offsets, initial=0.0)])
    low, high = at_target - spread[1], at_target - spread[0]
    low[~interior], high[~interior] = 0.0, 0.0
    for _ in range(_FIT_STEPS):
        middle = (low + high) / 2
        share = np.bincount(
            groups,
            weights * choose(middle[groups], draws, gain, firm_sd, job_sd, shift),
            minlength=n,
        ) / np.maximum(total, 1.0)
        too_low = share < targets
        low = np.where(too_low, middle, low)
        high = np.where(too_low, high, middle)
    return (low + high) / 2


class Compliance:
    """Each firm's compliance, chosen at the start of every year and whenever the
    inspection rate, the fine (``model.policy``: the base year's unless a lever changes
    them) or the minimum wage changes."""

    def __init__(self, model):
        params, firms = model.params, model.firms
        self.firm_sd = params["si_evasion_cost_firm_sd"]
        self.job_sd = params["si_evasion_cost_job_sd"]
        self.pay_weight = params["si_evasion_cost_pay_weight"]
        self.late_interest = params["si_late_interest_rate"]
        shares = model.data.figures.table("si_compliance")
        self.targets = np.array([shares.get(name, 0.0) for name in OWNERSHIPS])
        # ownerships with an interior share choose; the others keep the data's
        self.choosing = (self.targets > 0.0) & (self.targets < 1.0)
        gain = self.gain(model)
        groups = compliance_groups(firms)
        weights = firms.size * firms.formal_share.astype(np.float64)
        self.location = fit_locations(
            groups,
            weights,
            model.firm_trait_normal(EVASION_COST, np.arange(len(firms))),
            self.targets,
            gain,
            self.firm_sd,
            self.job_sd,
            self.shifts(model, groups),
        )
        self.update(model)

    def shifts(self, model, groups: np.ndarray) -> np.ndarray:
        """Each firm's weight times the log of its :func:`bite` this month (``groups``: the
        firms' compliance groups)."""
        persons, firms, params = model.persons, model.firms, model.params
        formal_jobs = np.flatnonzero(
            (persons.status == Status.EMPLOYED.value)
            & persons.formal
            & (persons.employer >= 0)
            & (persons.wage > 0)
        )
        base = contribution_base(
            persons,
            firms,
            formal_jobs,
            minimum_wages_in_force(model),
            params["si_declared_pay_share"],
        )
        employer = persons.employer[formal_jobs]
        bites, _ = bite(employer, base, persons.wage[formal_jobs], groups, len(OWNERSHIPS))
        return self.pay_weight * np.log(bites)

    @staticmethod
    def inspection_rate(model) -> float:
        """The yearly chance that an enterprise is inspected (the data's, times the
        social-insurance lever's multiplier)."""
        return model.params["si_inspection_rate"] * model.policy.inspection_multiplier

    def gain(self, model) -> float:
        params, policy = model.params, model.policy
        fine = params["si_fine_rate"] if policy.si_fine_rate is None else policy.si_fine_rate
        return evasion_gain(self.inspection_rate(model), fine, self.late_interest)

    def choosing_firms(self, model) -> np.ndarray:
        """Rows of the firms whose ownership chooses its compliance."""
        return np.flatnonzero(self.choosing[compliance_groups(model.firms)])

    def update(self, model) -> tuple[np.ndarray, np.ndarray]:
        """Set the compliance of every firm of a choosing ownership (a household business
        registered as an enterprise chooses as a domestic enterprise); returns their rows
        and their compliance before."""
        groups = compliance_groups(model.firms)
        rows = np.flatnonzero(self.choosing[groups])
        before = model.firms.si_compliance[rows].copy()
        model.firms.si_compliance[rows] = choose(
            self.location[groups[rows]],
            model.firm_trait_normal(EVASION_COST, rows),
            self.gain(model),
            self.firm_sd,
            self.job_sd,
            self.shifts(model, groups)[rows],
        )
        return rows, before

    def as_domestic(self, model, rows: np.ndarray, bites: np.ndarray) -> np.ndarray:
        """The compliance the firms at ``rows`` would choose as domestic enterprises, at
        their ``bites`` (their jobs' contribution base over pay as formal jobs; the data's
        share if domestic enterprises do not choose)."""
        if not self.choosing[Ownership.DOMESTIC]:
            return np.full(len(rows), self.targets[Ownership.DOMESTIC])
        return choose(
            np.full(len(rows), self.location[Ownership.DOMESTIC]),
            model.firm_trait_normal(EVASION_COST, rows),
            self.gain(model),
            self.firm_sd,
            self.job_sd,
            self.pay_weight * np.log(bites),
        )


__all__ = ["Compliance", "bite", "choose", "evasion_gain", "fit_locations"]
