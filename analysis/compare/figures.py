"""The comparison's charts: ``effects.png`` (each scenario's effect on each target),
``fan_<indicator>.png`` (each scenario's path with its spread over seeds) and
``productivity_sources.png`` (where each scenario's productivity growth comes from).  The drawing
functions return matplotlib Figures (for notebooks and the app); :func:`draw_figures`
saves them."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pandas as pd

from analysis.compare.formatting import threshold
from analysis.compare.runs import Run, baseline_first, by_scenario
from analysis.targets import TARGETS
from simulation.indicators import PRODUCTIVITY_SOURCE_NAMES, PRODUCTIVITY_SOURCES


def _pyplot():
    """matplotlib's pyplot drawing to files only; imported when a chart is drawn."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def draw_figures(runs: list[Run], frame: pd.DataFrame, out: Path, baseline: str) -> list[str]:
    """The charts saved in ``out``; their file names, the effects first."""
    from analysis.plots import save

    files = []
    effects = effects_chart(frame, baseline)
    if effects is not None:
        files.append(save(effects, out / "effects.png"))
    else:  # none this time: do not leave one from an earlier comparison beside these tables
        (out / "effects.png").unlink(missing_ok=True)
    for target in TARGETS:
        figure = fan_chart(runs, target, baseline)
        files.append(save(figure, out / f"fan_{target.id}.png"))
    sources = productivity_chart(runs, baseline)
    if sources is not None:
        files.append(save(sources, out / "productivity_sources.png"))
    else:
        (out / "productivity_sources.png").unlink(missing_ok=True)
    return files


def productivity_parts(runs: list[Run], first: str = "baseline") -> pd.DataFrame:
    """Each scenario's yearly labour productivity growth by source, mean over its seeds:
    rows (scenario, year), the scenario ``first`` first; columns the parts
    (``PRODUCTIVITY_SOURCES``).  Years without a split (the first) are left out."""
    grouped = by_scenario(runs)
    tables = {}
    for scenario in baseline_first(grouped, first):
        annual = [
            run.annual.reindex(columns=list(PRODUCTIVITY_SOURCES))
            for run in grouped[scenario].values()
        ]
        tables[scenario] = pd.concat(annual).groupby(level=0).mean().dropna(how="all")
    return pd.concat(tables, names=["scenario", "year"]) if tables else pd.DataFrame()


def productivity_chart(runs: list[Run], first: str = "baseline"):
    """Where productivity growth comes from (a matplotlib Figure; None without a split):
    for each scenario and year, its growth split into within sectors, structural change,
    their interaction and capital deepening (stacked bars, mean over seeds; the dot is the
    year's growth, the sum of the parts)."""
    parts = productivity_parts(runs, first)
    if parts.empty:
        return None
    plt = _pyplot()
    scenarios = list(dict.fromkeys(parts.index.get_level_values("scenario")))
    years = sorted(set(parts.index.get_level_values("year")))
    colours = plt.get_cmap("tab10")
    fig, axes = plt.subplots(
        1, len(years), figsize=(3.2 * len(years) + 1.5, 0.3 * len(scenarios) + 1.8), sharey=True
    )
    for ax, year in zip(np.atleast_1d(axes), years, strict=True):
        table = parts.xs(year, level="year").reindex(scenarios).fillna(0.0) * 100
        y = np.arange(len(scenarios))
        for side in (table.clip(lower=0), table.clip(upper=0)):  # gains right, losses left
            left = np.zeros(len(scenarios))
            for number, source in enumerate(PRODUCTIVITY_SOURCES):
                ax.barh(y, side[source], left=left, color=colours(number), height=0.7)
                left += side[source].to_numpy()
        ax.plot(table.sum(axis=1), y, "o", color="black", ms=3)
        ax.axvline(0, color="black", lw=0.8)
        ax.set_yticks(y, scenarios, fontsize=7)
        ax.invert_yaxis()
        ax.set_title(str(year), fontsize=9)
        ax.set_xlabel("% over the year before", fontsize=8)
        ax.tick_params(axis="x", labelsize=7)
        ax.grid(axis="x", alpha=0.3)
    handles = [
        plt.Rectangle((0, 0), 1, 1, color=colours(number))
        for number in range(len(PRODUCTIVITY_SOURCES))
    ]
    labels = [PRODUCTIVITY_SOURCE_NAMES[source] for source in PRODUCTIVITY_SOURCES]
    fig.legend(handles, labels, loc="lower center", ncol=len(labels), fontsize=8)
    fig.suptitle(
        "Where labour productivity growth comes from (mean over seeds; dot: the year's growth)",
        fontsize=10,
    )
    fig.tight_layout(rect=(0, 0.07, 1, 0.95))
    return fig


def fan_chart(runs: list[Run], target, first: str = "baseline"):
    """A target's chart (a matplotlib Figure): each scenario's median path and 5-95 % band
    across seeds (the scenario ``first`` drawn first, in the first colour), and the
    target line."""
    plt = _pyplot()
    from analysis.plots import years_axis

    grouped = by_scenario(runs)
    colours = plt.get_cmap("tab10")
    fig, ax = plt.subplots(figsize=(9.5, 3.6))
    first_median = None
    for number, scenario in enumerate(baseline_first(grouped, first)):
        seeds = grouped[scenario]
        if target.id in next(iter(seeds.values())).monthly.columns:
            paths = pd.DataFrame({seed: run.monthly[target.id] for seed, run in seeds.items()})
            x = pd.PeriodIndex(paths.index, freq="M").to_timestamp()
        else:
            paths = pd.DataFrame(
                {seed: run.annual[target.id] for seed, run in seeds.items()}
            ).dropna()
            x = pd.to_datetime([f"{year}-07-01" for year in paths.index])
        if paths.empty:
            continue
        quantiles = paths.quantile([0.05, 0.5, 0.95], axis=1).T * 100
        colour = colours(number % 10)
        ax.fill_between(x, quantiles[0.05], quantiles[0.95], color=colour, alpha=0.2)
        label = scenario
        if number == 0:
            first_median = quantiles[0.5]
        elif first_median is not None and same_path(quantiles[0.5], first_median):
            label = f"{scenario} (the same as {first})"
        # the first scenario (the baseline) on top, so that paths equal to it do not hide it
        ax.plot(
            x,
            quantiles[0.5],
            color=colour,
            lw=2.4 if number == 0 else 1.4,
            zorder=3 if number == 0 else 2,
            label=label,
        )
    ax.axhline(target.threshold * 100, color="black", ls="--", lw=1, label="target")
    inputs = "" if target.indicator.estimated else ", set by inputs"
    ax.set_title(
        f"{target.label} (target {threshold(target)} by {target.year}{inputs})", fontsize=9
    )
    ax.set_ylabel("%")
    ax.grid(alpha=0.3)
    years_axis(ax)
    # beside the axes, not over the paths (a comparison may hold a dozen scenarios)
    ax.legend(fontsize=7, loc="upper left", bbox_to_anchor=(1.01, 1.0), borderaxespad=0.0)
    fig.tight_layout()
    return fig


def same_path(path: pd.Series, other: pd.Series) -> bool:
    """Whether two median paths (in %) are the same month by month (to a millionth of a
    point), as a lever's echo is in scenarios that leave its input alone."""
    if len(path) != len(other):
        return False
    return bool(np.allclose(path.to_numpy(), other.to_numpy(), rtol=0.0, atol=1e-6))


def effects_chart(frame: pd.DataFrame, baseline: str):
    """Each lever's effect on each target: paired difference from the baseline with 95 % CI
    (a matplotlib Figure; None if no scenario has a difference)."""
    plt = _pyplot()

    differences = frame[
        (frame.scenario != baseline) & frame.indicator.isin([target.id for target in TARGETS])
    ]
    if differences.empty or differences["diff_mean"].isna().all():
        return None
    scenarios = sorted(differences.scenario.unique())
    columns = 4
    rows = math.ceil(len(TARGETS) / columns)
    fig, axes = plt.subplots(
        rows, columns, figsize=(4.4 * columns, 0.32 * len(scenarios) * rows + 2.2 * rows)
    )
    for ax, target in zip(axes.flat, TARGETS, strict=False):
        effect = (
            differences[differences.indicator == target.id].set_index("scenario").reindex(scenarios)
        )
        y = np.arange(len(scenarios))
        error = np.vstack(
            [
                (effect.diff_mean - effect.diff_lo).fillna(0),
                (effect.diff_hi - effect.diff_mean).fillna(0),
            ]
        )
        toward = (effect.diff_mean > 0) == (target.comparison == ">=")
        clear = (effect.diff_lo > 0) | (effect.diff_hi < 0)  # the 95 % CI excludes zero
        colour = np.where(clear, np.where(toward, "tab:green", "tab:red"), "lightgrey")
        estimated = target.indicator.estimated
        if not estimated:  # an input's echo: no interval, its own colour
            colour = np.full(len(scenarios), "tab:blue")
        ax.barh(y, effect.diff_mean * 100, xerr=error * 100, color=colour, alpha=0.8)
        ax.axvline(0, color="black", lw=0.8)
        if (effect.diff_mean.fillna(0) == 0).all():  # say so rather than leave it blank
            ax.text(
                0.5,
                0.5,
                "no scenario changes it",
                transform=ax.transAxes,
                ha="center",
                va="center",
                fontsize=8,
                color="dimgrey",
            )
        ax.set_yticks(y, scenarios, fontsize=7)
        inputs = "" if estimated else ", set by inputs"
        ax.set_title(f"{target.label}\n(points, {threshold(target)}{inputs})", fontsize=8)
        ax.tick_params(axis="x", labelsize=7)
    for ax in list(axes.flat)[len(TARGETS) :]:
        ax.axis("off")
    fig.suptitle(
        "Effect of each scenario on each 2025 target: difference from the baseline "
        "(green: toward the target, red: away from it, grey: not distinguishable from zero, "
        "blue: set by inputs, not estimated; lines: 95 % CI)",
        fontsize=10,
    )
    fig.tight_layout(rect=(0, 0, 1, 0.97))
    return fig
