"""The local economy of household businesses and family farms.

- Household businesses sell to their district: a district's household-business revenue
  (value added) follows local demand, its population and its residents' wage bill per head
  (with an elasticity set by the local multiplier), not the number of people working in
  them.  The revenue is shared among the district's household-business workers by skill,
  hours and their business's productivity, so income per worker falls as people crowd in
  and rises when local wages rise (see :func:`household_prices`, used by production).
- Family farms need labour for their land: hectares times the labour a hectare needs, which
  falls with mechanisation, times the crop calendar's factor for the month (farm hours,
  and so underemployment, are seasonal).  Industrial zones and towns take farm land every
  year: the farms hit lose part of theirs.
- Agriculture pushes: a farm whose yearly work per member falls below a threshold releases
  members, those with the best outside chances first (certified, then young), until it is
  back at the threshold; they look for work (or, past the retirement age, stop working).
- Agriculture takes back: after matching, a farm whose yearly work per member would stay
  above a threshold with one more member takes back rural jobseekers of its district
  (:func:`take_back_on_farms`, called by matching's fallbacks).
"""

from __future__ import annotations

import numpy as np

from simulation import jobs
from simulation.calendar import MONTHS_PER_YEAR, calendar_month, year_of
from simulation.firms import Ownership
from simulation.labour_law import (
    ADULT_AGE_MONTHS,
    UNDEREMPLOYMENT_HOURS,
    full_time_weekly_hours,
    retirement_age_months,
    working_age,
)
from simulation.numeric import weighted_sum
from simulation.population import OUTSIDE_EMPLOYER, Status, per_employer
from simulation.wages import labour_units

NEUTRAL_PRICE = 1.0  # household output valued at its productivity (no demand adjustment)
KEEP_AT_LEAST = 1  # a farm household keeps at least one member on its land
# numerical guard: work per member exactly at a threshold counts as at it despite rounding
ROUNDING_GUARD = 1e-9
LAND_INVENTORY_MONTH = 12  # land statistics are of 31 December: the next month starts after


class LocalEconomy:
    """Household-business demand, farm land and labour, pushes out of farms."""

    def __init__(self, model):
        persons, firms, parameters, data = model.persons, model.firms, model.params, model.data
        shape = data.figures.table("farm_labour_calendar")
        factors = np.array([shape[f"{month:02d}"] for month in range(1, MONTHS_PER_YEAR + 1)])
        factors = factors / factors.mean()
        self.calendar = 1 + parameters["crop_calendar_amplitude"] * (factors - 1)
        zones = data.figures.by_area("iz_location_share")
        self.conversion_weight = np.array([zones.get(d, 0.0) for d in data.districts])
        self.districts = len(data.districts)
        self.full_time_hours = full_time_weekly_hours(data)

        farms = np.flatnonzero(firms.ownership == Ownership.FARM.value)
        workers = np.flatnonzero(
            (persons.status == Status.EMPLOYED.value) & (persons.employer >= 0)
        )
        employer = persons.employer[workers]
        on_farm = workers[firms.ownership[employer] == Ownership.FARM.value]
        base_units = labour_units(persons, on_farm, self.full_time_hours)

        # Short farm hours come from the farm's work from now on: the base year's
        # underemployed farm workers would work full time on a farm with enough work.
        short = on_farm[
            (persons.usual_hours[on_farm] < UNDEREMPLOYMENT_HOURS) & persons.wants_more[on_farm]
        ]
        jobs.set_full_time_hours(model, short, "farm_hours")

        # Yearly work per member of each farm, spread between the release threshold and
        # the level at which it would take back one more member: the band farms stay in.
        release = parameters["farm_release_work_share"]
        room = parameters["farm_room_work_share"]
        size = np.maximum(firms.size[farms], KEEP_AT_LEAST).astype(float)
        top = room * (size + 1) / size
        work = release + (top - release) * model.firm_uniform("farm_work")[farms]
        need = work * firms.size[farms]
        # hectares of the real farms each agent stands for, adding up to the province's land
        land_year = max(data.figures.series("agricultural_land"))
        # months from the inventory (end of December of its year) to the base month
        months_since = model.month - (land_year * MONTHS_PER_YEAR + LAND_INVENTORY_MONTH)
        land_now = data.figures.value("agricultural_land", year=land_year) * (
            1 - parameters["farm_land_conversion_rate"]
        ) ** (months_since / MONTHS_PER_YEAR)
        total_need = weighted_sum(need, firms.represents[farms])
        self.labour_per_ha = total_need / land_now if land_now > 0 else 0.0
        self.land = np.zeros(len(firms))
        self.land[farms] = need / self.labour_per_ha if self.labour_per_ha > 0 else 0.0

        # Farm productivity is re-levelled so that farm value added over the base year,
        # with the new hours, is what the synthesis fitted to GRDP.
        ratio = np.zeros(len(firms))
        ratio[farms] = work
        yearly_hours = np.minimum(1.0, ratio[persons.employer[on_farm], None] * self.calendar).mean(
            axis=1
        )
        new_units = labour_units(persons, on_farm, self.full_time_hours) * yearly_hours
        productivity = firms.productivity[persons.employer[on_farm]].astype(np.float64)
        new_value = weighted_sum(productivity, new_units)
        if new_value > 0:
            firms.productivity[farms] *= np.float32(
                weighted_sum(productivity, base_units) / new_value
            )

        # Household-business revenue of the base year, and the local demand behind it.
        self.base_revenue = self._household_supply(model)
        self.base_population, self.base_wage_bill = self._local_demand(model)
        model.household_revenue = self.base_revenue.copy()

    # ------------------------------------------------------------------ household demand

    def _household_supply(self, model) -> np.ndarray:
        """Value added of household businesses by district at their own productivity."""
        persons, firms = model.persons, model.firms
        workers = np.flatnonzero(
            (persons.status == Status.EMPLOYED.value) & (persons.employer >= 0)
        )
        employer = persons.employer[workers]
        # positions rather than a mask: indexing with a scattered mask is slow
        household = np.flatnonzero(firms.ownership[employer] == Ownership.HOUSEHOLD.value)
        employer = employer[household]
        value = firms.productivity[employer] * labour_units(
            persons, workers[household], self.full_time_hours
        )
        return np.bincount(firms.district[employer], weights=value, minlength=self.districts)

    def _local_demand(self, model) -> tuple[np.ndarray, np.ndarray]:
        """Residents (abroad excluded) and the wage bill of residents in wage jobs
        (enterprises, the state, other provinces) by district, last month's pay."""
        persons, firms = model.persons, model.firms
        resident = persons.status != Status.ABROAD.value
        population = np.bincount(persons.district[resident], minlength=self.districts)
        employed = np.flatnonzero(persons.status == Status.EMPLOYED.value)
        employer = persons.employer[employed]
        # an enterprise's job, or a job next door
        enterprise = per_employer(firms.ownership <= Ownership.STATE.value, employer, False)
        wage_job = enterprise | (employer == OUTSIDE_EMPLOYER)
        paid = employed[np.flatnonzero(wage_job)]
        wage_bill = np.bincount(
            persons.district[paid], weights=persons.wage[paid], minlength=self.districts
        )
        return population.astype(float), wage_bill

    def _household_revenue(self, model) -> np.ndarray:
        elasticity = model.params["household_demand_wage_elasticity"]
        population, wage_bill = self._local_demand(model)
        growth = np.divide(
            population,
            self.base_population,
            out=np.ones(self.districts),
            where=self.base_population > 0,
        )
        per_head = np.divide(
            wage_bill / np.maximum(population, 1),
            self.base_wage_bill / np.maximum(self.base_population, 1),
            out=np.ones(self.districts),
            where=self.base_wage_bill > 0,
        )
        return self.base_revenue * growth * per_head**elasticity

    # ------------------------------------------------------------------ farms

    def _convert_land(self, model, farms: np.ndarray) -> None:
        """Farm land taken for industrial zones and towns this month, district by district
        in proportion to the industrial-zone location shares; the farms hit (each with the
        chance that makes the expected area right) lose part of their land."""
        firms, parameters = model.firms, model.params
        if self.conversion_weight.sum() <= 0 or len(farms) == 0:
            return
        land = self.land[farms] * firms.represents[farms]
        by_district = np.bincount(firms.district[farms], weights=land, minlength=self.districts)
        converted = (
            parameters["farm_land_conversion_rate"]
            / MONTHS_PER_YEAR
            * by_district.sum()
            * self.conversion_weight
            / self.conversion_weight.sum()
        )
        taken = parameters["converted_farm_land_share"]
        chance = np.divide(
            converted, by_district * taken, out=np.zeros(self.districts), where=by_district > 0
        )
        hit = farms[model.firm_uniform("land_conversion")[farms] < chance[firms.district[farms]]]
        self.land[hit] *= 1 - taken

    def _release(self, model, farms: np.ndarray) -> None:
        """Farms with too little work per member release members, best outside chances
        first (a certificate, then youth), down to the release threshold's level."""
        persons, firms = model.persons, model.firms
        threshold = model.params["farm_release_work_share"]
        need = firms.capacity[farms]
        keep = np.maximum(KEEP_AT_LEAST, np.floor(need / threshold + ROUNDING_GUARD))
        excess = np.zeros(len(firms), dtype=np.int64)
        excess[farms] = np.maximum(0, firms.size[farms] - keep).astype(np.int64)
        if not excess.any():
            return
        employed = np.flatnonzero(persons.status == Status.EMPLOYED.value)
        employer = persons.employer[employed]
        members = employed[np.flatnonzero((employer >= 0) & (excess[np.maximum(employer, 0)] > 0))]
        firm = persons.employer[members]
        order = np.lexsort((persons.age_m[members], -persons.certificate[members], firm))
        members, firm = members[order], firm[order]
        first = np.r_[0, np.flatnonzero(firm[1:] != firm[:-1]) + 1]
        rank = np.arange(len(firm)) - np.repeat(first, np.diff(np.r_[first, len(firm)]))
        released = members[rank < excess[firm]]
        limits = retirement_age_months(model.data, year_of(model.month))
        searching = working_age(persons.age_m[released], persons.female[released], limits)
        jobs.release(
            model, released, np.where(searching, Status.UNEMPLOYED, Status.INACTIVE).astype(np.int8)
        )
        model.count("separations", len(released))
        model.count("farm_releases", len(released))

    # ------------------------------------------------------------------ the month

    def step(self, model) -> None:
        firms, parameters = model.firms, model.params
        if len(self.land) < len(firms):
            self.land = np.concatenate([self.land, np.zeros(len(firms) - len(self.land))])
        farms = np.flatnonzero(firms.active & (firms.ownership == Ownership.FARM.value))
        if not model.spinning_up:  # the stationary spin-up holds land and its techniques
            self.labour_per_ha *= (
                1
                - parameters["farm_mechanisation_rate"]
                * model.policy.mechanisation_multiplier
                / MONTHS_PER_YEAR
            )
            self._convert_land(model, farms)
        # yearly labour needed (capacity) and this month's (demand), in workers
        firms.capacity[farms] = self.land[farms] * self.labour_per_ha
        firms.demand[farms] = firms.capacity[farms] * self.calendar[calendar_month(model.month) - 1]
        self._release(model, farms)
        # household businesses take no one on and lay no one off: their demand is who is in
        household = firms.ownership == Ownership.HOUSEHOLD.value
        firms.capacity[household] = firms.size[household]
        firms.demand[household] = firms.size[household]
        model.household_revenue = self._household_revenue(model)


def household_prices(
    model, workers: np.ndarray, units: np.ndarray, employer: np.ndarray | None = None
) -> np.ndarray:
    """The value of a unit of each worker's output relative to its productivity: for
    household-business workers, the district's revenue over what its household businesses
    supply at their productivity (so that they share the revenue by productivity, skill and
    hours); one for everyone else.  ``employer``: the workers' employers, if the caller
    read them already."""
    persons, firms = model.persons, model.firms
    price = np.full(len(workers), NEUTRAL_PRICE)
    if employer is None:
        employer = persons.employer[workers]
    # positions rather than a mask: indexing with a scattered mask is slow
    household = np.flatnonzero(firms.ownership[employer] == Ownership.HOUSEHOLD.value)
    revenue = getattr(model, "household_revenue", None)
    if revenue is None or not len(household):
        return price
    district = firms.district[employer[household]]
    supply = np.bincount(
        district,
        weights=firms.productivity[employer[household]] * units[household],
        minlength=len(revenue),
    )
    by_district = np.divide(
        revenue, supply, out=np.full(len(revenue), NEUTRAL_PRICE), where=supply > 0
    )
    price[household] = by_district[district]
    return price


def take_back_on_farms(model, searched_months: int) -> None:
    """Rural adult jobseekers unemployed ``searched_months`` or more go back to family farms
    of their district that have room: a farm whose yearly work per member, counting the
    newcomers, stays at or above ``farm_room_work_share`` takes as many as keep it there.
    Jobseekers are taken in the order of their own draws, farms' places in theirs."""
    persons, firms = model.persons, model.firms
    threshold = model.params["farm_room_work_share"]
    unemployed = np.flatnonzero(persons.status == Status.UNEMPLOYED.value)
    seekers = unemployed[
        ~persons.urban[unemployed]
        & (persons.age_m[unemployed] >= ADULT_AGE_MONTHS)
        & (persons.months_unemployed[unemployed] >= searched_months)
    ]
    farms = np.flatnonzero(firms.active & (firms.ownership == Ownership.FARM.value))
    room = np.floor(firms.capacity[farms] / threshold + ROUNDING_GUARD) - firms.size[farms]
    open_farms = farms[room >= 1]
    if len(seekers) == 0 or len(open_farms) == 0:
        return
    places = np.repeat(open_farms, room[room >= 1].astype(np.int64))
    place_order = np.argsort(model.firm_uniform("farm_place")[places], kind="stable")
    places = places[place_order]
    seekers = seekers[np.argsort(model.uniform("farm_return", seekers), kind="stable")]
    hired, employers = [], []
    place_district = firms.district[places]
    seeker_district = persons.district[seekers]
    for district in np.unique(seeker_district):
        here = places[place_district == district]
        who = seekers[seeker_district == district]
        pairs = min(len(here), len(who))
        if pairs:
            hired.append(who[:pairs])
            employers.append(here[:pairs])
    if not hired:
        return
    rows, firm = np.concatenate(hired), np.concatenate(employers)
    jobs.hire(model, rows, firm)
    model.count("hires", len(rows))
    model.count("farm_returns", len(rows))
