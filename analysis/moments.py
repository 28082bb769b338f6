"""The province's 2022 figures that a run must reproduce (data up to 2022 only), each the
observed value of one statistic of :func:`analysis.calibrate.statistics_2022`, and how
far from it a run may lie (``history_match_tolerance`` in the data's estimation.csv)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from analysis import slump
from simulation import certified_trend
from simulation.data import ProvinceData

TOLERANCE = "history_match_tolerance"
ESTIMATION_TOLERANCE = "estimation_tolerance"
NO_TREND = 0.0  # participation of older people: no trend is assumed over 2022


@dataclass(frozen=True)
class Moment:
    statistic: str  # a key of statistics_2022
    label: str
    observed: float
    tolerance: float  # half-width (relative to the observed value if ``relative``)
    relative: bool = False

    def signed_distance(self, value: float) -> float:
        """``value`` less the observed figure, in tolerances (+-1 is the edge)."""
        scale = self.tolerance * (abs(self.observed) if self.relative else 1.0)
        return (value - self.observed) / scale

    def distance(self, value: float) -> float:
        """How far ``value`` lies from the observed figure, in tolerances (1 is the edge)."""
        return abs(self.signed_distance(value))


def observed_2022(data: ProvinceData) -> dict[str, float]:
    """The observed value of each 2022 statistic (see the module's docstring)."""
    figures = data.figures
    return (
        {
            # derived from two rounded published totals (labour.csv)
            "unemployment_2022": 1 - figures.value("employed") / figures.value("labour_force"),
            "trained_certified_dec_2022": figures.value("trained_certified_share", year=2022),
            # the trend of several years' national figures, at the province's level
            "trained_certified_rise_2022": certified_trend.yearly_rise(figures, 2022),
            "grdp_growth_2022": figures.value("grdp_real_growth", year=2022),
            "population_2022": figures.value("population", year=2022),
            "older_participation_change": NO_TREND,
            # national, all employed (labour.csv)
            "average_income_2022": figures.value("average_income", year=2022),
            # national, 2017 (labour.csv)
            "long_term_unemployed_2022": figures.value("long_term_unemployed_share"),
            # national, the mean of the years there are, 2020 and 2021 (labour.csv)
            "youth_unemployment_ratio_2022": float(
                np.mean(list(figures.series("youth_unemployment_ratio").values()))
            ),
            # the province's, about 2020/21, rounded to 10,000 (labour.csv)
            "labour_force_2022": figures.value("labour_force"),
            "agri_share_2022": figures.value("employment_share", "agriculture"),
            # national proxies of 2022 (labour.csv, insurance.csv)
            "underemployment_2022": figures.value("underemployment_rate", year=2022),
            "informal_share_2022": figures.value("informal_employment_share", year=2022),
            "si_coverage_2022": figures.value("si_coverage", year=2022),
            "ui_coverage_2022": figures.value("ui_coverage", year=2022),
            # national, the late-2022 fall in export orders (labour.csv; analysis/slump.py)
            slump.STATISTIC: figures.value("downturn_adjustment_share", "laid_off", year=2022),
        }
        | {
            # national, wage workers, Q1 2021 (education.csv)
            f"pay_ratio_{level}_2022": ratio
            for level, ratio in figures.table("pay_ratio_by_certificate").items()
        }
        | {
            # national, enterprises, the mean of the years there are, 2019 and 2020 (wages.csv)
            "pay_ratio_fdi_2022": float(
                np.mean(
                    [
                        fdi / figures.value("enterprise_pay_by_ownership", "domestic", year=year)
                        for year, fdi in figures.series(
                            "enterprise_pay_by_ownership", "fdi"
                        ).items()
                    ]
                )
            )
        }
    )


# each statistic's label, and whether its tolerance is relative to the observed value
DECLARED = {
    "unemployment_2022": ("unemployment rate, mean of 2022", False),
    "trained_certified_dec_2022": ("employed with a certificate, December 2022", False),
    "trained_certified_rise_2022": (
        "employed with a certificate, rise from December 2021 to December 2022",
        False,
    ),
    "grdp_growth_2022": ("real GRDP growth, 2022", False),
    "population_2022": ("population, mean of 2022", True),
    "older_participation_change": ("participation of 47-69 year-olds, change over 2022", False),
    "average_income_2022": ("average monthly income of the employed, mean of 2022", True),
    "long_term_unemployed_2022": (
        "unemployed 12 months or more, share (stationary at 2022's exit hazards by spell,"
        " after a spin-up)",
        False,
    ),
    "youth_unemployment_ratio_2022": (
        "youth (15-24) unemployment over working-age unemployment, 2022",
        False,
    ),
    "labour_force_2022": ("labour force, mean of 2022 (observed: about 2020/21)", True),
    "agri_share_2022": (
        "agriculture's share of employment, mean of 2022 (observed: about 2020/21)",
        False,
    ),
    "underemployment_2022": ("underemployment rate, mean of 2022", False),
    "informal_share_2022": ("informal share of employment, mean of 2022", False),
    "si_coverage_2022": ("social-insurance coverage of the labour force, mean of 2022", False),
    "ui_coverage_2022": (
        "unemployment-insurance coverage of the labour force, mean of 2022",
        False,
    ),
    slump.STATISTIC: (
        "workers affected by the late-2022 fall in export orders who were laid off, share",
        False,
    ),
    **{
        f"pay_ratio_{level}_2022": (f"pay of {level} certificate holders over none, 2022", False)
        for level in ("elementary", "intermediate", "college", "university")
    },
    "pay_ratio_fdi_2022": (
        "pay in FDI enterprises over domestic ones, 2022 (observed: 2019-2020)",
        False,
    ),
}


def moments_2022(data: ProvinceData, estimation: bool = False) -> list[Moment]:
    """Every statistic with an observed value and a tolerance in the data: those a draw
    must reproduce (``history_match_tolerance``), and with ``estimation`` also those only
    the estimation weighs (``estimation_tolerance``: figures the model is known to miss,
    which would reject every draw)."""
    tolerances = data.figures.table(TOLERANCE) if data.figures.has(TOLERANCE) else {}
    if estimation and data.figures.has(ESTIMATION_TOLERANCE):
        tolerances |= data.figures.table(ESTIMATION_TOLERANCE)
    observed = observed_2022(data)
    return [
        Moment(name, DECLARED[name][0], observed[name], tolerances[name], DECLARED[name][1])
        for name in observed
        if name in tolerances
    ]
