"""Run the province model: compose the config, build the model, run it, write the outputs.

    python run.py                                  # the baseline, full province, 2022-2025
    python run.py scale=100 seed=3                 # a quick run at 100 people per agent
    python run.py scenario=plan_package hydra.run.dir=outputs/plan
    python run.py -m scenario=baseline,plan_package seed=0,1,2   # a grid of runs
    python run.py -m hydra/launcher=joblib scenario=baseline,plan_package seed=0,1  # in parallel

Outputs (see analysis/outputs.py) go to the run directory Hydra makes.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import json
import logging
import platform
import resource
import shutil
import sys
import time
from functools import partial
from pathlib import Path

import hydra
import pandas as pd
from hydra.core.hydra_config import HydraConfig
from hydra.plugins.sweeper import Sweeper
from hydra.types import RunMode
from omegaconf import DictConfig, OmegaConf
from tqdm import tqdm

from analysis import population_cache, store
from analysis.outputs import FAILED, annual_frame, monthly_frame, write_run
from analysis.report import summary_table
from scenarios import build_levers, check_levers
from simulation.calendar import month_label
from simulation.config import ConfigError, register_schema, validate
from simulation.data import DataError
from simulation.model import ProvinceModel
from simulation.preflight import preflight

register_schema()
# a grid's directory is named by its command line, so that rerunning it resumes it.  The
# name is taken from this process's command line, here: the jobs of a grid run in other
# processes (joblib's workers, SLURM jobs started by submitit) with a command line of their
# own, and receive this resolver, pickled with the name, from the launcher.
GRID_NAME = store.grid_name(sys.argv[1:])
OmegaConf.register_new_resolver("grid_name", lambda: GRID_NAME)
# glibc's mallopt settings (malloc.h), and the largest threshold above which it maps
# allocations of their own: 32 MiB on a 64-bit system
M_TRIM_THRESHOLD = -1
M_MMAP_THRESHOLD = -3
LARGEST_MMAP_THRESHOLD = 32 * 1024 * 1024


@hydra.main(config_path="conf", config_name="config", version_base="1.3")
def main(cfg: DictConfig) -> None:
    logging.getLogger("MESA").setLevel(logging.WARNING)
    hydra_config = HydraConfig.get()
    out = Path(hydra_config.runtime.output_dir)
    grid = GridRun.of(cfg) if hydra_config.mode == RunMode.MULTIRUN else None
    if grid is not None and grid.skip(out):
        return
    for stale in (FAILED, "run_info.json"):  # from an earlier run in this directory
        (out / stale).unlink(missing_ok=True)
    try:
        run_one(cfg, out, grid)
    except Exception as error:
        if grid is None:
            if isinstance(error, (ConfigError, DataError)):
                # bad input found while building the model: one line, nothing left behind
                remove_hydra_only_directory(out)
                print(f"error: {error}", file=sys.stderr)
                sys.exit(2)
            raise
        # in a grid, one failed run must not stop the others: record it and go on
        reason = f"{type(error).__name__}: {error}"
        (out / FAILED).write_text(f"{reason}\n")
        grid.write(out, {"status": store.FAILED_STATUS, "error": reason})
        logging.getLogger(__name__).error("run failed: %s", reason)


def relative(path: Path, root: Path) -> str:
    """``path`` relative to ``root`` if it is inside it (a grid's run directory), else whole."""
    path, root = path.resolve(), root.resolve()
    return str(path.relative_to(root)) if path.is_relative_to(root) else str(path)


class GridRun:
    """A run of a grid: its key in the grid's result store (:mod:`analysis.store`)."""

    def __init__(self, cfg: DictConfig, root: Path, key: str, overrides: list[str]):
        self.cfg, self.root, self.key = cfg, root, key
        self.overrides = {}
        for item in overrides:
            name, _, value = item.partition("=")
            self.overrides[name.lstrip("+~")] = value

    @classmethod
    def of(cls, cfg: DictConfig) -> GridRun:
        hydra_config = HydraConfig.get()
        resolved = OmegaConf.to_container(cfg, resolve=True)
        return cls(
            cfg,
            Path(hydra_config.sweep.dir),
            store.run_key(resolved),
            list(hydra_config.overrides.task),
        )

    def skip(self, out: Path) -> bool:
        """Whether the run finished before with the same key (then it is not run again).
        A directory that held a run of another key (the code or data changed) gives that
        run up, so that the grid keeps one result per point."""
        previous = out / store.KEY_FILE
        if previous.exists() and previous.read_text().strip() != self.key:
            store.forget(self.root, previous.read_text().strip())
        if store.finished(self.root, self.key):
            logging.getLogger(__name__).info("finished before (key %s): skipped", self.key)
            return True
        out.mkdir(parents=True, exist_ok=True)
        previous.write_text(f"{self.key}\n")
        return False

    def model(self, settings, levers) -> ProvinceModel:
        """The run's model, from what the grid's runs of its seed share: the synthetic base
        year, and the months before the levers act (see :mod:`analysis.population_cache`)."""
        return population_cache.shared_model(self.root / population_cache.FOLDER, settings, levers)

    def keep_shared_months(self, model: ProvinceModel, progress) -> None:
        """Step to the first month a lever acts, and keep the state there for the others."""
        population_cache.keep_shared_months(self.root / population_cache.FOLDER, model, progress)

    def keep_finished(self, model: ProvinceModel) -> None:
        """Keep the finished state of a run none of whose levers acted, for the others."""
        population_cache.keep_finished(self.root / population_cache.FOLDER, model)

    def labels(self) -> dict[str, object]:
        """The columns that say which run a row is of: scenario, seed, scale, and each
        override of the grid but those three."""
        cfg = self.cfg
        fixed = {"scenario": str(cfg.scenario.name), "seed": int(cfg.seed), "scale": int(cfg.scale)}
        extra = {key: value for key, value in self.overrides.items() if key not in fixed}
        return {**fixed, **extra}

    def write(self, out: Path, info: dict, monthly=None, annual=None, parameters=None) -> None:
        info = {
            **info,
            "directory": relative(out, self.root),
            "overrides": json.dumps(self.overrides, sort_keys=True),
            "code_version": store.code_version(),
            "finished_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        }
        store.write_run_results(
            self.root, self.key, self.labels(), info, monthly, annual, parameters
        )


def checked_by_preflight(sweeper: Sweeper, batch) -> None:
    """In place of Hydra's ``Sweeper.validate_batch_is_legal``, which composes every run's
    config in this process before the grid starts (about 0.07 s a run, the workers idle
    meanwhile: nearly two minutes of a grid of 1,400 runs, and each worker composes its
    run's config again): :func:`simulation.preflight.preflight` has composed and validated
    every value of every sweep before Hydra started."""


def remove_hydra_only_directory(out: Path) -> None:
    """Remove a run directory that holds only what Hydra wrote before the run failed."""
    hydra_files = {".hydra", "run.log", f"{Path(sys.argv[0]).stem}.log"}
    if out.is_dir() and {path.name for path in out.iterdir()} <= hydra_files:
        shutil.rmtree(out)


def draw_plots(directory: Path, monthly, years, title: str) -> list[str]:
    """The run's plots (:func:`analysis.plots.plot_run`), matplotlib imported only when
    they are drawn: a grid draws none by default, and its every worker would otherwise
    import matplotlib at start-up (about 0.35 s a process)."""
    from analysis.plots import plot_run

    return plot_run(directory, monthly, years, title)


def keep_freed_memory() -> None:
    """Have the C library keep the memory numpy frees for the next arrays rather than give
    it back to the system: a month allocates and frees hundreds of arrays of up to some
    megabytes (a column of the persons), and with glibc's defaults the top of its heap
    goes back to the system as soon as a few megabytes of it are free, to be faulted in
    again page by page (about 1,300 pages a month at 10 people per agent: 1.5-3.5 ms of
    the processor's 90 ms, in the system).  With this, arrays up to the largest threshold
    come from the heap and its top is returned once twice that is free.  Speed only: the
    numbers are the same.  A C library without ``mallopt`` (not glibc) is left as it is."""
    try:
        mallopt = ctypes.CDLL(ctypes.util.find_library("c")).mallopt
    except (OSError, AttributeError, TypeError):
        return
    mallopt(M_MMAP_THRESHOLD, LARGEST_MMAP_THRESHOLD)
    mallopt(M_TRIM_THRESHOLD, 2 * LARGEST_MMAP_THRESHOLD)


def run_one(cfg: DictConfig, out: Path, grid: GridRun | None = None) -> None:
    keep_freed_memory()  # in the process that runs the model (a grid's worker)
    settings = validate(cfg, check_levers)
    label = f"{settings.scenario_name}, seed {settings.seed}, scale {settings.scale}"
    began = time.perf_counter()
    levers = build_levers(settings.levers)
    model = grid.model(settings, levers) if grid is not None else ProvinceModel(settings, levers)
    built = time.perf_counter()
    with tqdm(
        total=model.months_to_run, desc=label, unit="month", file=sys.stderr, dynamic_ncols=True
    ) as bar:
        if grid is not None:
            grid.keep_shared_months(model, bar.update)
        model.run(bar.update)
    if grid is not None:
        grid.keep_finished(model)
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
    plots = (grid is None) if cfg.get("plots") is None else bool(cfg.plots)
    monthly = monthly_frame(model.history)
    years = write_run(
        out,
        model.history,
        model.reference(),
        OmegaConf.to_yaml(cfg),
        info,
        partial(draw_plots, title=title) if plots else None,
        parameters,
        model.district_history,
        model.skills_panel.rows,
        monthly,
    )
    if grid is not None:
        info["write_seconds"] = round(time.perf_counter() - ran, 2)
        grid.write(
            out,
            {"status": store.COMPLETE, "error": "", **info},
            monthly,
            annual_frame(years),
            dict(zip(parameters.parameter, parameters.value, strict=True)),
        )
    print(summary_table(years, title))
    print(f"\nOutputs in {out}  (built in {built - began:.1f} s, ran in {ran - built:.1f} s)")


if __name__ == "__main__":
    try:
        preflight(sys.argv[1:], check_levers)
    except ConfigError as error:
        print(f"error: {error}", file=sys.stderr)
        sys.exit(2)
    Sweeper.validate_batch_is_legal = checked_by_preflight
    main()
