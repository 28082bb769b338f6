"""Plots of one run: the targets over time, employment, and the labour market's flows.

Each ``plot_*`` function returns a matplotlib Figure (for notebooks and the app); the run
saves them as PNG files with :func:`plot_run`::

    wide = wide_indicators(pd.read_csv("outputs/<run>/indicators.csv"))
    plot_employment(wide, "baseline")  # a Figure
"""

from __future__ import annotations

import io
import math
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.dates as mdates  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

from analysis.outputs import write_atomic  # noqa: E402
from analysis.targets import TARGETS  # noqa: E402
from simulation.indicators import INDICATORS  # noqa: E402

SAVED_DPI = 110  # resolution of the saved figures


def years_axis(ax) -> None:
    """Ticks once a year, labelled with the year."""
    ax.xaxis.set_major_locator(mdates.YearLocator())
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))


def save(fig, path: Path, dpi: int = SAVED_DPI, bbox_inches: str | None = "tight") -> str:
    """Write ``fig`` to ``path`` as a PNG (whole or not at all) and close it."""
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=dpi, bbox_inches=bbox_inches)
    plt.close(fig)
    write_atomic(path, buffer.getvalue())
    return path.name


def _wide(monthly: pd.DataFrame) -> pd.DataFrame:
    wide = monthly.pivot(index="month", columns="indicator", values="value")
    wide.index = pd.PeriodIndex(wide.index, freq="M").to_timestamp()
    return wide


TITLE_INCHES = 0.35  # height kept for a figure's title above its panels


def plot_targets(
    wide: pd.DataFrame, years: dict[int, dict[str, float]], title: str, cols: int = 4
) -> Figure:
    """One panel per 2025 target (``cols`` panels a row): the indicator over time against
    the target line."""
    n = len(TARGETS)
    rows = math.ceil(n / cols)
    fig, axes = plt.subplots(rows, cols, figsize=(4.2 * cols, 2.8 * rows))
    for ax, t in zip(axes.flat, TARGETS, strict=False):
        if t.id in wide:
            series = wide[t.id] * 100
            ax.plot(series.index, series.values, color="tab:blue", lw=1.6)
        else:  # annual-only indicator
            ys = [y for y in years if not math.isnan(years[y].get(t.id, math.nan))]
            x = pd.to_datetime([f"{y}-07-01" for y in ys])
            ax.plot(x, [years[y][t.id] * 100 for y in ys], "o-", color="tab:blue")
        ax.axhline(t.threshold * 100, color="tab:red", ls="--", lw=1)
        ax.set_title(
            f"{t.label}\n(target {t.comparison} {t.threshold * 100:g} % by {t.year})", fontsize=8.5
        )
        ax.tick_params(labelsize=7)
        if t.id in wide or ys:
            years_axis(ax)
        else:  # a yearly figure before the first whole year: no dates to show yet
            ax.set_xticks([])
            ax.text(
                0.5,
                0.3,
                "a yearly figure: shown once a whole year has run",
                ha="center",
                fontsize=7,
                transform=ax.transAxes,
            )
        ax.set_ylabel("%", fontsize=7)
        ax.grid(alpha=0.3)
    for ax in list(axes.flat)[n:]:
        ax.axis("off")
    fig.suptitle(title, fontsize=11)
    # room at the top for the title, above the first row's panel titles
    fig.tight_layout(rect=(0, 0, 1, 1 - TITLE_INCHES / fig.get_figheight()))
    return fig


def plot_employment(wide: pd.DataFrame, title: str) -> Figure:
    """Employment by sector (stacked) and by ownership."""
    fig, (a, b) = plt.subplots(1, 2, figsize=(12, 4))
    sectors = ["employment_agriculture", "employment_industry", "employment_services"]
    a.stackplot(
        wide.index,
        *[wide[s] / 1000 for s in sectors],
        labels=["agriculture", "industry & construction", "services"],
        alpha=0.8,
    )
    a.set_ylabel("thousand persons")
    a.set_title("Employment by sector")
    a.legend(loc="lower left", fontsize=8)
    for key in (
        "employment_fdi",
        "employment_domestic",
        "employment_state",
        "employment_household",
        "employment_farm",
        "employment_outside",
    ):
        b.plot(wide.index, wide[key] / 1000, label=INDICATORS[key].label.replace("Employment ", ""))
    b.set_title("Employment by ownership")
    b.set_ylabel("thousand persons")
    b.legend(fontsize=7)
    for ax in (a, b):
        ax.grid(alpha=0.3)
        years_axis(ax)
    fig.suptitle(title)
    fig.tight_layout()
    return fig


def plot_labour_market(wide: pd.DataFrame, title: str) -> Figure:
    """Unemployment, vacancies and flows over time, and the Beveridge curve."""
    fig, (a, b, c) = plt.subplots(1, 3, figsize=(15, 4))
    for key in (
        "unemployment",
        "unemployment_urban",
        "youth_unemployment_urban",
        "underemployment",
    ):
        a.plot(wide.index, wide[key] * 100, label=INDICATORS[key].label)
    a.set_ylabel("%")
    a.set_title("Unemployment and underemployment")
    a.legend(fontsize=7)
    b.plot(wide.index, wide["hires"] / 1000, label="hires")
    b.plot(wide.index, wide["separations"] / 1000, label="separations")
    b.plot(wide.index, wide["vacancies"] / 1000, label="vacancies")
    b.set_ylabel("thousand a month")
    b.set_title("Job flows")
    b.legend(fontsize=7)
    lf = wide["labour_force"]
    c.plot(wide["unemployed"] / lf * 100, wide["vacancies"] / lf * 100, "o-", ms=3)
    c.set_xlabel("unemployed, % of labour force")
    c.set_ylabel("vacancies, % of labour force")
    c.set_title("Beveridge curve (monthly)")
    for ax in (a, b):
        years_axis(ax)
    for ax in (a, b, c):
        ax.grid(alpha=0.3)
    fig.suptitle(title)
    fig.tight_layout()
    return fig


def plot_districts(districts: pd.DataFrame, title: str) -> Figure:
    """The districts side by side: one small panel per district with its unemployment rate
    month by month, on a common scale (``districts`` as in ``districts.csv``: month,
    district, unemployment ...)."""
    names = list(dict.fromkeys(districts["district"]))
    cols = 4
    rows = max(1, math.ceil(len(names) / cols))
    fig, axes = plt.subplots(
        rows, cols, figsize=(3.2 * cols, 2.0 * rows), sharex=True, sharey=True, squeeze=False
    )
    months = pd.PeriodIndex(districts["month"], freq="M").to_timestamp()
    label = INDICATORS["unemployment"].label
    for ax, name in zip(axes.flat, names, strict=False):
        own = (districts["district"] == name).to_numpy()
        ax.plot(months[own], districts["unemployment"][own] * 100, color="tab:blue", lw=1.4)
        ax.set_title(name, fontsize=8.5)
        ax.tick_params(labelsize=7)
        ax.grid(alpha=0.3)
        years_axis(ax)
    for ax in axes[:, 0]:
        ax.set_ylabel("%", fontsize=7)
    for ax in list(axes.flat)[len(names) :]:
        ax.axis("off")
    fig.suptitle(f"{title}: {label.lower()} by district", fontsize=10)
    fig.tight_layout()
    return fig


def plot_school_intake(schools: pd.DataFrame, title: str) -> Figure:
    """Each training school's intake so far this year as a share of its yearly capacity
    (``schools``: school, intake, capacity, in persons), so that small schools and the
    universities outside the province read on one scale; each bar is labelled with its
    intake and capacity."""
    fig, ax = plt.subplots(figsize=(7, 0.28 * len(schools) + 1.2))
    positions = range(len(schools))
    capacity = schools["capacity"].to_numpy(dtype=float)
    filled = np.divide(
        100 * schools["intake"].to_numpy(dtype=float),
        capacity,
        out=np.zeros(len(schools)),
        where=capacity > 0,
    )
    ax.barh(positions, filled, height=0.6, color="tab:blue")
    ax.axvline(100, color="tab:red", linestyle="--", linewidth=1, label="capacity a year")
    for position, share, intake, seats in zip(
        positions, filled, schools["intake"], capacity, strict=True
    ):
        ax.text(share + 1, position, f"{intake:,.0f} / {seats:,.0f}", va="center", fontsize=6)
    ax.set_yticks(list(positions), schools["school"], fontsize=7)
    ax.invert_yaxis()
    ax.set_xlim(0, max(110, float(filled.max()) + 20))
    ax.set_xlabel("intake this year, % of the year's capacity")
    ax.legend(fontsize=7, loc="lower right")
    ax.grid(alpha=0.3, axis="x")
    ax.set_title(title, fontsize=10)
    fig.tight_layout()
    return fig


def wide_indicators(monthly: pd.DataFrame) -> pd.DataFrame:
    """A tidy monthly table (month, indicator, value) as month x indicator, months as dates:
    what the plotting functions take."""
    return _wide(monthly)


FIGURES = {  # file name: the function drawing it (each returns a matplotlib Figure)
    "targets.png": lambda wide, years, title: plot_targets(wide, years, title),
    "employment.png": lambda wide, years, title: plot_employment(wide, title),
    "labour_market.png": lambda wide, years, title: plot_labour_market(wide, title),
}


def plot_run(directory: Path, monthly: pd.DataFrame, years: dict, title: str) -> list[str]:
    """Draw a run's figures and save them as PNG files in ``directory``; their names."""
    wide = _wide(monthly)
    return [
        save(draw(wide, years, title), Path(directory) / name) for name, draw in FIGURES.items()
    ]
