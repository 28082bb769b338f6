"""Estimate the free behavioural parameters jointly by the simulated method of moments.

    python -m analysis.estimate                              # scale 20, seeds 0-1
    python -m analysis.estimate --scale 50 --seeds 3 --validate-scale 1 --out outputs/est

**Parameters**: the rows ``smm_parameter`` of the data's ``estimation.csv``, each searched
within its plausible range in ``parameters.csv``.  **Moments**: the province's 2022
figures of :mod:`analysis.moments` (unemployment, the certified share's level and rise,
real GRDP growth, population, older people's participation, average income, pay by
certificate, the share of the unemployed out of work a year or more), each with its
tolerance in ``estimation.csv``; each enters the objective as its distance from the
observed figure in tolerances, so the objective is a sum of squared distances (a weighting
by the inverse of the squared tolerance).  Moments from before 2022 enter through trend
rates estimated outside the simulation (the certified share's national rise of 2019-2022,
``simulation/certified_trend.py``), not through a spin-up: the spin-up holds the trends
still (``docs/ODD.md``), so it cannot carry them.  Data from 2023 on is never used.

**Method**: ``scipy.optimize.least_squares`` (trust-region reflective, bounded to the
ranges) on the parameters scaled to [0, 1] of their ranges, with common random numbers
(every evaluation simulates the same seeds) and a forward-difference Jacobian whose step
(``--step``, a share of each range) is wide enough to see through the simulation's noise.
At the estimate the Jacobian says which moment pins which parameter: the change of each
moment, in tolerances, when a parameter moves by a tenth of its range.

Writes ``fit.csv`` (each moment: observed, tolerance, simulated at the start and at the
estimate, distances), ``parameters.csv`` (start, estimate, range), ``sensitivity.csv`` and
``estimate.md`` to ``--out``; with ``--validate-scale`` it also simulates the estimate at
that scale (1: one agent per person) and adds the moments there; with ``--record`` it
writes the fit into ``docs/calibration.md``; with ``--write`` it writes the estimates into
the data's ``parameters.csv`` (rounded to ``WRITTEN_DIGITS`` significant digits), where
they replace the values ``python -m analysis.calibrate --write`` set; without it the data
is left alone.  Exit code 2 on bad arguments.
"""

from __future__ import annotations

import argparse
import multiprocessing
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy.optimize import least_squares

from analysis import slump
from analysis.calibrate import (
    LONG_TERM,
    long_term_spin_up_months,
    statistics_2022,
    write_parameters,
    write_result,
)
from analysis.cli import at_least_one, description_of, refuse
from analysis.moments import Moment, moments_2022
from analysis.outputs import out_folder, write_atomic, write_frame
from scenarios import check_levers
from simulation.build import parameter_overrides
from simulation.config import ConfigError
from simulation.data import DataError, ProvinceData
from simulation.preflight import compose_checked

ESTIMATED = "smm_parameter"  # estimation.csv: the parameters estimated jointly
SENSITIVITY_MOVE = 0.1  # the sensitivity table's move of a parameter, a share of its range
RECORD_MARKER = "estimate"  # docs/calibration.md's markers of the recorded fit
WRITTEN_DIGITS = 6  # significant digits of the estimates written into parameters.csv
SEED_SD = "seed_sd"  # the sensitivity table's column of the moments' noise across seeds


@dataclass(frozen=True)
class Estimated:
    name: str
    start: float
    low: float
    high: float

    def value(self, unit: float) -> float:
        """The parameter's value at ``unit`` (0 its low end, 1 its high end)."""
        return float(self.low + unit * (self.high - self.low))

    def unit(self, value: float) -> float:
        return (value - self.low) / (self.high - self.low)


def estimated_parameters(data: ProvinceData) -> list[Estimated]:
    """The parameters named by the ``smm_parameter`` rows, with their ranges."""
    if not data.figures.has(ESTIMATED):
        raise ConfigError(f"{data.folder / 'estimation.csv'}: no {ESTIMATED} rows")
    names = list(data.figures.table(ESTIMATED))
    unknown = [name for name in names if name not in data.parameters]
    if unknown:
        raise ConfigError(f"estimation.csv: {ESTIMATED} {', '.join(unknown)}: no such parameter")
    parameters = [data.parameters[name] for name in names]
    return [Estimated(p.name, p.value, p.low, p.high) for p in parameters]


def simulate(item: tuple[dict[str, float], int, int, bool, bool]) -> dict[str, float]:
    """The 2022 statistics of one run: parameter values, seed, scale, whether to add the
    late-2022 fall in export orders (a second run) and whether to add the share of the
    unemployed out of work a year or more (a run after a spin-up)."""
    values, seed, scale, with_slump, with_long_term = item
    overrides = [f"scale={scale}", f"seed={seed}", *parameter_overrides(values)]
    return statistics_2022(overrides, with_slump, with_long_term)


class Objective:
    """Distances of the moments from their figures, in tolerances, for points in unit
    space; every point is simulated on the same seeds (common random numbers), and each
    point's statistics are kept (least_squares asks for the same point again)."""

    def __init__(self, parameters, moments, seeds, scale, pool, log=print):
        self.parameters, self.moments = parameters, moments
        self.seeds, self.scale, self.pool, self.log = seeds, scale, pool, log
        self.statistics: dict[tuple[float, ...], dict[str, float]] = {}
        self.spread: dict[tuple[float, ...], dict[str, float]] = {}  # sd across the seeds
        self.with_slump = any(moment.statistic == slump.STATISTIC for moment in moments)
        self.with_long_term = any(moment.statistic == LONG_TERM for moment in moments)

    def values(self, point: np.ndarray) -> dict[str, float]:
        return {
            parameter.name: float(parameter.value(unit))
            for parameter, unit in zip(self.parameters, point, strict=True)
        }

    def evaluate(self, points: list[np.ndarray]) -> list[dict[str, float]]:
        """The mean statistics over the seeds at each point (simulated in parallel)."""
        missing = [p for p in points if tuple(p) not in self.statistics]
        items = [
            (self.values(p), seed, self.scale, self.with_slump, self.with_long_term)
            for p in missing
            for seed in self.seeds
        ]
        results = list(self.pool.map(simulate, items, chunksize=1)) if items else []
        for index, point in enumerate(missing):
            runs = results[index * len(self.seeds) : (index + 1) * len(self.seeds)]
            self.statistics[tuple(point)] = {
                key: float(np.mean([run[key] for run in runs])) for key in runs[0]
            }
            self.spread[tuple(point)] = {
                key: float(np.std([run[key] for run in runs])) for key in runs[0]
            }
        return [self.statistics[tuple(p)] for p in points]

    def distances(self, statistics: dict[str, float]) -> np.ndarray:
        """Signed distances of the moments from their figures, in tolerances."""
        return np.array([m.signed_distance(statistics[m.statistic]) for m in self.moments])

    def residuals(self, point: np.ndarray) -> np.ndarray:
        (statistics,) = self.evaluate([np.asarray(point, dtype=float)])
        residuals = self.distances(statistics)
        self.log(
            "  "
            + ", ".join(f"{k}={v:.5g}" for k, v in self.values(point).items())
            + f": sum of squares {float(residuals @ residuals):.3f}"
        )
        return residuals

    def jacobian(self, point: np.ndarray, step: float) -> np.ndarray:
        """Forward differences of the distances, per unit of each parameter's range (a
        step back where a step forward would leave the range)."""
        point = np.asarray(point, dtype=float)
        shifted = []
        for index in range(len(point)):
            moved = point.copy()
            moved[index] += step if point[index] + step <= 1.0 else -step
            shifted.append(moved)
        base, *others = self.evaluate([point, *shifted])
        origin = self.distances(base)
        columns = [
            (self.distances(stats) - origin) / (moved[index] - point[index])
            for index, (stats, moved) in enumerate(zip(others, shifted, strict=True))
        ]
        return np.column_stack(columns)


def estimate(objective: Objective, step: float, evaluations: int):
    """Run the optimiser from the parameters' current values; returns the start and final
    points, their statistics, the Jacobian at the estimate, and the optimiser's result."""
    parameters = objective.parameters
    start = np.clip([p.unit(p.start) for p in parameters], 0.0, 1.0)
    result = least_squares(
        objective.residuals,
        start,
        jac=lambda point: objective.jacobian(point, step),
        bounds=(0.0, 1.0),
        method="trf",
        max_nfev=evaluations,
        x_scale=1.0,
    )
    final = np.asarray(result.x, dtype=float)
    jacobian = objective.jacobian(final, step)
    start_statistics, final_statistics = objective.evaluate([start, final])
    return start, final, start_statistics, final_statistics, jacobian, result


def model_pool(jobs: int) -> ProcessPoolExecutor:
    """Processes started from a fork server that has imported the model once."""
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["simulation.build", "scenarios", __name__])
    return ProcessPoolExecutor(max_workers=jobs, mp_context=context)


def fit_table(moments, start_statistics, final_statistics, validation=None) -> pd.DataFrame:
    rows = []
    for moment in moments:
        row = {
            "moment": moment.statistic,
            "label": moment.label,
            "observed": moment.observed,
            "tolerance": moment.tolerance,
            "relative": moment.relative,
            "start": start_statistics[moment.statistic],
            "start_distance": moment.distance(start_statistics[moment.statistic]),
            "estimate": final_statistics[moment.statistic],
            "estimate_distance": moment.distance(final_statistics[moment.statistic]),
        }
        if validation is not None:
            row["validation"] = validation[moment.statistic]
            row["validation_distance"] = moment.distance(validation[moment.statistic])
        rows.append(row)
    return pd.DataFrame(rows)


def estimate_table(parameters: list[Estimated], values: dict[str, float]) -> pd.DataFrame:
    """Each parameter's start, estimate and range."""
    return pd.DataFrame(
        [
            {"parameter": p.name, "start": p.start, "estimate": values[p.name]}
            | {"low": p.low, "high": p.high}
            for p in parameters
        ]
    )


def sensitivity_table(parameters, moments, jacobian, spread=None) -> pd.DataFrame:
    """The change of each moment, in tolerances, for a move of a tenth of each range; with
    ``spread`` (each statistic's sd across the seeds at the estimate), a last column
    ``seed_sd``: that sd in tolerances, the noise against which to read the changes."""
    frame = pd.DataFrame(
        jacobian * SENSITIVITY_MOVE,
        index=[m.statistic for m in moments],
        columns=[p.name for p in parameters],
    )
    if spread is not None:
        frame[SEED_SD] = [abs(m.signed_distance(m.observed + spread[m.statistic])) for m in moments]
    frame.index.name = "moment"
    return frame


def report(fit, estimates, sensitivity, scale, seeds, result, validate_scale) -> str:
    lines = [
        "# Estimation by the simulated method of moments",
        "",
        f"At {scale} people per agent, seeds {seeds[0]}-{seeds[-1]} (common random numbers);"
        f" {result.nfev} evaluations of the objective ({result.message}).  Sum of the"
        f" squared distances: {float((fit['start_distance'] ** 2).sum()):.3f} at the start,"
        f" {float((fit['estimate_distance'] ** 2).sum()):.3f} at the estimate.",
        "",
        "| parameter | start | estimate | range |",
        "|---|---|---|---|",
    ]
    for row in estimates.itertuples():
        lines.append(
            f"| {row.parameter} | {row.start:.5g} | {row.estimate:.5g} | "
            f"{row.low:g} - {row.high:g} |"
        )
    lines += [
        "",
        "| 2022 moment | observed | tolerance | start | estimate | distance (tolerances) |"
        + (f" at scale {validate_scale} |" if "validation" in fit else ""),
        "|---|---|---|---|---|---|" + ("---|" if "validation" in fit else ""),
    ]
    for row in fit.itertuples():
        tolerance = f"{row.tolerance:.3g}" + (" (rel.)" if row.relative else "")
        line = (
            f"| {row.label} | {row.observed:.4g} | {tolerance} | {row.start:.4g} | "
            f"{row.estimate:.4g} | {row.estimate_distance:.2f} |"
        )
        if "validation" in fit:
            line += f" {row.validation:.4g} ({row.validation_distance:.2f}) |"
        lines.append(line)
    noise = sensitivity.get(SEED_SD)
    changes = sensitivity.drop(columns=[SEED_SD], errors="ignore")
    lines += [
        "",
        "Which moment pins which parameter: the change of each moment, in tolerances, when a"
        f" parameter moves by {SENSITIVITY_MOVE:.0%} of its range (at the estimate)"
        + (
            "; the last column is the moment's standard deviation across the seeds, in"
            " tolerances: a change well below it may be the noise of the two points, though"
            " common random numbers make a difference less noisy than a level."
            if noise is not None
            else "."
        ),
        "",
        "| moment | " + " | ".join(sensitivity.columns) + " |",
        "|---|" + "---|" * len(sensitivity.columns),
    ]
    for moment, row in sensitivity.iterrows():
        cells = [f"{v:+.2f}" for v in row[changes.columns]]
        if noise is not None:
            cells.append(f"{row[SEED_SD]:.2f}")
        lines.append(f"| {moment} | " + " | ".join(cells) + " |")
    pins = changes.abs().idxmax()
    lines += [""] + [f"- `{name}` is pinned most by `{moment}`" for name, moment in pins.items()]
    singular = np.linalg.svd(changes.to_numpy(), compute_uv=False)
    ratio = singular[0] / singular[-1] if singular[-1] > 0 else float("inf")
    lines += [
        "",
        f"Condition number of the sensitivity table: {ratio:.3g} (the larger it is, the less"
        " the moments tell the parameters apart; a column near zero is a parameter they do"
        " not pin at all).",
        "",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        prog="python -m analysis.estimate", description=description_of(__doc__)
    )
    parser.add_argument("--scale", type=int, default=20, help="people per agent (20)")
    parser.add_argument("--seeds", type=int, default=2, help="seeds per evaluation (2)")
    parser.add_argument("--jobs", type=int, default=2, help="processes (2)")
    parser.add_argument("--step", type=float, default=0.05, help="difference step (0.05)")
    parser.add_argument("--evaluations", type=int, default=15, help="objective calls (15)")
    parser.add_argument("--validate-scale", type=int, help="also simulate the estimate here")
    parser.add_argument("--out", default="outputs/estimate", help="where to write")
    parser.add_argument(
        "--record", action="store_true", help="also write the fit into docs/calibration.md"
    )
    parser.add_argument(
        "--write", action="store_true", help="also write the estimates into parameters.csv"
    )
    arguments = parser.parse_args(argv)
    try:
        at_least_one(arguments, ("scale", "seeds", "jobs", "evaluations"), ConfigError)
        if not 0 < arguments.step <= 0.5:
            raise ConfigError(f"--step: between 0 and 0.5 of a range, got {arguments.step}")
        if arguments.validate_scale is not None and arguments.validate_scale < 1:
            raise ConfigError("--validate-scale: at least 1")
        out = out_folder(arguments.out, ConfigError)
        data = compose_checked([f"scale={arguments.scale}"], check_levers).province
        parameters = estimated_parameters(data)
        moments: list[Moment] = moments_2022(data, estimation=True)
        if any(moment.statistic == LONG_TERM for moment in moments):
            long_term_spin_up_months(data)  # checked before any run starts
        if len(moments) < len(parameters):
            raise ConfigError(
                f"estimation.csv: {len(moments)} moments for {len(parameters)} parameters"
            )
    except (ConfigError, DataError) as error:
        refuse(error)
    seeds = list(range(arguments.seeds))
    with model_pool(arguments.jobs) as pool:
        objective = Objective(parameters, moments, seeds, arguments.scale, pool)
        start, final, start_statistics, final_statistics, jacobian, result = estimate(
            objective, arguments.step, arguments.evaluations
        )
    values = objective.values(final)
    validation = None
    if arguments.validate_scale is not None:
        validation = simulate(
            (values, 0, arguments.validate_scale, objective.with_slump, objective.with_long_term)
        )
    fit = fit_table(moments, start_statistics, final_statistics, validation)
    estimates = estimate_table(parameters, values)
    sensitivity = sensitivity_table(
        parameters, moments, jacobian, objective.spread[tuple(np.asarray(final, dtype=float))]
    )
    out.mkdir(parents=True, exist_ok=True)
    write_frame(fit, out / "fit.csv")
    write_frame(estimates, out / "parameters.csv")
    write_frame(sensitivity.reset_index(), out / "sensitivity.csv")
    text = report(
        fit, estimates, sensitivity, arguments.scale, seeds, result, arguments.validate_scale
    )
    write_atomic(out / "estimate.md", text)
    if arguments.record:
        write_result(text.split("\n", 2)[2].strip(), RECORD_MARKER)  # without its title
    print(text)
    if arguments.write:
        rounded = {name: float(f"{value:.{WRITTEN_DIGITS}g}") for name, value in values.items()}
        write_parameters(rounded, data.folder / "parameters.csv")
        print("\nthe estimates are written into the data's parameters.csv")


if __name__ == "__main__":
    main()
