"""Output, hours, productivity and wages.

- Productivity (value added per unit of labour) grows each month at its sector's yearly
  rate of technical progress; this and the move of workers from farms and household
  businesses into more productive firms make social labour productivity grow.
- Farms and household businesses share the work they have among their members: when a
  farm needs fewer hands than it has (mechanisation), everyone works fewer hours, and
  those wanting more are underemployed.  Wage workers work their usual hours.
- Value added is productivity times labour (skill x hours); GRDP adds taxes on products.
- Pay is recomputed every month (see :mod:`simulation.wages`), with the minimum wage of
  the month.
"""

from __future__ import annotations

import numpy as np

from simulation.calendar import MONTHS_PER_YEAR
from simulation.firms import Ownership
from simulation.labour_law import minimum_wage_table
from simulation.population import OUTSIDE_EMPLOYER, Status
from simulation.wages import labour_units, set_outside_wages, set_wages


def technical_progress(parameters) -> np.ndarray:
    """Yearly growth of value added per unit of labour, by sector."""
    return parameters["tfp_growth"] * np.array(
        [
            parameters["tfp_relative_agriculture"],
            parameters["tfp_relative_industry"],
            parameters["tfp_relative_services"],
        ]
    )


class Production:
    """Technical progress, hours of self-employed work, value added and pay."""

    def __init__(self, model):
        self.tfp = technical_progress(model.params)

    def step(self, model) -> None:
        persons, firms = model.persons, model.firms
        monthly = (1 + self.tfp) ** (1 / MONTHS_PER_YEAR)
        firms.productivity *= monthly[firms.sector].astype(np.float32)
        model.sector_level = model.sector_level * monthly

        workers = np.flatnonzero((persons.status == Status.EMPLOYED) & (persons.employer >= 0))
        employer = persons.employer[workers]
        flexible = (firms.ownership[employer] == Ownership.FARM) | (
            firms.ownership[employer] == Ownership.HOUSEHOLD
        )
        # farms and household businesses share out the work they have (at most full work)
        work_per_member = np.minimum(1.0, firms.demand / np.maximum(firms.size, 1))
        hours = np.where(
            flexible,
            persons.usual_hours[workers] * work_per_member[employer],
            persons.usual_hours[workers],
        )
        persons.hours[workers] = np.rint(hours).astype(np.int8)

        units = labour_units(persons, workers)
        model.value_added = float(np.dot(firms.productivity[employer].astype(np.float64), units))

        floor = minimum_wage_table(model.data, model.month) * model.policy.minimum_wage_multiplier
        set_wages(model.data, persons, firms, workers, floor)
        commuters = np.flatnonzero(
            (persons.status == Status.EMPLOYED) & (persons.employer == OUTSIDE_EMPLOYER)
        )
        persons.hours[commuters] = persons.usual_hours[commuters]
        set_outside_wages(model.data, persons, firms, commuters, float(floor.max()))
