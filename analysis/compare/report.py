"""``report.md``: the comparison in prose, with its tables and figures and how to read them."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from analysis.compare.checks import duration_check, hours_check, keep_in_mind_lines
from analysis.compare.formatting import chance, grid_point, percent, signed_points, threshold
from analysis.compare.grid import Grid
from analysis.compare.runs import baseline_first
from analysis.compare.tables import markdown_tables
from analysis.targets import TARGETS
from simulation.indicators import PRODUCTIVITY_SOURCE_NAMES, PRODUCTIVITY_SOURCES

VISIBLE_CHANGE = 0.0001  # 0.01 points: smaller changes of an input-driven share are not listed

if TYPE_CHECKING:
    from analysis.targets import Target


def report_text(
    frame: pd.DataFrame,
    grid: Grid,
    baseline: str,
    year: int,
    figures: list[str],
    flows: list[str],
) -> str:
    """The report: the grid, the gist for each target, how each scenario moves unemployment
    (``flows``: the lines of :func:`analysis.compare.flows.flow_lines`), the tables, figures
    and a reading guide."""
    runs = grid.runs
    scenarios = baseline_first({run.scenario for run in runs}, baseline)
    seeds = sorted({run.seed for run in runs})
    scales = sorted({run.scale for run in runs})
    lines = [
        f"# Scenarios in {year}, against the plan's targets",
        "",
        f"{len(runs)} runs: scenarios {', '.join(scenarios)}; seeds {seeds[0]}-{seeds[-1]} "
        f"({len(seeds)}); scale {', '.join(map(str, scales))} people per agent.  Runs "
        "with the same seed share their random numbers, so differences from the baseline "
        "measure the policy, not noise.",
        "",
    ]
    if grid.failed or grid.missing:
        lines += ["**Incomplete grid.**"]
        for directory, reason in grid.failed:
            lines.append(f"- failed: `{directory}`: {reason}")
        for point in grid.missing:
            lines.append(f"- missing: {grid_point(point)}")
        lines.append("")
    if grid.unpaired:
        lines += [
            "**Runs without a baseline of the same seed** (in the spread, not in the "
            "difference from the baseline): "
            + ", ".join(f"{scenario} seed {seed}" for scenario, seed in grid.unpaired),
            "",
        ]
    lines += ["## In short", ""]
    for target in TARGETS:
        rows = frame[frame.indicator == target.id].set_index("scenario")
        if baseline in rows.index:
            lines.append(_in_short(target, rows, baseline))
    lines += ["", *productivity_sources(frame, baseline, year)]
    checks = keep_in_mind_lines(duration_check(runs, baseline), hours_check(runs, baseline, year))
    lines += [*flows, *checks]
    lines += ["## Tables", "", markdown_tables(frame, baseline), "## Figures", ""]
    for name in figures:
        lines.append(f"![{name}]({name})")
    lines += [
        "",
        "## How to read this",
        "",
        *interval_note({run.uncertainty for run in runs}),
        "- *Difference from baseline*: mean over seeds of the scenario minus the baseline "
        "run with the same seed, with a t-based 95 % confidence interval.",
        "- *Chance of meeting*: share of runs in which the target is met.",
        "- *Set by inputs*: an indicator the model does not estimate (an assumed formula, or "
        "an echo of a lever's setting); it gets its value and difference but no interval.",
        f"- Costs are public spending of the levers (bn VND, from the runs' start to the end "
        f"of {year}) as each lever's settings define them; per job and per point use the "
        "mean differences in "
        f"{year}, and are given only where that difference is distinguishable from zero "
        "(n/a otherwise).",
    ]
    return "\n".join(lines) + "\n"


def _in_short(target: Target, rows: pd.DataFrame, baseline: str) -> str:
    """One line on a target: the baseline, and the scenario moving it most toward the target."""
    base = rows.loc[baseline]
    if not target.indicator.estimated:
        text = (
            f"- **{target.label}** (target {threshold(target)}): set by inputs, not estimated "
            f"(no interval): baseline {percent(base.get('mean'))} %."
        )
        others = rows.drop(index=baseline)
        others = others[others.diff_mean.notna()]
        moved = others[others.diff_mean.abs() >= VISIBLE_CHANGE]
        if len(moved):
            text += " Scenarios change it by " + ", ".join(
                f"{scenario} {signed_points(row.diff_mean)} points"
                for scenario, row in moved.iterrows()
            )
            text += "; the others by less than 0.01 points." if len(moved) < len(others) else "."
        elif len(others):
            text += " No scenario changes it by 0.01 points or more."
        return text
    text = (
        f"- **{target.label}** (target {threshold(target)}): baseline "
        f"{percent(base.get('mean'))} % (90 % of runs {percent(base.get('p05'))}-"
        f"{percent(base.get('p95'))}), met in {chance(base)} of runs."
    )
    others = rows.drop(index=baseline)
    others = others[others.diff_mean.notna()]
    if not len(others):
        return text
    sign = 1 if target.comparison == ">=" else -1
    toward = others[others.diff_mean * sign > 0]
    if toward.empty:
        return text + " No scenario moves it toward the target."
    best = (toward.diff_mean * sign).idxmax()
    row = toward.loc[best]
    significant = not (row.diff_lo <= 0 <= row.diff_hi)
    return text + (
        f" Largest move toward it: {best}, {signed_points(row.diff_mean)} points "
        f"(95 % CI {signed_points(row.diff_lo)} to {signed_points(row.diff_hi)}"
        f"{'' if significant else ', not distinguishable from zero'}); "
        f"met in {chance(row)} of its runs."
    )


def productivity_sources(frame: pd.DataFrame, baseline: str, year: int) -> list[str]:
    """Where the year's labour productivity growth comes from: the baseline's split by
    source (mean over seeds) and each scenario's paired difference in each part."""
    parts = frame[frame.indicator.isin(PRODUCTIVITY_SOURCES)]
    base = parts[parts.scenario == baseline].set_index("indicator")
    if base.empty or base["mean"].isna().all():
        return []
    labels = {source: PRODUCTIVITY_SOURCE_NAMES[source] for source in PRODUCTIVITY_SOURCES}
    lines = [
        "## Where productivity growth comes from",
        "",
        f"Labour productivity growth of {year} over {year - 1}, split by source "
        "(shift-share over agriculture, industry-construction and services, with capital "
        "deepening taken out of the growth within sectors; the parts add "
        f"up to the year's growth): in the baseline "
        + ", ".join(
            f"{labels[source]} {percent(base.loc[source, 'mean'])} %"
            for source in PRODUCTIVITY_SOURCES
        )
        + ".  Growth within sectors includes the sectors' technical progress, an input "
        "(docs/assumptions.md), and the moves of workers between firms of a sector; "
        "capital deepening is the capital enterprises put in place of workers as their "
        "labour costs rise faster than their productivity (the province's beyond the "
        "nation's, whose own is in the technical progress).",
        "",
    ]
    for scenario, rows in parts[parts.scenario != baseline].groupby("scenario", sort=False):
        rows = rows.set_index("indicator")
        if rows["diff_mean"].isna().all():
            continue
        lines.append(
            f"- {scenario}: "
            + ", ".join(
                f"{labels[source]} {signed_points(rows.loc[source, 'diff_mean'])} points"
                for source in PRODUCTIVITY_SOURCES
            )
        )
    return [*lines, ""]


def interval_note(modes: set[str]) -> list[str]:
    """What the 90 % interval spans, given the runs' ``uncertainty`` modes."""
    if modes == {"assumptions"}:
        return [
            "- *90 % interval*: the 5th to 95th percentile of the target-year value across "
            "seeds, where each seed drew chance *and* every assumed parameter from its "
            "plausible range (`uncertainty=assumptions`): the spread of what the model's "
            "assumptions leave open, not only of chance.  Calibrated parameters were not "
            "refitted to each draw: run the grid on the seeds that `python -m "
            "analysis.history_match` keeps, whose draws still reproduce 2022."
        ]
    note = [
        "- *90 % interval*: the 5th to 95th percentile of the target-year value across "
        "seeds: the model's stochastic spread, not the uncertainty of its assumptions.  "
        "Rerun the grid with `uncertainty=assumptions` to include those (see "
        "docs/assumptions.md)."
    ]
    if len(modes) > 1:
        note.append(
            "- **Warning**: the runs mix `uncertainty` modes "
            f"({', '.join(sorted(modes))}); their spreads are not comparable."
        )
    return note
