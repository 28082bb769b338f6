"""The informal margin as a choice: a jobseeker weighs searching on against informal work.

Each month a jobseeker who has looked for a wage job for ``fallback_search_months`` and
comes across an informal opening (``informal_opening_rate``: work in a household business
of their district) takes it when the income it brings now is worth more than what taking
it costs their search:

    informal income - benefit
        >= (p_search - p_informal) x horizon x (formal pay - informal income) x taste

- *Informal income* is what household-business workers of their district earn per unit of
  labour this month, for the person's skill at the usual full-time week.  Household
  businesses share their district's revenue (simulation/mechanisms/local_economy.py), so
  this income falls as more people crowd in and rises with local wages.
- *Benefit*: unemployment-insurance benefit, for those who lost an insured job, while it
  lasts (``benefit``, ``benefit_months``; see :mod:`simulation.unemployment_benefit`).
- *p_search* is the person's own chance of a wage job this month if they keep searching
  full time: their chance of applying (matching efficiency, the labour exchange's boost,
  search intensity falling with the months already searched) times the share of
  applications that became hires this month.  *p_informal* is the same chance while
  working informally (household workers search on the job, ``search_rate_household``):
  taking informal work does not end the search, it slows it.
- *Formal pay* is what enterprises pay per unit of labour this month, for the person's
  skill; *horizon* (``search_value_months``) is the months over which a better job's gain
  counts (calibrated on 2022 unemployment); *taste* is a lasting personal factor
  (lognormal, mean one, ``search_taste_sd``): how much a person values a wage job over
  informal work, beyond pay.

A jobseeker accepts a wage offer only when it pays at least their *reservation wage*
(:func:`reservation_wage`): what they ask, anchored on their last pay (nothing for those
never paid) and falling only slowly with the months of their spell
(``reservation_wage_decline``; Krueger & Mueller 2016), but never below what they can live
on while they search: their benefit while it lasts, informal income nearby, and, for those
looking for a first job, what their household's other earners bring in
(:func:`household_support`: the labour income of their district per adult resident, times
``household_support_ratio``).  First-job seekers, most of them young and living with their
parents, have no pay of their own to anchor on; the household term is what lets those of
better-off districts queue for a good job.

The monthly hazard from unemployment into informal work is an outcome (indicator
``informal_entry_rate``), not an input: it rises with the months searched (search
intensity falls), falls when household businesses crowd, and falls when a labour exchange
raises the chance of a wage job.
"""

from __future__ import annotations

import numpy as np

from simulation.firms import IS_ENTERPRISE, Ownership
from simulation.labour_law import WORKING_AGE_FROM_MONTHS, full_time_weekly_hours
from simulation.population import YOUTH_AGES_MONTHS, Status
from simulation.wages import labour_units

NO_PAY = 0.0  # pay per unit of labour where nobody is paid (no district income yet)


def pay_per_unit(model) -> tuple[float, np.ndarray]:
    """Pay per unit of labour this month: in enterprises (province-wide) and in household
    businesses (by district)."""
    persons, firms = model.persons, model.firms
    full_time = full_time_weekly_hours(model.data)
    workers = np.flatnonzero(
        (persons.status == Status.EMPLOYED.value) & (persons.employer >= 0) & (persons.hours > 0)
    )
    employer = persons.employer[workers]
    units = labour_units(persons, workers, full_time)
    ownership = firms.ownership[employer]
    # positions rather than masks: indexing with a scattered mask is slow (and the table
    # read with numpy's index type: a narrower index takes a slower path)
    enterprise = np.flatnonzero(IS_ENTERPRISE[ownership.astype(np.intp)])
    paid_units = units[enterprise].sum()
    formal = float(persons.wage[workers[enterprise]].sum() / paid_units) if paid_units else NO_PAY
    household = np.flatnonzero(ownership == Ownership.HOUSEHOLD.value)
    districts = len(model.data.districts)
    district = firms.district[employer[household]]
    income = np.bincount(district, weights=persons.wage[workers[household]], minlength=districts)
    supply = np.bincount(district, weights=units[household], minlength=districts)
    informal = np.divide(income, supply, out=np.full(districts, NO_PAY), where=supply > 0)
    return formal, informal


def apply_chance(model, months_searched: np.ndarray) -> np.ndarray:
    """Chance that a jobseeker who has searched ``months_searched`` applies this month (as
    in Matching.step)."""
    parameters = model.params
    intensity = np.exp(-parameters["search_decay"] * months_searched)
    efficiency = parameters["matching_efficiency"] * model.policy.matching_multiplier
    return np.minimum(1.0, efficiency * intensity)


def taste(model, rows: np.ndarray) -> np.ndarray:
    """Each person's lasting taste for a wage job over informal work, beyond pay (lognormal,
    mean one): drawn once, keyed by the person's id."""
    sd = model.params["search_taste_sd"]
    normal = model.trait_normal("search_taste", rows)
    return np.exp(sd * normal - sd**2 / 2)


def expected_pay(model, rows: np.ndarray, pay=None) -> tuple[np.ndarray, np.ndarray]:
    """What the persons at ``rows`` would earn this month at the usual full-time week, in an
    enterprise (the going rate) and in informal work in their district; ``pay`` is this
    month's :func:`pay_per_unit` (computed if not given)."""
    persons, parameters = model.persons, model.params
    formal_unit, informal_units = pay if pay is not None else pay_per_unit(model)
    week = parameters["hours_mean"] / full_time_weekly_hours(model.data)
    skill = persons.skill[rows] * week
    return formal_unit * skill, informal_units[persons.district[rows]] * skill


def reservation_floor(model, rows: np.ndarray, pay=None, support=None) -> np.ndarray:
    """The pay below which jobseekers at ``rows`` never take a wage job: their benefit while
    it lasts, what informal work in their district would bring them (a wage job that pays
    less than informal work nearby is refused, whatever the taste for a contract), and for
    those never paid (first-job seekers, most living with their parents)
    ``household_support_ratio`` times their district's :func:`household_support`
    (``support``, this month's; computed if not given): income that does not depend on
    taking the job, as the benefit does not."""
    persons = model.persons
    _, informal = expected_pay(model, rows, pay)
    floor = np.maximum(persons.benefit[rows], informal)
    ratio = model.params["household_support_ratio"]
    if ratio > 0:
        support = household_support(model) if support is None else support
        first_job = persons.last_wage[rows] == NO_PAY
        floor = np.where(
            first_job, np.maximum(floor, ratio * support[persons.district[rows]]), floor
        )
    return floor


def reservation_wage(model, rows: np.ndarray, pay=None, support=None) -> np.ndarray:
    """The pay jobseekers at ``rows`` say they need for a wage job: what they ask
    (:func:`asked_pay`, falling slowly with the months of their spell), and never less than
    :func:`reservation_floor`.  Offers between the floor and the asked pay are taken less
    often, not never (:func:`accepts_offers`)."""
    return np.maximum(asked_pay(model, rows), reservation_floor(model, rows, pay, support))


def accepts_offers(
    model, rows: np.ndarray, value: np.ndarray, pay=None, support=None
) -> np.ndarray:
    """Whether jobseekers at ``rows`` take offers worth ``value`` (pay plus the employer's
    insurance contributions): always at or above their reservation wage; never below its
    floor; in between, with the chance ``below_reservation_acceptance`` (one draw per
    jobseeker and month): the unemployed take offers below their stated reservation wage
    markedly less often, but they do take some (Krueger & Mueller 2016).  ``pay`` and
    ``support`` are this month's :func:`pay_per_unit` and :func:`household_support`."""
    floor = reservation_floor(model, rows, pay, support)
    asked = asked_pay(model, rows)
    willing = (
        model.uniform("below_reservation", rows) < model.params["below_reservation_acceptance"]
    )
    return (value >= floor) & ((value >= asked) | willing)


def asked_pay(model, rows: np.ndarray) -> np.ndarray:
    """The pay jobseekers at ``rows`` ask for: ``reservation_wage_start_ratio`` times their
    pay in their last job (``last_wage``), lowered by ``reservation_wage_decline`` (log
    points) for every month of their spell.  Surveys of the unemployed find reservation
    wages anchored on the last pay and falling only slowly (Krueger & Mueller 2016).  Those
    never paid have no such anchor and ask nothing beyond the floor of
    :func:`reservation_wage` (the evidence is on job losers)."""
    persons, parameters = model.persons, model.params
    anchor = persons.last_wage[rows] * parameters["reservation_wage_start_ratio"]
    months = persons.months_unemployed[rows]
    return anchor * np.exp(-parameters["reservation_wage_decline"] * months)


def household_support(model, employed: np.ndarray | None = None) -> np.ndarray:
    """By district: the monthly labour income of its employed residents per resident of
    15 or more at home, million VND: what the other earners of a jobseeker's household
    bring in, as a proxy (the synthetic population has no households).  In Vietnam young
    people of better-off households wait longer for a wage job (the ILO's school-to-work
    transition surveys), and youth unemployment is about three times the working-age rate
    (GSO, labour.csv).  ``employed``: the rows of the employed, if the caller found them
    already this month."""
    persons = model.persons
    districts = len(model.data.districts)
    if employed is None:
        employed = np.flatnonzero(persons.status == Status.EMPLOYED.value)
    income = np.bincount(
        persons.district[employed], weights=persons.wage[employed], minlength=districts
    )
    # positions rather than a mask: indexing with a scattered mask is slow
    adult = np.flatnonzero(
        (persons.age_m >= WORKING_AGE_FROM_MONTHS) & (persons.status != Status.ABROAD.value)
    )
    adults = np.bincount(persons.district[adult], minlength=districts)
    return np.divide(income, adults, out=np.zeros(districts), where=adults > 0)


def anchor_base_year_jobseekers(model) -> None:
    """The base year's adult jobseekers past youth are taken to have lost a wage job that
    paid the going rate in an enterprise for their skill: their anchor for what they ask
    (without it, the share of jobseekers with an anchor would climb from the start as job
    losers replace them, a transient of the starting state).  Young jobseekers are taken
    to look for their first job."""
    persons = model.persons
    unemployed = np.flatnonzero(persons.status == Status.UNEMPLOYED.value)
    past_youth = unemployed[persons.age_m[unemployed] >= YOUTH_AGES_MONTHS[1]]
    formal, _ = expected_pay(model, past_youth)
    persons.last_wage[past_youth] = formal


def keep_last_pay(model, rows: np.ndarray) -> None:
    """Persons at ``rows`` are leaving their jobs: keep their pay, at the mean full-time week
    (the hours at which offers are valued), as the anchor of what they will ask for."""
    persons = model.persons
    paid = rows[persons.hours[rows] > 0]
    persons.last_wage[paid] = persons.wage[paid] * model.params["hours_mean"] / persons.hours[paid]


def takes_informal_work(model, rows: np.ndarray, success: float, pay=None) -> np.ndarray:
    """Which jobseekers at ``rows`` take informal work this month (see the module's
    docstring); ``success`` is the share of this month's applications that became hires,
    ``pay`` this month's :func:`pay_per_unit` (computed if not given)."""
    persons, parameters = model.persons, model.params
    if len(rows) == 0:
        return np.zeros(0, dtype=bool)
    formal, informal = expected_pay(model, rows, pay)
    searching = apply_chance(model, persons.months_unemployed[rows]) * success
    efficiency = parameters["matching_efficiency"]
    while_informal = np.minimum(1.0, parameters["search_rate_household"] * efficiency) * success
    search_value = (
        np.maximum(0.0, searching - while_informal)
        * parameters["search_value_months"]
        * np.maximum(0.0, formal - informal)
        * taste(model, rows)
    )
    gain_now = informal - persons.benefit[rows]
    opening = model.uniform("informal_opening", rows) < parameters["informal_opening_rate"]
    return opening & (informal > NO_PAY) & (gain_now >= search_value)
