"""Special groups: returnees from contract work abroad placed in FDI firms; rural youth and
poor households given priority placement.

Causal path: matching (before the general matching of the month).  A share of returnees
is networked straight into FDI firms (which take them on); rural young jobseekers get
priority placement in enterprises through employment service centres, with a hiring
subsidy.  Plan III.4.1, III.4.2.  Youth after military service are not a distinct group in
the model; they are among the rural young jobseekers.
"""

from __future__ import annotations

import numpy as np

from scenarios.lever import Lever, Setting
from simulation import jobs
from simulation.firms import Ownership
from simulation.mechanisms.demography import stochastic_round
from simulation.population import Status

# The rural youth the lever places (its target group, as its description says): adults
# (18 and over, Civil Code 2015, art. 20) under 30, within the youth of the Law on Youth
# 2020 (16 to 30).  Ages in completed years.
YOUTH_FROM_AGE = 18
YOUTH_UNDER_AGE = 30


class SpecialGroups(Lever):
    name = "special_groups"
    summary = "returnees into FDI firms, priority placement of rural youth"
    causal_path = "matching: direct placements -> employment of target groups"
    SETTINGS = {
        "returnee_placement": Setting(
            default=0.4,
            unit="share",
            kind="share",
            description="share of returning contract workers placed in FDI firms",
            source="assumption (plan: network returnees into FDI firms)",
        ),
        "youth_placements_per_year": Setting(
            default=3000.0,
            unit="persons a year",
            kind="count",
            description="rural jobseekers 18-29 placed in enterprises a year",
            source="assumption",
            most=200_000,
        ),
        "subsidy_million_vnd": Setting(
            default=5.0,
            unit="million VND per placement",
            kind="money",
            description="hiring and training support per placement",
            source="assumption",
            most=10_000,
        ),
    }

    def act(self, model) -> None:
        rng = model.stream("lever_special_groups")
        persons, firms = model.persons, model.firms
        placed = 0
        # returnees of last month (kept by person id) still here and looking for work
        returnees = persons.rows_of(model.returnees)
        back = returnees[persons.status[returnees] == Status.UNEMPLOYED]
        back = back[rng.random(len(back)) < self.settings["returnee_placement"]]
        fdi = np.flatnonzero(firms.active & (firms.ownership == Ownership.FDI) & (firms.size > 0))
        if len(back) and len(fdi):
            firm = rng.choice(fdi, size=len(back), p=firms.size[fdi] / firms.size[fdi].sum())
            np.add.at(firms.capacity, firm, 1.0)
            jobs.hire(model, back, firm)
            placed += len(back)
        placements = stochastic_round(
            self.settings["youth_placements_per_year"] / 12 / model.scale, rng
        )
        age = persons.age_m // 12
        youth = np.flatnonzero(
            (persons.status == Status.UNEMPLOYED)
            & ~persons.urban
            & (age >= YOUTH_FROM_AGE)
            & (age < YOUTH_UNDER_AGE)
        )
        enterprises = np.flatnonzero(
            firms.active & (firms.ownership <= Ownership.DOMESTIC) & (firms.size > 0)
        )
        if placements and len(youth) and len(enterprises):
            who = rng.choice(youth, size=min(placements, len(youth)), replace=False)
            firm = rng.choice(
                enterprises,
                size=len(who),
                p=firms.size[enterprises] / firms.size[enterprises].sum(),
            )
            np.add.at(firms.capacity, firm, 1.0)
            jobs.hire(model, who, firm)
            placed += len(who)
        model.count("hires", placed)
        model.count("special_placements", placed)
        self._placed = placed

    def monthly_cost(self, model) -> float:
        return (
            getattr(self, "_placed", 0) * model.scale * self.settings["subsidy_million_vnd"] / 1000
        )
