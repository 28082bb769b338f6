"""The informal margin as a choice (simulation/informal_choice.py), with known answers."""

from __future__ import annotations

import numpy as np
import pytest

from simulation import informal_choice, jobs
from simulation.firms import Ownership
from simulation.population import YOUTH_AGES_MONTHS, Status
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


def test_the_hazard_into_informal_work_is_an_outcome(small):
    small.run()
    rates = [h["informal_entry_rate"] for h in small.history]
    assert all(0 < rate < 1 for rate in rates)


def matching_of(m):
    """The model's matching mechanism, with this month's pay per unit of labour."""
    from simulation.mechanisms.matching import Matching

    matching = next(x for x in m.mechanisms if isinstance(x, Matching))
    matching.pay = informal_choice.pay_per_unit(m)
    return matching


def test_an_offer_below_the_reservation_wage_is_refused(small):
    """A jobseeker accepts a wage job only if it pays at least their reservation wage: what
    they ask, but never less than their benefit and what informal work nearby brings."""
    matching = matching_of(small)
    rows = jobseekers(small)
    firms = small.firms
    enterprise = np.flatnonzero(firms.active & (firms.ownership == Ownership.FDI))[:1]
    target = np.repeat(enterprise, len(rows))
    offered = matching._offered_pay(small, rows, target)
    reservation = informal_choice.reservation_wage(small, rows, matching.pay)
    _, informal = informal_choice.expected_pay(small, rows, matching.pay)
    assert (reservation >= informal).all()
    # with no offer taken below the asked pay, accepted exactly where the offer (with
    # contributions) reaches the reservation wage
    small.params["below_reservation_acceptance"] = 0.0
    accepts = matching._acceptable(small, rows, target)
    insured = firms.formal_share[enterprise[0]] * firms.si_compliance[enterprise[0]]
    rate = small.params["employer_insurance_contribution_rate"]
    assert np.array_equal(accepts, offered * (1 + rate * insured) >= reservation)
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


# ---------------------------------------------------------------- reservation wages

DECLINE = 0.01  # log points a month, for round numbers
LAST_PAY = 100.0  # million VND a month, far above informal income in the base year


def asking(m, rows: np.ndarray, months: int) -> np.ndarray:
    """Reservation wages of ``rows`` with a last pay of LAST_PAY, no benefit, ``months``
    into their spell."""
    m.params["reservation_wage_decline"] = DECLINE
    m.params["reservation_wage_start_ratio"] = 1.0
    m.persons.last_wage[rows] = LAST_PAY
    m.persons.benefit[rows] = 0.0
    m.persons.months_unemployed[rows] = months
    return informal_choice.reservation_wage(m, rows)


def test_the_reservation_wage_starts_at_the_last_pay_and_falls_with_the_spell(small):
    rows = jobseekers(small)
    _, informal = informal_choice.expected_pay(small, rows)
    assert (informal < LAST_PAY * np.exp(-DECLINE * 24)).all()  # the floor does not bind
    start = asking(small, rows, 0)
    year = asking(small, rows, 12)
    two_years = asking(small, rows, 24)
    assert start == pytest.approx(LAST_PAY)
    assert year == pytest.approx(LAST_PAY * np.exp(-DECLINE * 12))
    assert (two_years < year).all() and (year < start).all()


def test_the_reservation_wage_never_falls_below_benefit_or_informal_income(small):
    rows = jobseekers(small)
    _, informal = informal_choice.expected_pay(small, rows)
    # after a very long spell the asked pay is tiny: informal income nearby floors it
    long_spell = asking(small, rows, 1000)
    assert long_spell == pytest.approx(informal)
    # a benefit above informal income floors it at the benefit
    small.persons.benefit[rows] = 2 * informal.max()
    assert informal_choice.reservation_wage(small, rows) == pytest.approx(2 * informal.max())


def test_those_never_paid_and_without_household_support_ask_only_for_the_floor(small):
    rows = jobseekers(small)
    small.persons.last_wage[rows] = 0.0
    small.persons.benefit[rows] = 0.0
    small.persons.months_unemployed[rows] = 0
    small.params["reservation_wage_start_ratio"] = 1.0
    small.params["household_support_ratio"] = 0.0
    _, informal = informal_choice.expected_pay(small, rows)
    assert informal_choice.reservation_wage(small, rows) == pytest.approx(informal)


def test_household_support_is_the_districts_labour_income_per_adult(small):
    persons = small.persons
    support = informal_choice.household_support(small)
    district = int(np.argmax(support))
    employed = (persons.status == Status.EMPLOYED) & (persons.district == district)
    persons.wage[employed] *= 2  # its earners' pay doubles: so does what they can share
    doubled = informal_choice.household_support(small)
    assert doubled[district] == pytest.approx(2 * support[district])
    others = np.arange(len(support)) != district
    assert doubled[others] == pytest.approx(support[others])


def test_a_jobseeker_of_a_better_off_district_holds_out_for_more(small):
    """Two young jobseekers never paid, alike but for their district: the one whose
    district's earners bring in more has the higher floor, and refuses an offer the other
    takes."""
    persons = small.persons
    rows = jobseekers(small)
    persons.last_wage[rows] = 0.0
    persons.months_unemployed[rows] = 0
    small.params["household_support_ratio"] = 1.0
    support = informal_choice.household_support(small)
    poor, rich = int(np.argmin(support)), int(np.argmax(support))
    assert support[rich] > support[poor] > 0
    pair = rows[:2].copy()
    persons.district[pair] = (poor, rich)
    persons.skill[pair] = persons.skill[pair[0]]
    floor = informal_choice.reservation_floor(small, pair, support=support)
    _, informal = informal_choice.expected_pay(small, pair)
    assert floor == pytest.approx(np.maximum(informal, support[[poor, rich]]))
    assert floor[1] > floor[0]
    offer = np.full(2, 0.5 * (floor[0] + floor[1]))  # nothing asked beyond the floor
    takes = informal_choice.accepts_offers(small, pair, offer, support=support)
    assert takes.tolist() == [True, False]
    # with no household term the floor is informal income (and the benefit) alone
    small.params["household_support_ratio"] = 0.0
    assert informal_choice.reservation_floor(small, pair) == pytest.approx(informal)


def test_an_offer_refused_early_in_a_spell_is_accepted_late(small):
    """An offer between the short-spell and the long-spell reservation wage: the jobseeker
    just out of work refuses it, the one out of work for years takes it."""
    matching = matching_of(small)
    rows = jobseekers(small)
    firms = small.firms
    enterprise = np.flatnonzero(firms.active & (firms.ownership == Ownership.FDI))[:1]
    target = np.repeat(enterprise, len(rows))
    insured = firms.formal_share[enterprise[0]] * firms.si_compliance[enterprise[0]]
    rate = small.params["employer_insurance_contribution_rate"]
    value = matching._offered_pay(small, rows, target) * (1 + rate * insured)
    _, informal = informal_choice.expected_pay(small, rows, matching.pay)
    above_informal = value > informal
    assert above_informal.sum() > 10
    rows, target, value = rows[above_informal], target[above_informal], value[above_informal]
    short, long = 1, 48
    small.params["reservation_wage_decline"] = DECLINE
    small.params["reservation_wage_start_ratio"] = 1.0
    # asked pay: 1.2 x the offer a month into the spell, 1.2 x exp(-0.47) = 0.75 x it at 4 years
    small.persons.last_wage[rows] = value * 1.2 * np.exp(DECLINE * short)
    small.persons.benefit[rows] = 0.0
    small.persons.months_unemployed[rows] = short
    small.params["below_reservation_acceptance"] = 0.0
    assert not matching._acceptable(small, rows, target).any()
    small.persons.months_unemployed[rows] = long
    assert matching._acceptable(small, rows, target).all()


def test_offers_between_the_floor_and_the_asked_pay_are_taken_with_a_chance(small):
    """Below the asked pay but above the floor, an offer is taken with the chance
    ``below_reservation_acceptance`` (one draw per jobseeker); below the floor, never."""
    rows = jobseekers(small)
    _, informal = informal_choice.expected_pay(small, rows)
    rows, informal = rows[informal > 0], informal[informal > 0]
    small.persons.benefit[rows] = 0.0
    small.persons.months_unemployed[rows] = 0
    small.persons.last_wage[rows] = 2 * informal
    small.params["reservation_wage_start_ratio"] = 1.0
    between = 1.5 * informal
    draws = small.uniform("below_reservation", rows)
    for chance in (0.0, 0.5, 1.0):
        small.params["below_reservation_acceptance"] = chance
        takes = informal_choice.accepts_offers(small, rows, between)
        assert np.array_equal(takes, draws < chance)
        assert not informal_choice.accepts_offers(small, rows, 0.5 * informal).any()
        asked = small.persons.last_wage[rows].astype(float)  # as stored
        assert informal_choice.accepts_offers(small, rows, asked).all()
    small.params["below_reservation_acceptance"] = 0.5
    assert informal_choice.accepts_offers(small, rows, between).mean() == pytest.approx(
        0.5, abs=0.15
    )


def test_losing_a_job_keeps_its_pay_at_the_mean_full_time_week(small):
    persons = small.persons
    workers = np.flatnonzero((persons.status == Status.EMPLOYED) & (persons.hours > 0))[:5]
    pay = persons.wage[workers] * small.params["hours_mean"] / persons.hours[workers]
    jobs.release(small, workers, Status.UNEMPLOYED)
    assert persons.last_wage[workers] == pytest.approx(pay, rel=1e-6)
    assert (persons.wage[workers] == 0).all()


def test_base_year_jobseekers_past_youth_ask_the_going_rate_and_the_young_nothing(small):
    """The base year's jobseekers aged 25 and over are taken to have lost a wage job paying
    the going rate for their skill; the young look for their first job."""
    persons = small.persons
    unemployed = np.flatnonzero(persons.status == Status.UNEMPLOYED)
    young = persons.age_m[unemployed] < YOUTH_AGES_MONTHS[1]
    assert young.any() and (~young).any()
    assert (persons.last_wage[unemployed[young]] == 0).all()
    formal, _ = informal_choice.expected_pay(small, unemployed[~young])
    assert persons.last_wage[unemployed[~young]] == pytest.approx(formal, rel=1e-6)
