"""Digital labour exchange, job fairs and labour-market information.

Causal path: matching.  Searchers reach more vacancies (higher matching efficiency) and
look wider: vacancies in other districts and in neighbouring provinces weigh more.  Faster
matching shortens unemployment spells and fills vacancies sooner.  Plan III.2.6, III.3.1,
III.3.3, III.4.3, V.8, V.17.
"""

from __future__ import annotations

from scenarios.lever import Lever, Setting


class DigitalLabourExchange(Lever):
    name = "digital_labour_exchange"
    summary = "higher matching efficiency, wider search across districts"
    causal_path = "matching: efficiency and search radius -> job finding"
    SETTINGS = {
        "matching_boost": Setting(
            default=0.15,
            unit="share",
            kind="multiplier",
            description="relative rise in the chance a searcher applies in a month",
            source="assumption: online exchanges raise matching efficiency by 10-20 %",
            most=5,
        ),
        "wider_search": Setting(
            default=1.5,
            unit="ratio",
            kind="multiplier",
            description="multiplier on the weight of vacancies in other districts",
            source="assumption",
            most=10,
        ),
        "cost_bn_vnd_per_year": Setting(
            default=10.0,
            unit="bn VND a year",
            kind="money",
            description="platform, job fairs, employment service centres",
            source="assumption",
            most=50_000,
        ),
    }

    def act(self, model) -> None:
        model.policy.matching_multiplier = 1 + self.settings["matching_boost"]
        model.policy.cross_district_multiplier = self.settings["wider_search"]

    def switch_off(self, model) -> None:
        model.policy.matching_multiplier = 1.0
        model.policy.cross_district_multiplier = 1.0

    def monthly_cost(self, model) -> float:
        return self.settings["cost_bn_vnd_per_year"] / 12
