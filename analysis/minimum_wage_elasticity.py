"""Employment elasticity of a minimum-wage rise, from paired runs (same seed and scale).

    python -m analysis.minimum_wage_elasticity <directory>   # a grid, or any runs below it

Runs are paired by their own ``run_info.json`` (scenario, seed and scale), so a grid of
``run.py -m scenario=baseline,minimum_wage seed="range(10)"`` works as it is, as do
directories named ``baseline-N`` and ``minimum_wage-N``.  For each seed and scale with both
a ``baseline`` and a ``minimum_wage`` run, the elasticity of an indicator (by default
employment in domestic private enterprises) is

    (mean of 2025 in the lever's run / mean of 2025 in the baseline - 1) / increase

where ``increase`` is the lever's relative rise of the minimum wages (read from the run's
``config_resolved.yaml``).  Prints each seed's value, their mean and the standard error of
the mean, each beside the published Vietnamese estimate it compares with (the province
data's ``minimum_wage_elasticity`` rows: for 2012-2020 no significant effect on employment
or monthly earnings and -0.38 on weekly hours; about -0.1 on domestic enterprises'
employment in 2008-2010; docs/calibration.md).
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import yaml

from analysis.cli import refuse
from analysis.outputs import (
    UnreadableOutput,
    latest_figure,
    read_indicators,
    read_run_info,
    run_figures,
)

YEAR = "2025"
INDICATORS = (
    "employment_domestic",
    "enterprise_employment",
    "employed",
    "average_wage",
    "average_hours",
    "informal_share",
    "si_coverage",
)
# the published elasticity each indicator is set against (wages.csv, variable
# minimum_wage_elasticity, by category; read from the runs' province data)
PUBLISHED_VARIABLE = "minimum_wage_elasticity"
PUBLISHED = {
    "employment_domestic": "domestic_enterprise_employment",
    "employed": "employment",
    "average_wage": "monthly_earnings",
    "average_hours": "weekly_hours",
}


def published(directory: Path, runs: dict | None = None) -> dict[str, tuple[float, int]]:
    """The published elasticity and its year for each indicator of :data:`PUBLISHED`,
    from the province data of the first run below ``directory`` (none where it holds
    none); ``runs``: its :func:`runs_by_key`, if already read."""
    runs = runs_by_key(directory) if runs is None else runs
    figures = run_figures(next(iter(runs.values()))) if runs else None
    out = {}
    for indicator, category in PUBLISHED.items():
        value, year = latest_figure(figures, PUBLISHED_VARIABLE, category)
        if value is not None:
            out[indicator] = (value, year)
    return out


class UnpairableRun(ValueError):
    """A run that cannot enter a pair; the message says why, in one line."""


def year_mean(run: Path, indicator: str, year: str = YEAR) -> float:
    """The mean of ``indicator`` over the months of ``year`` in ``run``;
    ``UnpairableRun`` where the run has no such month or indicator."""
    try:
        monthly = read_indicators(run / "indicators.csv", "month")
    except UnreadableOutput as error:
        raise UnpairableRun(f"{run}: {error}") from None
    months = monthly.index.str.startswith(year)
    if not months.any():
        raise UnpairableRun(f"{run}: no month of {year} (run to end={year}-12 or later)")
    if indicator not in monthly:
        raise UnpairableRun(f"{run}: no indicator '{indicator}'")
    return float(monthly.loc[months, indicator].mean())


def increase(run: Path) -> float:
    """The ``minimum_wage`` lever's relative rise in ``run`` (its resolved configuration)."""
    try:
        config = yaml.safe_load((run / "config_resolved.yaml").read_text(encoding="utf-8"))
        return float(config["scenario"]["levers"]["minimum_wage"]["increase"])
    except (OSError, yaml.YAMLError, KeyError, TypeError, ValueError):
        raise UnpairableRun(
            f"{run}: its config_resolved.yaml has no minimum_wage lever's increase"
        ) from None


def runs_by_key(directory: Path) -> dict[tuple[str, int, float], Path]:
    """Run directories below ``directory`` by (scenario, seed, scale), from their
    ``run_info.json``; runs that did not complete are left out."""
    runs = {}
    for info_file in sorted(directory.rglob("run_info.json")):
        try:
            info = read_run_info(info_file.parent)
            key = str(info["scenario"]), int(info["seed"]), float(info["scale"])
        except (UnreadableOutput, KeyError, TypeError, ValueError):
            continue  # not a finished run of this tool's making: not paired
        if (info_file.parent / "indicators.csv").exists():
            runs[key] = info_file.parent
    return runs


def elasticities(directory: Path, indicator: str, runs: dict | None = None) -> dict[int, float]:
    """Elasticity of ``indicator`` by seed, from each seed's paired runs at the same scale;
    ``runs``: the directory's :func:`runs_by_key`, if already read."""
    runs = runs_by_key(directory) if runs is None else runs
    out = {}
    for (scenario, seed, scale), lever_run in runs.items():
        base = runs.get(("baseline", seed, scale))
        if scenario != "minimum_wage" or base is None:
            continue
        change = year_mean(lever_run, indicator) / year_mean(base, indicator) - 1
        out[seed] = change / increase(lever_run)
    return dict(sorted(out.items()))


def main(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else argv
    if any(arg in ("-h", "--help") for arg in args):
        print(__doc__)
        return
    if len(args) != 1:
        refuse("usage: python -m analysis.minimum_wage_elasticity <directory>")
    directory = Path(args[0])
    if not directory.is_dir():
        refuse(f"{directory} is not a directory")
    try:
        runs = runs_by_key(directory)  # read once for every indicator
        found = {indicator: elasticities(directory, indicator, runs) for indicator in INDICATORS}
    except UnpairableRun as error:
        refuse(str(error))
    if not any(found.values()):
        refuse(
            f"{directory}: no baseline and minimum_wage runs of the same seed and scale "
            "(run.py -m scenario=baseline,minimum_wage seed=...)"
        )
    references = published(directory, runs)
    for indicator, values in found.items():
        if not values:
            print(f"{indicator}: no paired runs in {directory}")
            continue
        array = np.array(list(values.values()))
        error = array.std(ddof=1) / np.sqrt(len(array)) if len(array) > 1 else float("nan")
        seeds = " ".join(f"{seed}:{value:+.3f}" for seed, value in values.items())
        reference = ""
        if indicator in references:
            value, year = references[indicator]
            reference = f" [published {value:+.2f}, to {year}]"
        print(f"{indicator}: mean {array.mean():+.3f} (s.e. {error:.3f}){reference}; {seeds}")


if __name__ == "__main__":
    main()
