"""Checking the grid of runs before comparing it: runs that failed, are damaged or did not
simulate the whole year, runs the grid asked for that are missing, and runs without a
baseline run of the same seed.  Nothing is dropped silently: each is listed in the report."""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass
from pathlib import Path

import yaml

from analysis.compare.runs import CompareError, Run, UnusableRun, find_runs, read_overrides
from analysis.targets import TARGETS


@dataclass
class Grid:
    runs: list[Run]  # usable: complete, with the whole year and every target's value in it
    failed: list[tuple[Path, str]]  # (directory, why) of the runs left out
    missing: list[dict[str, str]]  # the points of the grid no run stands for
    unpaired: list[tuple[str, int]]  # (scenario, seed) without a baseline run of that seed


def check_grid(root: Path, baseline: str, year: int) -> Grid:
    """The runs under ``root`` that can be compared in ``year``, and those that cannot;
    ``CompareError`` if nothing can be compared."""
    runs, failed = find_runs(root)
    if not runs:
        raise CompareError(f"{root}: no finished runs found (looked for */run_info.json)")
    labels = sorted({run.scenario for run in runs})
    if baseline not in labels:
        raise CompareError(
            f"{root}: no run of the baseline '{baseline}' (scenarios found: "
            f"{'; '.join(labels)}; choose one with --baseline)"
        )
    runs, short = covering(runs, year)
    failed += short
    missing = []  # grids may be nested: several multiruns under one directory
    for grid_file in sorted(root.rglob("multirun.yaml")):
        here = [run for run in runs if grid_file.parent in run.directory.parents]
        gone = [directory for directory, _ in failed if grid_file.parent in directory.parents]
        missing += missing_runs(here, expected_grid(grid_file) or [], gone)
    return Grid(runs, failed, missing, unpaired_runs(runs, baseline))


def expected_grid(path: Path) -> list[dict[str, str]] | None:
    """The runs a multirun asked for, from its Hydra ``multirun.yaml``."""
    from hydra.core.override_parser.overrides_parser import OverridesParser

    try:
        content = yaml.safe_load(path.read_text()) or {}
        task = content.get("hydra", {}).get("overrides", {}).get("task", [])
        parsed = OverridesParser.create().parse_overrides(task)
    except Exception:  # noqa: BLE001 - a damaged grid file: say so, do not guess the grid
        raise CompareError(
            f"{path}: not a readable Hydra multirun file; delete it to compare the runs "
            "without checking the grid for missing runs"
        ) from None
    axes = []
    for override in parsed:
        key = override.get_key_element().lstrip("+~")
        if key.startswith("hydra") or not override.is_sweep_override():
            continue
        axes.append([(key, str(value)) for value in override.sweep_string_iterator()])
    return [dict(combination) for combination in itertools.product(*axes)] if axes else None


def missing_runs(
    runs: list[Run], grid: list[dict[str, str]], failed: list[Path] = ()
) -> list[dict[str, str]]:
    """The points of the grid that neither a finished run nor a failed run (already
    reported as failed) stands for."""
    defaults = {"scenario": "baseline", "seed": "0"}
    have = [{**run.overrides, "seed": str(run.seed)} for run in runs]
    for directory in failed:
        try:
            have.append(read_overrides(directory, keep_seed=True))
        except UnusableRun:
            pass

    def matches(given: dict[str, str], point: dict[str, str]) -> bool:
        return all(given.get(key, defaults.get(key)) == value for key, value in point.items())

    return [point for point in grid if not any(matches(given, point) for given in have)]


def covering(runs: list[Run], year: int) -> tuple[list[Run], list[tuple[Path, str]]]:
    """The runs that simulated all twelve months of ``year`` and have every target's value
    in it, and why the others are left out; refuses the comparison when none is left."""
    whole = [run for run in runs if run.months_in(year) == 12]
    if not whole:
        years = sorted(
            {int(other) for run in runs for other in run.annual.index if run.months_in(other) == 12}
        )
        ends = sorted({str(run.monthly.index.max()) for run in runs})
        choose = (
            f"choose --year from {', '.join(map(str, years))}"
            if years
            else "no year is simulated whole"
        )
        raise CompareError(
            f"no run simulated all of {year} (the runs end in {', '.join(ends)}; {choose})"
        )
    short = [
        (run.directory, f"simulated {run.months_in(year)} of the 12 months of {year}")
        for run in runs
        if run.months_in(year) != 12
    ]
    usable = []
    for run in whole:  # a whole year without a target's value is a damaged file
        gaps = [target.id for target in TARGETS if math.isnan(run.value(target.id, year))]
        if gaps:
            short.append(
                (run.directory, f"indicators_annual.csv has no value of {gaps[0]} in {year}")
            )
        else:
            usable.append(run)
    if not usable:
        raise CompareError(f"no run has every target's value for {year}: {short[0][1]}")
    return usable, short


def unpaired_runs(runs: list[Run], baseline: str) -> list[tuple[str, int]]:
    """(scenario, seed) of the runs with no baseline run of the same seed to pair with:
    they count in the scenario's spread but not in its difference from the baseline."""
    seeds = {run.seed for run in runs if run.scenario == baseline}
    return sorted(
        {
            (run.scenario, run.seed)
            for run in runs
            if run.scenario != baseline and run.seed not in seeds
        }
    )
