"""Legal rules of the labour market: the working-age limit and the regional minimum wage,
with the legal and statistical constants of working time.

Working age is 15 up to the retirement age of the Labour Code 2019 (Art. 169, Decree
135/2020): from 2021 men 60 years 3 months, women 55 years 4 months, rising 3 months a
year for men to 62 and 4 months a year for women to 60.  The numbers are in the
province's ``demography.csv``; the minimum wages and regions in ``wages.csv``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from simulation.calendar import MONTHS_PER_YEAR, parse_month, year_of
from simulation.data import Figures, ProvinceData

# Labour Code 2019 (Law 45/2019/QH14), Art. 3: the minimum working age is 15 (younger
# only for the light work listed under Art. 143-147).
WORKING_AGE_FROM_YEARS = 15
WORKING_AGE_FROM_MONTHS = WORKING_AGE_FROM_YEARS * MONTHS_PER_YEAR
# Labour Code 2019, Art. 143: a worker under 18 is a minor (limited hours and work).
ADULT_AGE_YEARS = 18
ADULT_AGE_MONTHS = ADULT_AGE_YEARS * MONTHS_PER_YEAR
# GSO labour force survey (ILO time-related underemployment): the underemployed worked
# under 35 hours in the reference week and want and are available to work more.
UNDEREMPLOYMENT_HOURS = 35
# Minimum wage decrees take effect on 1 July of their year (Decree 38/2022, Decree
# 74/2024); the first decree of the data applies from January (Decree 90/2019).
MINIMUM_WAGE_DECREE_MONTH = 7
FIRST_MONTH = 1  # January: the first decree of the data applies from the start of its year
# Law on Social Insurance 2024 (Law 41/2024/QH15) is in force from 1 July 2025.
SOCIAL_INSURANCE_LAW_2024_FROM = parse_month("2025-07")
# Its Art. 70: a person who starts contributing from 1 July 2025 can no longer take the
# record as a lump sum after a year out of insurance; records started before keep that
# option of the 2014 law (Art. 60, as amended by Resolution 93/2015/QH13).  The waiting
# year is a parameter (``si_withdrawal_wait``).
LUMP_SUM_CLOSED_FROM = SOCIAL_INSURANCE_LAW_2024_FROM
# The poverty groups of the state's support to voluntary contributions (Decree 134/2015,
# Art. 14; the 2024 law): the categories of ``voluntary_si_support_share``.
POVERTY_GROUPS = ("poor", "near_poor", "other")


def full_time_weekly_hours(data: ProvinceData) -> float:
    """Normal weekly working hours of the Labour Code (the data's ``normal_weekly_hours``):
    the week in which a worker supplies one unit of labour."""
    return data.figures.value("normal_weekly_hours")


def retirement_age_months(data: ProvinceData, year: int) -> tuple[int, int]:
    """Retirement age in months in ``year``, as (men, women)."""
    out = []
    for sex in ("male", "female"):
        start = data.figures.value("retirement_age", sex)
        step = data.figures.value("retirement_age_step", sex)
        top = data.figures.value("retirement_age_max", sex)
        first = min(data.figures.series("retirement_age", sex))
        years = start + step * max(0, year - first)
        out.append(int(round(MONTHS_PER_YEAR * min(top, years))))
    return out[0], out[1]


def working_age(age_m: np.ndarray, female: np.ndarray, limits: tuple[int, int]) -> np.ndarray:
    """True for persons of working age given the (men, women) retirement ages in months."""
    # each person's limit in the ages' own integer type: the men's, plus the difference for
    # women (sex as 0 men, 1 women; arithmetic on the column, some five times faster than
    # looking the limit up by sex)
    men, women = limits
    kind = age_m.dtype.type
    limit = np.asarray(female, dtype=bool).view(np.uint8).astype(age_m.dtype)
    limit *= kind(women - men)
    limit += kind(men)
    return (age_m >= WORKING_AGE_FROM_MONTHS) & (age_m < limit)


# the latest tables kept (a few runs' months): each run loads its data anew, and a cache
# without a bound would keep every run's data alive in a process that runs many
MINIMUM_WAGE_TABLES_KEPT = 256


def minimum_wage_table(data: ProvinceData, month: int) -> np.ndarray:
    """Monthly minimum wage (million VND) of each district in force in ``month``, read-only
    (worked out once for each month: several mechanisms read it every month).

    Decrees take effect on 1 July of their year (Decree 90/2019 on 1 Jan 2020), or in the
    month the data's ``min_wage_effective_month`` gives for their year (Decree 293/2025 on
    1 Jan 2026)."""
    return _minimum_wage_table(data.figures, data.districts, month)


@lru_cache(maxsize=MINIMUM_WAGE_TABLES_KEPT)
def _minimum_wage_table(figures: Figures, districts: tuple[str, ...], month: int) -> np.ndarray:
    decree_month = f"{MINIMUM_WAGE_DECREE_MONTH:02d}"
    effective = (
        figures.series("min_wage_effective_month")
        if figures.has("min_wage_effective_month")
        else {}
    )
    wages = [
        (year, figures.table("min_wage", year=year))
        for year in sorted(figures.series("min_wage", "1"))
    ]
    in_force = wages[0][1]
    for year, table in wages:
        first = year == wages[0][0]
        month_of_year = FIRST_MONTH if first else effective.get(year, MINIMUM_WAGE_DECREE_MONTH)
        if month >= parse_month(f"{year}-{int(month_of_year):02d}"):
            in_force = table
    regions_by_year = sorted(
        {figure.year for figure in figures.rows if figure.variable == "min_wage_region"}
    )
    region_year = regions_by_year[0]
    for year in regions_by_year:
        if month >= parse_month(f"{year}-{decree_month}"):
            region_year = year
    out = np.zeros(len(districts))
    for index, district in enumerate(districts):
        region = int(figures.value("min_wage_region", area=district, year=region_year))
        out[index] = in_force[str(region)]
    out.flags.writeable = False
    return out


@dataclass(frozen=True)
class VoluntaryRules:
    """The rules of voluntary social insurance in force in a month."""

    support_shares: np.ndarray  # the state's share of the contribution, by POVERTY_GROUPS
    minimum_years: float  # years of contributions for a pension


def _in_force_from(year: int) -> int:
    """First month of a dated rule of voluntary insurance: the 2024 law's rows (its year)
    from the law's month, earlier rows from January of their year."""
    if year == year_of(SOCIAL_INSURANCE_LAW_2024_FROM):
        return SOCIAL_INSURANCE_LAW_2024_FROM
    return parse_month(f"{year}-01")


def _latest_in_force(series: dict[int, float], month: int) -> float:
    years = [year for year in sorted(series) if _in_force_from(year) <= month]
    return series[years[-1] if years else min(series)]


def voluntary_si_rules(data: ProvinceData, month: int) -> VoluntaryRules:
    """The state's support to voluntary contributions by poverty group and the minimum
    years of contributions for a pension in force in ``month`` (the data's
    ``voluntary_si_support_share`` and ``pension_min_contribution_years``: Decree
    134/2015 and the 2014 law, then the 2024 law from July 2025)."""
    shares = np.array(
        [
            _latest_in_force(data.figures.series("voluntary_si_support_share", group), month)
            for group in POVERTY_GROUPS
        ]
    )
    minimum = _latest_in_force(data.figures.series("pension_min_contribution_years"), month)
    return VoluntaryRules(support_shares=shares, minimum_years=minimum)
