"""The forecast's short text (``forecast.md``): the largest shortages and surpluses by
sector and level in the years asked, the province's balance by level, the industry and
construction share of employment against the province's targets, and the training plan
against the plan's vocational enrolments."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from analysis.forecast.balance import ALL_SECTORS, GAP, INTERVAL, SHORTAGE, extremes
from analysis.forecast.runs import ForecastRun
from analysis.forecast.training_plan import PLAN_YEARS, vocational_seats

LARGEST = 5  # shortages and surpluses listed per year
SHARE = "employment_industry"
ENROLMENTS = "vocational_enrolments"


def _number(value: float) -> str:
    return "n/a" if value is None or not math.isfinite(value) else f"{value:,.0f}"


def _interval(row) -> str:
    if row["seeds"] < 2:
        return f"{_number(row['mean'])} (1 seed)"
    return f"{_number(row['mean'])} [{_number(row['low'])}, {_number(row['high'])}]"


def industry_share(runs: list[ForecastRun], scenario: str, year: int) -> tuple[float, ...]:
    """Mean, low and high (across seeds) of the industry and construction share of the
    employed in ``year``."""
    values = np.array(
        [
            item.run.value(SHARE, year) / item.run.value("employed", year)
            for item in runs
            if item.scenario == scenario
        ]
    )
    values = values[np.isfinite(values)]
    if not len(values):
        return (math.nan, math.nan, math.nan)
    low, high = INTERVAL
    return (float(values.mean()), float(np.quantile(values, low)), float(np.quantile(values, high)))


def mean_enrolments(runs: list[ForecastRun], scenario: str, years) -> float:
    """Vocational enrolments a year of ``scenario``, mean over its seeds and ``years``."""
    values = [
        item.run.value(ENROLMENTS, year)
        for item in runs
        if item.scenario == scenario
        for year in years
    ]
    values = [value for value in values if math.isfinite(value)]
    return float(np.mean(values)) if values else math.nan


def _cell(table: pd.DataFrame, scenario: str, year: int, level: str, measure: str) -> str:
    """The province's (``all``) mean and interval of ``measure``, or n/a."""
    found = table[
        (table.scenario == scenario)
        & (table.year == year)
        & (table.level == level)
        & (table.sector == ALL_SECTORS)
        & (table.measure == measure)
    ]
    return _interval(found.iloc[0]) if len(found) else "n/a"


def scenario_comparison(
    summary: pd.DataFrame, differences: pd.DataFrame, runs: list[ForecastRun], years
) -> list[str]:
    """Each scenario's shortages (summed over sectors) and the province's gap by level in
    the years shown, with its vocational enrolments a year; then each scenario's paired
    difference from the baseline (same seeds)."""
    lines = [
        "",
        "## Scenarios compared",
        "",
        "By level: the sectors' shortages summed, and the province's gap (means with their 90 %"
        f" intervals); vocational enrolments a year in {PLAN_YEARS[0]}-{PLAN_YEARS[-1]}.",
        "",
        "| scenario | year | level | sectors' shortages | province's gap | enrolments a year |",
        "|---|---|---|---|---|---|",
    ]
    levels = summary.level.unique()
    for scenario in sorted(summary.scenario.unique()):
        enrolments = _number(mean_enrolments(runs, scenario, PLAN_YEARS))
        for year in years:
            for level in levels:
                short = _cell(summary, scenario, year, level, SHORTAGE)
                gap = _cell(summary, scenario, year, level, GAP)
                lines.append(f"| {scenario} | {year} | {level} | {short} | {gap} | {enrolments} |")
    if len(differences):
        lines += [
            "",
            "Paired differences from the baseline (each seed's run less the baseline's of the"
            " same seed; mean and 90 % interval):",
            "",
            "| difference | year | level | sectors' shortages | province's gap |",
            "|---|---|---|---|---|",
        ]
        for label in sorted(differences.scenario.unique()):
            for year in years:
                for level in levels:
                    short = _cell(differences, label, year, level, SHORTAGE)
                    gap = _cell(differences, label, year, level, GAP)
                    lines.append(f"| {label} | {year} | {level} | {short} | {gap} |")
    return lines


def report_text(
    summary: pd.DataFrame,
    differences: pd.DataFrame,
    runs: list[ForecastRun],
    scenario: str,
    years: list[int],
    plan: pd.DataFrame,
    share_targets: dict[int, float],
    enrolment_target: float,
    unusable: list,
) -> str:
    seeds = sorted({item.seed for item in runs if item.scenario == scenario})
    scales = sorted({item.run.scale for item in runs if item.scenario == scenario})
    lines = [
        f"# Labour demand and supply by sector and skill level: {scenario}",
        "",
        f"{len(seeds)} seed(s) ({', '.join(map(str, seeds))}), {', '.join(map(str, scales))}"
        " people per agent.  Persons; means across seeds with a 90 % interval (5th-95th"
        " percentile) in brackets.  Gap = workers firms want at the level (their own skill"
        " requirements) minus those available (the sector's employed; for the whole province"
        " also the jobseekers): positive = shortage, negative = surplus.  A firm's wanted"
        " share of certified workers is fixed when it is created (docs/ODD.md, 3.2): a"
        " shortage at no certificate beside surpluses at the certified levels means that"
        " certified workers hold posts their firms ask no certificate for.",
        "",
    ]
    for year in years:
        table = extremes(summary, scenario, year, LARGEST)
        lines += [f"## {year}", "", "| | sector | level | gap |", "|---|---|---|---|"]
        for _, row in table.iterrows():
            lines.append(f"| {row['kind']} | {row['sector']} | {row['level']} | {_interval(row)} |")
        province = summary[
            (summary.scenario == scenario)
            & (summary.year == year)
            & (summary.sector == ALL_SECTORS)
        ]
        lines += ["", "Whole province, by level:", ""]
        measures = ("wanted", "employed", "jobseekers", GAP, "openings", "entrants")
        lines += ["| level | " + " | ".join(measures) + " |", "|---" * (len(measures) + 1) + "|"]
        for level in province.level.unique():
            cells = [_cell(summary, scenario, year, level, measure) for measure in measures]
            lines.append(f"| {level} | " + " | ".join(cells) + " |")
        lines.append("")
    lines += ["## Industry and construction share of employment against the province's targets", ""]
    for year, target in sorted(share_targets.items()):
        mean, low, high = industry_share(runs, scenario, year)
        if not math.isfinite(mean):
            shown = "not simulated"
        elif len(seeds) < 2:
            shown = f"{mean:.1%} (1 seed)"
        else:
            shown = f"{mean:.1%} [{low:.1%}, {high:.1%}]"
        lines.append(f"- {year}: target {target:.1%}; model {shown}")
    lines += ["", "## Training seats that would close the shortages", ""]
    if plan.shortage.isna().any():
        lines += [
            "*Some target years were not simulated: run the grid to 2030 (`end=2030-12`) "
            "for their seats.*",
            "",
        ]
    lines += [
        "| target year | level | shortage | course (months) | completion | intakes from 2026"
        " | seats a year |",
        "|---|---|---|---|---|---|---|",
    ]
    for _, row in plan.iterrows():
        seats = row.seats_per_year
        if math.isnan(row.shortage):
            seats = "year not simulated"
        elif math.isnan(seats):
            seats = "cannot end in time"
        else:
            seats = _number(seats)
        lines.append(
            f"| {row.target_year} | {row.level} | {_number(row.shortage)} |"
            f" {row.course_months:g} | {row.completion:.0%} | {row.intake_years} |"
            f" {seats} |"
        )
    enrolments = mean_enrolments(runs, scenario, PLAN_YEARS)
    period = f"{PLAN_YEARS[0]}-{PLAN_YEARS[-1]}"
    own = (
        f"{_number(enrolments)} a year in {period}"
        if math.isfinite(enrolments)
        else (f"not simulated in {period}")
    )
    lines.append(
        f"\nThe seats are in addition to the {scenario}'s own vocational enrolments ({own});"
        f" the plan's target is {_number(enrolment_target)} vocational enrolments a year."
    )
    for target in sorted(plan.target_year.unique()):
        seats = vocational_seats(plan, target)
        shown = "year not simulated" if math.isnan(seats) else _number(seats)
        lines.append(f"Vocational seats a year to close the {target} shortages: {shown}.")
    if len({item.scenario for item in runs}) > 1:
        lines += scenario_comparison(summary, differences, runs, years)
    if unusable:
        lines += ["", "## Runs left out", ""]
        lines += [f"- {directory}: {reason}" for directory, reason in unusable]
    return "\n".join(lines) + "\n"
