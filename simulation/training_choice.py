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
course that pays more is taken more often.

Enterprises decide on in-firm training the same way (:func:`firm_training_chance`): a
trained worker's extra output, less the part paid to them as wages (the labour share),
for as long as the worker is expected to stay (the ownership's monthly quit rate), against
the cost of the course to the firm less the state's co-funding (the training lever).  So
firms whose workers leave sooner, or which keep less of their output, train less.  They
weigh paying for a worker's part-time certificate course the same way
(:func:`firm_course_chance`: the certificate's pay premium, against the working time the
course takes and its fees).  The
parameters are in ``parameters.csv``.
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
    monthly = monthly_rate(yearly_rate)
    return (1 - (1 + monthly) ** -months) / monthly


def working_months_left(model, rows: np.ndarray) -> np.ndarray:
    """Months from now to the statutory retirement age, per person (0 past it)."""
    persons = model.persons
    limits = np.array(retirement_age_months(model.data, year_of(model.month)))
    return np.maximum(limits[persons.female[rows].view(np.uint8)] - persons.age_m[rows], 0)


def take_up_chance(
    model, rows: np.ndarray, gain: float | np.ndarray, course_months: float | np.ndarray
) -> np.ndarray:
    """The chance that each of ``rows`` takes a course of ``course_months`` that raises
    their skill by ``gain``."""
    parameters = model.params
    value = gain * present_value_months(
        working_months_left(model, rows),
        parameters["training_discount_rate"] + parameters["training_gain_depreciation"],
    )
    employed = model.persons.status[rows] == Status.EMPLOYED.value
    cost = course_cost_months(parameters, course_months, employed)
    return 1.0 / (1.0 + np.exp(-(value - cost) / parameters["training_choice_scale"]))


def course_cost_months(
    parameters, course_months: float | np.ndarray, employed: bool | np.ndarray
) -> np.ndarray:
    """What a course costs, in months of the person's pay: the working time an employed
    person gives up to it (a jobseeker gives up none), and the effort and fees."""
    return (
        np.where(employed, course_months * parameters["course_work_share"], 0.0)
        + parameters["training_effort_cost_months"]
    )


def monthly_rate(yearly_rate: float) -> float:
    return (1 + yearly_rate) ** (1 / MONTHS_PER_YEAR) - 1


def firm_training_chance(
    parameters, labour_share: np.ndarray, quit_rate: np.ndarray, support: float
) -> np.ndarray:
    """The chance that an enterprise trains a worker when a short in-firm course is on
    offer (:func:`firm_course_chance` with the course's skill gain and cost)."""
    return firm_course_chance(
        parameters,
        parameters["retraining_skill_gain"],
        parameters["in_firm_training_cost_months"],
        labour_share,
        quit_rate,
        support,
    )


def firm_course_chance(
    parameters,
    gain: float | np.ndarray,
    cost_months: float | np.ndarray,
    labour_share: np.ndarray,
    quit_rate: np.ndarray,
    support: float,
) -> np.ndarray:
    """The chance that an enterprise pays for a course that raises a worker's pay by
    ``gain`` and costs ``cost_months`` of the worker's pay, by the firm's labour share and
    its workers' monthly quit rate, with ``support`` the share of the cost the state pays.
    Value and cost are in months of the worker's pay: the firm keeps (1 - labour share) /
    labour share of a pay gain as profit, for an expected 1 / (quit + discount +
    obsolescence) months."""
    keep = (1 - labour_share) / labour_share
    rate = monthly_rate(parameters["training_discount_rate"]) + monthly_rate(
        parameters["training_gain_depreciation"]
    )
    value = gain * keep / (quit_rate + rate)
    cost = cost_months * (1 - support)
    return 1.0 / (1.0 + np.exp(-(value - cost) / parameters["training_choice_scale"]))
