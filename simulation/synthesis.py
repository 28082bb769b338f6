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

from simulation import sampling
from simulation.calendar import parse_month, year_of
from simulation.data import DataError, ProvinceData
from simulation.firms import FIRM_COLUMNS, FirmTable, Ownership
from simulation.labour_law import minimum_wage_table, retirement_age_months, working_age
from simulation.population import (
    OUTSIDE_EMPLOYER,
    Certificate,
    Insurance,
    PersonTable,
    Sector,
    Status,
    Track,
)
from simulation.wages import labour_units, set_outside_wages, set_wages

AGE_GROUPS = (
    "0-4",
    "5-9",
    "10-14",
    "15-19",
    "20-24",
    "25-29",
    "30-34",
    "35-39",
    "40-44",
    "45-49",
    "50-54",
    "55-59",
    "60-64",
    "65-69",
    "70-74",
    "75-79",
    "80+",
)
BROAD_GROUPS = {"0-14": (0, 3), "15-59": (3, 12), "60+": (12, 17)}
LFPR_GROUPS = (
    "15-19",
    "20-24",
    "25-29",
    "30-34",
    "35-39",
    "40-44",
    "45-49",
    "50-54",
    "55-59",
    "60-64",
    "65-69",
    "70-74",
    "75+",
)
OWNERSHIP_ORDER = (
    Ownership.STATE,
    Ownership.FDI,
    Ownership.DOMESTIC,
    Ownership.HOUSEHOLD,
    Ownership.FARM,
)


@dataclass
class BaseYear:
    """The synthetic province at its base month, with what the synthesis calibrated."""

    persons: PersonTable
    firms: FirmTable
    base_month: int
    scale: int
    sector_productivity: np.ndarray  # base value added per skill unit by sector
    population_target: float  # resident population on the base date (persons)


def group_index(age_years: np.ndarray, bounds: list[int]) -> np.ndarray:
    """Index of the age group whose lower bound is the largest one <= age."""
    return np.searchsorted(np.asarray(bounds), age_years, side="right") - 1


def _lower_bounds(groups) -> list[int]:
    return [int(g.split("-")[0].rstrip("+")) for g in groups]


# --------------------------------------------------------------------------- people


def _population_target(data: ProvinceData, base_month: int) -> float:
    """Resident population on the first day of the base month, interpolated from the
    mid-year figures."""
    series = data.figures.series("population")
    year = year_of(base_month)
    if year - 1 not in series or year not in series:
        raise DataError(f"population.csv: mid-year population for {year - 1} and {year} needed")
    months_after_mid = base_month - parse_month(f"{year - 1}-07")
    weight = months_after_mid / 12.0
    return (1 - weight) * series[year - 1] + weight * series[year]


def _draw_people(data: ProvinceData, n: int, rng: np.random.Generator) -> PersonTable:
    """District, urban/rural, age and sex of ``n`` persons."""
    people = PersonTable.empty(n)
    districts = data.districts
    pop = data.figures.by_area("population")
    missing = [d for d in districts if d not in pop]
    if missing:
        raise DataError(f"population.csv: no population for district '{missing[0]}'")
    counts = sampling.allocate(n, np.array([pop[d] for d in districts]))
    people.district[:] = np.repeat(np.arange(len(districts)), counts)
    urban_share = data.figures.by_area("urban_share")
    start = 0
    for i, d in enumerate(districts):
        k = int(counts[i])
        urban = np.zeros(k, dtype=bool)
        urban[: int(round(k * urban_share.get(d, 0.0)))] = True
        people.urban[start : start + k] = rng.permutation(urban)
        start += k

    shape = data.figures.table("age_shape")
    broad = data.figures.table("age_broad_share")
    weights = np.array([shape[g] for g in AGE_GROUPS])
    for name, (a, b) in BROAD_GROUPS.items():
        weights[a:b] *= broad[name] / weights[a:b].sum()
    group = rng.choice(len(AGE_GROUPS), size=n, p=weights / weights.sum())
    lower = np.array(_lower_bounds(AGE_GROUPS))
    years = lower[group] + rng.integers(0, 5, size=n)
    old = group == len(AGE_GROUPS) - 1
    years[old] = 80 + np.minimum(rng.exponential(6.0, size=old.sum()).astype(int), 20)
    people.age_m[:] = years * 12 + rng.integers(0, 12, size=n)

    male_share = data.figures.table("male_share")
    p_male = np.array([male_share[g] for g in AGE_GROUPS])[group]
    people.female[:] = rng.random(n) >= p_male
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
    p = np.zeros(len(people))
    for a, r in rate.items():
        p[age == int(a)] = r
    student = rng.random(len(people)) < p
    people.status[:] = np.where(age < 15, Status.CHILD, Status.INACTIVE)
    people.status[student] = Status.STUDENT

    teen = student & (age < 18)
    upper = teen & (rng.random(len(people)) < data.param("upper_secondary_track_share"))
    adult = student & (age >= 18)
    university = adult & (rng.random(len(people)) < data.param("university_track_share"))
    vocational = student & ~upper & ~university
    people.track[upper] = Track.UPPER_SECONDARY
    people.track[university] = Track.UNIVERSITY
    people.track[vocational] = Track.VOCATIONAL

    # Upper secondary ends in June of the year the cohort turns 18.
    birth_year = (base_month - people.age_m) // 12
    end = (birth_year + 18) * 12 + 5
    people.study_left[upper] = np.clip(end[upper] - base_month + 1, 1, 36)
    people.study_level[upper] = Certificate.NONE

    levels = np.array([Certificate.ELEMENTARY, Certificate.INTERMEDIATE, Certificate.COLLEGE])
    level = levels[rng.choice(3, size=vocational.sum(), p=[0.15, 0.65, 0.20])]
    duration = np.select(
        [level == Certificate.ELEMENTARY, level == Certificate.INTERMEDIATE], [6, 24], 30
    )
    people.study_level[vocational] = level
    people.study_left[vocational] = 1 + (rng.random(vocational.sum()) * duration).astype(int)
    people.study_level[university] = Certificate.UNIVERSITY
    people.study_left[university] = rng.integers(1, 49, size=university.sum())

    _assign_schools(people, np.flatnonzero(vocational | university), schools, rng)


def _assign_schools(
    people: PersonTable, rows: np.ndarray, schools: list, rng: np.random.Generator
) -> None:
    """Place students in schools offering their level, most often in their own district."""
    if len(rows) == 0 or not schools:
        return
    level_names = ("none", "elementary", "intermediate", "college", "university")
    for level in np.unique(people.study_level[rows]):
        offer = [i for i, s in enumerate(schools) if level_names[level] in s.levels]
        if not offer:
            raise DataError(f"schools.csv: no school offers level '{level_names[level]}'")
        these = rows[people.study_level[rows] == level]
        cap = np.array([schools[i].intake_capacity for i in offer], dtype=float)
        dist = np.array([schools[i].district_index for i in offer])
        for d in np.unique(people.district[these]):
            who = these[people.district[these] == d]
            w = cap * np.where(dist == d, 5.0, 1.0)
            people.school[who] = np.array(offer)[
                rng.choice(len(offer), size=len(who), p=w / w.sum())
            ]


# --------------------------------------------------------------------------- labour status


def _labour_status(
    data: ProvinceData, people: PersonTable, n_resident: int, rng: np.random.Generator
) -> None:
    """Abroad, labour force, employed and unemployed, calibrated to the published totals."""
    age = people.age_years()
    adult = people.status == Status.INACTIVE  # 15+ and not a student at this point

    n_abroad = len(people) - n_resident
    candidates = adult & (age >= 20) & (age < 40)
    w = np.where(people.female, 1.0, 2.3) * candidates
    abroad = sampling.pick_weighted(rng, w, n_abroad)
    people.status[abroad] = Status.ABROAD
    people.abroad_left[abroad] = rng.integers(1, 37, size=len(abroad))
    adult[abroad] = False

    pop_year = data.figures.series("population")
    lf_year = max(data.figures.series("labour_force"))
    per_person = n_resident / pop_year.get(lf_year, pop_year[max(pop_year)])
    lf_target = data.figures.value("labour_force") * per_person
    employed_target = data.figures.value("employed") * per_person

    shape = data.figures.table("lfpr_shape")
    bounds = _lower_bounds(LFPR_GROUPS)
    g = np.clip(group_index(age, bounds), 0, len(LFPR_GROUPS) - 1)
    male = np.array([shape[f"male {x}"] for x in LFPR_GROUPS])
    female = np.array([shape[f"female {x}"] for x in LFPR_GROUPS])
    p = np.where(people.female, female[g], male[g])
    enrol = np.zeros(120)
    for a, r in data.figures.table("enrolment_rate").items():
        enrol[int(a)] = r
    p = p / (1.0 - np.minimum(enrol[np.minimum(age, 119)], 0.95))
    p = sampling.scale_to_total(p * adult, lf_target, cap=0.99)
    in_lf = rng.random(len(people)) < p

    youth = (age >= 15) & (age < 25)
    risk = np.where(youth, data.param("unemployment_youth_multiplier"), 1.0) * np.where(
        people.urban, data.param("unemployment_urban_multiplier"), 1.0
    )
    pu = sampling.scale_to_total(risk * in_lf, in_lf.sum() * (1 - employed_target / lf_target))
    unemployed = in_lf & (rng.random(len(people)) < pu)
    people.status[in_lf] = Status.EMPLOYED
    people.status[unemployed] = Status.UNEMPLOYED
    mean = data.param("mean_unemployment_duration")
    people.months_unemployed[unemployed] = rng.geometric(1.0 / mean, size=unemployed.sum()) - 1


def _sectors(data: ProvinceData, people: PersonTable, rng: np.random.Generator) -> None:
    employed = np.flatnonzero(people.status == Status.EMPLOYED)
    age = people.age_years()[employed]
    urban = people.urban[employed]
    female = people.female[employed]
    weights = np.column_stack(
        [
            np.where(urban, data.param("agriculture_urban_odds"), 1.0)
            * np.where(age >= 45, data.param("agriculture_older_odds"), 1.0),
            np.where(age < 35, data.param("industry_young_odds"), 1.0),
            np.where(urban, data.param("services_urban_odds"), 1.0)
            * np.where(female, data.param("services_female_odds"), 1.0),
        ]
    )
    shares = data.figures.table("employment_share")
    target = np.array([shares[s] for s in ("agriculture", "industry", "services")])
    target = target / target.sum() * len(employed)
    p = sampling.fit_shares(weights, target)
    people.sector[employed] = sampling.choice_rows(rng, p)

    # Residents who commute to a job in another province.
    non_farm = employed[people.sector[employed] != Sector.AGRICULTURE]
    k = int(round(data.param("outside_work_share") * len(non_farm)))
    outside = rng.choice(non_farm, size=k, replace=False)
    people.employer[outside] = OUTSIDE_EMPLOYER


def _certificates(data: ProvinceData, people: PersonTable, rng: np.random.Generator) -> None:
    """Degrees and certificates of everyone 15+ who is not in school, fitted to the employed."""
    age = people.age_years()
    holders = (age >= 15) & (people.status != Status.STUDENT) & (people.status != Status.CHILD)
    age_odds = data.figures.table("certificate_age_odds")
    groups = (
        "15-19",
        "20-24",
        "25-29",
        "30-34",
        "35-39",
        "40-44",
        "45-49",
        "50-54",
        "55-59",
        "60+",
    )
    g = np.clip(group_index(age, _lower_bounds(groups)), 0, len(groups) - 1)
    sector_odds = data.figures.table("certificate_sector_odds")
    s_odds = np.array([sector_odds[s] for s in ("agriculture", "industry", "services")])
    sector = np.where(people.sector >= 0, people.sector, Sector.INDUSTRY)
    odds = (
        np.array([age_odds[x] for x in groups])[g]
        * s_odds[sector]
        * np.where(people.urban, data.param("certificate_urban_odds"), 1.0)
    )

    employed = people.status == Status.EMPLOYED
    share = data.figures.value("trained_certified_share", year=2021)
    p_emp = sampling.odds_to_total(odds * employed, share * employed.sum())
    # the same constant for everyone: recover it from one employed row
    i = int(np.flatnonzero(employed)[0])
    c = p_emp[i] / (1 - p_emp[i]) / odds[i]
    p = c * odds / (1 + c * odds) * holders
    certified = rng.random(len(people)) < p

    levels = data.figures.table("certificate_level_share")
    u_odds = data.figures.table("university_sector_odds")
    uni_odds = np.array([u_odds[s] for s in ("agriculture", "industry", "services")])[sector]
    uni_odds = uni_odds * (age >= 21)
    emp_cert = certified & employed
    p_uni_emp = sampling.odds_to_total(uni_odds * emp_cert, levels["university"] * emp_cert.sum())
    j = int(np.flatnonzero(emp_cert & (uni_odds > 0))[0])
    cu = p_uni_emp[j] / (1 - p_uni_emp[j]) / uni_odds[j]
    university = certified & (rng.random(len(people)) < cu * uni_odds / (1 + cu * uni_odds))
    other = certified & ~university
    rest = np.array([levels["elementary"], levels["intermediate"], levels["college"]])
    people.certificate[:] = Certificate.NONE
    people.certificate[university] = Certificate.UNIVERSITY
    people.certificate[other] = 1 + rng.choice(3, size=other.sum(), p=rest / rest.sum())


# --------------------------------------------------------------------------- firms


def _ownership(
    data: ProvinceData, people: PersonTable, scale: int, rng: np.random.Generator
) -> np.ndarray:
    """Ownership of each employed person's job (-1 for the unemployed and commuters)."""
    n_d = len(data.districts)
    ownership = np.full(len(people), -1, dtype=np.int8)
    working = (people.status == Status.EMPLOYED) & (people.employer != OUTSIDE_EMPLOYER)
    iz = data.figures.by_area("iz_location_share")
    iz_weight = np.array([iz.get(d, 0.0) for d in data.districts]) + 0.02
    urban = data.figures.by_area("urban_share")
    urban_weight = 1.0 + np.array([urban.get(d, 0.0) for d in data.districts])
    age = people.age_years()
    cert = people.certificate
    person_weight = {
        Ownership.STATE: np.select(
            [cert == Certificate.UNIVERSITY, cert >= Certificate.INTERMEDIATE], [6.0, 2.0], 0.5
        ),
        Ownership.FDI: np.where(age < 35, 2.0, np.where(age < 45, 1.0, 0.3)),
        Ownership.DOMESTIC: np.ones(len(people)),
        Ownership.HOUSEHOLD: np.where(age >= 40, 1.5, 1.0),
        Ownership.FARM: np.ones(len(people)),
    }
    # Ownership totals by sector; the FDI ones rescaled to the published FDI jobs.
    totals = np.zeros((3, len(Ownership)))
    for s, name in enumerate(("agriculture", "industry", "services")):
        shares = data.figures.table(f"ownership_share_{name}")
        in_sector = working & (people.sector == s)
        totals[s] = np.array([shares.get(o.name.lower(), 0.0) for o in Ownership]) * in_sector.sum()
    fdi_target = data.figures.value("fdi_workers") / scale
    if totals[:, Ownership.FDI].sum() > 0:
        new_fdi = totals[:, Ownership.FDI] * fdi_target / totals[:, Ownership.FDI].sum()
        others = totals.sum(axis=1) - totals[:, Ownership.FDI]
        rest = np.delete(np.arange(len(Ownership)), Ownership.FDI)
        totals[:, rest] *= ((totals.sum(axis=1) - new_fdi) / np.maximum(others, 1e-12))[:, None]
        totals[:, Ownership.FDI] = new_fdi
    for s in range(3):
        col = totals[s]
        in_sector = working & (people.sector == s)
        rows = np.bincount(people.district[in_sector], minlength=n_d).astype(float)
        seed = np.ones((n_d, len(Ownership)))
        seed[:, Ownership.FDI] = iz_weight
        seed[:, Ownership.STATE] = urban_weight
        table = sampling.ipf(seed, rows, col)
        for d in range(n_d):
            cell = np.flatnonzero(in_sector & (people.district == d))
            counts = sampling.allocate(len(cell), table[d])
            remaining = cell
            for o in OWNERSHIP_ORDER:
                k = int(counts[o])
                if k == 0 or len(remaining) == 0:
                    continue
                chosen = sampling.pick_weighted(rng, person_weight[o][remaining], k)
                ownership[remaining[chosen]] = o
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
        batch = np.maximum(1, np.rint(rng.lognormal(mu, sigma, size=max(8, int(1.2 * n / mean)))))
        sizes.append(batch.astype(np.int64))
        total += int(batch.sum())
    out = np.concatenate(sizes)
    cum = np.cumsum(out)
    last = int(np.searchsorted(cum, n))
    out = out[: last + 1].copy()
    out[-1] -= int(cum[last] - n)
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
    cols: dict[str, list] = {name: [] for name in FIRM_COLUMNS}
    n_firms = 0
    working = np.flatnonzero(ownership >= 0)
    key = (people.district[working].astype(np.int64) * 3 + people.sector[working]) * 5 + ownership[
        working
    ]
    order = np.argsort(key, kind="stable")
    working, key = working[order], key[order]
    starts = np.flatnonzero(np.r_[True, key[1:] != key[:-1]])
    ends = np.r_[starts[1:], len(key)]
    for a, b in zip(starts, ends, strict=True):
        rows = rng.permutation(working[a:b])
        k = int(key[a])
        o, s, d = k % 5, (k // 5) % 3, k // 15
        name = Ownership(o).name.lower()
        if o == Ownership.FDI:  # one agent per real firm, its workers scaled down
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
        m = len(sizes)
        cols["sector"].append(np.full(m, s))
        cols["ownership"].append(np.full(m, o))
        cols["district"].append(np.full(m, d))
        cols["size"].append(sizes)
        cols["formal_share"].append(np.full(m, formal[name]))
        cols["si_compliance"].append(np.full(m, compliance.get(name, 0.0)))
        cols["represents"].append(np.full(m, represents))
    firms = {name: np.concatenate(v) if v else np.zeros(0) for name, v in cols.items() if v}
    n = n_firms
    firms["in_iz"] = np.zeros(n, dtype=bool)
    firms["active"] = np.ones(n, dtype=bool)
    firms["productivity"] = np.zeros(n)
    firms["capacity"] = firms["size"].astype(float)
    firms["demand"] = firms["size"].astype(float)
    firms["ramp_start"] = np.full(n, base_month - 120)
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
    district_weight = np.array([iz.get(d, 0.0) for d in data.districts])
    target = data.figures.value("iz_jobs") / scale
    fdi_projects = data.figures.value("iz_fdi_projects")
    dom_projects = data.figures.value("iz_domestic_projects")
    fdi_share = fdi_projects * data.figures.value("mean_firm_size", "fdi")
    dom_share = dom_projects * 170.0  # domestic IZ investors are mid-sized manufacturers
    for owner, share, min_size in (
        (Ownership.FDI, fdi_share, 1),
        (Ownership.DOMESTIC, dom_share, 10),
    ):
        goal = target * share / (fdi_share + dom_share)
        candidates = np.flatnonzero(
            (firms.ownership == owner)
            & (firms.sector == Sector.INDUSTRY)
            & (firms.size >= min_size)
            & (district_weight[firms.district] > 0)
        )
        order = candidates[
            sampling.weighted_order(rng, district_weight[firms.district[candidates]])
        ]
        cum = np.cumsum(firms.size[order])
        firms.in_iz[order[: int(np.searchsorted(cum, goal)) + 1]] = True


# --------------------------------------------------------------------------- work and pay


def _hours(
    data: ProvinceData, people: PersonTable, base_month: int, rng: np.random.Generator
) -> None:
    employed = people.status == Status.EMPLOYED
    age = people.age_years()
    limits = retirement_age_months(data, year_of(base_month))
    wa = working_age(people.age_m, people.female, limits)
    risk = (
        np.where(people.urban, 1.0, data.param("underemployment_rural_multiplier"))
        * np.where(age < 25, data.param("underemployment_youth_multiplier"), 1.0)
        * np.where(
            people.sector == Sector.AGRICULTURE,
            data.param("underemployment_agriculture_multiplier"),
            1.0,
        )
    )
    rate = data.figures.value("underemployment_rate") * data.param("underemployment_factor")
    target = rate * (employed & wa).sum()
    p = sampling.scale_to_total(risk * employed * wa, target) + 0.0
    # people past working age are underemployed as often as their peers
    older = employed & ~wa
    p[older] = np.minimum(1.0, risk[older] * (p[employed & wa].sum() / risk[employed & wa].sum()))
    under = employed & (rng.random(len(people)) < p)
    part_time = (
        employed & ~under & (rng.random(len(people)) < data.param("voluntary_part_time_share"))
    )
    full = employed & ~under & ~part_time
    hours = np.clip(
        rng.normal(data.param("hours_mean"), data.param("hours_sd"), len(people)), 35, 72
    )
    hours = np.where(under, rng.integers(8, 35, len(people)), hours)
    hours = np.where(part_time, rng.integers(10, 35, len(people)), hours)
    people.hours[:] = np.where(employed, np.rint(hours), 0)
    people.usual_hours[:] = people.hours
    # Whether a person would want more work if their hours fell below 35: true of the
    # underemployed, false of voluntary part-timers, and latent in full-timers.
    latent = rng.random(len(people)) < data.param("wants_more_hours_share")
    people.wants_more[:] = under | (full & latent)
    assert not (full & (people.hours < 35)).any()


def _skills(data: ProvinceData, people: PersonTable, rng: np.random.Generator) -> None:
    premium = data.figures.table("skill_premium")
    by_level = np.array(
        [premium[c] for c in ("none", "elementary", "intermediate", "college", "university")]
    )
    sigma = data.param("skill_sigma")
    noise = np.exp(rng.normal(-(sigma**2) / 2, sigma, len(people)))
    people.skill[:] = by_level[people.certificate] * noise


def _productivity_and_wages(
    data: ProvinceData,
    people: PersonTable,
    firms: FirmTable,
    base_month: int,
    scale: int,
    rng: np.random.Generator,
) -> np.ndarray:
    """Firm productivity fitted so that value added by sector matches GRDP; wages from it."""
    rel = data.figures.table("relative_productivity")
    rel_o = np.array([rel[o.name.lower()] for o in Ownership])
    sigma = data.param("firm_productivity_sigma")
    firms.productivity[:] = rel_o[firms.ownership] * np.exp(
        rng.normal(-(sigma**2) / 2, sigma, len(firms))
    )

    working = np.flatnonzero((people.status == Status.EMPLOYED) & (people.employer >= 0))
    labour = labour_units(people, working)
    units = np.bincount(people.employer[working], weights=labour, minlength=len(firms))

    year = year_of(base_month)
    grdp = data.figures.value("grdp_current", year=year)
    growth = data.figures.value("grdp_real_growth", year=year)
    structure = data.figures.table("grdp_structure")
    # level at the start of the year of a series growing smoothly through it
    monthly = grdp / 12.0 / (1 + growth) ** (5.5 / 12)  # bn VND per month
    sector_level = np.zeros(3)
    for s, name in enumerate(("agriculture", "industry", "services")):
        in_s = firms.sector == s
        raw = (firms.productivity[in_s] * units[in_s]).sum() * scale
        target = monthly * structure[name] * 1000.0  # bn VND -> million VND
        sector_level[s] = target / raw if raw > 0 else 0.0
    firms.productivity[:] *= sector_level[firms.sector]
    floor = minimum_wage_table(data, base_month)
    set_wages(data, people, firms, working, floor)
    commuters = np.flatnonzero(
        (people.status == Status.EMPLOYED) & (people.employer == OUTSIDE_EMPLOYER)
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
    employed = people.status == Status.EMPLOYED
    inside = employed & (people.employer >= 0)
    outside = employed & (people.employer == OUTSIDE_EMPLOYER)
    formal_p = np.zeros(len(people))
    formal_p[inside] = firms.formal_share[people.employer[inside]]
    formal_p[outside] = data.figures.value("formal_share", "outside")
    people.formal[:] = rng.random(len(people)) < formal_p

    comp_p = np.zeros(len(people))
    comp_p[inside] = firms.si_compliance[people.employer[inside]]
    comp_p[outside] = data.figures.value("si_compliance", "outside")
    limits = retirement_age_months(data, year_of(base_month))
    wa = working_age(people.age_m, people.female, limits)
    # past the retirement age people draw a pension and are no longer insured
    compulsory = people.formal & wa & (rng.random(len(people)) < comp_p)
    people.si[:] = np.where(compulsory, Insurance.COMPULSORY, Insurance.NONE)
    # a pension needs 20 years of contributions: only those insured now can retire on one
    # before the 2030s
    people.pension_track[:] = compulsory
    state = np.zeros(len(people), dtype=bool)
    state[inside] = firms.ownership[people.employer[inside]] == Ownership.STATE
    ui_p = np.where(state, data.figures.value("ui_share_of_compulsory", "state"), 1.0)
    people.ui[:] = compulsory & (rng.random(len(people)) < ui_p)

    labour_force = (employed | (people.status == Status.UNEMPLOYED)) & wa
    eligible = employed & wa & ~compulsory
    target = data.figures.value("voluntary_si_share") * labour_force.sum()
    p = sampling.scale_to_total(eligible.astype(float), target)
    voluntary = eligible & (rng.random(len(people)) < p)
    people.si[voluntary] = Insurance.VOLUNTARY


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
    _certificates(data, people, rng)
    ownership = _ownership(data, people, scale, rng)
    firms = _make_firms(data, people, ownership, base_month, scale, rng)
    _industrial_zones(data, firms, scale, rng)
    _insurance(data, people, firms, base_month, rng)
    _hours(data, people, base_month, rng)
    _skills(data, people, rng)
    sector_level = _productivity_and_wages(data, people, firms, base_month, scale, rng)
    # Ages and wages of people not working are neutral; students and children have no job.
    not_working = people.status != Status.EMPLOYED
    people.wage[not_working] = 0.0
    people.sector[not_working] = Sector.NONE
    people.employer[not_working] = -1
    return BaseYear(
        persons=people,
        firms=firms,
        base_month=base_month,
        scale=scale,
        sector_productivity=sector_level,
        population_target=population,
    )
