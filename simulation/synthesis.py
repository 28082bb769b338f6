"""The synthetic province on 1 January 2022: persons, firms and their matches, drawn from data.

Each step draws one attribute from the province's figures, conditional on what was drawn
before, and rescales its propensities so that the aggregates reproduce the published
totals (population by district, age structure, labour force, employment by sector,
certificate share, FDI jobs, industrial-zone jobs, GRDP by sector).  Where the data give
only a national pattern or nothing at all, the file says so and the number is a named
assumption in the province's data folder.

At ``scale`` people per agent there are ``population / scale`` person agents; a firm agent
stands for ``scale`` firms of its size (see :mod:`simulation.firms`).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from simulation import certified_trend, sampling
from simulation.calendar import MONTHS_PER_YEAR, calendar_month, parse_month, year_of
from simulation.data import DataError, ProvinceData
from simulation.firms import FIRM_COLUMNS, FirmTable, Ownership
from simulation.indicators import MILLION_PER_BILLION
from simulation.labour_law import (
    ADULT_AGE_MONTHS,
    UNDEREMPLOYMENT_HOURS,
    WORKING_AGE_FROM_MONTHS,
    full_time_weekly_hours,
    minimum_wage_table,
    retirement_age_months,
    working_age,
)
from simulation.mechanisms.demography import MAX_AGE
from simulation.mechanisms.schooling import (
    LOWER_SECONDARY_END_AGE,
    UPPER_SECONDARY_END_AGE,
    UPPER_SECONDARY_YEARS,
    upper_secondary_end,
)
from simulation.population import (
    CERTIFICATES,
    OUTSIDE_EMPLOYER,
    SECTORS,
    YOUTH_AGES_MONTHS,
    Certificate,
    Insurance,
    PersonTable,
    Sector,
    Status,
    Track,
)
from simulation.unemployment_benefit import start_records
from simulation.usual_hours import draw_short_jobs, short_hours_risk, short_weekly_hours
from simulation.wages import draw_skills, labour_units, set_outside_wages, set_wages

AGE_GROUP_YEARS = 5  # the data's age groups are 5-year groups, the last one open-ended


def five_year_groups(first: int, open_from: int) -> tuple[str, ...]:
    """Labels of the data's 5-year age groups from ``first``, the last open: "15-19" ... "75+"."""
    return tuple(
        f"{age}-{age + AGE_GROUP_YEARS - 1}" for age in range(first, open_from, AGE_GROUP_YEARS)
    ) + (f"{open_from}+",)


AGE_GROUPS = five_year_groups(0, 80)
BROAD_GROUPS = {"0-14": (0, 3), "15-59": (3, 12), "60+": (12, 17)}
LFPR_GROUPS = five_year_groups(15, 75)
CERTIFICATE_AGE_GROUPS = five_year_groups(15, 60)
OWNERSHIP_ORDER = (
    Ownership.STATE,
    Ownership.FDI,
    Ownership.DOMESTIC,
    Ownership.HOUSEHOLD,
    Ownership.FARM,
)
# Guard: participation among those not at school divides by one less the enrolment rate.
ENROLMENT_GUARD = 0.95
MIDDLE_OF_MONTH = 0.5  # months from the start of a month to its middle
# Base-year firms finished ramping up long before the base month (months).
RAMPED_UP_LONG_AGO = 120
# Lognormal firm sizes are drawn in batches: at least this many, and this many times the
# expected number of firms.
SIZE_BATCH_MIN = 8
SIZE_BATCH_EXCESS = 1.2


@dataclass
class BaseYear:
    """The synthetic province at its base month, with what the synthesis calibrated."""

    persons: PersonTable
    firms: FirmTable
    base_month: int
    scale: int
    sector_productivity: np.ndarray  # base value added per skill unit by sector
    population_target: float  # resident population on the base date (persons)
    short_hours_level: float  # probability of a short-hours job per unit of risk


def group_index(age_years: np.ndarray, bounds: list[int]) -> np.ndarray:
    """Index of the age group whose lower bound is the largest one <= age."""
    return np.searchsorted(np.asarray(bounds), age_years, side="right") - 1


def _lower_bounds(groups) -> list[int]:
    return [int(group.split("-")[0].rstrip("+")) for group in groups]


# --------------------------------------------------------------------------- people


def _population_target(data: ProvinceData, base_month: int) -> float:
    """Resident population on the first day of the base month, interpolated from the
    mid-year figures."""
    series = data.figures.series("population")
    year = year_of(base_month)
    if year - 1 not in series or year not in series:
        raise DataError(f"population.csv: mid-year population for {year - 1} and {year} needed")
    months_after_mid = base_month - parse_month(f"{year - 1}-07")
    weight = months_after_mid / MONTHS_PER_YEAR
    return (1 - weight) * series[year - 1] + weight * series[year]


def _draw_people(data: ProvinceData, n: int, rng: np.random.Generator) -> PersonTable:
    """District, urban/rural, age and sex of ``n`` persons."""
    people = PersonTable.empty(n)
    districts = data.districts
    population = data.figures.by_area("population")
    missing = [district for district in districts if district not in population]
    if missing:
        raise DataError(f"population.csv: no population for district '{missing[0]}'")
    counts = sampling.allocate(n, np.array([population[district] for district in districts]))
    people.district[:] = np.repeat(np.arange(len(districts)), counts)
    urban_share = data.figures.by_area("urban_share")
    start = 0
    for i, district in enumerate(districts):
        count = int(counts[i])
        urban = np.zeros(count, dtype=bool)
        urban[: int(round(count * urban_share.get(district, 0.0)))] = True
        people.urban[start : start + count] = rng.permutation(urban)
        start += count

    shape = data.figures.table("age_shape")
    broad = data.figures.table("age_broad_share")
    weights = np.array([shape[group] for group in AGE_GROUPS])
    for name, (first, stop) in BROAD_GROUPS.items():
        weights[first:stop] *= broad[name] / weights[first:stop].sum()
    group = rng.choice(len(AGE_GROUPS), size=n, p=weights / weights.sum())
    lower = np.array(_lower_bounds(AGE_GROUPS))
    years = lower[group] + rng.integers(0, AGE_GROUP_YEARS, size=n)
    # the open-ended oldest group: the years past its lower bound thin out exponentially
    old = group == len(AGE_GROUPS) - 1
    open_from = lower[-1]
    extra_years = rng.exponential(data.param("open_age_group_mean_extra_years"), size=old.sum())
    years[old] = open_from + np.minimum(
        extra_years.astype(int), int(data.param("oldest_age_at_start")) - open_from
    )
    people.age_m[:] = years * MONTHS_PER_YEAR + rng.integers(0, MONTHS_PER_YEAR, size=n)

    male_share = data.figures.table("male_share")
    male_probability = np.array([male_share[group] for group in AGE_GROUPS])[group]
    people.female[:] = rng.random(n) >= male_probability
    return people


# --------------------------------------------------------------------------- schooling


def _enrol_students(
    data: ProvinceData,
    people: PersonTable,
    base_month: int,
    schools: list,
    rng: np.random.Generator,
) -> None:
    age = people.age_years()
    rate = data.figures.table("enrolment_rate")
    probability = np.zeros(len(people))
    for age_text, value in rate.items():
        probability[age == int(age_text)] = value
    student = rng.random(len(people)) < probability
    people.status[:] = np.where(age < LOWER_SECONDARY_END_AGE, Status.CHILD, Status.INACTIVE)
    people.status[student] = Status.STUDENT

    teen = student & (age < UPPER_SECONDARY_END_AGE)
    upper = teen & (rng.random(len(people)) < data.param("upper_secondary_track_share"))
    adult = student & (age >= UPPER_SECONDARY_END_AGE)
    university = adult & (rng.random(len(people)) < data.param("university_track_share"))
    vocational = student & ~upper & ~university
    people.track[upper] = Track.UPPER_SECONDARY
    people.track[university] = Track.UNIVERSITY
    people.track[vocational] = Track.VOCATIONAL

    # Upper secondary ends in June of the year the cohort turns 18.
    end = upper_secondary_end(base_month, people.age_m)
    people.study_left[upper] = np.clip(
        end[upper] - base_month + 1, 1, UPPER_SECONDARY_YEARS * MONTHS_PER_YEAR
    )
    people.study_level[upper] = Certificate.NONE

    levels = np.array([Certificate.ELEMENTARY, Certificate.INTERMEDIATE, Certificate.COLLEGE])
    shares = np.array(
        [
            data.param("vocational_student_elementary_share"),
            data.param("vocational_student_intermediate_share"),
            data.param("vocational_student_college_share"),
        ]
    )
    level = levels[rng.choice(len(levels), size=vocational.sum(), p=shares / shares.sum())]
    course_months = np.select(
        [level == Certificate.ELEMENTARY.value, level == Certificate.INTERMEDIATE.value],
        [
            int(data.param("full_time_elementary_course_months")),
            int(data.param("intermediate_course_months")),
        ],
        int(data.param("college_course_months")),
    )
    people.study_level[vocational] = level
    people.study_left[vocational] = 1 + (rng.random(vocational.sum()) * course_months).astype(int)
    people.study_level[university] = Certificate.UNIVERSITY
    people.study_left[university] = rng.integers(
        1, int(data.param("university_course_months")) + 1, size=university.sum()
    )

    _assign_schools(data, people, np.flatnonzero(vocational | university), schools, rng)


def _assign_schools(
    data: ProvinceData,
    people: PersonTable,
    rows: np.ndarray,
    schools: list,
    rng: np.random.Generator,
) -> None:
    """Place students in schools offering their level, most often in their own district."""
    if len(rows) == 0 or not schools:
        return
    home_weight = data.param("school_home_district_weight")
    for level in np.unique(people.study_level[rows]):
        offer = [i for i, school in enumerate(schools) if CERTIFICATES[level] in school.levels]
        if not offer:
            raise DataError(f"schools.csv: no school offers level '{CERTIFICATES[level]}'")
        these = rows[people.study_level[rows] == level]
        capacity = np.array([schools[i].intake_capacity for i in offer], dtype=float)
        home = np.array([schools[i].district_index for i in offer])
        for district in np.unique(people.district[these]):
            who = these[people.district[these] == district]
            weight = capacity * np.where(home == district, home_weight, 1.0)
            people.school[who] = np.array(offer)[
                rng.choice(len(offer), size=len(who), p=weight / weight.sum())
            ]


# --------------------------------------------------------------------------- labour status


def _labour_status(
    data: ProvinceData, people: PersonTable, n_resident: int, rng: np.random.Generator
) -> None:
    """Abroad, labour force, employed and unemployed, calibrated to the published totals."""
    age = people.age_years()
    adult = people.status == Status.INACTIVE.value  # 15+ and not a student at this point

    n_abroad = len(people) - n_resident
    candidates = (
        adult
        & (age >= int(data.param("abroad_min_age")))
        & (age < int(data.param("abroad_age_limit")))
    )
    weight = np.where(people.female, 1.0, data.param("abroad_stock_male_odds")) * candidates
    abroad = sampling.pick_weighted(rng, weight, n_abroad)
    people.status[abroad] = Status.ABROAD
    people.abroad_left[abroad] = rng.integers(
        1, int(data.param("abroad_stock_months_left_max")) + 1, size=len(abroad)
    )
    adult[abroad] = False

    population = data.figures.series("population")
    labour_force_year = max(data.figures.series("labour_force"))
    per_person = n_resident / population.get(labour_force_year, population[max(population)])
    labour_force_target = data.figures.value("labour_force") * per_person
    employed_target = data.figures.value("employed") * per_person

    shape = data.figures.table("lfpr_shape")
    bounds = _lower_bounds(LFPR_GROUPS)
    group = np.clip(group_index(age, bounds), 0, len(LFPR_GROUPS) - 1)
    male = np.array([shape[f"male {ages}"] for ages in LFPR_GROUPS])
    female = np.array([shape[f"female {ages}"] for ages in LFPR_GROUPS])
    probability = np.where(people.female, female[group], male[group])
    enrolment = np.zeros(MAX_AGE)
    for age_text, value in data.figures.table("enrolment_rate").items():
        enrolment[int(age_text)] = value
    probability = probability / (
        1.0 - np.minimum(enrolment[np.minimum(age, MAX_AGE - 1)], ENROLMENT_GUARD)
    )
    probability = sampling.scale_to_total(
        probability * adult, labour_force_target, cap=data.param("participation_probability_cap")
    )
    in_labour_force = rng.random(len(people)) < probability

    youth = (people.age_m >= WORKING_AGE_FROM_MONTHS) & (
        age < YOUTH_AGES_MONTHS[1] // MONTHS_PER_YEAR
    )
    risk = np.where(youth, data.param("unemployment_youth_multiplier"), 1.0) * np.where(
        people.urban, data.param("unemployment_urban_multiplier"), 1.0
    )
    unemployment_probability = sampling.scale_to_total(
        risk * in_labour_force,
        in_labour_force.sum() * (1 - employed_target / labour_force_target),
    )
    unemployed = in_labour_force & (rng.random(len(people)) < unemployment_probability)
    people.status[in_labour_force] = Status.EMPLOYED
    people.status[unemployed] = Status.UNEMPLOYED
    mean = data.param("mean_unemployment_duration")
    people.months_unemployed[unemployed] = rng.geometric(1.0 / mean, size=unemployed.sum()) - 1


def _sectors(data: ProvinceData, people: PersonTable, rng: np.random.Generator) -> None:
    employed = np.flatnonzero(people.status == Status.EMPLOYED.value)
    age = people.age_years()[employed]
    urban = people.urban[employed]
    female = people.female[employed]
    weights = np.column_stack(
        [
            np.where(urban, data.param("agriculture_urban_odds"), 1.0)
            * np.where(
                age >= int(data.param("agriculture_older_odds_from_age")),
                data.param("agriculture_older_odds"),
                1.0,
            ),
            np.where(
                age < int(data.param("industry_young_odds_age_limit")),
                data.param("industry_young_odds"),
                1.0,
            ),
            np.where(urban, data.param("services_urban_odds"), 1.0)
            * np.where(female, data.param("services_female_odds"), 1.0),
        ]
    )
    shares = data.figures.table("employment_share")
    target = np.array([shares[sector] for sector in SECTORS])
    target = target / target.sum() * len(employed)
    probability = sampling.fit_shares(weights, target)
    people.sector[employed] = sampling.choice_rows(rng, probability)

    # Residents who commute to a job in another province.
    non_farm = employed[people.sector[employed] != Sector.AGRICULTURE.value]
    count = int(round(data.param("outside_work_share") * len(non_farm)))
    outside = rng.choice(non_farm, size=count, replace=False)
    people.employer[outside] = OUTSIDE_EMPLOYER


def _certificates(
    data: ProvinceData, people: PersonTable, base_month: int, rng: np.random.Generator
) -> None:
    """Degrees and certificates of everyone 15+ who is not in school, fitted to the employed."""
    age = people.age_years()
    holders = (
        (people.age_m >= WORKING_AGE_FROM_MONTHS)
        & (people.status != Status.STUDENT.value)
        & (people.status != Status.CHILD.value)
    )
    age_odds = data.figures.table("certificate_age_odds")
    group = np.clip(
        group_index(age, _lower_bounds(CERTIFICATE_AGE_GROUPS)), 0, len(CERTIFICATE_AGE_GROUPS) - 1
    )
    sector_odds_table = data.figures.table("certificate_sector_odds")
    sector_odds = np.array([sector_odds_table[sector] for sector in SECTORS])
    sector = np.where(people.sector >= 0, people.sector, Sector.INDUSTRY)
    odds = (
        np.array([age_odds[ages] for ages in CERTIFICATE_AGE_GROUPS])[group]
        * sector_odds[sector]
        * np.where(people.urban, data.param("certificate_urban_odds"), 1.0)
    )

    employed = people.status == Status.EMPLOYED.value
    # the share at the end of the year before the base month, one year of the estimated
    # trend below the base year's figure (simulation/certified_trend.py)
    share = certified_trend.start_level(data.figures, year_of(base_month))
    employed_probability = sampling.odds_to_total(odds * employed, share * employed.sum())
    # the same constant for everyone: recover it from one employed row
    i = int(np.flatnonzero(employed)[0])
    constant = employed_probability[i] / (1 - employed_probability[i]) / odds[i]
    probability = constant * odds / (1 + constant * odds) * holders
    certified = rng.random(len(people)) < probability

    levels = data.figures.table("certificate_level_share")
    university_odds_table = data.figures.table("university_sector_odds")
    university_odds = np.array([university_odds_table[name] for name in SECTORS])[sector]
    university_odds = university_odds * (age >= int(data.param("university_degree_min_age")))
    employed_certified = certified & employed
    employed_university_probability = sampling.odds_to_total(
        university_odds * employed_certified, levels["university"] * employed_certified.sum()
    )
    j = int(np.flatnonzero(employed_certified & (university_odds > 0))[0])
    university_constant = (
        employed_university_probability[j]
        / (1 - employed_university_probability[j])
        / university_odds[j]
    )
    university = certified & (
        rng.random(len(people))
        < university_constant * university_odds / (1 + university_constant * university_odds)
    )
    other = certified & ~university
    rest = np.array([levels["elementary"], levels["intermediate"], levels["college"]])
    people.certificate[:] = Certificate.NONE
    people.certificate[university] = Certificate.UNIVERSITY
    people.certificate[other] = 1 + rng.choice(len(rest), size=other.sum(), p=rest / rest.sum())


# --------------------------------------------------------------------------- firms


def _ownership(
    data: ProvinceData, people: PersonTable, scale: int, rng: np.random.Generator
) -> np.ndarray:
    """Ownership of each employed person's job (-1 for the unemployed and commuters)."""
    n_districts = len(data.districts)
    ownership = np.full(len(people), -1, dtype=np.int8)
    working = (people.status == Status.EMPLOYED.value) & (people.employer != OUTSIDE_EMPLOYER)
    iz = data.figures.by_area("iz_location_share")
    iz_weight = np.array([iz.get(district, 0.0) for district in data.districts]) + data.param(
        "fdi_outside_iz_location_weight"
    )
    urban = data.figures.by_area("urban_share")
    urban_weight = 1.0 + data.param("state_job_urban_weight") * np.array(
        [urban.get(district, 0.0) for district in data.districts]
    )
    age = people.age_years()
    certificate = people.certificate
    person_weight = {
        Ownership.STATE: np.select(
            [
                certificate == Certificate.UNIVERSITY.value,
                certificate >= Certificate.INTERMEDIATE.value,
            ],
            [data.param("state_job_university_weight"), data.param("state_job_vocational_weight")],
            data.param("state_job_uncertified_weight"),
        ),
        Ownership.FDI: np.where(
            age < int(data.param("fdi_job_young_age_limit")),
            data.param("fdi_job_young_weight"),
            np.where(
                age < int(data.param("fdi_job_older_from_age")),
                1.0,
                data.param("fdi_job_older_weight"),
            ),
        ),
        Ownership.DOMESTIC: np.ones(len(people)),
        Ownership.HOUSEHOLD: np.where(
            age >= int(data.param("household_job_older_from_age")),
            data.param("household_job_older_weight"),
            1.0,
        ),
        Ownership.FARM: np.ones(len(people)),
    }
    # Ownership totals by sector; the FDI ones rescaled to the published FDI jobs.
    totals = np.zeros((len(SECTORS), len(Ownership)))
    for sector, name in enumerate(SECTORS):
        shares = data.figures.table(f"ownership_share_{name}")
        in_sector = working & (people.sector == sector)
        totals[sector] = (
            np.array([shares.get(owner.name.lower(), 0.0) for owner in Ownership]) * in_sector.sum()
        )
    fdi_target = data.figures.value("fdi_workers") / scale
    if totals[:, Ownership.FDI].sum() > 0:
        new_fdi = totals[:, Ownership.FDI] * fdi_target / totals[:, Ownership.FDI].sum()
        others = totals.sum(axis=1) - totals[:, Ownership.FDI]
        rest = np.delete(np.arange(len(Ownership)), Ownership.FDI)
        totals[:, rest] *= (
            (totals.sum(axis=1) - new_fdi) / np.maximum(others, sampling.DIVISION_GUARD)
        )[:, None]
        totals[:, Ownership.FDI] = new_fdi
    for sector in range(len(SECTORS)):
        column_totals = totals[sector]
        in_sector = working & (people.sector == sector)
        row_totals = np.bincount(people.district[in_sector], minlength=n_districts).astype(float)
        seed = np.ones((n_districts, len(Ownership)))
        seed[:, Ownership.FDI] = iz_weight
        seed[:, Ownership.STATE] = urban_weight
        table = sampling.ipf(seed, row_totals, column_totals)
        for district in range(n_districts):
            cell = np.flatnonzero(in_sector & (people.district == district))
            counts = sampling.allocate(len(cell), table[district])
            remaining = cell
            for owner in OWNERSHIP_ORDER:
                count = int(counts[owner])
                if count == 0 or len(remaining) == 0:
                    continue
                chosen = sampling.pick_weighted(rng, person_weight[owner][remaining], count)
                ownership[remaining[chosen]] = owner
                remaining = np.delete(remaining, chosen)
            if len(remaining):  # rounding leftovers go to the largest category
                ownership[remaining] = int(np.argmax(counts))
    return ownership


def _firm_sizes(n: int, mean: float, sigma: float, rng: np.random.Generator) -> np.ndarray:
    """Integer firm sizes (>= 1) from a lognormal with the given mean, adding up to ``n``."""
    sizes: list[np.ndarray] = []
    total = 0
    mu = np.log(mean) - sigma**2 / 2
    while total < n:
        batch = np.maximum(
            1,
            np.rint(
                rng.lognormal(
                    mu, sigma, size=max(SIZE_BATCH_MIN, int(SIZE_BATCH_EXCESS * n / mean))
                )
            ),
        )
        sizes.append(batch.astype(np.int64))
        total += int(batch.sum())
    out = np.concatenate(sizes)
    cumulative = np.cumsum(out)
    last = int(np.searchsorted(cumulative, n))
    out = out[: last + 1].copy()
    out[-1] -= int(cumulative[last] - n)
    return out[out > 0]


def _make_firms(
    data: ProvinceData,
    people: PersonTable,
    ownership: np.ndarray,
    base_month: int,
    scale: int,
    rng: np.random.Generator,
) -> FirmTable:
    """Create the firms of every (district, sector, ownership) cell and match their workers."""
    mean_size = data.figures.table("mean_firm_size")
    sigma = data.figures.table("firm_size_sigma")
    formal = data.figures.table("formal_share")
    compliance = data.figures.table("si_compliance")
    columns: dict[str, list] = {name: [] for name in FIRM_COLUMNS}
    n_firms = 0
    n_sectors, n_owners = len(SECTORS), len(Ownership)
    working = np.flatnonzero(ownership >= 0)
    key = (
        people.district[working].astype(np.int64) * n_sectors + people.sector[working]
    ) * n_owners + ownership[working]
    order = np.argsort(key, kind="stable")
    working, key = working[order], key[order]
    starts = np.flatnonzero(np.r_[True, key[1:] != key[:-1]])
    ends = np.r_[starts[1:], len(key)]
    for first, stop in zip(starts, ends, strict=True):
        rows = rng.permutation(working[first:stop])
        cell = int(key[first])
        owner = cell % n_owners
        sector = (cell // n_owners) % n_sectors
        district = cell // (n_owners * n_sectors)
        name = Ownership(owner).name.lower()
        if owner == Ownership.FDI.value:  # one agent per real firm, its workers scaled down
            real = _firm_sizes(len(rows) * scale, mean_size[name], sigma[name], rng)
            sizes = sampling.allocate(len(rows), real)
            sizes = sizes[sizes > 0]
            represents = 1.0
        else:  # one agent for ``scale`` firms of its size
            sizes = _firm_sizes(len(rows), mean_size[name], sigma[name], rng)
            represents = float(scale)
        ids = n_firms + np.arange(len(sizes))
        people.employer[rows] = np.repeat(ids, sizes)
        n_firms += len(sizes)
        count = len(sizes)
        columns["sector"].append(np.full(count, sector))
        columns["ownership"].append(np.full(count, owner))
        columns["district"].append(np.full(count, district))
        columns["size"].append(sizes)
        columns["formal_share"].append(np.full(count, formal[name]))
        columns["si_compliance"].append(np.full(count, compliance.get(name, 0.0)))
        columns["represents"].append(np.full(count, represents))
    firms = {
        name: np.concatenate(values) if values else np.zeros(0)
        for name, values in columns.items()
        if values
    }
    n = n_firms
    firms["in_iz"] = np.zeros(n, dtype=bool)
    firms["active"] = np.ones(n, dtype=bool)
    firms["productivity"] = np.zeros(n)
    firms["capacity"] = firms["size"].astype(float)
    firms["demand"] = firms["size"].astype(float)
    firms["ramp_start"] = np.full(n, base_month - RAMPED_UP_LONG_AGO)
    firms["ramp_months"] = np.ones(n)
    firms["high_tech"] = np.zeros(n, dtype=bool)
    firms["born"] = np.full(n, base_month - 1)
    firms["fid"] = np.arange(n)
    return FirmTable(firms)


def _industrial_zones(
    data: ProvinceData, firms: FirmTable, scale: int, rng: np.random.Generator
) -> None:
    """Flag firms in industrial zones until their jobs match the published IZ employment."""
    iz = data.figures.by_area("iz_location_share")
    district_weight = np.array([iz.get(district, 0.0) for district in data.districts])
    target = data.figures.value("iz_jobs") / scale
    fdi_projects = data.figures.value("iz_fdi_projects")
    domestic_projects = data.figures.value("iz_domestic_projects")
    fdi_share = fdi_projects * data.figures.value("mean_firm_size", "fdi")
    domestic_share = domestic_projects * data.param("iz_domestic_project_workers")
    for owner, share, min_size in (
        (Ownership.FDI, fdi_share, 1),
        (Ownership.DOMESTIC, domestic_share, int(data.param("iz_domestic_min_firm_size"))),
    ):
        goal = target * share / (fdi_share + domestic_share)
        candidates = np.flatnonzero(
            (firms.ownership == owner)
            & (firms.sector == Sector.INDUSTRY.value)
            & (firms.size >= min_size)
            & (district_weight[firms.district] > 0)
        )
        order = candidates[
            sampling.weighted_order(rng, district_weight[firms.district[candidates]])
        ]
        cumulative = np.cumsum(firms.size[order])
        firms.in_iz[order[: int(np.searchsorted(cumulative, goal)) + 1]] = True


# --------------------------------------------------------------------------- work and pay


def _hours(
    data: ProvinceData, people: PersonTable, base_month: int, rng: np.random.Generator
) -> float:
    """Usual hours of every job (:mod:`simulation.usual_hours`), with short-hours jobs
    scaled to the underemployment rate; returns the scaling (short-hours probability per
    unit of risk), which later hires use too."""
    parameters = data.parameter_values()
    employed = people.status == Status.EMPLOYED.value
    limits = retirement_age_months(data, year_of(base_month))
    of_working_age = working_age(people.age_m, people.female, limits)
    risk = short_hours_risk(
        parameters, people.urban, people.age_years(), people.sector == Sector.AGRICULTURE.value
    )
    rate = data.figures.value("underemployment_rate") * data.param("underemployment_factor")
    counted = employed & of_working_age
    target = rate * counted.sum()
    level = float(sampling.scale_to_total(risk * counted, target).sum() / risk[counted].sum())
    # people past working age have short-hours jobs as often as their peers
    probability = np.where(employed, np.minimum(1.0, level * risk), 0.0)
    under, part_time = draw_short_jobs(
        parameters, probability, rng.random(len(people)), rng.random(len(people))
    )
    under &= employed
    part_time &= employed
    full = employed & ~under & ~part_time
    hours = np.clip(
        rng.normal(data.param("hours_mean"), data.param("hours_sd"), len(people)),
        UNDEREMPLOYMENT_HOURS,
        int(data.param("full_time_hours_max")),
    )
    hours = np.where(
        under,
        short_weekly_hours(parameters, rng.random(len(people)), "underemployed_weekly_hours_min"),
        hours,
    )
    hours = np.where(
        part_time,
        short_weekly_hours(parameters, rng.random(len(people)), "part_time_weekly_hours_min"),
        hours,
    )
    people.hours[:] = np.where(employed, np.rint(hours), 0)
    people.usual_hours[:] = people.hours
    # Whether a person would want more work if their hours fell below 35: true of the
    # underemployed, false of voluntary part-timers, and latent in full-timers.
    latent = rng.random(len(people)) < data.param("wants_more_hours_share")
    people.wants_more[:] = under | (full & latent)
    assert not (full & (people.hours < UNDEREMPLOYMENT_HOURS)).any()
    return level


def _productivity_and_wages(
    data: ProvinceData,
    people: PersonTable,
    firms: FirmTable,
    base_month: int,
    scale: int,
    rng: np.random.Generator,
) -> np.ndarray:
    """Firm productivity fitted so that value added by sector matches GRDP; wages from it."""
    relative = data.figures.table("relative_productivity")
    relative_by_owner = np.array([relative[owner.name.lower()] for owner in Ownership])
    sigma = data.param("firm_productivity_sigma")
    firms.productivity[:] = relative_by_owner[firms.ownership] * np.exp(
        rng.normal(-(sigma**2) / 2, sigma, len(firms))
    )

    working = np.flatnonzero((people.status == Status.EMPLOYED.value) & (people.employer >= 0))
    labour = labour_units(people, working, full_time_weekly_hours(data))
    units = np.bincount(people.employer[working], weights=labour, minlength=len(firms))

    year = year_of(base_month)
    grdp = data.figures.value("grdp_current", year=year)
    growth = data.figures.value("grdp_real_growth", year=year)
    structure = data.figures.table("grdp_structure")
    # the level in the base month of a series growing smoothly through the year, whose
    # yearly total is that of the middle of the year
    months_to_mid_year = MONTHS_PER_YEAR / 2 - (calendar_month(base_month) - MIDDLE_OF_MONTH)
    monthly = (
        grdp / MONTHS_PER_YEAR / (1 + growth) ** (months_to_mid_year / MONTHS_PER_YEAR)
    )  # bn VND per month
    sector_level = np.zeros(len(SECTORS))
    for sector, name in enumerate(SECTORS):
        in_sector = firms.sector == sector
        raw = (firms.productivity[in_sector] * units[in_sector]).sum() * scale
        target = monthly * structure[name] * MILLION_PER_BILLION  # bn VND -> million VND
        sector_level[sector] = target / raw if raw > 0 else 0.0
    firms.productivity[:] *= sector_level[firms.sector]
    floor = minimum_wage_table(data, base_month)
    set_wages(data, people, firms, working, floor)
    commuters = np.flatnonzero(
        (people.status == Status.EMPLOYED.value) & (people.employer == OUTSIDE_EMPLOYER)
    )
    set_outside_wages(data, people, firms, commuters, floor.max())
    return sector_level


def _insurance(
    data: ProvinceData,
    people: PersonTable,
    firms: FirmTable,
    base_month: int,
    rng: np.random.Generator,
) -> None:
    employed = people.status == Status.EMPLOYED.value
    inside = employed & (people.employer >= 0)
    outside = employed & (people.employer == OUTSIDE_EMPLOYER)
    formal_probability = np.zeros(len(people))
    formal_probability[inside] = firms.formal_share[people.employer[inside]]
    formal_probability[outside] = data.figures.value("formal_share", "outside")
    people.formal[:] = rng.random(len(people)) < formal_probability

    compliance_probability = np.zeros(len(people))
    compliance_probability[inside] = firms.si_compliance[people.employer[inside]]
    compliance_probability[outside] = data.figures.value("si_compliance", "outside")
    limits = retirement_age_months(data, year_of(base_month))
    of_working_age = working_age(people.age_m, people.female, limits)
    # past the retirement age people draw a pension and are no longer insured
    compulsory = people.formal & of_working_age & (rng.random(len(people)) < compliance_probability)
    people.si[:] = np.where(compulsory, Insurance.COMPULSORY, Insurance.NONE)
    # a pension needs 20 years of contributions: only those insured now can retire on one
    # before the 2030s
    people.pension_track[:] = compulsory
    state = np.zeros(len(people), dtype=bool)
    state[inside] = firms.ownership[people.employer[inside]] == Ownership.STATE.value
    # unemployment insurance goes with compulsory insurance (Employment Law 2013), except
    # for civil servants
    unemployment_insurance_probability = np.where(
        state, data.figures.value("ui_share_of_compulsory", "state"), 1.0
    )
    people.ui[:] = compulsory & (rng.random(len(people)) < unemployment_insurance_probability)

    labour_force = (employed | (people.status == Status.UNEMPLOYED.value)) & of_working_age
    eligible = employed & of_working_age & ~compulsory
    target = data.figures.value("voluntary_si_share") * labour_force.sum()
    probability = sampling.scale_to_total(eligible.astype(float), target)
    voluntary = eligible & (rng.random(len(people)) < probability)
    people.si[voluntary] = Insurance.VOLUNTARY


def _contribution_records(
    data: ProvinceData, people: PersonTable, base_month: int, rng: np.random.Generator
) -> None:
    """Contribution records at the start: every compulsory contributor's is being paid
    into; adults of working age without insurance (and not in school) who left compulsory
    insurance in the two waiting periods before the start hold one not yet withdrawn,
    ``si_reserved_ratio`` of them per contributor (a named assumption), months since
    leaving spread evenly.  All were started before the 2024 law's restriction."""
    compulsory = people.si == Insurance.COMPULSORY.value
    people.si_out_months[compulsory] = 0
    people.si_lump_sum[compulsory] = True
    limits = retirement_age_months(data, year_of(base_month))
    status = people.status
    candidates = np.flatnonzero(
        (people.si == Insurance.NONE.value)
        & (people.age_m >= ADULT_AGE_MONTHS)
        & working_age(people.age_m, people.female, limits)
        & np.isin(status, (Status.EMPLOYED, Status.UNEMPLOYED, Status.INACTIVE))
    )
    wanted = data.param("si_reserved_ratio") * np.count_nonzero(compulsory)
    chance = min(1.0, wanted / max(1, len(candidates)))
    holders = candidates[rng.random(len(candidates)) < chance]
    wait = int(data.param("si_withdrawal_wait"))
    people.si_out_months[holders] = rng.integers(1, 2 * wait + 1, size=len(holders))
    people.si_lump_sum[holders] = True


# --------------------------------------------------------------------------- entry point


def synthesise(
    data: ProvinceData, scale: int, base_month: int, schools: list, rng: np.random.Generator
) -> BaseYear:
    """Draw the province's persons and firms at ``base_month`` with ``scale`` people per agent."""
    population = _population_target(data, base_month)
    n_resident = int(round(population / scale))
    n_abroad = int(round(data.param("abroad_stock") / scale))
    people = _draw_people(data, n_resident + n_abroad, rng)
    _enrol_students(data, people, base_month, schools, rng)
    _labour_status(data, people, n_resident, rng)
    _sectors(data, people, rng)
    _certificates(data, people, base_month, rng)
    ownership = _ownership(data, people, scale, rng)
    firms = _make_firms(data, people, ownership, base_month, scale, rng)
    _industrial_zones(data, firms, scale, rng)
    _insurance(data, people, firms, base_month, rng)
    short_hours_level = _hours(data, people, base_month, rng)
    draw_skills(data, people, rng)
    sector_level = _productivity_and_wages(data, people, firms, base_month, scale, rng)
    # Ages and wages of people not working are neutral; students and children have no job.
    not_working = people.status != Status.EMPLOYED.value
    people.wage[not_working] = 0.0
    people.sector[not_working] = Sector.NONE
    people.employer[not_working] = -1
    # drawn last, so that the draws of everything above do not depend on them
    _contribution_records(data, people, base_month, rng)
    start_records(people, data.parameter_values(), base_month, rng)
    return BaseYear(
        persons=people,
        firms=firms,
        base_month=base_month,
        scale=scale,
        sector_productivity=sector_level,
        population_target=population,
        short_hours_level=short_hours_level,
    )
