"""Training and retraining: seats for employed and unemployed workers, skills for new technology.

Causal path: schooling.  Each month the programme trains its share of the yearly seats:
every trainee is marked retrained and gains skill; those on courses of three months or
more (``certified_share``) also gain an elementary certificate.  Skill raises pay,
productivity and the chance of being hired.  Plan III.1.2, III.3.2, III.4.2 (Decision
1446 on skills for the fourth industrial revolution; rural vocational training).
"""

from __future__ import annotations

import numpy as np

from scenarios.lever import Lever, Setting
from simulation.mechanisms.demography import stochastic_round
from simulation.population import Certificate, Status


class TrainingRetraining(Lever):
    name = "training_retraining"
    summary = "retraining seats a year for workers and jobseekers"
    causal_path = "schooling: retraining -> skill and certificates -> pay, hiring"
    SETTINGS = {
        "seats_per_year": Setting(
            60_000.0,
            "persons a year",
            "count",
            "workers and jobseekers trained a year",
            "plan: retraining for about 25 % of the labour force by 2025 (assumed size)",
        ),
        "unemployed_share": Setting(
            0.2, "share", "share", "share of seats for jobseekers", "assumption"
        ),
        "certified_share": Setting(
            0.3,
            "share",
            "share",
            "share of trainees on courses of 3+ months with a certificate",
            "assumption",
        ),
        "skill_gain": Setting(
            0.05,
            "share",
            "share",
            "skill gained by a trainee",
            "assumption: returns of short training of a few per cent",
        ),
        "cost_per_trainee_million": Setting(
            4.0,
            "million VND",
            "money",
            "public cost a trainee",
            "assumption: support for short courses of 2-6 million VND",
        ),
    }

    def act(self, model) -> None:
        rng = model.stream("lever_training")
        n = stochastic_round(self.s["seats_per_year"] / 12 / model.scale, rng)
        p = model.persons
        age = p.age_m // 12
        pools = {
            Status.UNEMPLOYED: np.flatnonzero((p.status == Status.UNEMPLOYED) & (age < 55)),
            Status.EMPLOYED: np.flatnonzero((p.status == Status.EMPLOYED) & (age < 55)),
        }
        k_u = stochastic_round(n * self.s["unemployed_share"], rng)
        chosen = []
        for status, k in ((Status.UNEMPLOYED, k_u), (Status.EMPLOYED, n - k_u)):
            pool = pools[status]
            if len(pool) == 0 or k <= 0:
                continue
            weight = np.where(p.retrained[pool], 0.3, 1.0)  # first-timers before repeaters
            chosen.append(
                rng.choice(pool, size=min(k, len(pool)), replace=False, p=weight / weight.sum())
            )
        if not chosen:
            return
        rows = np.concatenate(chosen)
        p.retrained[rows] = True
        p.skill[rows] *= 1 + self.s["skill_gain"]
        cert = rows[
            (rng.random(len(rows)) < self.s["certified_share"])
            & (p.certificate[rows] == Certificate.NONE)
        ]
        p.certificate[cert] = Certificate.ELEMENTARY
        model.count("retraining_entries", len(rows))
        model.count("lever_trainees", len(rows))
        self._trained = len(rows)

    def monthly_cost(self, model) -> float:
        return (
            getattr(self, "_trained", 0) * model.scale * self.s["cost_per_trainee_million"] / 1000
        )
