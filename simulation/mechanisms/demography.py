"""Demography: ageing, deaths, births and contract work abroad (migration: migration.py).

- Deaths follow a Gompertz-Makeham hazard by age and sex, its level fitted to the
  province's life expectancy (split by sex with the national gap).
- Births follow an age pattern of fertility scaled to the province's total fertility
  rate; babies take their mother's district and urban/rural residence.
- Contract work abroad: departures at the published yearly rate from the young labour
  force (men more often); returns when the contract ends, as jobseekers.
"""

from __future__ import annotations

import numpy as np

from simulation import jobs
from simulation.calendar import MONTHS_PER_YEAR, year_of
from simulation.population import PersonTable, Status
from simulation.randomness import pick_keyed

MAX_AGE = 121  # ages 0 to 120


def life_table_hazards(e0: float, slope: float, makeham: float, infant: float) -> np.ndarray:
    """Yearly death hazards by age 0..120 with life expectancy ``e0``: Gompertz-Makeham
    ``makeham + b * exp(slope * age)`` with ``b`` fitted, and the infant death rate at age 0."""
    ages = np.arange(MAX_AGE)

    def expectancy(level: float) -> float:
        hazard = makeham + level * np.exp(slope * ages)
        survive = np.exp(-hazard)
        survive[0] = 1.0 - infant
        alive = np.concatenate([[1.0], np.cumprod(survive)])
        return float(((alive[:-1] + alive[1:]) / 2).sum())

    # Bracket the level, starting from the first year's hazard (the data's infant death
    # rate) and doubling or halving, then bisect (geometrically) until the bracket is as
    # narrow as floating point allows.
    low = high = -np.log(1.0 - infant)
    while expectancy(high) > e0:
        high *= 2
    while expectancy(low) <= e0:
        low /= 2
    middle = np.sqrt(low * high)
    while low < middle < high:
        if expectancy(middle) > e0:
            low = middle
        else:
            high = middle
        middle = np.sqrt(low * high)
    hazard = makeham + middle * np.exp(slope * ages)
    hazard[0] = -np.log(1.0 - infant)
    return hazard


def stochastic_round(x: float, rng: np.random.Generator) -> int:
    """``floor(x)`` plus one with probability ``x - floor(x)``: unbiased integer counts."""
    whole = int(np.floor(x))
    return whole + int(rng.random() < x - whole)


def latest(series: dict[int, float], year: int) -> float:
    """The value of a yearly series for ``year``: the latest year up to it (the first year
    before the series starts)."""
    known = [y for y in series if y <= year]
    return series[max(known)] if known else series[min(series)]


def age_groups(table: dict[str, float]):
    """``(first age, last age, value)`` of each ``"first-last"`` age group of a figure table."""
    for group, value in table.items():
        first, last = (int(age) for age in group.split("-"))
        yield first, last, value


class Demography:
    """Ageing, deaths, births and contract work abroad."""

    def __init__(self, model):
        data, parameters = model.data, model.params
        e0 = data.figures.value("life_expectancy")
        gap = data.figures.value("life_expectancy", "female") - data.figures.value(
            "life_expectancy", "male"
        )
        self.monthly_death = np.vstack(
            [
                1
                - np.exp(
                    -life_table_hazards(
                        e0 + sign * gap / 2,
                        parameters["mortality_slope"],
                        parameters["mortality_background"],
                        parameters["infant_mortality"],
                    )
                    / MONTHS_PER_YEAR
                )
                for sign in (-1, +1)
            ]
        )  # row 0 men, row 1 women

        asfr = np.zeros(MAX_AGE)
        for first, last, value in age_groups(data.figures.table("asfr_shape")):
            asfr[first : last + 1] = value
        self.fertility_shape = asfr / (asfr.sum())  # children per woman-year, TFR = 1
        self.fertile_age = self.fertility_shape > 0  # the ages of the fertility table
        self.tfr = data.figures.series("total_fertility_rate")
        self.boy_share = data.figures.value("sex_ratio_at_birth") / (
            1 + data.figures.value("sex_ratio_at_birth")
        )
        self.departures = data.figures.value("contract_workers_abroad_departures")

    def step(self, model) -> None:
        if model.spinning_up:  # the stationary spin-up holds ages and the population
            return
        persons = model.persons
        year = year_of(model.month)
        persons.age_m += 1
        # in numpy's index type: tables read by age take a slower path with a narrower one
        age = np.minimum(persons.age_m // MONTHS_PER_YEAR, MAX_AGE - 1).astype(np.intp)
        resident = persons.status != Status.ABROAD.value

        # deaths
        dies = (
            model.uniform("death", slice(None))
            # the (sex, age) table read flat: one index per person instead of two
            < self.monthly_death.ravel()[persons.female * self.monthly_death.shape[1] + age]
        )
        model.count("deaths", dies.sum())
        jobs.release(model, np.flatnonzero(dies & (persons.status == Status.EMPLOYED.value)), None)
        newborn = self._births(model, persons, age, resident & ~dies, year)
        model.count("births", len(newborn))
        model.update_population(dies, newborn)

        self._abroad(model)

    def _births(self, model, persons, age, alive, year) -> PersonTable:
        tfr = latest(self.tfr, year)
        women = np.flatnonzero(alive & persons.female & self.fertile_age[age])
        chance = self.fertility_shape[age[women]] * tfr / MONTHS_PER_YEAR
        mothers = women[model.uniform("birth", women) < chance]
        baby = PersonTable.empty(len(mothers))
        baby.district[:] = persons.district[mothers]
        baby.urban[:] = persons.urban[mothers]
        baby.female[:] = model.uniform("baby_sex", mothers) >= self.boy_share
        baby.status[:] = Status.CHILD
        return baby

    def _abroad(self, model) -> None:
        persons, parameters = model.persons, model.params
        away = np.flatnonzero(persons.status == Status.ABROAD.value)
        persons.abroad_left[away] -= 1
        back = away[persons.abroad_left[away] <= 0]
        persons.abroad_left[back] = 0
        model.set_status(back, Status.UNEMPLOYED)
        persons.months_unemployed[back] = 0
        model.count("returnees", len(back))
        model.returnees = persons.pid[back]

        n = stochastic_round(
            self.departures / MONTHS_PER_YEAR / model.scale, model.stream("demography.abroad")
        )
        labour_force = (persons.status == Status.EMPLOYED.value) | (
            persons.status == Status.UNEMPLOYED.value
        )
        # ages in whole years, compared in months
        candidates = np.flatnonzero(
            labour_force
            & (persons.age_m >= int(parameters["abroad_min_age"]) * MONTHS_PER_YEAR)
            & (persons.age_m < int(parameters["abroad_age_limit"]) * MONTHS_PER_YEAR)
        )
        if n == 0 or len(candidates) == 0:
            return
        weight = np.where(persons.female[candidates], 1.0, parameters["abroad_male_odds"])
        leave = candidates[pick_keyed(model.uniform("abroad", candidates), weight, n)]
        employed = leave[persons.status[leave] == Status.EMPLOYED.value]
        jobs.release(model, employed, Status.ABROAD)
        model.set_status(leave[persons.status[leave] != Status.ABROAD.value], Status.ABROAD)
        shortest = int(parameters["contract_months_min"])
        longest = int(parameters["contract_months_max"])
        uniform = model.uniform("contract_length", leave)
        persons.abroad_left[leave] = shortest + (uniform * (longest - shortest + 1)).astype(
            np.int16
        )
        model.count("departures_abroad", len(leave))
