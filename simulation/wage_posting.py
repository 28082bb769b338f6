"""Wage posting: each enterprise's pay relative to the going rate, set from its own experience.

The going rate of a job is the ownership's labour share of the value a worker adds
(:mod:`simulation.wages`).  An enterprise (FDI, domestic, state) posts pay at its
``wage_premium`` times that rate (1 at the start and for new firms):

- it records the vacancies it left open after each month's matching (``open_vacancies``)
  and counts the months in a row it has left some open (``months_unfilled``);
- once its vacancies have stayed open ``wage_raise_after_months`` months in a row it raises
  its premium by the share ``wage_raise_step`` and counts afresh (the raise is given time
  to work before the next one);
- a firm that fills its posts holds its premium;
- a firm with more workers than it needs (on short time, or in excess for a month or more)
  may cut, but pay is rigid downwards: it cuts with the monthly chance ``wage_cut_chance``
  by the share ``wage_cut_step``.  The minimum wage still floors pay in formal jobs
  (:func:`simulation.wages.set_wages`), whatever the premium.

Farms and household businesses post no wage (their pay is a share of their revenue) and
keep a premium of 1.  Applicants weigh a vacancy by its premium and job-to-job movers count
it in the pay they expect (:mod:`simulation.mechanisms.matching`); a higher premium raises
the enterprise's labour cost and so lowers its labour demand through the wage response
(:mod:`simulation.mechanisms.labour_demand`).

When a district's minimum wage rises (the decrees of 1 July 2022 and 2024, or the
``minimum_wage`` lever), its enterprises near the floor raise their pay scales: a firm
paying on average at or below the old minimum passes the whole rise on to its premium, and
the share falls linearly to none for firms paying ``minimum_wage_spillover_reach`` times
the minimum or more (pay scales and the insurance contribution base are set against the
regional minimum in Vietnam; minimum-wage rises spill over to pay a little above it).

Everything is decided per firm (columns); the chance of a cut is one draw per firm.  The
stationary spin-up holds wage posting (premiums stay at 1, the base year's pay).
"""

from __future__ import annotations

import numpy as np

from simulation.firms import IS_ENTERPRISE, FirmTable
from simulation.population import Status
from simulation.wages import minimum_wages_in_force, pay_at_usual_hours

FULL_HOURS = 1.0  # an hours factor of 1: the firm is not on short time
AT_THE_FLOOR = 1.0  # pay equal to the minimum wage


def record_open_vacancies(firms: FirmTable, open_vacancies: np.ndarray) -> None:
    """Keep the vacancies each firm has left after matching (``open_vacancies`` has one
    entry per firm that existed when vacancies were posted); read next month."""
    firms.open_vacancies[:] = 0
    firms.open_vacancies[: len(open_vacancies)] = open_vacancies


def post_wages(
    firms: FirmTable, parameters: dict, cut_uniforms: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Each enterprise's premium this month from its vacancies left open and its excess
    of workers; ``cut_uniforms`` are one uniform draw per firm.  Returns the masks of the
    firms that raised and of those that cut."""
    posting = firms.active & IS_ENTERPRISE[firms.ownership]
    unfilled = posting & (firms.open_vacancies > 0)
    firms.months_unfilled[:] = np.where(unfilled, firms.months_unfilled + 1, 0)
    raising = unfilled & (firms.months_unfilled >= int(parameters["wage_raise_after_months"]))
    firms.wage_premium[raising] *= np.float32(1 + parameters["wage_raise_step"])
    firms.months_unfilled[raising] = 0

    excess = posting & ((firms.hours_factor < FULL_HOURS) | (firms.months_in_excess > 0))
    cutting = excess & ~raising & (cut_uniforms < parameters["wage_cut_chance"])
    firms.wage_premium[cutting] *= np.float32(1 - parameters["wage_cut_step"])
    return raising, cutting


def pass_through(pay_to_floor: np.ndarray, reach: float) -> np.ndarray:
    """Share of a minimum-wage rise an enterprise passes on to its pay scale, by its pay
    relative to the old minimum: all of it at or below the minimum, falling linearly to
    none at ``reach`` times the minimum."""
    return np.clip((reach - pay_to_floor) / (reach - AT_THE_FLOOR), 0.0, 1.0)


def follow_minimum_wage(model, rise: np.ndarray, old_floor: np.ndarray) -> np.ndarray:
    """Enterprises near the floor raise their pay scales when their district's minimum wage
    rises by ``rise`` (a share, by district): pay scales and the social-insurance
    contribution base are set against the regional minimum in Vietnam, and the rise spills
    over to pay a little above it.  Returns the mask of the firms that raised."""
    persons, firms = model.persons, model.firms
    posting = firms.active & IS_ENTERPRISE[firms.ownership] & (firms.size > 0)
    workers = np.flatnonzero(
        (persons.status == Status.EMPLOYED.value) & (persons.employer >= 0) & (persons.hours > 0)
    )
    employer = persons.employer[workers]
    pay = pay_at_usual_hours(persons, workers)
    total = np.bincount(employer, weights=pay, minlength=len(firms))
    count = np.bincount(employer, minlength=len(firms))
    mean_pay = np.divide(total, count, out=np.zeros(len(firms)), where=count > 0)
    ratio = mean_pay / old_floor[firms.district]
    share = pass_through(ratio, model.params["minimum_wage_spillover_reach"])
    raising = posting & (rise[firms.district] > 0) & (share > 0)
    factor = 1 + rise[firms.district] * share
    firms.wage_premium[raising] *= factor[raising].astype(np.float32)
    return raising


class WagePosting:
    """The monthly wage-posting decisions of enterprises (called by FirmDynamics once the
    month's vacancies and hours are known)."""

    def __init__(self, model):
        self.floor = minimum_wages_in_force(model)  # last month's, to see a rise

    def step(self, model) -> None:
        if model.spinning_up:  # the stationary spin-up keeps the base year's pay
            return
        firms = model.firms
        floor = minimum_wages_in_force(model)
        rise = floor / self.floor - 1
        if (rise > 0).any():
            following = follow_minimum_wage(model, rise, self.floor)
            model.count(
                "minimum_wage_spillovers", float(firms.represents[following].sum()) / model.scale
            )
        self.floor = floor
        raising, cutting = post_wages(firms, model.params, model.firm_uniform("wage_cut"))
        # flows are kept in agents of ``scale`` (an FDI agent is one real firm)
        model.count("wage_raises", float(firms.represents[raising].sum()) / model.scale)
        model.count("wage_cuts", float(firms.represents[cutting].sum()) / model.scale)
