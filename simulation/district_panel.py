"""A panel of the province's districts, month by month: the local labour market behind the
wage curve (how pay varies with local unemployment; see analysis/stylised_facts.py).

For each district of residence: the working-age labour force and its unemployment rate,
the wage employees of enterprises earn (mean monthly pay at their usual hours, so that
short time does not read as a lower wage), and what household-business workers earn (their
mean monthly income at their usual hours: their share of the district's household revenue,
which falls as more people crowd in).  Usual hours include the short and part-time weeks
of the jobs that have them (simulation/usual_hours.py); the column ``full_time_pay`` keeps
its name.
"""

from __future__ import annotations

import numpy as np

from simulation.firms import IS_ENTERPRISE, Ownership
from simulation.indicators import State
from simulation.population import Status
from simulation.wages import pay_at_usual_hours

NO_VALUE = float("nan")  # a district without labour force or employees this month


def measure_districts(state: State, names: tuple[str, ...]) -> list[dict[str, object]]:
    """One row per district: ``district``, ``labour_force`` and ``unemployment`` (working
    age), ``employees`` (of enterprises) and ``full_time_pay`` (their mean monthly pay at their
    usual hours, million VND), and ``household_pay`` (the mean monthly income of
    household-business workers at their usual hours, million VND)."""
    persons = state.persons
    count = len(names)
    district = persons.district
    # (rows rather than masks: indexing with a scattered mask is slow)
    labour_force = np.flatnonzero(state.working_age_labour_force)
    force = np.bincount(district[labour_force], minlength=count)
    jobseekers = labour_force[persons.status[labour_force] == Status.UNEMPLOYED.value]
    unemployed = np.bincount(district[jobseekers], minlength=count)
    # employees of enterprises in the province (what the indicators computed already)
    employed = state.employed_rows
    # by ownership, one lookup: ownership -1 (an employer in another province) reads the
    # appended False (read with numpy's index type: a narrower index takes a slower path)
    enterprise = np.append(IS_ENTERPRISE, False)[state.employer_ownership.astype(np.intp)]
    rows = employed[np.flatnonzero(enterprise)]
    rows = rows[persons.hours[rows] > 0]
    pay = pay_at_usual_hours(persons, rows)
    where = district[rows]
    employees = np.bincount(where, minlength=count)
    total_pay = np.bincount(where, weights=pay, minlength=count)
    household = employed[np.flatnonzero(state.employer_ownership == Ownership.HOUSEHOLD.value)]
    household = household[persons.hours[household] > 0]
    household_districts = district[household]
    household_workers = np.bincount(household_districts, minlength=count)
    household_income = np.bincount(
        household_districts, weights=pay_at_usual_hours(persons, household), minlength=count
    )
    return [
        {
            "district": name,
            "labour_force": int(force[index]) * state.scale,
            "unemployment": unemployed[index] / force[index] if force[index] else NO_VALUE,
            "employees": int(employees[index]) * state.scale,
            "full_time_pay": total_pay[index] / employees[index] if employees[index] else NO_VALUE,
            "household_pay": household_income[index] / household_workers[index]
            if household_workers[index]
            else NO_VALUE,
        }
        for index, name in enumerate(names)
    ]
