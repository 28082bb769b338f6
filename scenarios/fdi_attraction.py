"""FDI attraction: more registered FDI a year, more of it high-tech and in industrial zones.

Causal path: firms mechanism.  Extra registered capital becomes extra FDI projects (capital
per project and jobs per million USD from the data, fewer jobs for high-tech projects);
they start hiring after the lag and ramp up; their higher productivity and their pull on
farm and household workers raise productivity growth and lower the agricultural share.
Plan III.4.1, V.3, V.10.
"""

from __future__ import annotations

from scenarios.lever import Lever, Setting


class FdiAttraction(Lever):
    name = "fdi_attraction"
    summary = "extra registered FDI a year, high-tech share, location in industrial zones"
    causal_path = "firms: new FDI projects -> vacancies -> matching; production: productivity"
    SETTINGS = {
        "extra_musd_per_year": Setting(
            default=300.0,
            unit="million USD a year",
            kind="money",
            description="registered FDI on top of the data's yearly inflow",
            source="plan: at least 1 bn USD in 2025 against 718 million in 2024 (fdi.csv)",
            most=20_000,
        ),
        "high_tech_share": Setting(
            default=0.5,
            unit="share",
            kind="share",
            description="share of new FDI projects that are high-tech",
            source="plan III.4.1: attract high-tech FDI using skilled labour (assumed size)",
        ),
        "iz_share_multiplier": Setting(
            default=1.5,
            unit="ratio",
            kind="multiplier",
            description="more new projects inside industrial zones",
            source="plan V.10 (assumed size)",
            most=10,
        ),
        "incentive_cost_share": Setting(
            default=0.01,
            unit="share of registered capital",
            kind="share",
            description=(
                "public cost of incentives (land clearance, infrastructure, tax breaks) per USD"
            ),
            source="assumption: about 1 % of registered capital",
        ),
        "usd_vnd": Setting(
            default=23_500.0,
            unit="VND per USD",
            kind="money",
            description="exchange rate",
            source="State Bank of Vietnam central rate, 2022 (about 23,000-24,000)",
            most=100_000,
        ),
    }

    def act(self, model) -> None:
        model.policy.extra_fdi_musd_per_year = self.settings["extra_musd_per_year"]
        model.policy.fdi_high_tech_share = self.settings["high_tech_share"]
        model.policy.iz_location_multiplier = self.settings["iz_share_multiplier"]

    def switch_off(self, model) -> None:
        model.policy.extra_fdi_musd_per_year = 0.0
        model.policy.fdi_high_tech_share = None
        model.policy.iz_location_multiplier = 1.0

    def monthly_cost(self, model) -> float:
        musd = self.settings["extra_musd_per_year"] / 12
        return musd * 1e6 * self.settings["usd_vnd"] * self.settings["incentive_cost_share"] / 1e9
