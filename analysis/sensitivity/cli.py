"""The command line of ``python -m analysis.sensitivity`` (see the package's docstring).
Bad input is one line on stderr and exit code 2; nothing is written then."""

from __future__ import annotations

import argparse
import os
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from analysis.cli import description_of, refuse
from analysis.outputs import out_folder
from analysis.sensitivity import methods, report
from analysis.sensitivity.evaluation import BASELINE, Runs, evaluate_all
from analysis.sensitivity.factors import Factors, SensitivityError, assumptions, stated_values
from scenarios import check_levers
from simulation.config import ConfigError
from simulation.data import DataError
from simulation.preflight import compose_checked

DESIGN_SEED = 0  # the seed of SALib's designs (the model's seed is --seed)


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    import analysis.sensitivity

    parser = argparse.ArgumentParser(
        prog="python -m analysis.sensitivity",
        description=description_of(analysis.sensitivity.__doc__),
    )
    parser.add_argument("--parameters", help="comma-separated assumptions (default: all)")
    parser.add_argument("--trajectories", type=int, default=4, help="Morris paths (default 4)")
    parser.add_argument("--levels", type=int, default=4, help="Morris grid levels (default 4)")
    parser.add_argument("--sobol", type=int, default=0, help="Sobol indices of the top K")
    parser.add_argument("--samples", type=int, default=64, help="Sobol base samples (2^n)")
    parser.add_argument("--scale", type=int, default=100, help="people per agent (default 100)")
    parser.add_argument("--seed", type=int, default=0, help="the model's seed (default 0)")
    parser.add_argument("--end", default="2025-12", help="last month (default 2025-12)")
    parser.add_argument(
        "--effects", default="plan_package", help="scenarios compared with the baseline"
    )
    parser.add_argument("--noise-seeds", type=int, default=4, help="seeds of the noise floor")
    parser.add_argument(
        "--seeds-per-point",
        type=int,
        default=1,
        help="seeds each point runs with, its outputs their mean (default 1)",
    )
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="processes")
    parser.add_argument("--out", default="outputs/sensitivity", help="where to write")
    parser.add_argument(
        "--points", help="the sensitivity_points.csv of an earlier screening: analysed, not rerun"
    )
    return parser.parse_args(argv)


def _check(arguments: argparse.Namespace) -> None:
    if arguments.trajectories < 1:
        raise SensitivityError(f"--trajectories: at least 1, got {arguments.trajectories}")
    if arguments.levels < 2 or arguments.levels % 2:
        raise SensitivityError(f"--levels: an even number from 2, got {arguments.levels}")
    samples = arguments.samples
    if samples < 2 or samples & (samples - 1):
        raise SensitivityError(f"--samples: a power of two from 2, got {samples}")
    for key in ("sobol", "noise_seeds"):
        if getattr(arguments, key) < 0:
            raise SensitivityError(f"--{key.replace('_', '-')}: not negative")
    for key in ("jobs", "seeds_per_point"):
        if getattr(arguments, key) < 1:
            raise SensitivityError(
                f"--{key.replace('_', '-')}: at least 1, got {getattr(arguments, key)}"
            )
    out_folder(arguments.out, SensitivityError)


def read_points(
    path: Path, factors: Factors, outputs: list[str]
) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """The design, outputs and errors of an earlier screening (its sensitivity_points.csv),
    which must have the same assumptions and outputs as asked now."""
    try:
        frame = pd.read_csv(path)
    except (OSError, ValueError) as error:
        raise SensitivityError(f"--points: cannot read {path} ({error})") from None
    missing = [name for name in (*factors.names, *outputs) if name not in frame.columns]
    if missing:
        raise SensitivityError(
            f"--points: {path} has no column {missing[0]} (another screening's assumptions, "
            "--parameters or --effects?)"
        )
    errors = frame["error"].fillna("").astype(str).tolist() if "error" in frame else []
    return (
        frame[list(factors.names)].to_numpy(float),
        frame[outputs].to_numpy(float),
        errors or [""] * len(frame),
    )


def _spread(values: np.ndarray) -> float:
    """Standard deviation across seeds (NaN with fewer than two values)."""
    finite = values[np.isfinite(values)]
    return float(np.std(finite, ddof=1)) if len(finite) > 1 else float("nan")


@dataclass
class Study:
    """What the arguments ask for, checked before any run."""

    runs: Runs
    factors: Factors
    stated: dict[str, float]  # the assumptions' stated values
    earlier: tuple | None  # an earlier screening's design, outputs and errors (--points)


def _study(arguments: argparse.Namespace) -> Study:
    """Check the arguments and compose every scenario once (a bad one: SensitivityError,
    ConfigError or DataError, before anything runs)."""
    _check(arguments)
    effects = tuple(name for name in arguments.effects.split(",") if name)
    runs = Runs(arguments.scale, arguments.seed, arguments.end, effects, arguments.seeds_per_point)
    composed = [
        compose_checked(
            [
                f"scenario={scenario}",
                f"scale={arguments.scale}",
                f"seed={arguments.seed}",
                f"end={arguments.end}",
            ],
            check_levers,
        )
        for scenario in (BASELINE, *effects)
    ]
    province = composed[0].province
    names = arguments.parameters.split(",") if arguments.parameters else None
    factors = assumptions(province, names)
    if arguments.sobol > len(factors.names):
        raise SensitivityError(
            f"--sobol: {arguments.sobol} is more than the {len(factors.names)} assumptions"
        )
    earlier = (
        read_points(Path(arguments.points), factors, runs.outputs()) if arguments.points else None
    )
    stated = stated_values(province, factors.names)
    return Study(runs, factors, stated, earlier)


def _description(arguments: argparse.Namespace, study: Study, seconds: float) -> str:
    sobol = (
        f", Sobol indices of the top {arguments.sobol} ({arguments.samples} samples)"
        if arguments.sobol
        else ""
    )
    seeds = study.runs.replicates(arguments.seed)
    seeds_text = (
        f"seed {arguments.seed}"
        if len(seeds) == 1
        else f"seeds {seeds[0]}-{seeds[-1]} at every point (outputs their mean)"
    )
    return (
        f"{len(study.factors.names)} assumptions, {arguments.trajectories} Morris "
        f"trajectories on {arguments.levels} levels{sobol}; scale {arguments.scale}, "
        f"{seeds_text}, to {arguments.end}; effects of "
        f"{', '.join(study.runs.effects) or 'no scenario'} against the baseline; {seconds:.0f} s"
    )


def main(argv: list[str] | None = None) -> None:
    arguments = _arguments(argv)
    try:
        study = _study(arguments)
    except (SensitivityError, ConfigError, DataError) as error:
        refuse(error)
    runs, factors, outputs = study.runs, study.factors, study.runs.outputs()
    started = time.perf_counter()

    # 1. Morris screening (or an earlier one's points, analysed again)
    if study.earlier:
        design, values, failures = study.earlier
    else:
        design = methods.morris_points(
            factors, arguments.trajectories, arguments.levels, DESIGN_SEED
        )
        points = [factors.values(row) for row in design]
        values, failures = evaluate_all(points, runs, arguments.jobs, "Morris screening")
    table = methods.morris_table(factors, design, values, outputs)
    out = Path(arguments.out)
    out.mkdir(parents=True, exist_ok=True)
    report.write_points(out / "sensitivity_points.csv", factors, design, values, outputs, failures)
    if table.empty:
        failed = [message for message in failures if message]
        print(
            f"error: no elementary effect could be measured ({len(failed)} of "
            f"{len(failures)} points failed; the first: {failed[0] if failed else '-'}); "
            f"the points are in {out / 'sensitivity_points.csv'}",
            file=sys.stderr,
        )
        sys.exit(1)

    # 2. the noise floor: the stated values with other seeds (as many sets of a point's
    # seeds, none of them the design's)
    per_point = arguments.seeds_per_point
    noise_seeds = [
        arguments.seed + per_point * (1 + index) for index in range(arguments.noise_seeds)
    ]
    noise_values, _ = evaluate_all(
        [study.stated] * len(noise_seeds), runs, arguments.jobs, "noise floor", noise_seeds
    )
    noise = {output: _spread(noise_values[:, column]) for column, output in enumerate(outputs)}

    # 3. Sobol indices of the most influential
    if arguments.sobol:
        top = factors.subset(methods.most_influential(table, arguments.sobol))
        sobol_design = methods.sobol_points(top, arguments.samples, DESIGN_SEED)
        points = [study.stated | top.values(row) for row in sobol_design]
        sobol_values, sobol_failures = evaluate_all(points, runs, arguments.jobs, "Sobol")
        failures = [*failures, *sobol_failures]
        table = pd.concat([table, methods.sobol_table(top, sobol_values, outputs)])

    description = _description(arguments, study, time.perf_counter() - started)
    failed = [message for message in failures if message]
    written = report.write(out, table, noise, description, failed)
    print(description)
    print("wrote " + ", ".join(str(path) for path in written))


if __name__ == "__main__":
    main()
