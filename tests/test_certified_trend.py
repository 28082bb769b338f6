"""The certified share's trend, estimated from several years (simulation/certified_trend.py)."""

from __future__ import annotations

import numpy as np
import pytest

from simulation import certified_trend
from simulation.data import DataError, Figure, Figures


def _figures(national: dict[int, float], province: dict[int, float]) -> Figures:
    def row(category: str, year: int, value: float) -> Figure:
        return Figure(
            "education.csv",
            "trained_certified_share",
            category,
            "province",
            year,
            value,
            "share",
            "published",
            "test",
        )

    rows = [row("national", year, value) for year, value in national.items()]
    rows += [row("", year, value) for year, value in province.items()]
    return Figures(rows)


def test_a_national_share_growing_five_per_cent_a_year_gives_that_relative_rise():
    national = {year: 0.2 * 1.05 ** (year - 2018) for year in (2018, 2019, 2021, 2022)}
    figures = _figures(national, {2022: 0.3})
    assert certified_trend.relative_rise(figures, 2022) == pytest.approx(np.log(1.05))
    assert certified_trend.start_level(figures, 2022) == pytest.approx(0.3 / 1.05)
    assert certified_trend.yearly_rise(figures, 2022) == pytest.approx(0.3 - 0.3 / 1.05)


def test_later_national_figures_are_not_used():
    national = {2019: 0.2, 2020: 0.21, 2022: 0.22, 2023: 0.5}
    figures = _figures(national, {2022: 0.3})
    without = _figures({2019: 0.2, 2020: 0.21, 2022: 0.22}, {2022: 0.3})
    assert certified_trend.relative_rise(figures, 2022) == certified_trend.relative_rise(
        without, 2022
    )


def test_one_national_year_is_not_a_trend():
    with pytest.raises(DataError, match="at least two years"):
        certified_trend.relative_rise(_figures({2022: 0.26}, {2022: 0.3}), 2022)


def test_the_province_data_give_a_rise_between_the_national_and_the_provinces_one_year(data):
    """The national rise in points (about 1.0 a year over 2019-2022) scaled to the
    province's higher level, below the province's own one-year rise from 2021 (3 points)."""
    figures = data.figures
    rise = certified_trend.yearly_rise(figures, 2022)
    national = figures.series("trained_certified_share", "national")
    national_points = (national[2022] - national[2019]) / (2022 - 2019)
    one_year = figures.value("trained_certified_share", year=2022) - figures.value(
        "trained_certified_share", year=2021
    )
    assert national_points < rise < one_year
