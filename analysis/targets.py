"""The plan's 2025 targets (section II.2 of the plan for Resolution 06/NQ-CP).

A target is an indicator (declared once, with its label, unit and definition, in
:mod:`simulation.indicators`), a comparison, a threshold and a year.  The list drives
``targets.csv``, the tables, plots and reports.  Targets worded "about" (retraining
~25 %, voluntary SI ~6 %) are read as "at least".
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from simulation.indicators import INDICATORS, Indicator

# a value equal to the threshold meets it despite rounding (0.8 + 0.1 * 0.5 is
# 0.8500000000000001, and 0.85 should count as 0.85)
ROUNDING_TOLERANCE = 1e-12


@dataclass(frozen=True)
class Target:
    id: str  # the indicator's id
    comparison: str  # "<" or ">="
    threshold: float  # a fraction for rates
    year: int = 2025
    wording: str = ""  # how the plan words it, where that matters ("about 25 %")

    @property
    def indicator(self) -> Indicator:
        return INDICATORS[self.id]

    @property
    def label(self) -> str:
        return self.indicator.label

    @property
    def note(self) -> str:
        """What a reader must know: the plan's wording and the indicator's own note."""
        return "; ".join(part for part in (self.wording, self.indicator.note) if part)

    def met(self, value: float) -> bool | None:
        """Whether ``value`` meets the target; None if the value is missing."""
        if value is None or math.isnan(value):
            return None
        if self.comparison == "<":
            return value < self.threshold - ROUNDING_TOLERANCE
        if self.comparison == ">=":
            return value >= self.threshold - ROUNDING_TOLERANCE
        raise ValueError(f"unknown comparison {self.comparison!r}")

    def value_in(self, years: dict[int, dict[str, float]]) -> tuple[int, float]:
        """The year the target is judged in and the indicator's value then: the target's
        year, or the last year with a value if the run stops earlier."""
        available = [
            year for year, values in years.items() if not math.isnan(values.get(self.id, math.nan))
        ]
        year = self.year if self.year in available else (max(available) if available else self.year)
        return year, years.get(year, {}).get(self.id, math.nan)


TARGETS: tuple[Target, ...] = (
    Target("agri_share", "<", 0.19),
    Target("productivity_growth", ">=", 0.085),
    Target("trained_certified", ">=", 0.33),
    Target("retrained", ">=", 0.25, wording="about 25 %"),
    Target("unemployment", "<", 0.03),
    Target("unemployment_urban", "<", 0.04),
    Target("underemployment", "<", 0.02),
    Target("youth_unemployment_urban", "<", 0.03),
    Target("youth_underemployment_rural", "<", 0.02),
    Target("si_coverage", ">=", 0.55),
    Target("si_voluntary", ">=", 0.06, wording="about 6 %"),
    Target("ui_coverage", ">=", 0.42),
    Target("si_satisfaction", ">=", 0.85),
)

TARGETS_BY_ID = {target.id: target for target in TARGETS}
