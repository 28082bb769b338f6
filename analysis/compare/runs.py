"""Reading the runs under a directory: one ``Run`` per finished run, the reason for each
run that cannot be used, and the labels of the runs of a sweep."""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
import yaml

from analysis import store
from analysis.outputs import (
    MONTHS_SIMULATED,
    UnreadableOutput,
    failure_reason,
    read_indicators,
    read_run_info,
)
from simulation.indicators import MONTHLY_INDICATORS


class CompareError(ValueError):
    """The directory cannot be compared; one line."""


class UnusableRun(Exception):
    """A run directory that cannot be used; the message says why, in one line."""


@dataclass
class Run:
    directory: Path
    scenario: str
    seed: int
    scale: int
    annual: pd.DataFrame  # year x indicator
    monthly: pd.DataFrame  # month x indicator
    uncertainty: str = "stochastic"  # "assumptions": the seed also drew the assumed parameters
    overrides: dict[str, str] = field(default_factory=dict)  # command-line overrides but seed

    def value(self, indicator: str, year: int) -> float:
        """The indicator's value in ``year``; NaN if the run has none."""
        if year not in self.annual.index or indicator not in self.annual.columns:
            return math.nan
        return float(self.annual.loc[year, indicator])

    def months_in(self, year: int) -> int:
        """How many months of ``year`` the run simulated."""
        if year not in self.annual.index or MONTHS_SIMULATED not in self.annual.columns:
            return 0
        return int(self.annual.loc[year, MONTHS_SIMULATED])


def find_runs(root: Path) -> tuple[list[Run], list[tuple[Path, str]]]:
    """Complete runs under ``root``, and (directory, reason) of the failed or damaged ones.
    The runs of a grid with a result store (:mod:`analysis.store`) are read from it; other
    run directories from their CSV files."""
    runs, failed = [], []
    grids = sorted(path.parent.parent for path in Path(root).rglob(f"{store.RESULTS}/runs"))
    for grid in grids:
        found, broken = read_store(grid)
        runs += found
        failed += broken
    for config in sorted(root.rglob(".hydra/config.yaml")):
        directory = config.parent.parent
        if any(grid in directory.parents or grid == directory for grid in grids):
            continue  # read from its grid's store
        try:
            runs.append(read_run(directory))
        except UnusableRun as error:
            failed.append((directory, str(error)))
    label_sweeps(runs)
    return runs, failed


def read_run(directory: Path) -> Run:
    """The finished run in ``directory``; ``UnusableRun`` says why it cannot be used."""
    try:
        info = read_run_info(directory)
    except UnreadableOutput as error:
        raise UnusableRun(str(error)) from None
    try:
        scenario, seed, scale = str(info["scenario"]), int(info["seed"]), int(info["scale"])
    except KeyError as error:
        raise UnusableRun(f"run_info.json has no {error}") from None
    except (TypeError, ValueError):
        raise UnusableRun("run_info.json: seed or scale is not a whole number") from None
    if seed < 0 or scale < 1:
        raise UnusableRun(f"run_info.json: seed {seed} or scale {scale} out of range")
    try:
        annual = read_indicators(directory / "indicators_annual.csv", "year")
        monthly = read_indicators(directory / "indicators.csv", "month")
    except UnreadableOutput as error:
        raise UnusableRun(str(error)) from None
    check_whole(annual, monthly)
    return Run(
        directory,
        scenario,
        seed,
        scale,
        annual,
        monthly,
        str(info.get("uncertainty", "stochastic")),
        read_overrides(directory),
    )


def check_whole(annual: pd.DataFrame, monthly: pd.DataFrame) -> None:
    """``UnusableRun`` where a run's files were cut short or damaged after it finished:
    ``indicators.csv`` must hold every monthly indicator that ``indicators_annual.csv``
    sums up, and a month of every year that it holds."""
    monthly_names = [name for name in annual.columns if name in MONTHLY_INDICATORS]
    absent = [name for name in monthly_names if name not in monthly.columns]
    if absent:
        raise UnusableRun(
            f"indicators.csv lacks the indicator '{absent[0]}' that indicators_annual.csv "
            "holds (damaged or cut short)"
        )
    years = {str(month)[:4] for month in monthly.index}
    missing = [year for year in annual.index if str(year) not in years]
    if missing:
        raise UnusableRun(
            f"indicators.csv has no month of {missing[0]}, which indicators_annual.csv holds "
            "(damaged or cut short)"
        )


def read_store(grid: Path) -> tuple[list[Run], list[tuple[Path, str]]]:
    """The finished runs of the grid in ``grid`` from its result store, and (directory,
    reason) of its runs that failed or did not finish."""
    table = store.load(grid, "runs")
    done = table[table.status == store.COMPLETE] if len(table) else table
    monthly = _by_run(store.load(grid, "monthly"), "month")
    annual = _by_run(store.load(grid, "annual"), "year")
    runs = [
        Run(
            grid / row.directory,
            str(row.scenario),
            int(row.seed),
            int(row.scale),
            annual.get(row.run_id, pd.DataFrame()),
            monthly.get(row.run_id, pd.DataFrame()),
            str(row.uncertainty),
            {key: value for key, value in json.loads(row.overrides).items() if key != "seed"},
        )
        for row in done.itertuples()
    ]
    finished = {grid / directory for directory in done.directory} if len(done) else set()
    errors = (
        {grid / row.directory: row.error for row in table.itertuples() if row.error}
        if len(table)
        else {}
    )
    failed = []
    for config in sorted(grid.rglob(".hydra/config.yaml")):
        directory = config.parent.parent
        if directory not in finished and directory != grid:
            reason = errors.get(directory) or failure_reason(directory) or "did not finish"
            failed.append((directory, reason))
    return runs, failed


def _by_run(frame: pd.DataFrame, index: str) -> dict[str, pd.DataFrame]:
    """A tidy store table as one table ``index`` x indicator per run id: the values are
    placed by their labels' category codes into one array run x ``index`` x indicator
    (a thousand runs in well under a second; a pivot takes seconds)."""
    if not len(frame):
        return {}
    codes = {}
    for column in ("run_id", index, "indicator"):
        labels = frame[column].astype("category")  # the store's labels are categories
        numbers, categories = labels.cat.codes.to_numpy(), labels.cat.categories
        used = np.bincount(numbers, minlength=len(categories)) > 0  # drop unused labels
        renumber = np.cumsum(used) - 1
        codes[column] = (renumber[numbers], categories[used])
    (run_codes, run_ids), (row_codes, rows), (column_codes, columns) = codes.values()
    order = np.argsort(np.asarray(rows))  # months or years in order
    position = np.empty_like(order)
    position[order] = np.arange(len(order))
    cube = np.full((len(run_ids), len(rows), len(columns)), np.nan)
    cube[run_codes, position[row_codes], column_codes] = frame["value"].to_numpy(float)
    seen = np.zeros((len(run_ids), len(rows)), dtype=bool)
    seen[run_codes, position[row_codes]] = True
    rows = pd.Index(np.asarray(rows)[order], name=index)
    columns = pd.Index(np.asarray(columns), name="indicator")
    return {
        str(run_id): pd.DataFrame(cube[number][seen[number]], rows[seen[number]], columns)
        for number, run_id in enumerate(run_ids)
    }


def read_overrides(directory: Path, keep_seed: bool = False) -> dict[str, str]:
    """The run's command-line overrides (``key: value``), without Hydra's own (and without
    the seed unless ``keep_seed``)."""
    path = directory / ".hydra" / "overrides.yaml"
    try:
        items = (yaml.safe_load(path.read_text()) or []) if path.exists() else []
    except yaml.YAMLError:
        raise UnusableRun(".hydra/overrides.yaml is not valid YAML") from None
    if not isinstance(items, list):
        raise UnusableRun(".hydra/overrides.yaml is not a list of overrides")
    overrides = {}
    for item in items:
        key, _, value = str(item).partition("=")
        key = key.lstrip("+~")
        if (keep_seed or key != "seed") and not key.startswith("hydra"):
            overrides[key] = value
    return overrides


def label_sweeps(runs: list[Run]) -> None:
    """Runs of one scenario with different settings (a sweep, e.g. over a lever's size)
    are different scenarios: label them by the overrides that vary across the grid, e.g.
    ``training_retraining [seats_per_year=20000]``."""
    keys = {key for run in runs for key in run.overrides if key != "scenario"}
    varying = sorted(key for key in keys if len({run.overrides.get(key) for run in runs}) > 1)
    for run in runs:
        settings = [
            f"{key.split('.')[-1]}={run.overrides[key]}" for key in varying if key in run.overrides
        ]
        if settings:
            run.scenario = f"{run.scenario} [{', '.join(settings)}]"


def baseline_first(scenarios, baseline: str) -> list[str]:
    """The scenarios sorted by name, the baseline first."""
    return sorted(scenarios, key=lambda scenario: (scenario != baseline, scenario))


def by_scenario(runs: list[Run]) -> dict[str, dict[int, Run]]:
    """The runs of each scenario by seed (a later run of the same seed replaces an earlier)."""
    grouped: dict[str, dict[int, Run]] = {}
    for run in runs:
        grouped.setdefault(run.scenario, {})[run.seed] = run
    return grouped
