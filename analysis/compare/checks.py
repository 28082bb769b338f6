"""Published figures the model is not fitted to, measured on the baseline runs, so that
the report says where its numbers are weakest.

Today one: how long the unemployed stay unemployed.  The level of unemployment is
calibrated; how fast jobseekers move through it is not, and the published figures say the
model's spells are far too short (docs/calibration.md).  Levers that act on job search
work through those flows, so an adviser should know how far they are from the data.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

from analysis.compare.runs import Run
from analysis.outputs import run_figures
from analysis.stylised_facts import exit_hazards, exits_by_destination, holds_spell_flows
from simulation import spell_exits

PUBLISHED_LONG_TERM = "long_term_unemployed_share"  # labour.csv: its latest year is read
# the model's share of long spells is called far from the published one beyond half or
# twice it (a reading threshold of the report, not a behaviour)
FAR_BELOW, FAR_ABOVE = 0.5, 2.0


@dataclass(frozen=True)
class DurationCheck:
    """The baseline's unemployment spells against the published share of long spells."""

    exit_hazard: float  # monthly, all spells, mean over the baseline runs
    long_term_share: float  # stationary at the runs' hazards, mean over the runs
    runs: int
    published_share: float | None  # the latest published share; None if unreadable
    published_year: int | None


def duration_check(runs: list[Run], baseline: str) -> DurationCheck | None:
    """The check on the baseline runs; None when they do not hold the flows out of
    unemployment (runs written before they were measured)."""
    base = [run for run in runs if run.scenario == baseline and holds_spell_flows(run.monthly)]
    if not base:
        return None
    hazards, shares = [], []
    for run in base:
        shares.append(spell_exits.stationary_long_term_share(exit_hazards(run.monthly)))
        hazards.append(sum(exits_by_destination(run.monthly).values()))
    published, year = published_long_term(base[0].directory)
    return DurationCheck(
        float(np.mean(hazards)), float(np.nanmean(shares)), len(base), published, year
    )


def published_long_term(run_directory: Path) -> tuple[float | None, int | None]:
    """The latest published share of the unemployed out of work a year or more, from the
    province data the run was made with (its ``config_resolved.yaml``)."""
    figures = run_figures(run_directory)
    has_figure = figures is not None and figures.has(PUBLISHED_LONG_TERM)
    rows = figures.series(PUBLISHED_LONG_TERM) if has_figure else {}
    if not rows:
        return None, None
    year = max(rows)
    return float(rows[year]), int(year)


def duration_lines(check: DurationCheck | None) -> list[str]:
    """The report's paragraph on the check (nothing without one)."""
    if check is None:
        return []
    text = (
        f"**How long the unemployed stay unemployed.**  Over the {check.runs} baseline runs, "
        f"{check.exit_hazard * 100:.0f} % of the unemployed leave unemployment each month; "
        f"at those rates {check.long_term_share * 100:.1f} % of them would be out of work a "
        "year or more"
    )
    if check.published_share is None:
        return ["## What to keep in mind", "", text + ".", ""]
    text += (
        f", where the latest published share is {check.published_share * 100:.1f} % "
        f"({check.published_year}, national).  "
    )
    ratio = check.long_term_share / check.published_share
    if FAR_BELOW < ratio < FAR_ABOVE:
        text += "The model's spells are about as long as the published ones."
    else:
        direction = "shorter" if ratio <= FAR_BELOW else "longer"
        text += (
            "The level of unemployment is calibrated; how fast jobseekers move through it "
            f"is not, and the model's spells are much {direction} than the published ones.  "
            "The effects of levers on unemployment come through these flows: read them as "
            "their direction and rough size, not as a forecast of the unemployment targets."
        )
    return ["## What to keep in mind", "", text, ""]
