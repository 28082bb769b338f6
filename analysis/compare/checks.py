"""Published figures the model is not fitted to, measured on the baseline runs, so that
the report says where its numbers are weakest.

Two today:

- how long the unemployed stay unemployed.  The level of unemployment is calibrated; how
  fast jobseekers move through it is not, and the published figures say the model's spells
  are far too short (docs/calibration.md).  Levers that act on job search work through
  those flows, so an adviser should know how far they are from the data;
- how working hours answer the minimum wage, where a grid holds minimum-wage runs: the
  latest Vietnamese estimate finds employers cutting hours rather than jobs or monthly
  pay, a margin the model lacks (docs/calibration.md).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

from analysis.compare.runs import Run
from analysis.minimum_wage_elasticity import UnpairableRun, increase
from analysis.outputs import latest_figure, run_figures
from analysis.stylised_facts import (
    PUBLISHED_LONG_TERM,
    exit_hazards,
    exits_by_destination,
    holds_informal_flows,
    holds_spell_flows,
    informal_hazard_by_duration,
)
from simulation import spell_exits

# the destinations that are informal work (simulation/spell_exits.py), by their names
INFORMAL_NAMES = tuple(
    spell_exits.DESTINATION_NAMES[code] for code in spell_exits.INFORMAL_DESTINATIONS
)
# the model's share of long spells (or its hours elasticity) is called far from the
# published one beyond half or twice it (a reading threshold of the report, not a behaviour)
FAR_BELOW, FAR_ABOVE = 0.5, 2.0
BELOW, ABOVE, OPPOSITE = "below", "above", "opposite"  # readings (against_published)
MINIMUM_WAGE_SCENARIO = "minimum_wage"  # the scenario whose runs the hours check reads
HOURS = "average_hours"  # the indicator of weekly hours
# wages.csv: the published elasticity of weekly hours to the minimum wage (latest year)
PUBLISHED_HOURS = ("minimum_wage_elasticity", "weekly_hours")


@dataclass(frozen=True)
class DurationCheck:
    """The baseline's unemployment spells against the published share of long spells."""

    exit_hazard: float  # monthly, all spells, mean over the baseline runs
    long_term_share: float  # stationary at the runs' hazards, mean over the runs
    runs: int
    published_share: float | None  # the latest published share; None if unreadable
    published_year: int | None
    # into informal work (a household business or the family farm), monthly, all spells;
    # and the share stationary at the hazards less those into informal work: None for
    # runs written before the exits into informal work were counted by spell
    informal_hazard: float | None = None
    share_without_informal: float | None = None
    period: str = ""  # the months whose exits are pooled, e.g. "2022-02 to 2025-12"


def duration_check(runs: list[Run], baseline: str) -> DurationCheck | None:
    """The check on the baseline runs; None when they do not hold the flows out of
    unemployment (runs written before they were measured)."""
    base = [run for run in runs if run.scenario == baseline and holds_spell_flows(run.monthly)]
    if not base:
        return None
    hazards, shares, informal, without = [], [], [], []
    for run in base:
        by_spell = exit_hazards(run.monthly)
        shares.append(spell_exits.stationary_long_term_share(by_spell))
        by_destination = exits_by_destination(run.monthly)
        hazards.append(sum(by_destination.values()))
        if holds_informal_flows(run.monthly):
            into_informal = informal_hazard_by_duration(run.monthly)
            informal.append(sum(by_destination[name] for name in INFORMAL_NAMES))
            without.append(
                spell_exits.stationary_long_term_share(
                    {spell: by_spell[spell] - into_informal[spell] for spell in by_spell}
                )
            )
    published, year = published_long_term(base[0].directory)
    every = len(informal) == len(base)  # said only when every baseline run counts them
    return DurationCheck(
        float(np.mean(hazards)),
        float(np.nanmean(shares)),
        len(base),
        published,
        year,
        float(np.mean(informal)) if every else None,
        float(np.nanmean(without)) if every else None,
        exits_period(base[0].monthly.index),
    )


def exits_period(months) -> str:
    """The months whose exits the hazards pool: exits are set against the unemployed a
    month before, so from the second month of ``months`` to the last."""
    first, last = months[1], months[-1]
    return first if first == last else f"{first} to {last}"


def published_long_term(run_directory: Path) -> tuple[float | None, int | None]:
    """The latest published share of the unemployed out of work a year or more, from the
    province data the run was made with (its ``config_resolved.yaml``)."""
    return latest_figure(run_figures(run_directory), PUBLISHED_LONG_TERM)


@dataclass(frozen=True)
class HoursCheck:
    """Weekly hours in the minimum-wage runs against the published elasticity."""

    elasticity: float  # of weekly hours to the minimum wage, mean over the pairs
    pairs: int
    year: int
    published: float | None  # the latest published elasticity; None if unreadable
    published_year: int | None


def hours_check(runs: list[Run], baseline: str, year: int) -> HoursCheck | None:
    """The check on each minimum-wage run paired with the baseline run of its seed, in
    ``year``; None without such pairs (or where the lever's rise cannot be read)."""
    base = {run.seed: run for run in runs if run.scenario == baseline}
    values = []
    for run in runs:
        # a sweep's runs carry their settings in their label; the lever's name is the same
        if run.overrides.get("scenario", run.scenario) != MINIMUM_WAGE_SCENARIO:
            continue
        if run.seed not in base:
            continue
        try:
            rise = increase(run.directory)
        except UnpairableRun:  # no minimum_wage lever's rise in its configuration
            continue
        if rise == 0:
            continue
        base_hours = base[run.seed].value(HOURS, year)
        if not base_hours > 0:  # no hours in the baseline's year (or none recorded)
            continue
        values.append((run.value(HOURS, year) / base_hours - 1) / rise)
    values = [value for value in values if np.isfinite(value)]
    if not values:
        return None
    published, published_year = published_hours(next(iter(base.values())).directory)
    return HoursCheck(float(np.mean(values)), len(values), year, published, published_year)


def published_hours(run_directory: Path) -> tuple[float | None, int | None]:
    """The latest published elasticity of weekly hours to the minimum wage, from the
    province data the run was made with."""
    return latest_figure(run_figures(run_directory), *PUBLISHED_HOURS)


def against_published(ratio: float) -> str | None:
    """How a model's figure reads against the published one, from their ratio: None
    within half and twice it, else :data:`BELOW`, :data:`ABOVE` or, of the opposite
    sign, :data:`OPPOSITE`."""
    if FAR_BELOW < ratio < FAR_ABOVE:
        return None
    if ratio < 0:
        return OPPOSITE
    return BELOW if ratio <= FAR_BELOW else ABOVE


def keep_in_mind_lines(duration: DurationCheck | None, hours: HoursCheck | None) -> list[str]:
    """The report's section on the checks (nothing without any)."""
    paragraphs = [*duration_lines(duration), *hours_lines(hours)]
    if not paragraphs:
        return []
    return ["## What to keep in mind", ""] + [
        line for paragraph in paragraphs for line in (paragraph, "")
    ]


def hours_lines(check: HoursCheck | None) -> list[str]:
    """The paragraph on the hours check (nothing without one)."""
    if check is None:
        return []
    text = (
        f"**The minimum wage and working hours.**  In the {check.pairs} pairs of "
        f"minimum-wage and baseline runs, weekly hours in {check.year} change by "
        f"{check.elasticity:+.3f} % for each 1 % on the minimum wage"
    )
    if check.published is None or check.published == 0:
        return [text + "."]
    text += (
        f"; the latest Vietnamese estimate is {check.published:+.2f} % "
        f"(to {check.published_year}, national).  "
    )
    reading = against_published(check.elasticity / check.published)
    if reading is None:
        return [text + "The model's hours answer the minimum wage about as the published ones."]
    answer = {BELOW: "far less", ABOVE: "far more", OPPOSITE: "the other way"}[reading]
    return [
        text + "Employers near the floor cut hours rather than jobs or monthly pay, and the "
        f"model's hours answer {answer}: read the minimum wage's effects on hours, output "
        "and productivity with that in mind."
    ]


def duration_lines(check: DurationCheck | None) -> list[str]:
    """The paragraph on the duration check (nothing without one)."""
    if check is None:
        return []
    informal = (
        ""
        if check.informal_hazard is None
        else f" ({check.informal_hazard * 100:.0f} % into informal work: a household "
        "business or the family farm)"
    )
    text = (
        f"**How long the unemployed stay unemployed.**  Over the {check.runs} baseline runs"
        + (f" and their exits in {check.period}" if check.period else "")
        + f", {check.exit_hazard * 100:.0f} % of the unemployed leave unemployment each "
        f"month{informal}; at those rates {check.long_term_share * 100:.1f} % of them would be "
        "out of work a year or more"
    )
    if check.published_share is None:
        return [text + "." + _without_informal(check)]
    text += (
        f", where the latest published share is {check.published_share * 100:.1f} % "
        f"({check.published_year}, national).  "
    )
    reading = against_published(check.long_term_share / check.published_share)
    if reading is None:
        text += "The model's spells are about as long as the published ones."
    else:
        direction = "longer" if reading == ABOVE else "shorter"
        text += (
            "The level of unemployment is calibrated; how fast jobseekers move through it "
            f"is not, and the model's spells are much {direction} than the published ones."
        )
        text += _without_informal(check)
        text += (
            "  The effects of levers on unemployment come through these flows: read them as "
            "their direction and rough size, not as a forecast of the unemployment targets."
        )
    return [text]


def _without_informal(check: DurationCheck) -> str:
    """What the exits other than into informal work alone would leave out of work a year or
    more, and, beside a published share, whether the fall-back is what sets the gap."""
    if check.share_without_informal is None:
        return ""
    text = (
        f"  Were the unemployed never to fall back on informal work, their other exits alone "
        f"(mostly hires) would leave {check.share_without_informal * 100:.1f} % out of work a "
        "year or more"
    )
    if check.published_share is None:
        return text + "."
    if against_published(check.share_without_informal / check.published_share) is None:
        return text + ": it is that fall-back, not hiring, that makes the spells short."
    return text + "."
