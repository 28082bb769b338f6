"""Migration and commuting answer expected incomes here against elsewhere (small situations)."""

from __future__ import annotations

import numpy as np
import pytest

from simulation.mechanisms.migration import SKILL_GROUPS, Migration, expected_income
from simulation.population import OUTSIDE_EMPLOYER, Certificate, Status
from tests.conftest import model

SMALL = "scale=500"


def migration_of(m) -> Migration:
    return next(x for x in m.mechanisms if isinstance(x, Migration))


def test_expected_income_is_the_mean_wage_times_the_employment_rate():
    group = np.array([0, 0, 0, 1, 1])
    wage = np.array([6.0, 4.0, 0.0, 3.0, 0.0])
    employed = np.array([True, True, False, True, False])
    income, force = expected_income(group, wage, employed, 3)
    # group 0: mean wage 5 x 2/3 employed; group 1: 3 x 1/2; group 2: no labour force
    assert income[:2] == pytest.approx([10 / 3, 1.5])
    assert np.isnan(income[2])
    assert force.tolist() == [3, 2, 0]


def test_the_base_month_reproduces_the_gross_and_the_published_net_rate(data):
    m = model(SMALL, "end=2022-01")
    migration = migration_of(m)
    incomes = migration._incomes(m)
    residents = np.count_nonzero(m.persons.status != Status.ABROAD)
    _, expected_out = migration._out_hazards(incomes, 0)
    rate = data.parameters["out_migration_rate"].value / 12
    assert expected_out == pytest.approx(rate * residents)
    net = data.figures.value("net_migration_rate", year=2022) / 1000 / 12
    assert migration.in_base - expected_out == pytest.approx(net * residents)


def test_a_higher_outside_wage_raises_out_migration():
    counts = []
    for raise_by in (1.0, 1.2):
        m = model(SMALL, "end=2022-02")
        migration = migration_of(m)
        migration.destination_income = migration.destination_income * raise_by
        incomes = migration._incomes(m)
        counts.append(migration._out_hazards(incomes, 0)[1])
        m.step()
        counts.append(m.flows["out_migrants"])
    base_expected, base_count, raised_expected, raised_count = counts
    elasticity = migration.elasticity
    assert raised_expected / base_expected == pytest.approx(1.2**elasticity)
    assert raised_count > base_count


def test_rising_local_incomes_draw_more_in_migrants_and_keep_more_residents():
    m = model(SMALL, "end=2022-01")
    migration = migration_of(m)
    incomes = migration._incomes(m)
    richer = dict(incomes, group=incomes["group"] * 1.1)
    elasticity = migration.elasticity
    assert migration._in_weights(richer, 0).sum() / migration._in_weights(
        incomes, 0
    ).sum() == pytest.approx(1.1**elasticity)
    assert migration._out_hazards(richer, 0)[1] / migration._out_hazards(incomes, 0)[
        1
    ] == pytest.approx(1.1**-elasticity)


def test_a_district_with_higher_wages_draws_more_in_migrants():
    m = model(SMALL, "end=2022-01")
    migration = migration_of(m)
    incomes = migration._incomes(m)
    weights = migration._in_weights(incomes, 0)
    district = 5
    shares = []
    for raise_by in (1.0, 1.5):
        persons = m.persons
        employed = (persons.status == Status.EMPLOYED) & (persons.district == district)
        wage = persons.wage.copy()
        persons.wage[employed] *= raise_by
        arrivals = migration._arrivals(
            m, migration._incomes(m), weights, 20000, np.random.default_rng(0)
        )
        persons.wage[:] = wage
        shares.append(np.mean(arrivals.district == district))
    assert shares[1] > shares[0] * 1.3


def test_in_migrants_follow_the_migrant_profile_not_the_residents(data):
    m = model(SMALL, "end=2022-01")
    migration = migration_of(m)
    incomes = migration._incomes(m)
    # incomes here equal to those at the origin: arrivals follow the profile exactly
    skill = np.arange(migration.groups) % SKILL_GROUPS
    neutral = dict(incomes, group=migration.origin_income[skill])
    weights = migration._in_weights(neutral, 0)
    assert weights / weights.sum() == pytest.approx(migration.profile)
    n = 20000
    arrivals = migration._arrivals(m, incomes, weights, n, np.random.default_rng(1))
    age = arrivals.age_m // 12
    shape = data.figures.table("migrant_age_shape")
    minimum = int(data.parameters["in_migrant_min_age"].value)
    assert age.min() >= minimum and age.max() <= 39
    assert np.mean((age >= 20) & (age <= 24)) == pytest.approx(shape["20-24"], abs=0.02)
    certified = arrivals.certificate >= Certificate.ELEMENTARY
    profile_share = data.parameters["migrant_certified_share"].value
    assert certified.mean() == pytest.approx(profile_share, abs=0.02)
    assert arrivals.female.mean() == pytest.approx(
        data.parameters["migrant_female_share"].value, abs=0.02
    )
    assert set(np.unique(arrivals.status)) == {Status.UNEMPLOYED, Status.INACTIVE}
    # residents of the same ages are not like that: more of them hold a certificate, and
    # fewer are in their early twenties
    persons = m.persons
    resident_age = persons.age_m // 12
    same_ages = (resident_age >= minimum) & (resident_age <= 39)
    resident_certified = np.mean(persons.certificate[same_ages] >= Certificate.ELEMENTARY)
    assert abs(resident_certified - profile_share) > 0.05
    assert np.mean((resident_age[same_ages] >= 20) & (resident_age[same_ages] <= 24)) < 0.3
    # skills follow the certificates, as in the base year
    assert arrivals.skill[certified].mean() > arrivals.skill[~certified].mean()


def test_commuting_rises_when_the_outside_wage_rises():
    commuters, appeals = [], []
    for raise_by in (1.0, 1.3):
        m = model("scale=200", "end=2022-06")
        migration = migration_of(m)
        migration.commuting_income = migration.commuting_income * raise_by
        # plenty of jobs next door (otherwise their number, not the wage, binds)
        m.outside_jobs *= 5
        m.run()
        commuters.append(np.count_nonzero(m.persons.employer == OUTSIDE_EMPLOYER))
        appeals.append(m.commuting_appeal)
    assert commuters[1] > commuters[0]
    # (local wages differ a little once different people commute)
    assert appeals[1] == pytest.approx(appeals[0] * 1.3**migration.commuting_elasticity, rel=0.02)


def test_outside_jobs_follow_the_neighbours_labour_demand(data):
    m = model(SMALL, "end=2022-12")
    start = m.outside_jobs
    m.run()
    growth = data.figures.value("neighbour_labour_demand_growth", year=2022)
    assert m.outside_jobs == pytest.approx(start * (1 + growth))
