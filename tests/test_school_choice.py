"""Choices at 15 and 18 (simulation/school_choice.py) and the take-up of courses
(simulation/training_choice.py), on small models and hand-made cases with known answers."""

from __future__ import annotations

import numpy as np
import pytest

from simulation.mechanisms import Schooling
from simulation.population import Certificate, Status
from simulation.randomness import TRAIT_MONTH, person_normal
from simulation.school_choice import AtEighteen, AtFifteen, logit_shares
from simulation.training_choice import present_value_months, take_up_chance
from tests.conftest import model


@pytest.fixture(scope="module")
def small():
    return model("scale=200", "seed=0", "end=2022-12")


def schooling(m) -> Schooling:
    return next(x for x in m.mechanisms if isinstance(x, Schooling))


def test_the_constants_reproduce_the_streaming_shares_of_the_data_in_the_base_month(small):
    choice, parameters = schooling(small).choice, small.params
    income = choice.income_by_certificate(small)
    fifteen = choice._fifteen_shares(income)
    assert fifteen[AtFifteen.PUBLIC_UPPER] == pytest.approx(
        parameters["grade_ten_public_quota_share"] * parameters["grade_ten_public_take_up"]
    )
    assert fifteen[AtFifteen.OTHER_UPPER] == pytest.approx(
        parameters["lower_secondary_other_upper_share"]
    )
    assert fifteen[AtFifteen.VOCATIONAL] == pytest.approx(
        parameters["lower_secondary_vocational_share"]
    )
    eighteen = logit_shares(choice._eighteen_values(income))
    assert eighteen[AtEighteen.UNIVERSITY] == pytest.approx(
        parameters["upper_secondary_university_share"]
    )
    assert eighteen[AtEighteen.COLLEGE] + eighteen[AtEighteen.INTERMEDIATE] == pytest.approx(
        parameters["upper_secondary_vocational_share"]
    )


def test_a_full_public_quota_sends_the_lowest_scorers_to_the_other_tracks(small):
    choice = schooling(small).choice
    rows = np.arange(len(small.persons))
    score = person_normal(small.seed, "grade_ten_score", TRAIT_MONTH, small.persons.pid)
    income = choice.income_by_certificate(small)
    path, _ = choice.at_fifteen(small, rows, income)
    public = path == AtFifteen.PUBLIC_UPPER
    admitted = choice.admitted(small, rows)
    assert not public[~admitted].any()  # no place without the score
    assert score[admitted].min() > score[~admitted].max()  # places go by score
    assert admitted.mean() == pytest.approx(choice.quota_share, abs=0.01)
    # a smaller quota: those who lose their place are the lowest scorers of the admitted
    base = choice.base_quota_share
    try:
        choice.base_quota_share = base - 0.1
        choice.quota_share = choice.base_quota_share
        fewer = choice.admitted(small, rows)
        lost = admitted & ~fewer
        assert lost.any() and not (fewer & ~admitted).any()
        assert score[lost].max() < score[fewer].min()
        narrower, _ = choice.at_fifteen(small, rows, income)
        # the pupils who lost their place go to the other paths, more of them to
        # vocational training and other upper secondary
        assert not (narrower[lost] == AtFifteen.PUBLIC_UPPER).any()
        assert (narrower == AtFifteen.VOCATIONAL).mean() > (path == AtFifteen.VOCATIONAL).mean()
    finally:
        choice.base_quota_share = base
        choice.quota_share = base


def test_a_better_pay_premium_draws_more_students_into_a_track(small):
    choice = schooling(small).choice
    income = choice.income_by_certificate(small)
    shares = logit_shares(choice._eighteen_values(income))
    richer = income.copy()
    richer[Certificate.COLLEGE] *= 1.2
    more = logit_shares(choice._eighteen_values(richer))
    assert more[AtEighteen.COLLEGE] > shares[AtEighteen.COLLEGE]
    assert more[AtEighteen.UNIVERSITY] < shares[AtEighteen.UNIVERSITY]
    # and at 15: the value of upper secondary carries the choice at 18 (a nested logit)
    richer_university = income.copy()
    richer_university[Certificate.UNIVERSITY] *= 1.2
    assert (
        choice._fifteen_shares(richer_university)[AtFifteen.OTHER_UPPER]
        > choice._fifteen_shares(income)[AtFifteen.OTHER_UPPER]
    )


def test_guidance_raises_the_vocational_paths(small):
    choice = schooling(small).choice
    income = choice.income_by_certificate(small)
    before = choice._fifteen_shares(income)[AtFifteen.VOCATIONAL]
    try:
        choice.guidance = 0.5
        after = choice._fifteen_shares(income)[AtFifteen.VOCATIONAL]
    finally:
        choice.guidance = 0.0
    assert after > before


def test_vocational_seats_bind_only_where_they_run_out():
    full = model("scale=50", "seed=0", "end=2022-12")
    empty = model("scale=50", "seed=0", "end=2022-12")
    for school in full.schools:  # seats to spare
        school.intake_capacity = school.base_capacity = 10 * school.base_capacity
    for school in empty.schools:
        if "intermediate" in school.levels:
            school.intake_capacity = school.base_capacity = 0.0
    full.run()
    empty.run()
    assert sum(h["lower_secondary_to_vocational"] for h in full.history) > 0
    assert sum(h["lower_secondary_to_vocational"] for h in empty.history) == 0
    # with seats, those who chose vocational training are placed: the share is near the data's
    share = sum(h["lower_secondary_to_vocational"] for h in full.history) / sum(
        h["lower_secondary_graduates"] for h in full.history
    )
    assert share == pytest.approx(full.params["lower_secondary_vocational_share"], abs=0.04)


# ---------------------------------------------------------------------- take-up of courses


def test_present_value_of_a_month_stream():
    assert present_value_months(np.array([12]), 0.0)[0] == 12
    assert present_value_months(np.array([12]), 0.1)[0] == pytest.approx(
        sum(1.1 ** (-(m + 1) / 12) for m in range(12))
    )
    assert present_value_months(np.array([0]), 0.1)[0] == 0


def test_the_young_take_courses_more_often_than_the_old_and_a_better_course_more(small):
    persons = small.persons
    workers = np.flatnonzero(persons.status == Status.EMPLOYED)
    age = persons.age_m[workers]
    young = workers[(age >= 25 * 12) & (age < 30 * 12)]
    old = workers[(age >= 50 * 12) & (age < 55 * 12)]
    assert take_up_chance(small, young, 0.1, 4).mean() > take_up_chance(small, old, 0.1, 4).mean()
    assert take_up_chance(small, young, 0.2, 4).mean() > take_up_chance(small, young, 0.1, 4).mean()
    # a jobseeker gives up no pay for a course: the same persons without work take it more
    working = take_up_chance(small, young, 0.1, 12)
    status = persons.status[young].copy()
    try:
        persons.status[young] = Status.UNEMPLOYED
        searching = take_up_chance(small, young, 0.1, 12)
    finally:
        persons.status[young] = status
    assert (searching > working).all()


def test_a_completed_course_counts_as_retrained_once_and_a_started_one_does_not():
    m = model("scale=200", "seed=1", "end=2022-12")
    school = schooling(m)
    persons = m.persons
    rows = np.flatnonzero(
        (persons.status == Status.EMPLOYED)
        & (persons.course_left == 0)
        & (persons.certificate == Certificate.NONE)
        & ~persons.retrained
    )[:50]
    pids = persons.pid[rows].copy()
    school._start_part_time(m, rows, Certificate.ELEMENTARY)
    assert not persons.retrained[rows].any()  # started, not completed
    months = int(m.params["part_time_elementary_course_months"])
    m.params["vocational_completion_rate"] = 1.0  # everyone completes
    m.flows = {}
    for _ in range(months):
        school._part_time_courses(m)
    rows = np.flatnonzero(np.isin(persons.pid, pids))
    assert persons.retrained[rows].all()
    assert m.flows["retraining_completions"] >= len(rows)
    share_before = persons.retrained.mean()
    school._complete_training(m, rows)  # a second course: the same persons, counted once
    assert persons.retrained.mean() == share_before


def test_short_courses_count_only_the_completers():
    m = model("scale=200", "seed=2", "end=2022-12")
    school = schooling(m)
    persons = m.persons
    rows = np.flatnonzero((persons.status == Status.UNEMPLOYED) & ~persons.retrained)
    m.params["short_course_completion_rate"] = 0.5
    skill = persons.skill[rows].copy()
    completed = school._short_courses(m, rows, 0.1, "test_short")
    assert 0 < len(completed) < len(rows)
    assert persons.retrained[completed].all()
    dropped = np.setdiff1d(rows, completed)
    assert not persons.retrained[dropped].any()
    assert np.allclose(persons.skill[dropped], skill[np.isin(rows, dropped)])
    assert np.allclose(persons.skill[completed], skill[np.isin(rows, completed)] * 1.1, rtol=1e-6)


def test_firms_train_less_where_workers_leave_sooner_and_more_with_co_funding(small):
    from simulation.training_choice import firm_training_chance

    parameters = small.params
    share = np.array([0.5, 0.5])
    chance = firm_training_chance(parameters, share, np.array([0.002, 0.02]), 0.0)
    assert chance[0] > chance[1]  # workers who stay longer are worth training
    keeps_more = firm_training_chance(parameters, np.array([0.35]), np.array([0.01]), 0.0)
    keeps_less = firm_training_chance(parameters, np.array([0.7]), np.array([0.01]), 0.0)
    assert keeps_more[0] > keeps_less[0]  # a firm that keeps more of the output gain
    supported = firm_training_chance(parameters, share, np.array([0.002, 0.02]), 0.5)
    assert (supported > chance).all()


def test_enterprises_pay_for_certificate_courses_that_pay_them_and_only_their_workers(small):
    from simulation.firms import IS_ENTERPRISE, Ownership

    school = schooling(small)
    persons, firms = small.persons, small.firms
    employer = persons.employer
    employed = (persons.status == Status.EMPLOYED) & (employer >= 0)
    enterprise = np.zeros(len(persons), dtype=bool)
    enterprise[employed] = IS_ENTERPRISE[firms.ownership[employer[employed]]]
    fdi = np.zeros(len(persons), dtype=bool)
    fdi[employed] = firms.ownership[employer[employed]] == Ownership.FDI
    uncertified = persons.certificate == Certificate.NONE
    rows = np.concatenate(
        [
            np.flatnonzero(enterprise & uncertified)[:50],
            np.flatnonzero(employed & ~enterprise & uncertified)[:50],
            np.flatnonzero(persons.status == Status.UNEMPLOYED)[:50],
        ]
    )
    level = np.full(len(rows), Certificate.ELEMENTARY, dtype=np.int8)
    chance = school._sponsor_chance(small, rows, level)
    assert (chance[:50] > 0).all()  # enterprises weigh it
    assert (chance[50:] == 0).all()  # farms, household businesses and jobseekers do not
    # a course worth less to the firm (an upgrade to a level that pays less) is paid for less
    holders = np.flatnonzero(fdi & (persons.certificate == Certificate.ELEMENTARY))[:20]
    upgrade = school._sponsor_chance(
        small, holders, np.full(len(holders), Certificate.INTERMEDIATE, dtype=np.int8)
    )
    first = school._sponsor_chance(
        small,
        np.flatnonzero(fdi & uncertified)[:20],
        np.full(20, Certificate.ELEMENTARY, dtype=np.int8),
    )
    assert upgrade.max() < first.min()


def test_in_firm_training_is_the_assumed_rate_on_average_in_the_base_month(small):
    from simulation.firms import IS_ENTERPRISE

    school = schooling(small)
    persons = small.persons
    workers = np.flatnonzero((persons.status == Status.EMPLOYED) & (persons.employer >= 0))
    ownership = small.firms.ownership[persons.employer[workers]]
    ownership = ownership[IS_ENTERPRISE[ownership]]
    factor = school.in_firm_training_factor(small, 0.0)
    # normalised on the base month's enterprise workers (the fixture's model is not stepped)
    assert np.mean(factor[ownership]) == pytest.approx(1.0)
    assert (school.in_firm_training_factor(small, 0.3) > factor).all()
