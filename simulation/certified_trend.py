"""The trend of the share of employed workers with a certificate, estimated outside the
simulation from several years, and the level it implies at the start of a run.

The province publishes the share for two years only (education.csv: 28.5 % in 2021,
derived, and the 2022 estimate of 31.5 %), and one year's change (+3 points, against
about +1 a year nationally) is not a trend.  The national series (census 2019, labour
force surveys 2020 and 2022) gives the rise over several years: the least-squares slope of
the log share on the year, the share's relative rise a year.  Assumption: the province's
share rises at the national relative rate, so its rise in points is the national one times
the ratio of the levels (about 1.2).  The level is the province's own figure for the base
year (the plan's starting point), and a run starts one year of trend below it.

Data after the calibration year are never used: only national figures up to the
province's base-year figure enter.
"""

from __future__ import annotations

import numpy as np

from simulation.data import DataError, Figures

VARIABLE = "trained_certified_share"
NATIONAL = "national"


def relative_rise(figures: Figures, up_to: int) -> float:
    """The national share's rise a year, relative to its level (the log slope), fitted
    over the national figures of ``up_to`` and before."""
    series = {
        year: value for year, value in figures.series(VARIABLE, NATIONAL).items() if year <= up_to
    }
    if len(series) < 2:
        raise DataError(f"{VARIABLE}: national figures of at least two years to {up_to} needed")
    years = sorted(series)
    logs = np.log([series[year] for year in years])
    return float(np.polyfit(np.array(years, dtype=float), logs, 1)[0])


def yearly_rise(figures: Figures, year: int) -> float:
    """The province's rise in the share over ``year`` (points as a share, December to
    December): its level that December less the level one year of trend earlier."""
    level = figures.value(VARIABLE, year=year)
    return level - level * float(np.exp(-relative_rise(figures, year)))


def start_level(figures: Figures, year: int) -> float:
    """The province's share in the December before ``year``: its level in ``year`` one
    year of trend earlier."""
    return figures.value(VARIABLE, year=year) * float(np.exp(-relative_rise(figures, year)))
