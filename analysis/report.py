"""Short text reports of a run: the summary table printed at the end of ``run.py``."""

from __future__ import annotations

import math

from analysis.targets import TARGETS
from simulation.indicators import PRODUCTIVITY_SOURCE_NAMES, PRODUCTIVITY_SOURCES


def _fmt(value: float, unit_share: bool = True) -> str:
    if value is None or math.isnan(value):
        return "n/a"
    return f"{value * 100:.2f} %" if unit_share else f"{value:,.0f}"


def summary_table(years: dict[int, dict[str, float]], title: str) -> str:
    """The 13 targets: value in the target year (or the last simulated year), target, met."""
    lines = [title, "", f"{'target':<54} {'year':>4} {'value':>9} {'target':>10}  met"]
    for target in TARGETS:
        year, value = target.value_in(years)
        met = target.met(value)
        mark = "n/a" if met is None else ("yes" if met else "no")
        lines.append(
            f"{target.label[:54]:<54} {year:>4} {_fmt(value):>9} "
            f"{target.comparison:>2} {target.threshold * 100:>5.1f} %  {mark}"
        )
    last = max(years) if years else None
    if last is not None:
        y = years[last]
        months = int(y.get("months_simulated", 12))
        part = "" if months == 12 else f" (only {months} months simulated; GRDP is theirs)"
        lines += [
            "",
            f"In {last}{part}: population {_fmt(y['population'], False)}, labour force "
            f"{_fmt(y['labour_force'], False)}, employed {_fmt(y['employed'], False)}, "
            f"GRDP {_fmt(y['grdp'], False)} bn VND",
        ]
        parts = [y.get(source, math.nan) for source in PRODUCTIVITY_SOURCES]
        if not any(math.isnan(part) for part in parts):
            lines.append(
                f"Productivity growth in {last} over {last - 1}, {_fmt(sum(parts))}: "
                + ", ".join(
                    f"{PRODUCTIVITY_SOURCE_NAMES[source]} {_fmt(part)}"
                    for source, part in zip(PRODUCTIVITY_SOURCES, parts, strict=True)
                )
            )
    return "\n".join(lines)
