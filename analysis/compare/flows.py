"""How each scenario moves unemployment: its paired change in the flows into and out of it.

A lever lowers unemployment by slowing the moves in (fewer job losses, school leavers who
find work at once) or by speeding the moves out (to wage jobs, household businesses,
farms); these tell them apart.  From each run's monthly indicators of the year compared
(simulation/spell_exits.py; analysis/stylised_facts.py): the monthly hazard out of
unemployment, in all and by destination, and the moves in a month per person in the labour
force, in all and by origin.  For each scenario: the difference from the baseline run of
the same seed, its mean over the seeds and a t-based 95 % confidence interval.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.compare.runs import Run, baseline_first, by_scenario
from analysis.compare.statistics import confidence_interval
from analysis.stylised_facts import exits_by_destination, holds_spell_flows, inflow_by_origin
from simulation.spell_exits import (
    DESTINATION_LABELS,
    DESTINATION_NAMES,
    ORIGIN_LABELS,
    Destination,
)

FLOWS_FILE = "unemployment_flows.csv"  # in the comparison's output folder
EXIT_HAZARD, INFLOW = "exit_hazard", "inflow"
LABELS = {
    EXIT_HAZARD: "monthly hazard out of unemployment",
    **{
        f"exit_to_{DESTINATION_NAMES[code]}": f"... to {DESTINATION_LABELS[code]}"
        for code in Destination
    },
    INFLOW: "moves into unemployment a month, per person in the labour force",
    **{f"inflow_from_{origin}": f"... from {label}" for origin, label in ORIGIN_LABELS.items()},
}
# the columns of the report's table: the totals and the largest parts, with the decimals
# of their changes (the moves in are about a fortieth of the hazard out)
REPORTED = {
    EXIT_HAZARD: ("out, all", 2),
    f"exit_to_{DESTINATION_NAMES[Destination.WAGE_JOB]}": ("out to a wage job", 2),
    f"exit_to_{DESTINATION_NAMES[Destination.HOUSEHOLD_BUSINESS]}": (
        "out to a household business",
        2,
    ),
    INFLOW: ("in, all", 3),
    "inflow_from_employed": ("in from a job", 3),
}


def run_flows(run: Run, year: int) -> dict[str, float] | None:
    """The flows of one run in ``year`` (None if the run does not hold them for it)."""
    if not holds_spell_flows(run.monthly):
        return None
    months = run.monthly[run.monthly.index.astype(str).str.startswith(str(year))]
    if len(months) < 2:
        return None
    out = {f"exit_to_{name}": value for name, value in exits_by_destination(months).items()}
    out[EXIT_HAZARD] = sum(out.values())
    inflow = {f"inflow_from_{name}": value for name, value in inflow_by_origin(months).items()}
    inflow[INFLOW] = sum(inflow.values())
    return out | inflow


def flow_differences(runs: list[Run], baseline: str, year: int) -> pd.DataFrame:
    """One row per scenario and measure: the baseline's mean and the paired difference."""
    grouped = by_scenario(runs)
    base = {seed: run_flows(run, year) for seed, run in grouped.get(baseline, {}).items()}
    base = {seed: flows for seed, flows in base.items() if flows is not None}
    rows = []
    for scenario in baseline_first(grouped, baseline):
        if scenario == baseline or not base:
            continue
        pairs = [
            (run_flows(run, year), base[seed])
            for seed, run in grouped[scenario].items()
            if seed in base
        ]
        pairs = [(flows, reference) for flows, reference in pairs if flows is not None]
        if not pairs:
            continue
        for measure, label in LABELS.items():
            differences = np.array(
                [flows[measure] - reference[measure] for flows, reference in pairs]
            )
            low, high = confidence_interval(differences, 0.95)
            rows.append(
                {
                    "scenario": scenario,
                    "measure": measure,
                    "label": label,
                    "year": year,
                    "baseline_mean": float(np.mean([reference[measure] for _, reference in pairs])),
                    "diff_mean": float(differences.mean()),
                    "diff_lo": low,
                    "diff_hi": high,
                    "pairs": len(pairs),
                }
            )
    return pd.DataFrame(rows)


def flow_lines(table: pd.DataFrame, year: int) -> list[str]:
    """The report's section: each scenario's change in the main flows (nothing without)."""
    if table.empty:
        return []
    header = " | ".join(label for label, _ in REPORTED.values())
    lines = [
        "## How each scenario moves unemployment",
        "",
        f"Change from the baseline in {year}, in points a month (the hazard out: of the "
        "unemployed; the moves in: of the labour force); `*` where the 95 % confidence "
        f"interval of the paired difference leaves out zero.  Baseline in {year}: "
        + ", ".join(
            f"{REPORTED[measure][0]} {_baseline(table, measure) * 100:.2f} %"
            for measure in REPORTED
        )
        + ".  All the flows, by destination and origin, are in `"
        + FLOWS_FILE
        + "`.",
        "",
        f"| scenario | {header} |",
        "|---|" + "---|" * len(REPORTED),
    ]
    for scenario, rows in table.groupby("scenario", sort=False):
        rows = rows.set_index("measure")
        cells = []
        for measure, (_, decimals) in REPORTED.items():
            row = rows.loc[measure]
            clear = row.diff_lo > 0 or row.diff_hi < 0  # (NaN with one pair: neither)
            cells.append(f"{row.diff_mean * 100:+.{decimals}f}{' *' if clear else ''}")
        lines.append(f"| {scenario} | " + " | ".join(cells) + " |")
    return [*lines, ""]


def _baseline(table: pd.DataFrame, measure: str) -> float:
    return float(table[table.measure == measure].baseline_mean.iloc[0])
