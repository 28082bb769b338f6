"""Job-creation credit of the Social Policy Bank (National Employment Fund).

Causal path: matching.  Each month the budget lends ``loan_million_vnd`` per job: loans to
jobseekers start household businesses (the borrower works in it); loans to household
businesses and small enterprises (fewer workers than the parameter
``credit_small_enterprise_size``) let them take on a jobseeker of their district.
Jobs created by loans survive at the firms' usual closure rates.  Plan III.2.2, III.4.1,
V.12; loans of up to 100 million VND per worker (Decree 61/2015, Decree 74/2019).

A loan creates capacity only where the output it funds has a market:

- a loan to a small domestic enterprise adds one worker to the workers it wants
  (``capacity``): the capital of one job for a firm that sells in national and export
  markets.  From then on that capacity follows the firm's market, productivity and labour
  cost (:mod:`simulation.mechanisms.labour_demand`) and goes when the firm closes; it is
  not a lasting addition to demand.
- a loan to a household business or a jobseeker's start-up adds a worker, not revenue:
  household businesses sell to their district, whose household revenue follows local
  demand (:mod:`simulation.mechanisms.local_economy`), so the new worker's income comes out
  of the income of the district's other household workers, and fewer jobseekers then find
  informal work worth taking.  That crowding is the displacement.

The lever records its borrowers and hires; its deadweight and displacement are measured by
``python -m analysis.additionality``, not assumed.
"""

from __future__ import annotations

import numpy as np

from scenarios.lever import Lever, Setting
from simulation import jobs
from simulation.firms import Ownership
from simulation.labour_law import ADULT_AGE_MONTHS
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
        loans = stochastic_round(jobs_month / model.scale, rng)
        to_jobseekers = stochastic_round(loans * self.settings["jobseeker_share"], rng)
        persons, firms = model.persons, model.firms
        adult = persons.age_m >= ADULT_AGE_MONTHS  # borrowers and their hires are adults
        unemployed = np.flatnonzero((persons.status == Status.UNEMPLOYED.value) & adult)
        if len(unemployed) and to_jobseekers:
            weight = np.where(
                persons.urban[unemployed],
                1 - self.settings["rural_priority"],
                self.settings["rural_priority"],
            )
            take = pick_keyed(model.uniform("credit_borrower", unemployed), weight, to_jobseekers)
            founders = unemployed[take]
            Matching.start_businesses(model, founders)
            model.record_helped(self.name, founders)
            model.count("credit_jobs", len(founders))
        # loans to household businesses and small enterprises: each takes on an adult
        # jobseeker of its district (household businesses do not post vacancies, so the
        # hire is direct); only an enterprise's loan adds to the workers it wants
        firm_loans = loans - to_jobseekers
        small = firms.size < model.params["credit_small_enterprise_size"]
        eligible = np.flatnonzero(
            firms.active
            & (
                (firms.ownership == Ownership.HOUSEHOLD.value)
                | ((firms.ownership == Ownership.DOMESTIC.value) & small)
            )
        )
        seekers = np.flatnonzero((persons.status == Status.UNEMPLOYED.value) & adult)
        if len(eligible) and len(seekers) and firm_loans > 0:
            borrowers = rng.choice(eligible, size=min(firm_loans, len(eligible)), replace=False)
            hired, employers = self._hire_in_district(rng, persons, firms, borrowers, seekers)
            if len(hired):
                enterprise = employers[firms.ownership[employers] == Ownership.DOMESTIC.value]
                np.add.at(firms.capacity, enterprise, 1.0)
                jobs.hire(model, hired, employers)
                model.record_helped(self.name, hired)
                model.count("hires", len(hired))
                model.count("credit_jobs", len(hired))

    @staticmethod
    def _hire_in_district(rng, persons, firms, borrowers, seekers):
        """Pair borrowing firms with jobseekers of their own district, each jobseeker hired
        at most once: district by district (in increasing order), as many distinct
        jobseekers as there are borrowers, drawn uniformly without replacement; the first
        borrowers of the district (in the order drawn) take them.  Returns the hired rows
        and their employers (both empty if no district had a jobseeker).

        Not :func:`simulation.jobs.choose_in_district`: that helper lets each chooser pick
        one firm by weighted draws from the chooser's own uniforms, with replacement; here
        firms pick people, without replacement, with ``rng.choice``."""
        hired, employers = [], []
        for district in np.unique(firms.district[borrowers]):
            firms_here = borrowers[firms.district[borrowers] == district]
            seekers_here = seekers[persons.district[seekers] == district]
            pairs = min(len(firms_here), len(seekers_here))
            if pairs:
                hired.append(rng.choice(seekers_here, size=pairs, replace=False))
                employers.append(firms_here[:pairs])
        if not hired:
            return np.array([], dtype=np.int64), np.array([], dtype=np.int64)
        return np.concatenate(hired), np.concatenate(employers)

    def monthly_cost(self, model) -> float:
        """Interest subsidy and losses on the loans outstanding: each month's lending stays
        out for ``LOAN_MONTHS``, also after the lever stops lending."""
        first = max(self.start, model.month - LOAN_MONTHS + 1)
        last = min(self.end, model.month)
        outstanding = self.settings["budget_bn_vnd_per_year"] / 12 * max(0, last - first + 1)
        return outstanding * self.settings["cost_share"] / 12
