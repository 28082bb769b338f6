"""The plan's 2025 targets (section II.2 of the plan for Resolution 06/NQ-CP).

One row per target: id (as in ``shared/brief/plan.md``), label, comparison, threshold and
year.  The registry drives ``targets.csv``, the tables, plots and reports.  Targets worded
"about" (retraining ~25 %, voluntary SI ~6 %) are read as "at least".
"""

from __future__ import annotations

import math
from dataclasses import dataclass


@dataclass(frozen=True)
class Target:
    id: str
    label: str
    comparison: str  # "<" or ">="
    threshold: float  # a fraction for rates
    year: int = 2025
    note: str = ""

    def met(self, value: float) -> bool | None:
        """Whether ``value`` meets the target; None if the value is missing."""
        if value is None or math.isnan(value):
            return None
        # rounding: 0.8 + 0.1 * 0.5 is 0.8500000000000001, and 0.85 should count as 0.85
        if self.comparison == "<":
            return value < self.threshold - 1e-12
        if self.comparison == ">=":
            return value >= self.threshold - 1e-12
        raise ValueError(f"unknown comparison {self.comparison!r}")


TARGETS: tuple[Target, ...] = (
    Target("agri_share", "Agricultural share of employment", "<", 0.19),
    Target("productivity_growth", "Labour productivity growth, yearly average", ">=", 0.085),
    Target("trained_certified", "Employed trained with degree or certificate", ">=", 0.33),
    Target(
        "retrained",
        "Labour force given retraining / continuous training",
        ">=",
        0.25,
        note="about 25 %",
    ),
    Target("unemployment", "Unemployment rate", "<", 0.03),
    Target("unemployment_urban", "Urban unemployment rate", "<", 0.04),
    Target("underemployment", "Underemployment rate", "<", 0.02),
    Target("youth_unemployment_urban", "Urban youth (15-24) unemployment", "<", 0.03),
    Target("youth_underemployment_rural", "Rural youth (15-24) underemployment", "<", 0.02),
    Target("si_coverage", "Working-age labour force in social insurance", ">=", 0.55),
    Target(
        "si_voluntary",
        "Voluntary social insurance (farmers, informal)",
        ">=",
        0.06,
        note="about 6 %",
    ),
    Target("ui_coverage", "Working-age labour force in unemployment insurance", ">=", 0.42),
    Target(
        "si_satisfaction",
        "Satisfaction of social-insurance participants (proxy)",
        ">=",
        0.85,
        note="a proxy built on assumptions (no survey result for the province): it moves"
        " only with the social-insurance lever's service quality; read it as illustrative",
    ),
)

TARGETS_BY_ID = {t.id: t for t in TARGETS}
