"""Unemployment-insurance benefit and the contribution record that decides it
(simulation/unemployment_benefit.py), with known answers from the Law on Employment 2013."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis import stylised_facts
from simulation import jobs, unemployment_benefit
from simulation.population import NO_RECORD, Status
from simulation.unemployment_benefit import (
    BENEFIT_DENIED,
    BENEFIT_MONTHS,
    BENEFIT_STARTS,
    entitlement,
)
from tests.conftest import model


@pytest.fixture
def small():
    """A fresh base year at 200 people per agent."""
    return model("scale=200", "end=2022-03")


def insured_workers(m, count: int) -> np.ndarray:
    persons = m.persons
    rows = np.flatnonzero((persons.status == Status.EMPLOYED) & persons.ui)[:count]
    assert len(rows) == count
    return rows


def test_the_length_of_the_benefit_follows_the_record_as_the_law_sets_it(small):
    """Art. 50: 3 months for 12-36 months of contributions, a month more for each further
    12, at most 12; the months of record the benefit stands for are used up."""
    record = np.array([12, 36, 47, 48, 60, 200], dtype=np.int16)
    months, used = entitlement(small.params, record)
    assert months.tolist() == [3, 3, 3, 4, 5, 12]
    assert used.tolist() == [12, 36, 36, 48, 60, 144]


def test_a_job_loser_qualifies_with_a_years_record_and_not_with_less(small):
    persons = small.persons
    rows = insured_workers(small, 6)
    persons.ui_record_months[rows] = [11, 0, 12, 40, 50, 160]
    wages = persons.wage[rows].copy()
    starts = small.flows.get(BENEFIT_STARTS, 0.0)
    denied = small.flows.get(BENEFIT_DENIED, 0.0)
    jobs.release(small, rows, Status.UNEMPLOYED)
    assert small.flows[BENEFIT_STARTS] - starts == 4
    assert small.flows[BENEFIT_DENIED] - denied == 2
    assert persons.benefit_months[rows].tolist() == [0, 0, 3, 3, 4, 12]
    assert (persons.benefit[rows[:2]] == 0).all()
    replacement = small.params["ui_replacement_rate"]
    assert persons.benefit[rows[2:]] == pytest.approx(replacement * wages[2:])
    # what the benefit did not use stays on the record (Art. 53)
    assert persons.ui_record_months[rows].tolist() == [11, 0, 0, 4, 2, 16]


def test_a_benefit_runs_its_months_and_stops_at_a_job(small):
    persons = small.persons
    rows = insured_workers(small, 2)
    persons.ui_record_months[rows] = 48
    jobs.release(small, rows, Status.UNEMPLOYED)
    assert (persons.benefit_months[rows] == 4).all()
    for _ in range(3):
        unemployment_benefit.age_benefits(persons)
    assert (persons.benefit_months[rows] == 1).all() and (persons.benefit[rows] > 0).all()
    unemployment_benefit.age_benefits(persons)
    assert (persons.benefit[rows] == 0).all() and (persons.benefit_months[rows] == 0).all()
    unemployment_benefit.end_benefits(persons, rows)  # a job ends it at once, too
    assert (persons.benefit[rows] == 0).all()


def test_only_insured_job_losers_who_look_for_work_are_counted(small):
    """Neither the uninsured nor insured job losers who leave the labour force count as
    benefit starts or as denied."""
    persons = small.persons
    employed = np.flatnonzero((persons.status == Status.EMPLOYED) & (persons.employer >= 0))
    insured, uninsured = employed[persons.ui[employed]][:4], employed[~persons.ui[employed]][:3]
    leaving = employed[persons.ui[employed]][4:6]
    persons.ui_record_months[insured] = 24
    starts = small.flows.get(BENEFIT_STARTS, 0.0)
    denied = small.flows.get(BENEFIT_DENIED, 0.0)
    jobs.release(small, np.concatenate([insured, uninsured]), Status.UNEMPLOYED)
    jobs.release(small, leaving, Status.INACTIVE)
    assert small.flows[BENEFIT_STARTS] - starts == len(insured)
    assert small.flows.get(BENEFIT_DENIED, 0.0) - denied == 0


def test_the_record_grows_in_insured_work_and_is_forgotten_after_a_year_out(small):
    persons, parameters = small.persons, small.params
    rows = np.arange(4)
    persons.ui[rows] = [True, False, False, False]
    persons.ui_record_months[rows] = [5, 20, 20, 20]
    forget = unemployment_benefit.forget_after_months(parameters)
    assert forget == 12  # 12 of the last 24 months: a year out leaves too few
    persons.si_out_months[rows] = [0, forget - 1, forget, NO_RECORD]
    unemployment_benefit.count_contributions(persons, parameters)
    assert persons.ui_record_months[rows].tolist() == [6, 20, 0, 20]


def test_the_base_years_records_belong_to_the_insured_and_fit_the_scheme(small):
    persons, parameters = small.persons, small.params
    records = persons.ui_record_months
    assert (records[~persons.ui] == 0).all()
    insured = records[persons.ui]
    assert (insured >= 1).all()
    scheme_months = small.month - int(parameters["ui_scheme_start_year"]) * 12
    assert insured.max() <= scheme_months
    # geometric with the data's mean, cut at the scheme's age: a little below the mean
    mean = parameters["ui_record_start_mean_months"]
    assert 0.8 * mean < insured.mean() < mean


def test_a_province_run_denies_some_insured_job_losers_and_pays_most(small):
    """In the province some insured job losers lack the record and most have it; the
    stylised facts give the denied share and the benefits' mean length from the flows."""
    small.run()
    history = pd.DataFrame(small.history).set_index("month")
    starts, denied = history[BENEFIT_STARTS].sum(), history[BENEFIT_DENIED].sum()
    assert starts > denied > 0
    facts = stylised_facts.facts(history)
    assert facts["unemployment_benefit_denied_share"] == pytest.approx(denied / (starts + denied))
    mean = facts["unemployment_benefit_mean_months"]
    assert mean == pytest.approx(history[BENEFIT_MONTHS].sum() / starts)
    assert small.params["ui_benefit_months"] <= mean <= small.params["ui_benefit_months_max"]
