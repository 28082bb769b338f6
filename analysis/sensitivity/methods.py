"""The designs and estimators of SALib: Morris screening and Sobol indices, over the
factors of :mod:`analysis.sensitivity.factors`, as tidy tables (one row per output and
factor)."""

from __future__ import annotations

import numpy as np
import pandas as pd
from SALib.analyze import sobol as sobol_analysis
from SALib.sample import morris as morris_design
from SALib.sample import sobol as sobol_design
from scipy.stats import norm

from analysis.sensitivity.evaluation import EFFECT_SEPARATOR
from analysis.sensitivity.factors import Factors
from analysis.targets import TARGETS_BY_ID

CONFIDENCE_RESAMPLES = 200  # bootstrap resamples of the confidence intervals
CONFIDENCE = 0.975  # two-sided 95 % intervals
BOOTSTRAP_SEED = 0


def morris_points(factors: Factors, trajectories: int, levels: int, seed: int) -> np.ndarray:
    """The Morris design: ``trajectories`` x (factors + 1) rows of factor values."""
    return morris_design.sample(factors.problem(), N=trajectories, num_levels=levels, seed=seed)


def elementary_effects(factors: Factors, design: np.ndarray, outputs: np.ndarray) -> list:
    """Each factor's elementary effects on one output (Morris 1991): along each trajectory,
    the change of the output between two consecutive points over the step of the one
    factor that moved, in units of its range.  A step with a failed point (NaN) gives no
    effect; the trajectory's other steps still count."""
    low = np.array([bound[0] for bound in factors.bounds])
    span = np.array([bound[1] - bound[0] for bound in factors.bounds])
    unit = (design - low) / span
    per_trajectory = len(factors.names) + 1
    effects: list[list[float]] = [[] for _ in factors.names]
    for start in range(0, len(design), per_trajectory):
        for step in range(start, start + per_trajectory - 1):
            move = unit[step + 1] - unit[step]
            factor = int(np.argmax(np.abs(move)))
            change = outputs[step + 1] - outputs[step]
            if np.isfinite(change):
                effects[factor].append(change / move[factor])
    return effects


def morris_table(factors: Factors, design: np.ndarray, outputs: np.ndarray, names: list[str]):
    """mu* (mean absolute elementary effect), sigma (their standard deviation) and mu*'s
    95 % confidence half-width (bootstrap, as SALib computes it) per output and factor,
    with the number of effects behind them.  An output no effect could be measured for
    gets no rows."""
    rows = []
    bootstrap = np.random.default_rng(BOOTSTRAP_SEED)
    for column, name in enumerate(names):
        effects = elementary_effects(factors, design, outputs[:, column])
        if not any(effects):
            continue
        for factor, values in zip(factors.names, effects, strict=True):
            values = np.array(values)
            row = {"method": "morris", "output": name, "parameter": factor, "effects": len(values)}
            if len(values):
                resampled = bootstrap.choice(values, (CONFIDENCE_RESAMPLES, len(values)))
                row |= {
                    "mu_star": float(np.mean(np.abs(values))),
                    "sigma": float(np.std(values, ddof=1)) if len(values) > 1 else np.nan,
                    "mu_star_conf": float(
                        norm.ppf(CONFIDENCE) * np.abs(resampled).mean(axis=1).std(ddof=1)
                    ),
                }
            rows.append(row)
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
    """The ``count`` factors with the largest screened influence on the outputs the model
    estimates (an indicator set by inputs only echoes them), each output's mu* taken
    relative to its largest (so that shares and effects weigh alike): by the largest
    relative influence, then by the mean."""
    estimated = table[table["output"].map(is_estimated)]
    relative = estimated["mu_star"] / estimated.groupby("output")["mu_star"].transform("max")
    by_factor = relative.fillna(0.0).groupby(estimated["parameter"])
    score = pd.DataFrame({"largest": by_factor.max(), "mean": by_factor.mean()})
    ranked = score.sort_values(["largest", "mean"], ascending=False, kind="stable")
    return ranked.index[:count].tolist()


def is_estimated(output: str) -> bool:
    """Whether an output (a target, or an effect on one) is estimated by the model."""
    return TARGETS_BY_ID[output.rpartition(EFFECT_SEPARATOR)[2]].indicator.estimated
