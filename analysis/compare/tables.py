"""The comparison as tables: ``comparison.csv`` (tidy) and ``comparison.md`` (one table per
target, and the costs)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from analysis.compare.formatting import chance, percent, signed_points, threshold
from analysis.outputs import write_atomic, write_frame
from analysis.targets import TARGETS


def write_tables(frame: pd.DataFrame, out: Path, baseline: str, year: int) -> None:
    """``comparison.csv`` and ``comparison.md`` in ``out``."""
    write_frame(frame, out / "comparison.csv")
    write_atomic(
        out / "comparison.md", f"# Comparison in {year}\n\n" + markdown_tables(frame, baseline)
    )


def markdown_tables(frame: pd.DataFrame, baseline: str) -> str:
    """A table per target (each scenario's spread, difference and chance), then the costs."""
    lines = []
    for target in TARGETS:
        rows = frame[frame.indicator == target.id]
        if rows.empty:
            continue
        estimated = target.indicator.estimated
        lines += [
            f"### {target.label} (`{target.id}`, target {threshold(target)} by {target.year})",
            "",
            *([f"*The plan's note on this target: {target.note}.*", ""] if target.note else []),
            # a note between a table's header and its rows would break the table
            *(
                []
                if estimated
                else ["*Set by inputs, not estimated by the model: no interval is given.*", ""]
            ),
            "| scenario | runs | mean % | 90 % interval | difference from baseline, points "
            "(95 % CI) | chance of meeting (95 % CI) |",
            "|---|---|---|---|---|---|",
        ]
        for _, row in rows.iterrows():
            if row.scenario == baseline or pd.isna(row.get("diff_mean")):
                difference = ""
            elif estimated:
                difference = (
                    f"{signed_points(row.diff_mean)} "
                    f"({signed_points(row.diff_lo)} to {signed_points(row.diff_hi)})"
                )
            else:
                difference = f"{signed_points(row.diff_mean)} (set by inputs)"
            interval = (
                f"{percent(row.get('p05'))} - {percent(row.get('p95'))}"
                if estimated
                else "set by inputs"
            )
            lines.append(
                f"| {row.scenario} | {row.runs} | {percent(row.get('mean'))} | "
                f"{interval} | {difference} | {chance(row)} |"
            )
        lines.append("")
    costs = frame.drop_duplicates("scenario")
    costs = costs[costs.cost_bn_vnd > 0]
    if len(costs):
        lines += [
            "### Costs",
            "",
            f"| scenario | public cost to the end of {int(frame.year.iloc[0])}, bn VND "
            "| VND per job created "
            "| VND per point of unemployment avoided |",
            "|---|---|---|---|",
        ]
        for _, row in costs.iterrows():
            per_job = "n/a" if pd.isna(row.vnd_per_job) else f"{row.vnd_per_job / 1e6:,.0f} million"
            per_point = (
                "n/a"
                if pd.isna(row.vnd_per_unemployment_point)
                else f"{row.vnd_per_unemployment_point / 1e9:,.0f} bn"
            )
            lines.append(f"| {row.scenario} | {row.cost_bn_vnd:,.0f} | {per_job} | {per_point} |")
        lines.append("")
    return "\n".join(lines)
