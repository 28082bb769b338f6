"""The designs and estimators of SALib: Morris screening and Sobol indices, over the
factors of :mod:`analysis.sensitivity.factors`, as tidy tables (one row per output and
factor)."""

from __future__ import annotations

import numpy as np
import pandas as pd
from SALib.analyze import morris as morris_analysis
from SALib.analyze import sobol as sobol_analysis
from SALib.sample import morris as morris_design
from SALib.sample import sobol as sobol_design

from analysis.sensitivity.factors import Factors

CONFIDENCE_RESAMPLES = 200  # bootstrap resamples of SALib's confidence intervals


def morris_points(factors: Factors, trajectories: int, levels: int, seed: int) -> np.ndarray:
    """The Morris design: ``trajectories`` x (factors + 1) rows of factor values."""
    return morris_design.sample(factors.problem(), N=trajectories, num_levels=levels, seed=seed)


def morris_table(
    factors: Factors, design: np.ndarray, outputs: np.ndarray, names: list[str], levels: int
) -> pd.DataFrame:
    """mu*, sigma and mu*'s confidence half-width per output and factor, from the design's
    rows and their outputs.  A trajectory with a failed point is left out (for that
    output); an output with no complete trajectory gets no rows."""
    per_trajectory = factors.problem()["num_vars"] + 1
    rows = []
    for column, name in enumerate(names):
        values = outputs[:, column].reshape(-1, per_trajectory)
        complete = ~np.isnan(values).any(axis=1)
        if not complete.any():
            continue
        kept = np.repeat(complete, per_trajectory)
        result = morris_analysis.analyze(
            factors.problem(),
            design[kept],
            values[complete].ravel(),
            num_levels=levels,
            num_resamples=CONFIDENCE_RESAMPLES,
            seed=0,
        )
        measures = ("mu_star", "sigma", "mu_star_conf")
        rows += _rows("morris", name, factors, result, measures, trajectories=int(complete.sum()))
    return pd.DataFrame(rows)


def sobol_points(factors: Factors, samples: int, seed: int) -> np.ndarray:
    """Saltelli's design for first and total indices: ``samples`` x (factors + 2) rows."""
    return sobol_design.sample(factors.problem(), samples, calc_second_order=False, seed=seed)


def sobol_table(factors: Factors, outputs: np.ndarray, names: list[str]) -> pd.DataFrame:
    """S1 and ST with their confidence half-widths per output and factor; an output with
    a failed point, or without variance, gets no rows."""
    rows = []
    for column, name in enumerate(names):
        values = outputs[:, column]
        if np.isnan(values).any() or np.ptp(values) == 0:
            continue
        result = sobol_analysis.analyze(
            factors.problem(),
            values,
            calc_second_order=False,
            num_resamples=CONFIDENCE_RESAMPLES,
            seed=0,
        )
        rows += _rows("sobol", name, factors, result, ("S1", "S1_conf", "ST", "ST_conf"))
    return pd.DataFrame(rows)


def _rows(
    method: str, output: str, factors: Factors, result, measures: tuple[str, ...], **extra
) -> list[dict]:
    """One row per factor of an estimator's ``result`` for one output."""
    return [
        {"method": method, "output": output, "parameter": factor}
        | {measure: float(result[measure][index]) for measure in measures}
        | extra
        for index, factor in enumerate(factors.names)
    ]


def most_influential(table: pd.DataFrame, count: int) -> list[str]:
    """The ``count`` factors with the largest screened influence over all outputs, each
    output's mu* taken relative to its largest (so that shares and effects weigh alike)."""
    relative = table["mu_star"] / table.groupby("output")["mu_star"].transform("max")
    score = relative.fillna(0.0).groupby(table["parameter"]).max()
    return score.sort_values(ascending=False, kind="stable").index[:count].tolist()
