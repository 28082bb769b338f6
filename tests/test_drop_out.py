"""Students' choice to stay on or leave their course (simulation/drop_out.py), on hand-made
incomes with known answers and on a small model."""

from __future__ import annotations

import numpy as np
import pytest

from simulation.drop_out import DropOut
from simulation.mechanisms import Schooling
from simulation.population import CERTIFICATES, Certificate, Status, Track
from tests.conftest import model

PARAMETERS = {
    "school_choice_return_weight": 2.0,
    "vocational_completion_rate": 0.85,
    "university_completion_rate": 0.9,
}
COURSE_MONTHS = {Certificate.INTERMEDIATE: 24, Certificate.UNIVERSITY: 48}
# young adults' expected income by certificate (none, elementary, ..., university)
INCOME = np.array([6.0, 7.5, 7.0, 7.4, 9.5])


def test_the_base_incomes_give_the_datas_completion_rates():
    drop_out = DropOut(PARAMETERS, INCOME, COURSE_MONTHS)
    assert drop_out.completion(INCOME, Certificate.INTERMEDIATE) == pytest.approx(0.85)
    assert drop_out.completion(INCOME, Certificate.UNIVERSITY) == pytest.approx(0.9)


def test_the_monthly_hazard_compounds_to_the_completion_over_the_course():
    drop_out = DropOut(PARAMETERS, INCOME, COURSE_MONTHS)
    level = np.array([Certificate.INTERMEDIATE, Certificate.UNIVERSITY])
    hazard = drop_out.monthly_hazard(INCOME, level, np.full(2, Certificate.NONE))
    assert (1 - hazard[0]) ** 24 == pytest.approx(0.85)
    assert (1 - hazard[1]) ** 48 == pytest.approx(0.9)


def test_better_pay_without_a_certificate_draws_students_out_and_a_premium_keeps_them():
    drop_out = DropOut(PARAMETERS, INCOME, COURSE_MONTHS)
    base = drop_out.completion(INCOME, Certificate.UNIVERSITY)
    work_pays = INCOME.copy()
    work_pays[Certificate.NONE] *= 1.2
    degree_pays = INCOME.copy()
    degree_pays[Certificate.UNIVERSITY] *= 1.2
    assert drop_out.completion(work_pays, Certificate.UNIVERSITY) < base
    assert drop_out.completion(degree_pays, Certificate.UNIVERSITY) > base
    # the response is the choice's: the logit's slope, the weight times the log change
    logit = np.log(base / (1 - base))
    raised = drop_out.completion(degree_pays, Certificate.UNIVERSITY)
    assert np.log(raised / (1 - raised)) - logit == pytest.approx(2.0 * np.log(1.2))


def test_a_student_holding_a_certificate_gains_less_and_leaves_more():
    drop_out = DropOut(PARAMETERS, INCOME, {Certificate.COLLEGE: 30})
    fresh = drop_out.completion(INCOME, Certificate.COLLEGE, Certificate.NONE)
    holder = drop_out.completion(INCOME, Certificate.COLLEGE, Certificate.INTERMEDIATE)
    assert holder < fresh


@pytest.fixture(scope="module")
def year_of_school():
    m = model("scale=100", "seed=0", "end=2022-12")
    students = np.flatnonzero(
        (m.persons.status == Status.STUDENT) & (m.persons.track != Track.UPPER_SECONDARY)
    )
    pids = m.persons.pid[students].copy()
    m.run()
    return m, pids


def test_drop_outs_leave_school_for_work_or_home_and_are_counted(year_of_school):
    m, _ = year_of_school
    dropped = sum(h["vocational_drop_outs"] + h["university_drop_outs"] for h in m.history)
    graduated = sum(
        h["full_time_vocational_graduates"] + h["university_graduates"] for h in m.history
    )
    assert dropped > 0 and graduated > 0
    # a year's completion of those who left is near the data's rates (courses of 6-48
    # months; the intermediate programme after lower secondary is longer than its level's)
    assert 0.7 < graduated / (graduated + dropped) < 0.95
    students = m.persons.status == Status.STUDENT
    # nobody is left on a course with no months to run or no level
    assert not np.any(students & (m.persons.track == Track.NONE))


def test_schooling_expects_the_completion_of_this_months_incomes(year_of_school):
    m, _ = year_of_school
    choice = next(x for x in m.mechanisms if isinstance(x, Schooling)).choice
    income = choice.income_by_certificate(m)
    assert len(income) == len(CERTIFICATES)
    expected = choice.drop_out.completion(income, Certificate.UNIVERSITY)
    done = expected * income[Certificate.UNIVERSITY] + (1 - expected) * income[Certificate.NONE]
    assert choice._path_return(income, Certificate.UNIVERSITY) == pytest.approx(
        choice.weight * np.log(done)
    )
