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

from simulation.firms import Ownership
from simulation.labour_law import minimum_wage_table
from simulation.population import Status
from simulation.wages import labour_units, set_outside_wages, set_wages


class Production:
    """Technical progress, hours of self-employed work, value added and pay."""

    def __init__(self, model):
        par = model.params
        self.tfp = par["tfp_growth"] * np.array(
            [
                par["tfp_relative_agriculture"],
                par["tfp_relative_industry"],
                par["tfp_relative_services"],
            ]
        )

    def step(self, model) -> None:
        p, f = model.persons, model.firms
        monthly = (1 + self.tfp) ** (1 / 12)
        f.productivity *= monthly[f.sector].astype(np.float32)
        model.sector_level = model.sector_level * monthly

        workers = np.flatnonzero((p.status == Status.EMPLOYED) & (p.employer >= 0))
        employer = p.employer[workers]
        flexible = (f.ownership[employer] == Ownership.FARM) | (
            f.ownership[employer] == Ownership.HOUSEHOLD
        )
        work_per_member = np.minimum(1.0, f.demand / np.maximum(f.size, 1))
        hours = np.where(
            flexible, p.usual_hours[workers] * work_per_member[employer], p.usual_hours[workers]
        )
        p.hours[workers] = np.rint(hours).astype(np.int8)

        units = labour_units(p, workers)
        model.value_added = float(np.dot(f.productivity[employer].astype(np.float64), units))

        floor = minimum_wage_table(model.data, model.month) * model.policy.minimum_wage_multiplier
        set_wages(model.data, p, f, workers, floor)
        commuters = np.flatnonzero((p.status == Status.EMPLOYED) & (p.employer == -2))
        p.hours[commuters] = p.usual_hours[commuters]
        set_outside_wages(model.data, p, f, commuters, float(floor.max()))
