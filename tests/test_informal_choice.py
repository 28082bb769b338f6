"""The informal margin as a choice (simulation/informal_choice.py), with known answers."""

from __future__ import annotations

import numpy as np
import pytest

from simulation import informal_choice, jobs
from simulation.firms import Ownership
from simulation.population import Status
from tests.conftest import model

EVERY_OPENING = 1.0  # every jobseeker comes across an informal opening this month
CERTAIN_HIRE = 1.0  # every application becomes a hire
NO_HIRE = 0.0


@pytest.fixture
def small():
    """A fresh base year at 200 people per agent, everyone seeing an informal opening."""
    m = model("scale=200", "end=2022-03")
    m.params["informal_opening_rate"] = EVERY_OPENING
    return m


def jobseekers(m) -> np.ndarray:
    persons = m.persons
    rows = np.flatnonzero(persons.status == Status.UNEMPLOYED)
    assert len(rows) > 20
    persons.months_unemployed[rows] = 1
    persons.benefit[rows] = 0.0
    return rows


def test_with_no_chance_of_a_wage_job_jobseekers_take_informal_work(small):
    rows = jobseekers(small)
    takes = informal_choice.takes_informal_work(small, rows, NO_HIRE)
    _, informal = informal_choice.pay_per_unit(small)
    has_income = informal[small.persons.district[rows]] > 0
    assert has_income.all()
    assert takes.all()


def test_with_good_chances_of_a_better_wage_job_jobseekers_keep_searching(small):
    rows = jobseekers(small)
    small.params["search_value_months"] = 60.0
    small.policy.matching_multiplier = 1 / small.params["matching_efficiency"]  # all apply
    formal, informal = informal_choice.pay_per_unit(small)
    better = formal > informal[small.persons.district[rows]]
    assert better.all()
    takes = informal_choice.takes_informal_work(small, rows, CERTAIN_HIRE)
    assert not takes.any()


def test_a_benefit_above_informal_income_keeps_jobseekers_searching(small):
    rows = jobseekers(small)
    _, informal = informal_choice.pay_per_unit(small)
    small.persons.benefit[rows] = 10 * informal.max()  # far above any informal income
    assert not informal_choice.takes_informal_work(small, rows, NO_HIRE).any()


def test_informal_work_is_taken_more_the_longer_the_search(small):
    """Search intensity falls with the months searched, and with it the value of search."""
    rows = jobseekers(small)
    small.params["search_value_months"] = 12.0
    success = 0.5
    early = informal_choice.takes_informal_work(small, rows, success).mean()
    small.persons.months_unemployed[rows] = 24
    late = informal_choice.takes_informal_work(small, rows, success).mean()
    assert late > early


def test_crowded_household_businesses_draw_fewer_jobseekers(small):
    """Informal income per worker falls as more crowd in (simulation/local_economy.py):
    halving it lowers the take-up."""
    rows = jobseekers(small)
    small.params["search_value_months"] = 6.0
    success = 0.5
    before = informal_choice.takes_informal_work(small, rows, success).mean()
    persons, firms = small.persons, small.firms
    household = (persons.status == Status.EMPLOYED) & (persons.employer >= 0)
    household[household] = firms.ownership[persons.employer[household]] == Ownership.HOUSEHOLD
    persons.wage[household] *= 0.5
    after = informal_choice.takes_informal_work(small, rows, success).mean()
    assert after < before


def test_losing_an_insured_job_starts_a_benefit_that_runs_out(small):
    persons = small.persons
    insured = np.flatnonzero((persons.status == Status.EMPLOYED) & persons.ui)[:5]
    wages = persons.wage[insured].copy()
    jobs.release(small, insured, Status.UNEMPLOYED)
    assert persons.benefit[insured] == pytest.approx(small.params["ui_replacement_rate"] * wages)
    assert (persons.benefit_months[insured] == small.params["ui_benefit_months"]).all()
    for _ in range(int(small.params["ui_benefit_months"])):
        informal_choice.age_benefits(persons)
    assert (persons.benefit[insured] == 0).all()
    assert (persons.benefit_months[insured] == 0).all()


def test_the_hazard_into_informal_work_is_an_outcome(small):
    small.run()
    rates = [h["informal_entry_rate"] for h in small.history]
    assert all(0 < rate < 1 for rate in rates)


def test_an_offer_below_the_reservation_wage_is_refused(small):
    """A jobseeker accepts a wage job only if it pays at least their benefit and what
    informal work nearby would bring them."""
    from simulation.mechanisms.matching import Matching

    matching = next(x for x in small.mechanisms if isinstance(x, Matching))
    matching.pay = informal_choice.pay_per_unit(small)
    rows = jobseekers(small)
    firms = small.firms
    enterprise = np.flatnonzero(firms.active & (firms.ownership == Ownership.FDI))[:1]
    target = np.repeat(enterprise, len(rows))
    offered = matching._offered_pay(small, rows, target)
    _, informal = informal_choice.expected_pay(small, rows, matching.pay)
    # with no benefit: accepted exactly where the offer (with contributions) beats informal work
    accepts = matching._acceptable(small, rows, target)
    insured = firms.formal_share[enterprise[0]] * firms.si_compliance[enterprise[0]]
    rate = small.params["employer_insurance_contribution_rate"]
    assert np.array_equal(accepts, offered * (1 + rate * insured) >= informal)
    assert accepts.any()
    # a benefit above the offer: refused
    small.persons.benefit[rows] = 2 * offered * (1 + rate)
    assert not matching._acceptable(small, rows, target).any()


def test_a_job_costs_its_pay_floored_in_formal_jobs_and_the_contributions():
    from simulation.wages import expected_job_cost

    def cost(going, formal, insured):
        args = (np.array([going]), np.array([4.0]), np.array([formal]), np.array([insured]))
        return expected_job_cost(*args, 0.2, 0.5)[0]

    assert cost(3.0, 1.0, 1.0) == pytest.approx(4.0 + 0.2 * 4.0)  # the minimum, on it
    assert cost(3.0, 1.0, 0.0) == pytest.approx(4.0)  # not insured
    assert cost(3.0, 0.0, 1.0) == pytest.approx(3.0)  # informal: no floor, no contributions
    assert cost(10.0, 1.0, 1.0) == pytest.approx(10.0 + 0.2 * 5.0)  # on declared pay
    assert cost(3.0, 0.5, 1.0) == pytest.approx(0.5 * 4.8 + 0.5 * 3.0)


def test_an_enterprise_does_not_hire_where_the_minimum_makes_the_job_cost_more_than_it_adds(
    small,
):
    """A domestic firm takes an applicant whose job pays for itself; a minimum-wage rise
    that makes the job (pay at the floor and contributions on it) cost more than the
    applicant adds closes it; a state unit takes the applicant whatever the cost."""
    from simulation.mechanisms.matching import Matching
    from simulation.wages import minimum_wages_in_force

    matching = next(x for x in small.mechanisms if isinstance(x, Matching))
    firms, parameters = small.firms, small.params
    rows = jobseekers(small)[:1]
    small.persons.skill[rows] = 1.0
    for ownership, always in ((Ownership.DOMESTIC, False), (Ownership.STATE, True)):
        firm = np.flatnonzero(firms.active & (firms.ownership == ownership))[:1]
        firms.formal_share[firm] = 1.0
        firms.si_compliance[firm] = 1.0
        firms.wage_premium[firm] = 1.0
        floor = minimum_wages_in_force(small)[firms.district[firm[0]]]
        # the applicant adds 1.25 times the minimum; at a labour share of a half the going
        # rate is below the minimum, so the job costs the minimum plus 21.5 % on it
        units = parameters["hours_mean"] / matching.full_time_hours
        firms.productivity[firm] = 1.25 * floor / units
        assert matching._worth_hiring(small, rows, firm)[0]
        small.policy.minimum_wage_multiplier = 1.06  # 1.06 x 1.215 > 1.25
        assert matching._worth_hiring(small, rows, firm)[0] == always
        small.policy.minimum_wage_multiplier = 1.0
