"""Run the province model: compose the config, build the model, run it, write the outputs.

    python run.py                                  # the baseline, full province, 2022-2025
    python run.py scale=100 seed=3                 # a quick run at 100 people per agent
    python run.py scenario=plan_package hydra.run.dir=outputs/plan
    python run.py -m scenario=baseline,plan_package seed=0,1,2   # a grid of runs
    python run.py -m hydra/launcher=joblib scenario=baseline,plan_package seed=0,1  # in parallel

Outputs (see analysis/outputs.py) go to the run directory Hydra makes.
"""

from __future__ import annotations

import logging
import platform
import resource
import shutil
import sys
import time
from pathlib import Path

import hydra
import pandas as pd
from hydra.core.hydra_config import HydraConfig
from hydra.types import RunMode
from omegaconf import DictConfig, OmegaConf
from tqdm import tqdm

from analysis.outputs import FAILED, write_run
from analysis.plots import plot_run
from analysis.report import summary_table
from scenarios import build_levers, check_levers
from simulation.calendar import month_label
from simulation.config import ConfigError, register_schema, validate
from simulation.data import DataError
from simulation.model import ProvinceModel
from simulation.preflight import preflight

register_schema()


@hydra.main(config_path="conf", config_name="config", version_base="1.3")
def main(cfg: DictConfig) -> None:
    logging.getLogger("MESA").setLevel(logging.WARNING)
    out = Path(HydraConfig.get().runtime.output_dir)
    for stale in (FAILED, "run_info.json"):  # from an earlier run in this directory
        (out / stale).unlink(missing_ok=True)
    try:
        run_one(cfg, out)
    except Exception as error:
        if HydraConfig.get().mode != RunMode.MULTIRUN:
            if isinstance(error, (ConfigError, DataError)):
                # bad input found while building the model: one line, nothing left behind
                remove_hydra_only_directory(out)
                print(f"error: {error}", file=sys.stderr)
                sys.exit(2)
            raise
        # in a grid, one failed run must not stop the others: record it and go on
        (out / FAILED).write_text(f"{type(error).__name__}: {error}\n")
        logging.getLogger(__name__).error("run failed: %s: %s", type(error).__name__, error)


def remove_hydra_only_directory(out: Path) -> None:
    """Remove a run directory that holds only what Hydra wrote before the run failed."""
    hydra_files = {".hydra", "run.log", f"{Path(sys.argv[0]).stem}.log"}
    if out.is_dir() and {path.name for path in out.iterdir()} <= hydra_files:
        shutil.rmtree(out)


def run_one(cfg: DictConfig, out: Path) -> None:
    settings = validate(cfg, check_levers)
    label = f"{settings.scenario_name}, seed {settings.seed}, scale {settings.scale}"
    began = time.perf_counter()
    model = ProvinceModel(settings, build_levers(settings.levers))
    built = time.perf_counter()
    with tqdm(
        total=model.months_to_run, desc=label, unit="month", file=sys.stderr, dynamic_ncols=True
    ) as bar:
        model.run(bar.update)
    ran = time.perf_counter()
    info = {
        "scenario": settings.scenario_name,
        "seed": settings.seed,
        "scale": settings.scale,
        "uncertainty": settings.uncertainty,
        "spin_up_months": settings.spin_up_months,
        "start": month_label(settings.start),
        "end": month_label(settings.end),
        "province": settings.province_name,
        "agents": len(model.persons),
        "firm_agents": len(model.firms),
        "build_seconds": round(built - began, 2),
        "run_seconds": round(ran - built, 2),
        "peak_memory_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "python": platform.python_version(),
    }
    title = f"{settings.province_name}: {label}"
    stated = settings.stated_parameters or settings.province.parameters
    parameters = pd.DataFrame(
        [
            {
                "parameter": name,
                "value": p.value,
                "stated_value": stated[name].value,
                "low": p.low,
                "high": p.high,
                "status": p.status,
            }
            for name, p in settings.province.parameters.items()
        ]
    )
    years = write_run(
        out,
        model.history,
        model.reference(),
        OmegaConf.to_yaml(cfg),
        info,
        lambda d, monthly, yrs: plot_run(d, monthly, yrs, title),
        parameters,
        model.district_history,
    )
    print(summary_table(years, title))
    print(f"\nOutputs in {out}  (built in {built - began:.1f} s, ran in {ran - built:.1f} s)")


if __name__ == "__main__":
    try:
        preflight(sys.argv[1:], check_levers)
    except ConfigError as error:
        print(f"error: {error}", file=sys.stderr)
        sys.exit(2)
    main()
