"""The statistics of a comparison: for each scenario and indicator the spread over seeds,
the paired difference from the baseline with its confidence interval, the probability of
meeting the target (the share of runs, with its Wilson interval), and the cost per unit of
effect.

An indicator set by inputs (its declaration says ``driven_by=INPUTS``: an assumed formula
or an echo of a lever's setting) gets its mean and difference but no interval: a spread
over seeds would present an input as if it were an estimate."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
from scipy import stats

from analysis.compare.runs import Run, baseline_first, by_scenario
from analysis.targets import TARGETS, TARGETS_BY_ID
from simulation.indicators import INDICATORS, PRODUCTIVITY_SOURCES

# compared besides the targets: the labour market, and the year's productivity growth by
# source (see simulation.indicators.PRODUCTIVITY_SOURCES)
EXTRA = ("employed", "grdp", "average_wage", "informal_share", *PRODUCTIVITY_SOURCES)
COST = "policy_cost"


def total_cost(run: Run, year: int) -> float:
    """The public cost of the run's levers from its first year to the end of ``year`` (the
    year compared, so that the cost and the effect it buys are of the same period), bn
    VND."""
    if COST not in run.annual.columns:
        return 0.0
    return float(run.annual.loc[run.annual.index <= year, COST].sum())


def confidence_interval(values: np.ndarray, level: float) -> tuple[float, float]:
    """Confidence interval of the mean of ``values`` (t distribution)."""
    count = len(values)
    if count < 2:
        return math.nan, math.nan
    half = stats.t.ppf(0.5 + level / 2, count - 1) * values.std(ddof=1) / math.sqrt(count)
    return float(values.mean() - half), float(values.mean() + half)


def chance_interval(successes: int, trials: int, level: float) -> tuple[float, float]:
    """Wilson score interval of a probability from ``successes`` in ``trials`` runs: met in
    5 of 5 runs is 57-100 % at 95 %, not "100 %"."""
    interval = stats.binomtest(successes, trials).proportion_ci(level, method="wilson")
    return float(interval.low), float(interval.high)


def summarise(runs: list[Run], baseline: str = "baseline", year: int = 2025) -> pd.DataFrame:
    """One row per scenario and indicator: distribution, paired difference, chance, cost."""
    grouped = by_scenario(runs)
    base = grouped.get(baseline, {})
    rows = []
    for scenario in baseline_first(grouped, baseline):
        seeds = grouped[scenario]
        cost = np.array([total_cost(run, year) for run in seeds.values()])
        for indicator in [target.id for target in TARGETS] + list(EXTRA):
            values = np.array([run.value(indicator, year) for run in seeds.values()])
            values = values[~np.isnan(values)]
            estimated = INDICATORS[indicator].estimated
            row = {
                "scenario": scenario,
                "indicator": indicator,
                "driven_by": INDICATORS[indicator].driven_by,
                "year": year,
                "runs": len(values),
            }
            if len(values):
                row["mean"] = values.mean()
            if len(values) and estimated:
                row.update(p05=np.percentile(values, 5), p95=np.percentile(values, 95))
            paired = [
                (run.value(indicator, year), base[seed].value(indicator, year))
                for seed, run in seeds.items()
                if seed in base
            ]
            differences = np.array(
                [
                    value - base_value
                    for value, base_value in paired
                    if not (math.isnan(value) or math.isnan(base_value))
                ]
            )
            if scenario != baseline and len(differences):
                row.update(diff_mean=differences.mean(), pairs=len(differences))
                if estimated:
                    row["diff_lo"], row["diff_hi"] = confidence_interval(differences, 0.95)
            target = TARGETS_BY_ID.get(indicator)
            if target is not None and len(values):
                met = sum(bool(target.met(value)) for value in values)
                row.update(
                    target=target.threshold,
                    comparison=target.comparison,
                    p_met=met / len(values),
                )
                if estimated:
                    row["p_met_lo"], row["p_met_hi"] = chance_interval(met, len(values), 0.95)
            row["cost_bn_vnd"] = float(cost.mean()) if len(cost) else 0.0
            rows.append(row)
    frame = pd.DataFrame(rows)
    _add_cost_effectiveness(frame)
    return frame


def _add_cost_effectiveness(frame: pd.DataFrame) -> None:
    """VND per job created and per point of unemployment avoided, where the cost is known
    and the effect is distinguishable from zero (its 95 % CI excludes zero): dividing by
    an effect that may be noise would give a meaningless, often huge, figure."""
    frame["vnd_per_job"] = math.nan
    frame["vnd_per_unemployment_point"] = math.nan
    for column in ("diff_mean", "diff_lo", "diff_hi"):
        if column not in frame:
            frame[column] = math.nan
    for scenario, group in frame.groupby("scenario"):
        cost = group["cost_bn_vnd"].iloc[0] * 1e9
        if cost <= 0:
            continue
        jobs = group[group.indicator == "employed"]
        if len(jobs) and jobs.diff_lo.iloc[0] > 0:
            frame.loc[frame.scenario == scenario, "vnd_per_job"] = cost / jobs.diff_mean.iloc[0]
        fall = group[group.indicator == "unemployment"]
        if len(fall) and fall.diff_hi.iloc[0] < 0:
            frame.loc[frame.scenario == scenario, "vnd_per_unemployment_point"] = cost / (
                -fall.diff_mean.iloc[0] * 100
            )
