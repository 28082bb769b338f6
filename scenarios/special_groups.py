"""Special groups: returnees from contract work abroad placed in FDI firms; rural youth and
poor households given priority placement.

Causal path: matching (before the general matching of the month).  A share of returnees
is networked into the open posts of FDI firms of their district; rural young jobseekers get
priority placement in the open posts of enterprises of their district through employment
service centres, with a hiring subsidy.  Plan III.4.1, III.4.2.  Youth after military
service are not a distinct group in the model; they are among the rural young jobseekers.

The lever creates no jobs: a placement fills a post the enterprise had open, which this
month's matching would otherwise have offered to other jobseekers, and where the district
has no open post the placement is not made (:mod:`simulation.placement`).  Its net effect
on employment, its deadweight and the displacement of other hires are measured, not
assumed (``python -m analysis.additionality``).  The one-off hiring subsidy is booked as a
cost; it does not change the firms' labour demand (a few million VND against a job's
yearly labour cost).
"""

from __future__ import annotations

import numpy as np

from scenarios.lever import Lever, Setting
from simulation import jobs
from simulation.calendar import MONTHS_PER_YEAR
from simulation.firms import Ownership
from simulation.mechanisms.demography import stochastic_round
from simulation.placement import open_posts, place_in_open_posts
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
        back = returnees[persons.status[returnees] == Status.UNEMPLOYED.value]
        back = back[rng.random(len(back)) < self.settings["returnee_placement"]]
        chosen = len(back)
        fdi_posts = open_posts(firms, firms.ownership == Ownership.FDI.value)
        who, firm = place_in_open_posts(
            back, persons.district[back], fdi_posts, firms.district, rng
        )
        self._place(model, who, firm)
        placed += len(who)
        placements = stochastic_round(
            self.settings["youth_placements_per_year"] / MONTHS_PER_YEAR / model.scale, rng
        )
        age = persons.age_m // MONTHS_PER_YEAR
        youth = np.flatnonzero(
            (persons.status == Status.UNEMPLOYED.value)
            & ~persons.urban
            & (age >= YOUTH_FROM_AGE)
            & (age < YOUTH_UNDER_AGE)
        )
        if placements and len(youth):
            candidates = rng.choice(youth, size=min(placements, len(youth)), replace=False)
            chosen += len(candidates)
            # posts of enterprises (FDI and domestic), after the returnees took theirs
            posts = open_posts(firms, firms.ownership <= Ownership.DOMESTIC.value)
            who, firm = place_in_open_posts(
                candidates, persons.district[candidates], posts, firms.district, rng
            )
            self._place(model, who, firm)
            placed += len(who)
        model.count("hires", placed)
        model.count("special_placements", placed)
        model.count("special_placements_not_made", chosen - placed)
        self._placed = placed

    def _place(self, model, rows, firms) -> None:
        """Hire the placed ``rows`` at ``firms`` and record them as the lever's beneficiaries."""
        jobs.hire(model, rows, firms)
        model.record_helped(self.name, rows)

    def monthly_cost(self, model) -> float:
        return (
            getattr(self, "_placed", 0) * model.scale * self.settings["subsidy_million_vnd"] / 1000
        )
