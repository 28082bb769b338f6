"""Labour, output and pay of a worker.

A worker supplies ``skill * hours / 48`` units of labour (48 hours: the Labour Code's normal
week, in the data); a firm adds ``productivity``
(million VND a month) of value per unit, times the value of its output where demand sets it
(household businesses' local demand).  Pay is the ownership's labour share of the value
the worker adds (the going rate) times the firm's posted premium (``wage_premium``, see
:mod:`simulation.wage_posting`; 1 for farms and household businesses), floored at the
regional minimum wage in formal jobs (Labour Code 2019: the minimum wage binds labour
contracts).  The minimum wage is the least pay for a month
of normal working time (Decree 38/2022, Art. 3), so a worker whose firm cut hours
(short-time work) is floored at it pro rata to the firm's hours factor.  (For days of work
stoppage the Labour Code 2019, Art. 99, guarantees the full minimum wage for the first 14
working days; the model folds stoppage into the hours cut, which mostly were cuts of
overtime and of the working week, and does not model that guarantee.)
"""

from __future__ import annotations

import numpy as np

from simulation.data import ProvinceData
from simulation.firms import FirmTable, Ownership
from simulation.labour_law import full_time_weekly_hours, minimum_wage_table
from simulation.population import CERTIFICATES, Insurance, PersonTable


def draw_skills(data: ProvinceData, people: PersonTable, rng: np.random.Generator) -> None:
    """Each person's skill (productivity multiplier): the pay premium of their certificate
    times a lognormal spread with mean one."""
    premium = data.figures.table("skill_premium")
    by_level = np.array([premium[level] for level in CERTIFICATES])
    sigma = data.param("skill_sigma")
    noise = np.exp(rng.normal(-(sigma**2) / 2, sigma, len(people)))
    people.skill[:] = by_level[people.certificate] * noise


def labour_units(people: PersonTable, rows: np.ndarray, full_time_hours: float) -> np.ndarray:
    """Effective labour of workers: skill times hours relative to the legal full-time week
    (``full_time_hours``, see :func:`simulation.labour_law.full_time_weekly_hours`)."""
    return people.skill[rows] * (people.hours[rows] / full_time_hours)


def labour_shares(data: ProvinceData) -> np.ndarray:
    share = data.figures.table("labour_share")
    return np.array([share[o.name.lower()] for o in Ownership])


def set_wages(
    data: ProvinceData,
    people: PersonTable,
    firms: FirmTable,
    rows: np.ndarray,
    minimum_wage: np.ndarray,
    price: np.ndarray | float = 1.0,
    units: np.ndarray | None = None,
    employer: np.ndarray | None = None,
) -> None:
    """Monthly labour income of ``rows`` (workers of firms in the province);
    ``minimum_wage`` is the monthly minimum of each district, ``price`` the value of a unit
    of each worker's output relative to the firm's productivity (one unless demand sets
    it), ``units`` the workers' :func:`labour_units` and ``employer`` their employers (read
    if not given).  Pay is the going rate (labour share x value added) times the firm's
    premium."""
    if employer is None:
        employer = people.employer[rows]
    if units is None:
        units = labour_units(people, rows, full_time_weekly_hours(data))
    # the firm's part of the pay per unit, computed once per firm and looked up per worker
    firm_rate = labour_shares(data)[firms.ownership] * firms.productivity * firms.wage_premium
    wage = firm_rate[employer] * price * units
    # The minimum wage is the least pay for a month of normal working time (Decree
    # 38/2022, Art. 3): on short time it applies pro rata to the hours the firm gives.
    firm_floor = minimum_wage[firms.district] * firms.hours_factor
    people.wage[rows] = np.where(people.formal[rows], np.maximum(wage, firm_floor[employer]), wage)


def contribution_base(
    people: PersonTable,
    firms: FirmTable,
    rows: np.ndarray,
    minimum_wage: np.ndarray,
    declared_share: float,
) -> np.ndarray:
    """The wage on which employer contributions of workers at ``rows`` (employees of firms
    in the province) are paid: the declared wage (``declared_share`` of pay: allowances
    and bonuses left out of the contract wage), but never less than the regional minimum
    of the firm's district (Law on Social Insurance 2014, Art. 89), pro rata to the
    firm's hours as pay is (:func:`set_wages`)."""
    employer = people.employer[rows]
    # each firm's floor, looked up per worker (one lookup rather than two; the same product)
    floor = (minimum_wage[firms.district] * firms.hours_factor)[employer]
    return declared_base(people.wage[rows], floor, declared_share)


def declared_base(pay: np.ndarray, floor: np.ndarray, declared_share: float) -> np.ndarray:
    """The contribution base of ``pay``: its declared share, never below ``floor`` (the
    regional minimum)."""
    return np.maximum(floor, declared_share * pay)


def employer_contributions(
    people: PersonTable,
    firms: FirmTable,
    rows: np.ndarray,
    minimum_wage: np.ndarray,
    rate: float,
    declared_share: float,
) -> np.ndarray:
    """Employer contributions to social, health and unemployment insurance of workers at
    ``rows`` (employees of firms in the province): ``rate`` times their contribution base
    (:func:`contribution_base`) for those enrolled in compulsory insurance, none for the
    others.  A minimum-wage rise raises them for every insured worker whose base is the
    minimum, whatever their pay."""
    insured = people.si[rows] == Insurance.COMPULSORY.value
    base = contribution_base(people, firms, rows, minimum_wage, declared_share)
    return np.where(insured, rate * base, 0.0)


def expected_job_cost(
    going: np.ndarray,
    floor: np.ndarray,
    formal_share: np.ndarray,
    insured_share: np.ndarray,
    rate: float,
    declared_share: float,
) -> np.ndarray:
    """What a job costs its employer a month, on average over its terms: pay at the going
    rate ``going``; in a formal job (chance ``formal_share``) at least the minimum wage
    ``floor``, plus, when the formal job is insured (chance ``insured_share``), the
    employer's contributions at ``rate`` on the declared share of pay, never on less than
    the minimum (:func:`contribution_base`)."""
    formal_pay = np.maximum(going, floor)
    contributions = rate * declared_base(formal_pay, floor, declared_share)
    formal_cost = formal_pay + insured_share * contributions
    return formal_share * formal_cost + (1 - formal_share) * going


def minimum_wages_in_force(model) -> np.ndarray:
    """The monthly minimum wage of each district this month: the decrees' table times the
    ``minimum_wage`` lever's multiplier."""
    return minimum_wage_table(model.data, model.month) * model.policy.minimum_wage_multiplier


def pay_at_usual_hours(people: PersonTable, rows: np.ndarray) -> np.ndarray:
    """Monthly pay of workers at ``rows`` (hours > 0) scaled to their usual hours, so that
    short time does not read as low pay."""
    return people.wage[rows] * people.usual_hours[rows] / people.hours[rows]


def outside_pay_level(data: ProvinceData, firms: FirmTable) -> float:
    """Pay per unit of labour of commuters to other provinces: the outside labour share
    of the productivity of industrial-zone firms (of all firms if there are none)."""
    share = data.figures.table("labour_share")["outside"]
    in_zones = firms.in_iz & firms.active & (firms.size > 0)
    level = (
        np.average(firms.productivity[in_zones], weights=firms.size[in_zones])
        if in_zones.any()
        else np.average(firms.productivity, weights=np.maximum(firms.size, 1))
    )
    return share * level


def set_outside_wages(
    data: ProvinceData, people: PersonTable, firms: FirmTable, rows: np.ndarray, minimum_wage: float
) -> None:
    """Commuters to other provinces earn like industrial-zone workers of their skill."""
    if len(rows) == 0:
        return
    level = outside_pay_level(data, firms)
    people.wage[rows] = np.maximum(
        minimum_wage, level * labour_units(people, rows, full_time_weekly_hours(data))
    )
