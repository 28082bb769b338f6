"""Run the points of a design: each point's baseline and the scenarios whose effects are
studied, in-process, with the same seeds (common random numbers), in parallel processes.
A point run with several seeds gives the mean of its outputs over them."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from analysis.outputs import annual_values
from analysis.parallel import parallel_map
from analysis.sensitivity.factors import split
from analysis.targets import TARGETS
from simulation.build import build_model, parameter_overrides, table_overrides

BASELINE = "baseline"
EFFECT_SEPARATOR = ": "  # an effect's output is named "<scenario>: <target>"


@dataclass(frozen=True)
class Runs:
    """What every run of a design shares."""

    scale: int
    seed: int
    end: str
    effects: tuple[str, ...]  # scenarios compared with the baseline at each point
    seeds_per_point: int = 1  # each point's outputs: their mean over this many seeds

    def replicates(self, first: int) -> tuple[int, ...]:
        """The seeds of one point whose first seed is ``first``."""
        return tuple(range(first, first + self.seeds_per_point))

    def outputs(self) -> list[str]:
        """The outputs' names: each target, then each scenario's effect on each target."""
        targets = [target.id for target in TARGETS]
        return targets + [
            f"{scenario}{EFFECT_SEPARATOR}{target}"
            for scenario in self.effects
            for target in targets
        ]

    def overrides(self, scenario: str, values: dict[str, float], seed: int) -> list[str]:
        parameters, tables = split(values)
        return [
            f"scenario={scenario}",
            f"scale={self.scale}",
            f"seed={seed}",
            f"end={self.end}",
            *parameter_overrides(parameters),
            *table_overrides(tables),
        ]


def target_values(scenario: str, values: dict[str, float], runs: Runs, seed: int) -> list[float]:
    """Each target's value in its year (or the run's last year) in one run."""
    model = build_model(*runs.overrides(scenario, values, seed))
    model.run()
    years = annual_values(model.history, model.reference())
    return [target.value_in(years)[1] for target in TARGETS]


def seed_outputs(values: dict[str, float], runs: Runs, seed: int) -> list[float]:
    """One point's outputs (see ``Runs.outputs``) with one seed."""
    baseline = target_values(BASELINE, values, runs, seed)
    outputs = list(baseline)
    for scenario in runs.effects:
        lever = target_values(scenario, values, runs, seed)
        outputs += [
            with_lever - without for with_lever, without in zip(lever, baseline, strict=True)
        ]
    return outputs


def evaluate(point: tuple[dict[str, float], Runs, int]) -> tuple[list[float], str]:
    """One point's outputs (see ``Runs.outputs``), their mean over the point's seeds (the
    first given, ``Runs.replicates``), and an error message ("" if none): a point whose
    parameters the model refuses, or that fails with any of its seeds, gives NaN outputs."""
    values, runs, first = point
    try:
        by_seed = [seed_outputs(values, runs, seed) for seed in runs.replicates(first)]
    except Exception as error:  # noqa: BLE001 - reported with the point, the design goes on
        message = " ".join(str(error).split())  # one line
        return [math.nan] * len(runs.outputs()), f"{type(error).__name__}: {message}"
    return np.mean(by_seed, axis=0).tolist(), ""


def evaluate_all(
    points: list[dict[str, float]],
    runs: Runs,
    jobs: int,
    description: str,
    seeds: list[int] | None = None,
) -> tuple[np.ndarray, list[str]]:
    """The outputs of every point (points x outputs) and their error messages, ``jobs``
    points at once.  Every point runs with the design's seeds (``Runs.replicates`` of its
    seed), or with its own first seed of ``seeds``; the outputs do not depend on ``jobs``."""
    seeds = seeds or [runs.seed] * len(points)
    work = [(values, runs, seed) for values, seed in zip(points, seeds, strict=True)]
    results = parallel_map(evaluate, work, jobs, description)
    return np.array([outputs for outputs, _ in results], dtype=float), [e for _, e in results]
