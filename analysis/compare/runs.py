"""Reading the runs under a directory: one ``Run`` per finished run, the reason for each
run that cannot be used, and the labels of the runs of a sweep."""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import yaml

from analysis.outputs import UnreadableOutput, failure_reason, read_indicators


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
        if year not in self.annual.index or "months_simulated" not in self.annual.columns:
            return 0
        return int(self.annual.loc[year, "months_simulated"])


def find_runs(root: Path) -> tuple[list[Run], list[tuple[Path, str]]]:
    """Complete runs under ``root``, and (directory, reason) of the failed or damaged ones."""
    runs, failed = [], []
    for config in sorted(root.rglob(".hydra/config.yaml")):
        directory = config.parent.parent
        try:
            runs.append(read_run(directory))
        except UnusableRun as error:
            failed.append((directory, str(error)))
    label_sweeps(runs)
    return runs, failed


def read_run(directory: Path) -> Run:
    """The finished run in ``directory``; ``UnusableRun`` says why it cannot be used."""
    info_path = directory / "run_info.json"
    if not info_path.exists():
        raise UnusableRun(failure_reason(directory) or "no run_info.json (run did not finish)")
    try:
        info = json.loads(info_path.read_text(encoding="utf-8"))
    except (ValueError, OSError) as error:
        raise UnusableRun(f"run_info.json is not readable JSON ({error})") from None
    if not isinstance(info, dict):
        raise UnusableRun("run_info.json is not a JSON object")
    if not info.get("complete"):
        raise UnusableRun("run_info.json says the run is not complete")
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
