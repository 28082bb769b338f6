"""Wage posting on hand-made firms with known answers: raises after vacancies stay open,
rare and small cuts in excess (never below the minimum wage in formal jobs), applications
drawn by pay, and the labour-demand response to a raise."""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np
import pytest

from simulation.calendar import parse_month
from simulation.firms import Ownership
from simulation.mechanisms.matching import Matching
from simulation.policy import Policy
from simulation.population import Certificate, PersonTable, Status
from simulation.wage_posting import (
    follow_minimum_wage,
    pass_through,
    post_wages,
    record_open_vacancies,
)
from simulation.wages import labour_shares, set_wages
from tests.test_labour_demand import ELASTICITY, SPEED, labour_demand, toy_model
from tests.test_labour_demand import firms as enterprises

# the rules' parameters, fixed here so that the known answers do not move with the data
RULES = {
    "wage_raise_after_months": 3,
    "wage_raise_step": 0.05,
    "wage_cut_chance": 0.01,
    "wage_cut_step": 0.02,
}
FULL_WEEK = 48  # the workers below work the legal full-time week
NO_CUT = np.ones(1)  # uniform draws above any cut chance
NO_GROWTH = 1.0  # markets that do not grow: only labour costs move wanted workers


def test_a_firm_whose_vacancies_stay_open_raises_its_wage_and_one_that_fills_them_does_not():
    firms = enterprises(2)
    premiums = []
    for _ in range(7):
        # after matching, firm 0 still has 2 posts open, firm 1 filled its posts
        record_open_vacancies(firms, np.array([2, 0]))
        raised, cut = post_wages(firms, RULES, np.ones(2))
        premiums.append(firms.wage_premium.copy())
        assert not cut.any()
    # the third month in a row with posts open: a raise of 5 %; it counts afresh, so the
    # next raise comes three months later
    assert [p[0] for p in premiums] == pytest.approx([1, 1, 1.05, 1.05, 1.05, 1.05**2, 1.05**2])
    assert [p[1] for p in premiums] == [1.0] * 7
    # a month with every post filled breaks the run of open months
    firms = enterprises(1)
    for open_posts in (1, 1, 0, 1, 1):
        record_open_vacancies(firms, np.array([open_posts]))
        post_wages(firms, RULES, NO_CUT)
    assert firms.wage_premium[0] == 1.0
    assert firms.months_unfilled[0] == 2


def test_farms_and_household_businesses_post_no_wage():
    for ownership in (Ownership.FARM, Ownership.HOUSEHOLD):
        firms = enterprises(1, ownership)
        firms.hours_factor[:] = 0.5
        for _ in range(6):
            record_open_vacancies(firms, np.array([3]))
            post_wages(firms, RULES, np.zeros(1))  # a draw that would always cut
        assert firms.wage_premium[0] == 1.0


def test_a_firm_in_excess_cuts_rarely_and_by_little():
    n = 20_000
    firms = enterprises(n)
    firms.hours_factor[:] = 0.8  # on short time
    uniforms = np.random.default_rng(0).random(n)
    _, cut = post_wages(firms, RULES, uniforms)
    # about 1 % cut, each by 2 % (binomial sd of the share: 0.0007)
    assert cut.mean() == pytest.approx(0.01, abs=0.003)
    assert np.unique(firms.wage_premium[cut]) == pytest.approx([0.98])
    assert (firms.wage_premium[~cut] == 1.0).all()
    # months in excess count too; a firm at full hours without excess never cuts
    firms = enterprises(2)
    firms.months_in_excess[:] = [1, 0]
    _, cut = post_wages(firms, RULES, np.zeros(2))
    assert cut.tolist() == [True, False]


def test_a_cut_never_takes_formal_pay_below_the_minimum_wage(data):
    firms = enterprises(1)
    firms.productivity[:] = 10.0
    share = labour_shares(data)[Ownership.DOMESTIC]
    going_rate = share * 10.0  # a full-time worker of skill 1
    persons = PersonTable.empty(2)
    persons.employer[:] = 0
    persons.skill[:] = 1.0
    persons.hours[:] = data.figures.value("normal_weekly_hours")
    persons.formal[:] = [True, False]
    floor = np.full(len(data.districts), going_rate * 0.99)  # the minimum wage just below
    rows = np.arange(2)
    set_wages(data, persons, firms, rows, floor)
    assert persons.wage == pytest.approx([going_rate, going_rate])
    firms.months_in_excess[:] = 1  # a firm in excess (at full hours, within tolerance)...
    for _ in range(5):  # ...that cuts five times (draws of zero)
        post_wages(firms, RULES, np.zeros(1))
    assert firms.wage_premium[0] == pytest.approx(0.98**5, rel=1e-6)
    set_wages(data, persons, firms, rows, floor)
    # the formal worker is held at the minimum wage, the informal one takes the cut
    assert persons.wage[0] == pytest.approx(going_rate * 0.99)
    assert persons.wage[1] == pytest.approx(going_rate * 0.98**5, rel=1e-6)


def test_pay_is_the_going_rate_times_the_premium(data):
    firms = enterprises(2, Ownership.FDI)
    firms.wage_premium[:] = [1.0, 1.2]
    persons = PersonTable.empty(2)
    persons.employer[:] = [0, 1]
    persons.skill[:] = 1.0
    persons.hours[:] = data.figures.value("normal_weekly_hours")
    set_wages(data, persons, firms, np.arange(2), np.zeros(len(data.districts)))
    going_rate = labour_shares(data)[Ownership.FDI] * 10.0
    assert persons.wage == pytest.approx([going_rate, 1.2 * going_rate], rel=1e-6)


def matching_model(firms, persons, **params):
    return SimpleNamespace(
        firms=firms,
        persons=persons,
        params={
            "cross_district_weight": 0.25,
            "outside_search_weight": 0.15,
            "uncertified_fit": 0.2,
            "certified_household_fit": 0.5,
            "application_wage_elasticity": 1.0,
            **params,
        },
        policy=Policy(),
        commuting_appeal=np.ones(2),
        uniform=lambda purpose, rows: np.random.default_rng(1).random(len(rows)),
    )


def test_a_higher_premium_draws_more_applications():
    firms = enterprises(2)
    firms.wage_premium[:] = [1.0, 1.2]
    n = 40_000
    persons = PersonTable.empty(n)
    persons.status[:] = Status.UNEMPLOYED
    persons.certificate[:] = Certificate.NONE
    applicants = np.arange(n)
    vacancies = np.array([10, 10])
    matching = Matching.__new__(Matching)
    for elasticity, expected in ((1.0, 1.2 / 2.2), (2.0, 1.44 / 2.44), (0.0, 0.5)):
        model = matching_model(firms, persons, application_wage_elasticity=elasticity)
        target = matching._choose_firms(model, applicants, vacancies, 0)
        # share of applications to the better-paying firm: its premium ^ elasticity over
        # the sum (binomial sd 0.0025)
        assert (target == 1).mean() == pytest.approx(expected, abs=0.01)
        assert set(np.unique(target)) == {0, 1}


def test_a_job_to_job_move_counts_the_new_firms_premium(data):
    firms = enterprises(1, Ownership.FDI)
    persons = PersonTable.empty(1)
    persons.status[:] = Status.EMPLOYED
    persons.skill[:] = 1.0
    params = data.parameter_values()
    model = SimpleNamespace(
        firms=firms,
        persons=persons,
        data=data,
        params=params,
        month=parse_month("2022-01"),
        policy=Policy(),
    )
    matching = Matching.__new__(Matching)
    matching.full_time_hours = data.figures.value("normal_weekly_hours")
    # the new job's expected pay at the going rate, high above the minimum wage
    firms.productivity[:] = 100.0
    expected = (
        labour_shares(data)[Ownership.FDI] * 100.0 * params["hours_mean"] / matching.full_time_hours
    )
    # the mover earns just what the going rate would need to beat by the switch premium
    persons.wage[:] = expected / (1 + params["job_switch_premium"]) * 1.01
    assert not matching._better(model, np.array([0]), np.array([0]))[0]
    firms.wage_premium[:] = 1.05  # after a raise the job is worth the move
    assert matching._better(model, np.array([0]), np.array([0]))[0]


def test_a_raise_lowers_the_firms_wanted_workers_through_the_wage_response(data):
    firms = enterprises(2)
    persons = PersonTable.empty(20)
    persons.status[:] = Status.EMPLOYED
    persons.employer[:] = np.repeat([0, 1], 10)
    persons.skill[:] = 1.0
    persons.hours[:] = FULL_WEEK
    rows = np.arange(20)
    no_floor = np.zeros(len(data.districts))
    model = toy_model(firms, persons)
    demand = labour_demand(NO_GROWTH)
    set_wages(data, persons, firms, rows, no_floor)
    demand.step(model)  # the base labour cost is observed
    assert firms.capacity == pytest.approx([10.0, 10.0])
    # firm 0's posts stay open three months: it raises its premium by 5 %
    for _ in range(3):
        record_open_vacancies(firms, np.array([1, 0]))
        post_wages(firms, RULES, np.ones(2))
    assert firms.wage_premium == pytest.approx([1.05, 1.0])
    set_wages(data, persons, firms, rows, no_floor)
    demand.step(model)
    # its labour cost is 5 % higher: the first month closes SPEED of the log gap to
    # 1.05 ^ ELASTICITY; the other firm is untouched
    assert firms.capacity[0] == pytest.approx(10 * 1.05 ** (ELASTICITY * SPEED), rel=1e-5)
    assert firms.capacity[1] == pytest.approx(10.0)
    for _ in range(300):
        demand.step(model)
    assert firms.capacity[0] == pytest.approx(10 * 1.05**ELASTICITY, rel=1e-4)


def test_in_the_baseline_only_enterprises_post_wages(baseline_run):
    firms = baseline_run.firms
    enterprise = firms.ownership <= Ownership.STATE
    assert (firms.wage_premium[~enterprise] == 1.0).all()
    premium = firms.wage_premium[enterprise & firms.active]
    assert (premium > 1).any() and (premium < 1).any()
    # cuts are rare and small: no enterprise has lost a fifth of its premium in four years
    assert premium.min() > 0.8


def test_pay_scales_follow_a_minimum_wage_rise_near_the_floor():
    """Three firms in one district paying 1, 1.25 and 2 times the old minimum: with a reach
    of 1.5 they pass on all, half and none of a 10 % rise."""
    reach = 1.5
    assert pass_through(np.array([0.8, 1.0, 1.25, 1.5, 2.0]), reach) == pytest.approx(
        [1.0, 1.0, 0.5, 0.0, 0.0]
    )
    firms = enterprises(3, size=1.0)
    firms.district[:] = 0
    persons = PersonTable.empty(3)
    persons.status[:] = Status.EMPLOYED
    persons.employer[:] = [0, 1, 2]
    persons.hours[:] = FULL_WEEK
    persons.usual_hours[:] = FULL_WEEK
    old_floor = np.array([4.0])
    persons.wage[:] = old_floor[0] * np.array([1.0, 1.25, 2.0])
    model = SimpleNamespace(
        persons=persons, firms=firms, params={"minimum_wage_spillover_reach": reach}
    )
    raised = follow_minimum_wage(model, np.array([0.10]), old_floor)
    assert firms.wage_premium == pytest.approx([1.10, 1.05, 1.0])
    assert raised.tolist() == [True, True, False]
    # farms and household businesses post no wage: they do not follow
    firms.ownership[:] = Ownership.HOUSEHOLD
    firms.wage_premium[:] = 1.0
    assert not follow_minimum_wage(model, np.array([0.10]), old_floor).any()
    assert (firms.wage_premium == 1.0).all()
