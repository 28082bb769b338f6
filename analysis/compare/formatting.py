"""How the tables, charts and report write numbers, targets and points of the grid."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from analysis.targets import Target


def _unknown(value: float | None) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def percent(value: float | None) -> str:
    """A fraction as a percentage with two decimals, n/a when unknown."""
    return "n/a" if _unknown(value) else f"{value * 100:.2f}"


def signed_points(value: float | None) -> str:
    """A difference of fractions in percentage points, with its sign; n/a when unknown."""
    return "n/a" if _unknown(value) else f"{value * 100:+.2f}"


def share(value: float | None) -> str:
    """A probability as a whole percentage, n/a when unknown."""
    return "n/a" if _unknown(value) else f"{value * 100:.0f} %"


def chance(row) -> str:
    """The share of runs meeting a target with its 95 % interval where it has one, e.g.
    ``100 % (95 % CI 57-100 %)``."""
    text = share(row.get("p_met"))
    low, high = row.get("p_met_lo"), row.get("p_met_hi")
    if _unknown(low) or _unknown(high):
        return text
    return f"{text} (95 % CI {low * 100:.0f}-{high * 100:.0f} %)"


def threshold(target: Target) -> str:
    """The target's comparison and threshold, e.g. ``< 3 %``."""
    return f"{target.comparison} {target.threshold * 100:g} %"


def grid_point(point: dict[str, str]) -> str:
    """A point of the grid (a run's overrides), e.g. ``scenario=baseline, seed=1``."""
    return ", ".join(f"{key}={value}" for key, value in point.items())
