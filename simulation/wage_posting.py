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

Everything is decided per firm (columns); the chance of a cut is one draw per firm.  The
stationary spin-up holds wage posting (premiums stay at 1, the base year's pay).
"""

from __future__ import annotations

import numpy as np

from simulation.firms import IS_ENTERPRISE, FirmTable

FULL_HOURS = 1.0  # an hours factor of 1: the firm is not on short time


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


class WagePosting:
    """The monthly wage-posting decisions of enterprises (called by FirmDynamics once the
    month's vacancies and hours are known)."""

    def step(self, model) -> None:
        if model.spinning_up:  # the stationary spin-up keeps the base year's pay
            return
        firms = model.firms
        raising, cutting = post_wages(firms, model.params, model.firm_uniform("wage_cut"))
        # flows are kept in agents of ``scale`` (an FDI agent is one real firm)
        model.count("wage_raises", float(firms.represents[raising].sum()) / model.scale)
        model.count("wage_cuts", float(firms.represents[cutting].sum()) / model.scale)
