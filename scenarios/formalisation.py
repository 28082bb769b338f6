"""Formalisation: support for household businesses registering as enterprises; contracts
for informal enterprise jobs.

Causal path: firms and insurance.  Household businesses choose whether to register as
enterprises, in the baseline too (:mod:`simulation.mechanisms.registration`); the lever
changes their costs and gains, not their number:

- support per registration (free registration and advice, fee exemptions: Law on Support
  for Small and Medium Enterprises 2017, Art. 16; Decree 39/2018 and its successor Decree
  80/2021 exempt a household business that registers from the first registration fees
  and from the licence fee for three years), spread over the years it lasts, lowers the
  yearly cost of being an enterprise for businesses of at least ``min_size`` workers;
- linkage with enterprises (supplier programmes) adds to the gain, as a share of value
  added (none by default).

Registrations are an output (``household_registrations``).  Each month, further, a share
``contract_rate`` of informal jobs in enterprises (registered household businesses
included) is given a formal contract, enrolled with the employer's compliance as at hire.
Plan III.4.1, V.3.
"""

from __future__ import annotations

import numpy as np

from scenarios.lever import Lever, Setting
from simulation import jobs
from simulation.firms import is_enterprise
from simulation.policy import NOTHING_EXTRA
from simulation.population import Status


class Formalisation(Lever):
    name = "formalisation"
    summary = "support for household businesses registering as enterprises; contracts"
    causal_path = "firms: registration costs -> registrations -> formal jobs -> insurance"
    SETTINGS = {
        "support_million_vnd": Setting(
            default=10.0,
            unit="million VND per registration",
            kind="money",
            description="public support per registration (fees, advice, licence fee)",
            source="assumption; Law on Support for SMEs 2017, Art. 16 (what is supported)",
            most=10_000,
        ),
        "support_years": Setting(
            default=3.0,
            unit="years",
            kind="count",
            description="years over which a registering business counts the support",
            source="Decree 39/2018 (now Decree 80/2021): licence fee exempt for 3 years",
            least=1,
            most=20,
        ),
        "min_size": Setting(
            default=2.0,
            unit="workers",
            kind="count",
            description="smallest household business eligible for the support",
            source="assumption",
            most=1000,
        ),
        "linkage_gain": Setting(
            default=0.0,
            unit="share of value added a year",
            kind="share",
            description="gain of registering from linkage with enterprises (supplier programmes)",
            source="assumption: none unless a linkage programme is modelled",
        ),
        "contract_rate": Setting(
            default=0.01,
            unit="per month",
            kind="share",
            description="rate: share of informal enterprise jobs given a formal contract a month",
            source="assumption: labour inspections",
        ),
    }

    def act(self, model) -> None:
        policy = model.policy
        policy.registration_support_million_vnd_per_year = (
            self.settings["support_million_vnd"] / self.settings["support_years"]
        )
        policy.registration_support_min_size = self.settings["min_size"]
        policy.registration_linkage_gain = self.settings["linkage_gain"]

        persons, firms = model.persons, model.firms
        employed = np.flatnonzero(
            (persons.status == Status.EMPLOYED.value) & (persons.employer >= 0) & ~persons.formal
        )
        in_enterprise = employed[is_enterprise(firms)[persons.employer[employed]]]
        chance = np.full(len(in_enterprise), self.settings["contract_rate"])
        formal = jobs.give_contracts(model, in_enterprise, chance, "formalise")
        model.count("formalised_jobs", len(formal))

    def switch_off(self, model) -> None:
        model.policy.registration_support_million_vnd_per_year = NOTHING_EXTRA
        model.policy.registration_support_min_size = NOTHING_EXTRA
        model.policy.registration_linkage_gain = NOTHING_EXTRA

    def monthly_cost(self, model) -> float:
        """The support of the month's supported registrations, booked when they register."""
        supported = model.flows.get("registrations_supported", 0.0)
        return supported * model.scale * self.settings["support_million_vnd"] / 1000
