"""Formalisation: household businesses registering as enterprises; informal jobs made formal.

Causal path: firms and insurance.  Each month a share of household businesses registers
as a domestic enterprise: it takes the formal share and compliance of domestic
enterprises, and its workers get contracts (and compulsory insurance) at those rates.
Informal jobs in enterprises are converted to formal contracts at a monthly rate.  Plan
III.4.1, V.3.
"""

from __future__ import annotations

import numpy as np

from scenarios.lever import Lever, Setting
from simulation import jobs
from simulation.calendar import year_of
from simulation.firms import Ownership
from simulation.labour_law import retirement_age_months, working_age
from simulation.population import Status


class Formalisation(Lever):
    name = "formalisation"
    summary = "household businesses registering as enterprises; contracts for informal jobs"
    causal_path = "firms: ownership and formality -> insurance coverage"
    SETTINGS = {
        "registrations_per_year": Setting(
            default=0.02,
            unit="share of household businesses a year",
            kind="share",
            description="household businesses registering as enterprises",
            source="assumption: a few per cent a year with support",
        ),
        "min_size": Setting(
            default=2.0,
            unit="workers",
            kind="count",
            description="smallest household business that registers",
            source="assumption",
            most=1000,
        ),
        "contract_rate": Setting(
            default=0.01,
            unit="per month",
            kind="share",
            description="share of informal enterprise jobs given a formal contract a month",
            source="assumption: labour inspections",
        ),
        "support_million_vnd": Setting(
            default=10.0,
            unit="million VND per registration",
            kind="money",
            description="public support per registration (fees, advice, tax holiday)",
            source="assumption",
            most=10_000,
        ),
    }

    def act(self, model) -> None:
        firms, persons, data = model.firms, model.persons, model.data
        candidates = np.flatnonzero(
            firms.active
            & (firms.ownership == Ownership.HOUSEHOLD)
            & (firms.size >= self.settings["min_size"])
        )
        draw = model.firm_uniform("formalise")[candidates]  # keyed by firm: common numbers
        chosen = candidates[draw < self.settings["registrations_per_year"] / 12]
        firms.ownership[chosen] = Ownership.DOMESTIC
        firms.formal_share[chosen] = data.figures.value("formal_share", "domestic")
        firms.si_compliance[chosen] = data.figures.value("si_compliance", "domestic")
        model.count("new_enterprises", len(chosen))
        model.count("formalised_businesses", len(chosen))
        self._registered = len(chosen)

        employed = np.flatnonzero(
            (persons.status == Status.EMPLOYED) & (persons.employer >= 0) & ~persons.formal
        )
        employer = persons.employer[employed]
        in_enterprise = firms.ownership[employer] <= Ownership.STATE
        newly = np.isin(employer, chosen)
        chance = np.where(
            newly,
            firms.formal_share[employer],
            np.where(in_enterprise, self.settings["contract_rate"], 0.0),
        )
        formal = employed[model.uniform("formalise_contract", employed) < chance]
        persons.formal[formal] = True
        compliance = jobs.enrolment_chance(model, firms.si_compliance[persons.employer[formal]])
        limits = retirement_age_months(data, year_of(model.month))
        working = working_age(persons.age_m[formal], persons.female[formal], limits)
        insured = formal[working & (model.uniform("formalise_insured", formal) < compliance)]
        jobs.insure(model, insured, "formalisation_ui")
        model.count("formalised_jobs", len(formal))

    def monthly_cost(self, model) -> float:
        return (
            getattr(self, "_registered", 0)
            * model.scale
            * self.settings["support_million_vnd"]
            / 1000
        )
