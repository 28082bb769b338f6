"""Legal rules of the labour market: the working-age limit and the regional minimum wage.

Working age is 15 up to the retirement age of the Labour Code 2019 (Art. 169, Decree
135/2020): from 2021 men 60 years 3 months, women 55 years 4 months, rising 3 months a
year for men to 62 and 4 months a year for women to 60.  The numbers are in the
province's ``demography.csv``; the minimum wages and regions in ``wages.csv``.
"""

from __future__ import annotations

import numpy as np

from simulation.calendar import parse_month
from simulation.data import ProvinceData

WORKING_AGE_FROM_MONTHS = 15 * 12


def retirement_age_months(data: ProvinceData, year: int) -> tuple[int, int]:
    """Retirement age in months in ``year``, as (men, women)."""
    out = []
    for sex in ("male", "female"):
        start = data.figures.value("retirement_age", sex)
        step = data.figures.value("retirement_age_step", sex)
        top = data.figures.value("retirement_age_max", sex)
        first = min(data.figures.series("retirement_age", sex))
        years = start + step * max(0, year - first)
        out.append(int(round(12 * min(top, years))))
    return out[0], out[1]


def working_age(age_m: np.ndarray, female: np.ndarray, limits: tuple[int, int]) -> np.ndarray:
    """True for persons of working age given the (men, women) retirement ages in months."""
    limit = np.where(female, limits[1], limits[0])
    return (age_m >= WORKING_AGE_FROM_MONTHS) & (age_m < limit)


def minimum_wage_table(data: ProvinceData, month: int) -> np.ndarray:
    """Monthly minimum wage (million VND) of each district in force in ``month``.

    Decrees take effect on 1 July of their year (Decree 90/2019 on 1 Jan 2020)."""
    wages = [
        (y, data.figures.table("min_wage", year=y))
        for y in sorted(data.figures.series("min_wage", "1"))
    ]
    in_force = wages[0][1]
    for year, table in wages:
        start = parse_month(f"{year}-07") if year != wages[0][0] else parse_month(f"{year}-01")
        if month >= start:
            in_force = table
    regions_by_year = sorted({f.year for f in data.figures.rows if f.variable == "min_wage_region"})
    region_year = regions_by_year[0]
    for year in regions_by_year:
        if month >= parse_month(f"{year}-07"):
            region_year = year
    out = np.zeros(len(data.districts))
    for i, d in enumerate(data.districts):
        region = int(data.figures.value("min_wage_region", area=d, year=region_year))
        out[i] = in_force[str(region)]
    return out
