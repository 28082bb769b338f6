"""The local economy (household businesses and family farms) on hand-made situations whose
answers are known."""

from __future__ import annotations

import numpy as np
import pytest

from simulation import randomness
from simulation.calendar import parse_month
from simulation.firms import FIRM_COLUMNS, FirmTable, Ownership
from simulation.labour_law import full_time_weekly_hours
from simulation.mechanisms.local_economy import (
    LocalEconomy,
    household_prices,
    take_back_on_farms,
)
from simulation.mechanisms.production import Production
from simulation.policy import Policy
from simulation.population import Certificate, PersonTable, Sector, Status
from simulation.wages import labour_shares, labour_units

YEARS = 12


class World:
    """Just enough of a model for the local economy: tables, parameters, draws, flows."""

    def __init__(self, data, firm_rows, person_rows, month="2022-01"):
        self.data = data
        self.params = {name: p.value for name, p in data.parameters.items()}
        self.policy = Policy()
        self.month = parse_month(month)
        self.spinning_up = False  # no stationary spin-up (simulation/model.py)
        self.scale = 1
        self.seed = 0
        self.flows: dict[str, float] = {}
        self.sector_level = np.ones(3)
        n = len(firm_rows)
        columns = {name: np.full(n, FirmTable.DEFAULTS.get(name, 0.0)) for name in FIRM_COLUMNS}
        columns["active"] = np.ones(n, dtype=bool)
        columns["represents"] = np.ones(n)
        columns["fid"] = np.arange(n)
        columns["productivity"] = np.ones(n)
        for name in ("ownership", "district", "sector"):
            columns[name] = np.array([r.get(name, 0) for r in firm_rows])
        self.firms = FirmTable(columns)
        people = PersonTable.empty(len(person_rows))
        for i, r in enumerate(person_rows):
            people.pid[i] = i
            people.age_m[i] = r.get("age", 30) * YEARS
            people.district[i] = r.get("district", 0)
            people.urban[i] = r.get("urban", False)
            people.status[i] = r.get("status", Status.EMPLOYED)
            people.certificate[i] = r.get("certificate", Certificate.NONE)
            people.skill[i] = 1.0
            people.months_unemployed[i] = r.get("months_unemployed", 0)
            if people.status[i] == Status.EMPLOYED:
                people.employer[i] = r.get("employer", 0)
                people.usual_hours[i] = people.hours[i] = r.get("hours", 48)
                people.wage[i] = r.get("wage", 0.0)
                people.sector[i] = self.firms.sector[people.employer[i]]
            else:
                people.employer[i] = -1
        self.persons = people
        self.firms.size[:] = np.bincount(people.employer[people.employer >= 0], minlength=n).astype(
            np.int32
        )

    def uniform(self, purpose, rows):
        return randomness.person_uniform(self.seed, purpose, self.month, self.persons.pid[rows])

    def normal(self, purpose, rows):
        return randomness.person_normal(self.seed, purpose, self.month, self.persons.pid[rows])

    def firm_uniform(self, purpose):
        return randomness.person_uniform(self.seed, "firm:" + purpose, self.month, self.firms.fid)

    def count(self, flow, n):
        self.flows[flow] = self.flows.get(flow, 0.0) + float(n)

    def set_status(self, rows, new):
        self.persons.status[rows] = new


FDI, HOUSEHOLD, FARM = Ownership.FDI, Ownership.HOUSEHOLD, Ownership.FARM


def household_pay(world) -> np.ndarray:
    """Pay of every household-business worker as production sets it."""
    persons, firms = world.persons, world.firms
    workers = np.flatnonzero(persons.status == Status.EMPLOYED)
    employer = persons.employer[workers]
    units = labour_units(persons, workers, full_time_weekly_hours(world.data))
    price = household_prices(world, workers, units)
    share = labour_shares(world.data)[firms.ownership[employer]]
    pay = share * firms.productivity[employer] * price * units
    return pay[firms.ownership[employer] == HOUSEHOLD]


def household_world(data, household_workers=2, wage=8.0):
    firm_rows = [
        {"ownership": FDI, "sector": Sector.INDUSTRY},
        {"ownership": HOUSEHOLD, "sector": Sector.SERVICES},
    ]
    person_rows = [{"employer": 0, "wage": wage} for _ in range(4)]
    person_rows += [{"employer": 1} for _ in range(household_workers)]
    person_rows += [{"status": Status.INACTIVE} for _ in range(4)]
    return World(data, firm_rows, person_rows)


def test_household_income_per_worker_halves_when_entrants_double_the_workers(data):
    world = household_world(data, household_workers=2)
    economy = LocalEconomy(world)
    economy.step(world)
    before = household_pay(world)
    # two more people take informal work in the business (from inactivity: the district's
    # population and wage bill, so its demand, are unchanged)
    newcomers = np.flatnonzero(world.persons.status == Status.INACTIVE)[:2]
    world.persons.status[newcomers] = Status.EMPLOYED
    world.persons.employer[newcomers] = 1
    world.persons.usual_hours[newcomers] = world.persons.hours[newcomers] = 48
    world.firms.size[1] += 2
    economy.step(world)
    after = household_pay(world)
    assert len(after) == 2 * len(before)
    assert after.sum() == pytest.approx(before.sum())
    assert after.mean() == pytest.approx(before.mean() / 2)


def test_household_income_rises_with_the_districts_wage_bill(data):
    world = household_world(data)
    economy = LocalEconomy(world)
    economy.step(world)
    before = household_pay(world).mean()
    wage_workers = world.persons.employer == 0
    world.persons.wage[wage_workers] *= 2  # the district's wage bill doubles
    economy.step(world)
    after = household_pay(world).mean()
    elasticity = world.params["household_demand_wage_elasticity"]
    assert after == pytest.approx(before * 2**elasticity)
    assert after > before


def farm_world(data, person_rows, farms=1, month="2022-01", district_of_farm=(0,)):
    firm_rows = [
        {"ownership": FARM, "sector": Sector.AGRICULTURE, "district": district_of_farm[i]}
        for i in range(farms)
    ]
    return World(data, firm_rows, person_rows, month)


def set_work_per_member(economy, world, farm, work):
    """Give ``farm`` the land for ``work`` full-time workers per member over the year."""
    size = world.firms.size[farm]
    economy.land[farm] = work * size / economy.labour_per_ha


def test_a_farm_whose_land_is_converted_releases_its_best_placed_members(data):
    members = [
        {"employer": 0, "age": 55},
        {"employer": 0, "age": 24},
        {"employer": 0, "age": 40, "certificate": Certificate.ELEMENTARY},
    ]
    district = data.districts.index(
        max(
            data.figures.by_area("iz_location_share"),
            key=data.figures.by_area("iz_location_share").get,
        )
    )
    world = farm_world(data, members, district_of_farm=(district,))
    for row in range(3):
        world.persons.district[row] = district
    economy = LocalEconomy(world)
    set_work_per_member(economy, world, 0, 0.9)  # above the release threshold
    world.params["farm_mechanisation_rate"] = 0.0
    economy.step(world)
    assert world.firms.size[0] == 3  # enough work: nobody leaves

    # the zone takes half the farm's land: work per member 0.45, room for one member
    world.params["converted_farm_land_share"] = 0.5
    weights = economy.conversion_weight
    world.params["farm_land_conversion_rate"] = (
        12 * world.params["converted_farm_land_share"] * weights.sum() / weights[district]
    )
    world.month += 1
    economy.step(world)
    assert economy.land[0] * economy.labour_per_ha == pytest.approx(0.45 * 3)
    assert world.firms.size[0] == 1
    # the certified member and the young one go to look for work; the oldest farms on
    statuses = [Status.EMPLOYED, Status.UNEMPLOYED, Status.UNEMPLOYED]
    assert list(world.persons.status[:3]) == statuses
    assert world.flows["farm_releases"] == 2


def test_a_farm_with_spare_work_takes_back_a_jobseeker_and_one_without_does_not(data):
    rows = [
        {"employer": 0, "district": 0},
        {"employer": 1, "district": 1},
        {"status": Status.UNEMPLOYED, "district": 0, "months_unemployed": 2},
        {"status": Status.UNEMPLOYED, "district": 1, "months_unemployed": 2},
    ]
    world = farm_world(data, rows, farms=2, district_of_farm=(0, 1))
    economy = LocalEconomy(world)
    set_work_per_member(economy, world, 0, 2.5)  # one member, work for two and a half
    set_work_per_member(economy, world, 1, 1.5)  # one member, work for one and a half
    world.params["farm_land_conversion_rate"] = 0.0
    world.params["farm_mechanisation_rate"] = 0.0
    economy.step(world)
    take_back_on_farms(world, int(world.params["fallback_search_months"]))
    assert world.persons.status[2] == Status.EMPLOYED and world.persons.employer[2] == 0
    assert world.persons.status[3] == Status.UNEMPLOYED
    assert list(world.firms.size) == [2, 1]
    assert world.flows["farm_returns"] == 1


@pytest.mark.parametrize("month", ["2022-01", "2022-06"])
def test_farm_hours_follow_the_crop_calendar(data, month):
    rows = [{"employer": 0, "hours": 48}, {"employer": 0, "hours": 48}]
    world = farm_world(data, rows, month=month)
    economy = LocalEconomy(world)
    set_work_per_member(economy, world, 0, 1.0)  # full work over the year
    world.params["farm_land_conversion_rate"] = 0.0
    world.params["farm_mechanisation_rate"] = 0.0
    economy.step(world)
    Production(world).step(world)
    calendar = data.figures.table("farm_labour_calendar")
    factors = np.array([calendar[f"{m:02d}"] for m in range(1, 13)])
    factor = calendar[month[-2:]] / factors.mean()
    amplitude = world.params["crop_calendar_amplitude"]
    expected = 48 * min(1.0, 1 + amplitude * (factor - 1))
    assert list(world.persons.hours[:2]) == [round(expected)] * 2
    if month.endswith("01"):
        assert expected < 48  # the slack before transplanting
    else:
        assert expected == 48  # the harvest peak: full work
