"""Whether a worker or jobseeker takes a course: its returns against its costs.

A course raises the person's skill, and so their pay, by ``gain`` (a share) from when it
ends for as long as they work; the gain is worth its present value, discounted at the
person's rate of time preference plus the rate at which trained skills go out of date,
over the months of working life they have left (to the statutory retirement age).  Its
costs are the pay given up while on the course (an employed person's course takes
``course_work_share`` of their working time; a jobseeker gives up no pay) and the effort,
travel and fees not paid by the state (``training_effort_cost_months``).  Everything is in
months of the person's own pay, so the choice does not depend on the pay level.

People differ in tastes the model does not see: a person takes the course with the
logistic chance of its net value over ``training_choice_scale`` (months of pay).  So the
young, with a working life ahead of them, take courses more often than the old, and a
course that pays more is taken more often.  The parameters are in ``parameters.csv``.
"""

from __future__ import annotations

import numpy as np

from simulation.calendar import MONTHS_PER_YEAR, year_of
from simulation.labour_law import retirement_age_months
from simulation.population import Status


def present_value_months(months: np.ndarray, yearly_rate: float) -> np.ndarray:
    """Present value of one unit a month for ``months`` months at ``yearly_rate``."""
    months = np.maximum(np.asarray(months, dtype=float), 0.0)
    if yearly_rate <= 0:
        return months
    monthly = (1 + yearly_rate) ** (1 / MONTHS_PER_YEAR) - 1
    return (1 - (1 + monthly) ** -months) / monthly


def working_months_left(model, rows: np.ndarray) -> np.ndarray:
    """Months from now to the statutory retirement age, per person (0 past it)."""
    persons = model.persons
    limits = np.array(retirement_age_months(model.data, year_of(model.month)))
    return np.maximum(limits[persons.female[rows].view(np.uint8)] - persons.age_m[rows], 0)


def take_up_chance(model, rows: np.ndarray, gain: float, course_months: float) -> np.ndarray:
    """The chance that each of ``rows`` takes a course of ``course_months`` that raises
    their skill by ``gain``."""
    parameters = model.params
    value = gain * present_value_months(
        working_months_left(model, rows),
        parameters["training_discount_rate"] + parameters["training_gain_depreciation"],
    )
    employed = model.persons.status[rows] == Status.EMPLOYED
    cost = (
        np.where(employed, course_months * parameters["course_work_share"], 0.0)
        + parameters["training_effort_cost_months"]
    )
    return 1.0 / (1.0 + np.exp(-(value - cost) / parameters["training_choice_scale"]))
