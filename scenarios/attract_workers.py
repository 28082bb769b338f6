"""Attracting and keeping workers: housing and wage support for workers from other provinces.

Causal path: migration.  More young adults move into the province (as jobseekers, near
the industrial zones) and fewer leave; they fill vacancies, above all in industrial zones.
Plan III.4.1, V.4 (social housing for workers).
"""

from __future__ import annotations

from scenarios.lever import Lever, Setting


class AttractWorkers(Lever):
    name = "attract_workers"
    summary = "more in-migration, less out-migration of working-age people"
    causal_path = "migration: in- and out-migration -> labour supply -> matching"
    SETTINGS = {
        "in_migration_increase": Setting(
            default=0.3,
            unit="share",
            kind="multiplier",
            description="relative rise of in-migration",
            source="assumption",
            most=10,
        ),
        "out_migration_decrease": Setting(
            default=0.1,
            unit="share",
            kind="share",
            description="relative fall of out-migration",
            source="assumption",
        ),
        "support_million_vnd_per_migrant": Setting(
            default=5.0,
            unit="million VND",
            kind="money",
            description="housing and relocation support per extra in-migrant",
            source="assumption: a year of rent support in social housing",
            most=1000,
        ),
    }

    def act(self, model) -> None:
        model.policy.in_migration_multiplier = 1 + self.settings["in_migration_increase"]
        model.policy.out_migration_multiplier = 1 - self.settings["out_migration_decrease"]

    def switch_off(self, model) -> None:
        model.policy.in_migration_multiplier = 1.0
        model.policy.out_migration_multiplier = 1.0

    def monthly_cost(self, model) -> float:
        arrivals = model.flows.get("in_migrants", 0.0) * model.scale
        extra = (
            arrivals
            * self.settings["in_migration_increase"]
            / (1 + self.settings["in_migration_increase"])
        )
        return extra * self.settings["support_million_vnd_per_migrant"] / 1000
