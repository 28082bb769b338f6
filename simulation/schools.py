"""Training schools: vocational colleges, intermediate schools, centres and universities.

There are only tens of them, so each is an ordinary Mesa agent.  A school has an intake
capacity a year (in agents, i.e. persons / scale) and counts its intake and graduates;
its students are the persons whose ``school`` column points at it.
"""

from __future__ import annotations

import mesa

from simulation.data import School


class TrainingSchool(mesa.Agent):
    """One school of ``schools.csv``."""

    def __init__(self, model: mesa.Model, spec: School, district_index: int, scale: int):
        super().__init__(model)
        self.spec = spec
        self.index = -1  # position in the model's school list, set by the model
        self.name = spec.name
        self.type = spec.type
        self.levels = spec.levels
        self.district_index = district_index  # -1: outside the province
        self.base_capacity = spec.intake_capacity / scale
        self.intake_capacity = self.base_capacity  # a year, in agents; levers may raise it
        self.intake_this_year = 0
        self.graduates_this_year = 0

    def new_year(self) -> None:
        self.intake_this_year = 0
        self.graduates_this_year = 0

    def seats_left(self) -> int:
        return max(0, int(round(self.intake_capacity)) - self.intake_this_year)

    def __repr__(self) -> str:
        return f"TrainingSchool({self.spec.id}, {self.type}, capacity={self.intake_capacity:.0f})"
