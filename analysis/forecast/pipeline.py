"""``forecast``: a directory of runs in; the tables, heat map, text and training plan out."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import yaml

from analysis.forecast.balance import ForecastError, across_seeds, paired_differences
from analysis.forecast.figures import draw_heat_map
from analysis.forecast.report import report_text
from analysis.forecast.runs import FIRST_FORECAST_YEAR, ForecastRun, read_forecast_runs
from analysis.forecast.training_plan import TARGET_YEARS, plan_scenario, training_plan
from analysis.outputs import write_atomic, write_frame
from simulation.config import ROOT
from simulation.data import DataError, ProvinceData, load_province

REPORTED_YEARS = (FIRST_FORECAST_YEAR, *TARGET_YEARS)
DEFAULT_DATA = "data/hai_duong"  # the province of runs that do not say theirs
SCENARIO_FILE = "training_plan_scenario.yaml"


def province_data(runs: list[ForecastRun]) -> ProvinceData:
    """The province data of the runs (the first run's ``province.data_dir``)."""
    folder = DEFAULT_DATA
    config = runs[0].run.directory / ".hydra" / "config.yaml"
    if config.exists():
        try:
            folder = (yaml.safe_load(config.read_text()) or {})["province"]["data_dir"]
        except (yaml.YAMLError, KeyError, TypeError):
            pass
    path = Path(folder)
    try:
        return load_province(path if path.is_absolute() else ROOT / path)
    except DataError as error:
        raise ForecastError(f"province data: {error}") from None


def forecast(
    directory: Path | str,
    out: Path | str | None = None,
    scenario: str = "baseline",
    years: list[int] | None = None,
) -> dict:
    """Forecast from the runs under ``directory`` and write the results into ``out`` (by
    default ``directory``); ``ForecastError`` before anything is written if that cannot be
    done."""
    root = Path(directory)
    out = Path(out) if out else root
    if out.exists() and not out.is_dir():
        raise ForecastError(f"--out {out}: exists and is not a directory")
    runs, unusable = read_forecast_runs(root)
    scenarios = sorted({item.scenario for item in runs})
    if scenario not in scenarios:
        if len(scenarios) > 1:
            raise ForecastError(
                f"--scenario {scenario}: no such scenario among the runs ({', '.join(scenarios)})"
            )
        scenario = scenarios[0]
    balances = pd.concat(
        [item.balance.assign(scenario=item.scenario, seed=item.seed) for item in runs],
        ignore_index=True,
    )
    summary = across_seeds(balances)
    differences = paired_differences(balances, scenario)
    simulated = sorted(summary[summary.scenario == scenario].year.unique())
    if years is not None:  # asked for: every one must have been simulated
        missing = [year for year in years if year not in simulated]
        if missing:
            raise ForecastError(
                f"--years {','.join(map(str, missing))}: not simulated whole by the runs "
                f"(they cover {simulated[0]}-{simulated[-1]}; a run goes to end=2030-12 at most)"
            )
    years = [year for year in (years or REPORTED_YEARS) if year in simulated] or simulated[-1:]
    data = province_data(runs)
    plan = training_plan(summary, scenario, data)
    share_targets = data.figures.series("employment_share_target", "industry")
    enrolment_target = data.figures.value("vocational_enrolment_target")
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise ForecastError(f"--out {out}: cannot create it ({error.strerror})") from None
    tables = [summary, differences] if len(differences) else [summary]
    write_frame(pd.concat(tables, ignore_index=True), out / "forecast.csv")
    write_frame(plan, out / "training_plan.csv")
    files = ["forecast.csv", "training_plan.csv"]
    plan_as_scenario = plan_scenario(plan, data)
    if plan_as_scenario is not None:
        scenario_yaml = yaml.safe_dump(plan_as_scenario, sort_keys=False)
        write_atomic(out / SCENARIO_FILE, scenario_yaml)
        files.append(SCENARIO_FILE)
    else:  # none this time: do not leave one from an earlier forecast beside these tables
        (out / SCENARIO_FILE).unlink(missing_ok=True)
    heat_map = draw_heat_map(summary, scenario, years, out)
    text = report_text(
        summary, differences, runs, scenario, years, plan, share_targets, enrolment_target, unusable
    )
    write_atomic(out / "forecast.md", text)
    return {
        "runs": len(runs),
        "scenarios": scenarios,
        "files": [*files, heat_map, "forecast.md"],
        "unusable": unusable,
        "out": out,
    }
