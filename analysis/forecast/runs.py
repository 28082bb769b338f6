"""Reading the runs of a forecast: every finished run under a directory (a single run, a
folder of runs or a grid), each with its skills panel (``skills.csv``) and yearly
indicators; the runs that cannot be used, with the reason."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from analysis.compare.runs import CompareError, Run, find_runs
from analysis.forecast.balance import ForecastError, balance, yearly_panel
from analysis.outputs import SKILLS_FILE
from simulation.calendar import MONTHS_PER_YEAR

FIRST_FORECAST_YEAR = 2025  # a run must simulate this year whole to be forecast from
SKILLS_COLUMNS = ("month", "sector", "level", "quantity", "value")


@dataclass
class ForecastRun:
    run: Run
    balance: pd.DataFrame  # analysis.forecast.balance.balance of the run

    @property
    def scenario(self) -> str:
        return self.run.scenario

    @property
    def seed(self) -> int:
        return self.run.seed


def read_skills(directory: Path) -> pd.DataFrame:
    """A run's ``skills.csv``; ``ForecastError`` names what is wrong."""
    path = directory / SKILLS_FILE
    if not path.exists():
        raise ForecastError(
            f"no {SKILLS_FILE} (a run made before the skills panel existed: run it again)"
        )
    try:
        frame = pd.read_csv(path)
    except (ValueError, OSError) as error:
        raise ForecastError(f"{SKILLS_FILE} is not readable CSV ({type(error).__name__})") from None
    missing = [column for column in SKILLS_COLUMNS if column not in frame.columns]
    if missing:
        raise ForecastError(f"{SKILLS_FILE} lacks the column(s) {', '.join(missing)}")
    if not pd.api.types.is_numeric_dtype(frame["value"]):
        raise ForecastError(f"{SKILLS_FILE}: the column value is not numeric")
    return frame


def forecast_run(run: Run) -> ForecastRun:
    """The run's balance; ``ForecastError`` if it has no skills panel or does not simulate
    :data:`FIRST_FORECAST_YEAR` whole."""
    if run.months_in(FIRST_FORECAST_YEAR) < MONTHS_PER_YEAR:
        last = int(run.annual.index.max()) if len(run.annual) else None
        raise ForecastError(
            f"ends in {last}, before the end of {FIRST_FORECAST_YEAR}: the forecast needs runs"
            f" to at least {FIRST_FORECAST_YEAR}-12 (e.g. end=2030-12)"
        )
    return ForecastRun(run, balance(yearly_panel(read_skills(run.directory))))


def read_forecast_runs(root: Path) -> tuple[list[ForecastRun], list[tuple[Path, str]]]:
    """The usable runs under ``root`` and (directory, reason) of the others;
    ``ForecastError`` if ``root`` holds none."""
    root = Path(root)
    if not root.is_dir():
        raise ForecastError(f"{root}: not a directory")
    try:
        runs, unusable = find_runs(root)
    except CompareError as error:
        raise ForecastError(str(error)) from None
    usable = []
    for run in runs:
        try:
            usable.append(forecast_run(run))
        except ForecastError as error:
            unusable.append((run.directory, str(error)))
    if not usable:
        if unusable:
            directory, reason = unusable[0]
            raise ForecastError(f"{directory}: {reason}")
        raise ForecastError(f"{root}: no finished runs in it (no run_info.json or result store)")
    return usable, unusable
