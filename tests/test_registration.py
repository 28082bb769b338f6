"""Household businesses registering as enterprises by choice (mechanisms/registration.py)."""

from __future__ import annotations

import numpy as np
import pytest

from simulation.firms import Ownership
from simulation.labour_law import full_time_weekly_hours
from simulation.mechanisms.local_economy import household_prices
from simulation.mechanisms.registration import (
    REGISTRATION_VALUE,
    Registration,
    fit_location,
    net_gain,
    yearly_chance,
)
from simulation.population import Insurance, Status
from simulation.wages import labour_units, minimum_wages_in_force, set_wages
from tests.conftest import model

# two hand-made household businesses a year, million VND: value added and the extra
# employer contributions registering would bring
VALUE_ADDED = np.array([150.0, 150.0])
CONTRIBUTIONS = np.array([10.0, 10.0])
LABOUR_SHARE = 0.75
NO_LINKAGE = 0.0


@pytest.fixture
def params(data):
    return data.parameter_values()


def test_support_lowers_the_cost_and_raises_registrations(params):
    support = np.array([0.0, 5.0])  # the second business gets 5 million VND a year
    net = net_gain(VALUE_ADDED, CONTRIBUTIONS, support, params, LABOUR_SHARE, NO_LINKAGE)
    # the support is worth its share of value added, no more, no less
    assert net[1] - net[0] == pytest.approx(5.0 / 150.0)
    same_draw = np.zeros(2)
    chance = yearly_chance(net, same_draw, location=0.2, sd=params["registration_value_sd"])
    assert chance[1] > chance[0]


def test_a_business_with_more_revenue_is_likelier_to_register(params):
    # same workers and contributions, twice the value added: the fixed costs weigh less
    value_added = np.array([100.0, 200.0])
    contributions = np.array([5.0, 5.0])
    net = net_gain(value_added, contributions, np.zeros(2), params, LABOUR_SHARE, NO_LINKAGE)
    chance = yearly_chance(net, np.zeros(2), location=0.0, sd=params["registration_value_sd"])
    assert chance[1] > chance[0]


def test_a_linkage_gain_raises_registrations(params):
    base = net_gain(VALUE_ADDED, CONTRIBUTIONS, np.zeros(2), params, LABOUR_SHARE, NO_LINKAGE)
    linked = net_gain(VALUE_ADDED, CONTRIBUTIONS, np.zeros(2), params, LABOUR_SHARE, 0.05)
    assert np.allclose(linked - base, 0.05)


def test_the_fitted_location_gives_the_base_years_rate():
    rng = np.random.default_rng(0)
    net, draws = rng.normal(-0.3, 0.1, 500), rng.standard_normal(500)
    weights = np.ones(500)
    for rate in (0.0005, 0.01):
        location = fit_location(net, draws, 0.1, rate, weights)
        assert np.mean(yearly_chance(net, draws, location, 0.1)) == pytest.approx(rate, rel=1e-6)


@pytest.fixture(scope="module")
def small_model():
    """A base-year model at 50 people per agent, stepped one month (its own: it is changed)."""
    m = model("scale=50")
    m.step()
    return m


def test_the_base_year_registers_at_the_data_rate(small_model):
    registration = next(m for m in small_model.mechanisms if isinstance(m, Registration))
    rows, net, _ = registration.net_gains(small_model)
    draws = small_model.firm_trait_normal(REGISTRATION_VALUE, rows)
    chance = yearly_chance(net, draws, registration.location, registration.sd)
    rate = small_model.params["household_registration_rate"]
    # a month later the households' revenue has moved a little, not the level
    assert np.mean(chance) == pytest.approx(rate, rel=0.2)
    # larger businesses (more workers: more value added) register more on average
    size = small_model.firms.size[rows]
    assert chance[size >= 3].mean() > chance[size == 1].mean()


def test_support_raises_the_chance_of_eligible_businesses_only(small_model):
    registration = next(m for m in small_model.mechanisms if isinstance(m, Registration))
    rows, before, _ = registration.net_gains(small_model)
    policy = small_model.policy
    policy.registration_support_million_vnd_per_year = 5.0
    policy.registration_support_min_size = 2.0
    try:
        same_rows, after, _ = registration.net_gains(small_model)
    finally:
        policy.registration_support_million_vnd_per_year = 0.0
        policy.registration_support_min_size = 0.0
    assert np.array_equal(rows, same_rows)
    eligible = small_model.firms.size[rows] >= 2
    assert eligible.any() and (~eligible).any()
    assert np.all(after[eligible] > before[eligible])
    assert np.array_equal(after[~eligible], before[~eligible])


def _set_pay(m) -> None:
    """Recompute everyone's pay in the province as production does, without its
    technical progress."""
    persons = m.persons
    workers = np.flatnonzero((persons.status == Status.EMPLOYED) & (persons.employer >= 0))
    units = labour_units(persons, workers, full_time_weekly_hours(m.data))
    price = household_prices(m, workers, units)
    set_wages(m.data, persons, m.firms, workers, minimum_wages_in_force(m), price, units)


def test_registering_keeps_productivity_and_does_not_cut_pay(small_model):
    persons, firms = small_model.persons, small_model.firms
    registration = next(m for m in small_model.mechanisms if isinstance(m, Registration))
    candidates, _, bites = registration.net_gains(small_model)
    rows, bites = candidates[:200], bites[:200]
    workers = np.flatnonzero(
        (persons.status == Status.EMPLOYED) & np.isin(persons.employer, rows) & ~persons.formal
    )
    assert len(workers) > 100
    _set_pay(small_model)
    productivity = firms.productivity[rows].copy()
    pay = persons.wage[workers].copy()
    registration.register(small_model, rows, bites)
    assert np.all(firms.registered[rows])
    assert np.all(firms.ownership[rows] == Ownership.HOUSEHOLD)  # the business is the same
    # its jobs become formal at the domestic share, some of them insured
    domestic = small_model.data.figures.value("formal_share", "domestic")
    assert persons.formal[workers].mean() == pytest.approx(domestic, abs=0.1)
    assert np.any(persons.si[workers] == Insurance.COMPULSORY)
    # the same productivity and pay rule: no one's pay falls (formal pay is floored at the
    # minimum wage, so some rises)
    _set_pay(small_model)
    assert np.array_equal(firms.productivity[rows], productivity)
    assert np.all(persons.wage[workers] >= pay * (1 - 1e-6))
    assert np.any(persons.wage[workers] > pay)


def test_the_lever_sets_the_support_a_year_and_books_it_per_registration(small_model):
    from scenarios.formalisation import Formalisation

    lever = Formalisation(
        Formalisation.check({"support_million_vnd": 12, "support_years": 3}, "formalisation")
    )
    lever.act(small_model)
    policy = small_model.policy
    try:
        assert policy.registration_support_million_vnd_per_year == pytest.approx(4.0)
        assert policy.registration_support_min_size == 2.0
    finally:
        lever.switch_off(small_model)
    assert policy.registration_support_million_vnd_per_year == 0.0

    class Month:
        flows = {"registrations_supported": 3.0}  # agents, each standing for ``scale`` firms
        scale = 10

    # bn VND: 3 agents x 10 firms x 12 million VND
    assert lever.monthly_cost(Month()) == pytest.approx(0.36)
