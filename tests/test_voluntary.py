"""Voluntary social insurance as a person's choice, on hand-made populations."""

from __future__ import annotations

import numpy as np
import pytest
from scipy.special import logit

from scenarios.social_insurance import SocialInsurance as SocialInsuranceLever
from simulation.calendar import MONTHS_PER_YEAR, parse_month
from simulation.labour_law import POVERTY_GROUPS, voluntary_si_rules
from simulation.mechanisms.insurance import SocialInsurance
from simulation.population import Insurance, PersonTable, Status
from simulation.voluntary import VoluntaryChoice, floor_contribution, poverty_group
from tests.conftest import TinyWorld

POOR, NEAR_POOR, OTHER = range(len(POVERTY_GROUPS))
PAY = 4.0  # million VND a month


class World(TinyWorld):
    """Employed persons of given ages for voluntary insurance."""

    def __init__(self, data, ages, month="2022-01", pids=None, voluntary=0):
        super().__init__(data, month)
        people = PersonTable.empty(len(ages))
        people.pid[:] = np.arange(len(ages)) if pids is None else pids
        people.age_m[:] = np.asarray(ages) * MONTHS_PER_YEAR
        people.status[:] = Status.EMPLOYED
        people.wage[:] = PAY
        people.usual_hours[:] = people.hours[:] = 48
        people.si[:voluntary] = Insurance.VOLUNTARY
        self.persons = people


def persons_of_group(data, group, count, age=30):
    """``count`` person ids whose lasting poverty group is ``group``."""
    candidates = World(data, np.full(20_000, age))
    groups = poverty_group(candidates, np.arange(20_000))
    return candidates.persons.pid[groups == group][:count]


def odds(chance):
    return np.exp(logit(chance))


def test_the_support_rules_change_with_the_2024_law(data):
    before = voluntary_si_rules(data, parse_month("2025-06"))
    after = voluntary_si_rules(data, parse_month("2025-07"))
    assert list(before.support_shares) == [0.30, 0.25, 0.10]  # Decree 134/2015, Art. 14
    assert before.minimum_years == 20  # Law 58/2014
    assert list(after.support_shares) == [0.50, 0.40, 0.20]
    assert after.minimum_years == 15  # Law 41/2024


def test_poverty_group_is_a_lasting_trait_with_the_provinces_rates(data):
    world = World(data, np.full(20_000, 30))
    rows = np.arange(20_000)
    groups = poverty_group(world, rows)
    rates = data.figures.table("poverty_rate")
    assert np.mean(groups == POOR) == pytest.approx(rates["poor"], abs=0.004)
    assert np.mean(groups == NEAR_POOR) == pytest.approx(rates["near_poor"], abs=0.004)
    # the same person gets the same group in another month, whoever else is drawn
    world.month += 7
    reversed_rows = rows[::-1][:500]
    assert np.array_equal(poverty_group(world, reversed_rows), groups[reversed_rows])


def test_a_higher_subsidy_raises_uptake_among_the_near_poor(data):
    pids = persons_of_group(data, NEAR_POOR, 30)
    others = persons_of_group(data, OTHER, 30)
    world = World(data, np.full(60, 30), pids=np.concatenate([pids, others]))
    rows = np.arange(60)
    choice = VoluntaryChoice(world, rows, joins=1.0, stationary_joins=1.0)
    before = choice.chance(world, rows)
    world.policy.voluntary_support_shares = (0.30, 0.50, 0.10)
    after = choice.chance(world, rows)
    assert np.all(after[:30] > before[:30])
    assert np.array_equal(after[30:], before[30:])  # others' support unchanged
    # the known odds ratio: the value per own VND rises by (1 - 0.25) / (1 - 0.50) and the
    # own cost falls by a quarter of the contribution
    parameters = world.params
    contribution = floor_contribution(parameters)
    expected = (0.75 / 0.5) ** parameters["voluntary_si_value_elasticity"] * np.exp(
        parameters["voluntary_si_cost_share_slope"] * (0.50 - 0.25) * contribution / PAY
    )
    assert odds(after[:30]) / odds(before[:30]) == pytest.approx(expected)
    # and more of them join over a year
    joins = [
        sum(
            np.count_nonzero(world.uniform(f"join {month}", rows[:30]) < chance[:30])
            for month in range(MONTHS_PER_YEAR)
        )
        for chance in (before * 20, after * 20)
    ]
    assert joins[1] > joins[0]


def test_a_person_too_old_to_reach_a_pension_joins_less(data):
    # men, 30 and 50 years old in 2022: the retirement age is 60 years 3 months, so the
    # older one has about 10 years left, short of the 20 years a pension needs
    pids = persons_of_group(data, OTHER, 2)
    world = World(data, [30, 50], pids=pids)
    rows = np.arange(2)
    choice = VoluntaryChoice(world, rows, joins=0.5, stationary_joins=0.5)
    young, old = choice.chance(world, rows)
    assert old < young
    # the known odds ratio: the lump sum per own VND against the pension per own VND
    parameters = world.params
    contribution = floor_contribution(parameters)
    support = 0.10 * contribution
    lump_sum = (
        parameters["voluntary_si_lump_sum_months"] * parameters["rural_poverty_line"]
        - MONTHS_PER_YEAR * support
    ) / (MONTHS_PER_YEAR * (contribution - support))
    pension = parameters["voluntary_si_pension_worth"] / 0.9
    assert odds(old) / odds(young) == pytest.approx(
        (lump_sum / pension) ** parameters["voluntary_si_value_elasticity"]
    )


def test_the_base_years_expected_joins_equal_lapses_plus_trend(data):
    # 40 voluntary members and 160 eligible workers of mixed ages
    ages = np.tile([20, 30, 40, 50, 58], 40)
    world = World(data, ages, voluntary=40)
    insurance = SocialInsurance(world)
    parameters = world.params
    inflow = parameters["voluntary_si_lapse_rate"] / MONTHS_PER_YEAR * 40 + parameters[
        "voluntary_si_trend"
    ] / MONTHS_PER_YEAR * len(ages)
    eligible = np.arange(40, len(ages))
    assert insurance.voluntary.chance(world, eligible).sum() == pytest.approx(inflow)
    world.spinning_up = True
    stationary = parameters["voluntary_si_lapse_rate"] / MONTHS_PER_YEAR * 40
    assert insurance.voluntary.chance(world, eligible).sum() == pytest.approx(stationary)


def test_the_lever_sets_the_support_and_outreach_and_switches_them_off(data):
    world = World(data, [30])
    lever = SocialInsuranceLever(SocialInsuranceLever.check({}, "social_insurance"))
    lever.act(world)
    assert world.policy.voluntary_support_shares == (0.30, 0.25, 0.10)
    assert world.policy.voluntary_outreach_multiplier == 2.0
    assert world.policy.voluntary_extra_support == pytest.approx(0.066)
    lever.switch_off(world)
    assert world.policy.voluntary_support_shares is None
    assert world.policy.voluntary_outreach_multiplier == 1.0
    assert world.policy.voluntary_extra_support == 0.0


def test_a_support_share_out_of_range_is_a_config_error(data):
    from simulation.config import ConfigError

    with pytest.raises(ConfigError, match="near_poor_support_share"):
        SocialInsuranceLever.check({"near_poor_support_share": 1.5}, "social_insurance")


def test_the_levers_cost_counts_the_support_above_the_law(data):
    pids = persons_of_group(data, NEAR_POOR, 10)
    world = World(data, np.full(10, 30), pids=pids, voluntary=10)
    settings = SocialInsuranceLever.check(
        {"premium_support_vnd_month": 0, "near_poor_support_share": 0.35}, "social_insurance"
    )
    lever = SocialInsuranceLever(settings)
    assert lever.monthly_cost(world) == 0.0
    lever.act(world)
    # ten near-poor participants, 10 points of the contribution above the law's 25 %
    expected = 10 * (0.35 - 0.25) * floor_contribution(world.params) / 1000
    assert lever.monthly_cost(world) == pytest.approx(expected)


def test_no_persons_chance_of_joining_is_above_the_bound(data):
    # the bound lets the model work out chances only for draws below it: it must hold for
    # every person, also with the lever's support and outreach
    ages = np.tile([18, 25, 35, 45, 52, 59], 300)
    world = World(data, ages)
    world.persons.wage[:] = np.linspace(0.5, 30.0, len(ages))
    rows = np.arange(len(ages))
    choice = VoluntaryChoice(world, rows, joins=2.0, stationary_joins=1.0)
    for shares, extra, outreach in (
        (None, 0.0, 1.0),
        ((0.5, 0.5, 0.3), 0.066, 2.0),
        ((0.9, 0.9, 0.9), 0.0, 3.0),
    ):
        world.policy.voluntary_support_shares = shares
        world.policy.voluntary_extra_support = extra
        world.policy.voluntary_outreach_multiplier = outreach
        chances = choice.chance(world, rows)
        bound = choice.bound(world)
        assert chances.max() <= bound and bound < 1.0
        assert chances.max() == pytest.approx(bound, rel=0.5)  # a bound, but not a loose one
