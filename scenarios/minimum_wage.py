"""Regional minimum wage: a change of the minimum wages on top of the decrees.

Causal path: production (pay) and firms (demand).  Formal jobs are paid at least the
raised minimum; firms whose workers sit at the floor want fewer workers, by the employment
elasticity times the rise, once, when the change takes effect.  Plan V.1 (review of the
regional zoning).
"""

from __future__ import annotations

import numpy as np

from scenarios.lever import Lever, Setting
from simulation.labour_law import minimum_wage_table
from simulation.population import Status

# A rounding tolerance, not a behaviour: 1 VND (wages are in million VND a month, stored as
# float32), so that a wage set exactly at the new floor counts as at the floor.
AT_FLOOR_TOLERANCE = 1e-6


class MinimumWage(Lever):
    name = "minimum_wage"
    summary = "raise (or cut) the regional minimum wages"
    causal_path = "production: wage floor -> pay; firms: labour demand of low-wage firms"
    SETTINGS = {
        "increase": Setting(
            default=0.06,
            unit="share",
            kind="real",
            description="relative change of every regional minimum",
            source="assumption: one extra step of the size of recent decrees (about 6 %)",
            least=-0.5,
            most=2,
        ),
        "employment_elasticity": Setting(
            default=0.15,
            unit="ratio",
            kind="multiplier",
            description="fall in labour demand of firms at the floor per unit rise",
            source="assumption: small elasticities (0.1-0.3) found for Vietnam",
            most=5,
        ),
    }

    def switch_on(self, model) -> None:
        model.policy.minimum_wage_multiplier = 1 + self.settings["increase"]
        persons, firms = model.persons, model.firms
        floor = minimum_wage_table(model.data, model.month)
        rows = np.flatnonzero(
            (persons.status == Status.EMPLOYED) & (persons.employer >= 0) & persons.formal
        )
        employer = persons.employer[rows]
        new_floor = floor[firms.district[employer]] * (1 + self.settings["increase"])
        at_floor = persons.wage[rows] <= new_floor + AT_FLOOR_TOLERANCE
        workers_at_floor = np.bincount(employer, weights=at_floor, minlength=len(firms))
        share = workers_at_floor / np.maximum(firms.size, 1)
        firms.capacity *= (
            1 - self.settings["employment_elasticity"] * max(0.0, self.settings["increase"]) * share
        ).astype(np.float32)

    def switch_off(self, model) -> None:
        model.policy.minimum_wage_multiplier = 1.0
