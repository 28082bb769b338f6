"""Stylised facts a labour economist checks first, measured on a run.

    python -m analysis.stylised_facts <run directory>     # reads its indicators.csv

- Beveridge curve: over the path, the unemployment rate and the vacancy rate move in
  opposite directions (negative correlation of their monthly values);
- duration dependence: the monthly job-finding rate of the unemployed falls with the time
  they have been unemployed;
- structural change: the agricultural share of employment falls at a plausible pace
  (0.5 to 3 percentage points a year, the range of Vietnamese provinces since 2010).
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pandas as pd

from analysis.outputs import UnreadableOutput, read_indicators
from simulation.population import UNEMPLOYMENT_DURATIONS

DURATIONS = tuple(duration.name for duration in UNEMPLOYMENT_DURATIONS)


def beveridge_correlation(monthly: pd.DataFrame) -> float:
    """Correlation of the monthly unemployment and vacancy rates (per labour force)."""
    u = monthly["unemployed"] / monthly["labour_force"]
    v = monthly["vacancies"] / monthly["labour_force"]
    return float(np.corrcoef(u, v)[0, 1])


def job_finding_by_duration(monthly: pd.DataFrame) -> dict[str, float]:
    """Hires out of unemployment over the unemployed, by months of unemployment, pooled."""
    return {
        duration: float(
            monthly[f"hires_{duration}"].sum() / monthly[f"unemployed_{duration}"].sum()
        )
        for duration in DURATIONS
    }


def agri_share_fall_per_year(monthly: pd.DataFrame) -> float:
    """Average fall of the agricultural share, percentage points a year (first to last month)."""
    years = (len(monthly) - 1) / 12
    return float((monthly["agri_share"].iloc[0] - monthly["agri_share"].iloc[-1]) * 100 / years)


def facts(monthly: pd.DataFrame) -> dict[str, object]:
    finding = job_finding_by_duration(monthly)
    rates = list(finding.values())
    fall = agri_share_fall_per_year(monthly)
    corr = beveridge_correlation(monthly)
    return {
        "beveridge_correlation": corr,
        "beveridge_holds": corr < 0,
        "job_finding_by_duration": finding,
        "duration_dependence_holds": all(a > b for a, b in zip(rates, rates[1:], strict=False)),
        "agri_share_fall_points_per_year": fall,
        "structural_change_plausible": 0.5 <= fall <= 3.0,
    }


MIN_MONTHS = 24  # fewer months cannot show a trend or a Beveridge curve


def read_monthly(run_dir: Path) -> pd.DataFrame:
    return read_indicators(Path(run_dir) / "indicators.csv", "month")


def _fail(message: str) -> None:
    print(f"error: {message}", file=sys.stderr)
    sys.exit(2)


def main(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1 or args[0].startswith("-"):
        if args and args[0] in ("-h", "--help"):
            print(__doc__)
            return
        _fail("usage: python -m analysis.stylised_facts <run directory>")
    path = Path(args[0]) / "indicators.csv"
    if not path.is_file():
        _fail(f"{path} not found")
    try:
        monthly = read_monthly(Path(args[0]))
    except UnreadableOutput as e:
        _fail(f"{path.parent}: {e}")
    needed = ["unemployed", "labour_force", "vacancies", "agri_share"]
    needed += [f"{kind}_{duration}" for duration in DURATIONS for kind in ("hires", "unemployed")]
    absent = [name for name in needed if name not in monthly.columns]
    if absent:
        _fail(f"{path}: no indicator '{absent[0]}'")
    if len(monthly) < MIN_MONTHS:
        _fail(f"{path}: {len(monthly)} months; the facts need at least {MIN_MONTHS}")
    for key, value in facts(monthly).items():
        print(f"{key:<34} {value}")


if __name__ == "__main__":
    main()
