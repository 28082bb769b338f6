"""Job-creation credit of the Social Policy Bank (National Employment Fund).

Causal path: matching.  Each month the budget lends ``loan_size`` per job: loans to
jobseekers start household businesses (the borrower works in it); loans to household
businesses and small firms let them take on a jobseeker of their district.
Jobs created by loans survive at the firms' usual closure rates.  Plan III.2.2, III.4.1,
V.12; loans of up to 100 million VND per worker (Decree 61/2015, Decree 74/2019).
"""

from __future__ import annotations

import numpy as np

from scenarios.lever import Lever, Setting
from simulation import jobs
from simulation.firms import Ownership
from simulation.mechanisms.demography import stochastic_round
from simulation.mechanisms.matching import Matching
from simulation.population import Status
from simulation.randomness import pick_keyed

LOAN_MONTHS = 36  # loans of up to 3 years (Decree 61/2015 as amended by Decree 74/2019)


class CreditProgramme(Lever):
    name = "credit_programme"
    summary = "yearly loan budget, loan size, who borrows"
    causal_path = "matching: household start-ups and firm expansion -> employment"
    SETTINGS = {
        "budget_bn_vnd_per_year": Setting(
            default=150.0,
            unit="bn VND a year",
            kind="money",
            description="loans disbursed a year",
            source=(
                "Resolution 11 package 2022: 40 bn VND to 1,156 borrowers (data.md);"
                " plan scale-up assumed"
            ),
            most=50_000,
        ),
        "loan_million_vnd": Setting(
            default=70.0,
            unit="million VND per job",
            kind="money",
            description="average loan per job created",
            source="up to 100 million VND per worker (Decree 74/2019); assumption 70",
            least=1,
            most=10_000,
        ),
        "jobseeker_share": Setting(
            default=0.4,
            unit="share",
            kind="share",
            description="share of loans to jobseekers starting a business",
            source="assumption: the rest go to household businesses expanding",
        ),
        "rural_priority": Setting(
            default=0.7,
            unit="share",
            kind="share",
            description="share of jobseeker loans reserved for rural borrowers",
            source="plan: rural workers, poor and near-poor households",
        ),
        "cost_share": Setting(
            default=0.08,
            unit="share of loans a year",
            kind="share",
            description="public cost: interest subsidy plus losses, per year of lending",
            source="assumption: concessional rate about 6-7 points below market, few losses",
        ),
    }

    cost_tail_months = LOAN_MONTHS

    def act(self, model) -> None:
        rng = model.stream("lever_credit")
        jobs_month = (
            self.settings["budget_bn_vnd_per_year"] * 1000 / self.settings["loan_million_vnd"] / 12
        )
        n = stochastic_round(jobs_month / model.scale, rng)
        to_jobseekers = stochastic_round(n * self.settings["jobseeker_share"], rng)
        p, f = model.persons, model.firms
        adult = p.age_m >= 18 * 12
        unemployed = np.flatnonzero((p.status == Status.UNEMPLOYED) & adult)
        if len(unemployed) and to_jobseekers:
            weight = np.where(
                p.urban[unemployed],
                1 - self.settings["rural_priority"],
                self.settings["rural_priority"],
            )
            take = pick_keyed(model.uniform("credit_borrower", unemployed), weight, to_jobseekers)
            founders = unemployed[take]
            Matching.start_businesses(model, founders)
            model.count("credit_jobs", len(founders))
        # loans to household businesses and small enterprises: each takes on an adult
        # jobseeker of its district (household businesses do not post vacancies, so the
        # hire is direct)
        k = n - to_jobseekers
        firms = np.flatnonzero(
            f.active
            & (
                (f.ownership == Ownership.HOUSEHOLD)
                | ((f.ownership == Ownership.DOMESTIC) & (f.size < 10))
            )
        )
        seekers = np.flatnonzero((p.status == Status.UNEMPLOYED) & adult)
        if len(firms) and len(seekers) and k > 0:
            chosen = rng.choice(firms, size=min(k, len(firms)), replace=False)
            hired, at = [], []
            for d in np.unique(f.district[chosen]):
                here = chosen[f.district[chosen] == d]
                local = seekers[p.district[seekers] == d]
                m = min(len(here), len(local))
                if m:
                    hired.append(rng.choice(local, size=m, replace=False))
                    at.append(here[:m])
            if hired:
                hired, at = np.concatenate(hired), np.concatenate(at)
                np.add.at(f.capacity, at, 1.0)
                np.add.at(f.demand, at, 1.0)
                jobs.hire(model, hired, at)
                model.count("hires", len(hired))
                model.count("credit_jobs", len(hired))

    def monthly_cost(self, model) -> float:
        """Interest subsidy and losses on the loans outstanding: each month's lending stays
        out for ``LOAN_MONTHS``, also after the lever stops lending."""
        first = max(self.start, model.month - LOAN_MONTHS + 1)
        last = min(self.end, model.month)
        outstanding = self.settings["budget_bn_vnd_per_year"] / 12 * max(0, last - first + 1)
        return outstanding * self.settings["cost_share"] / 12
