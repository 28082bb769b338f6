"""Transitions between labour-market states as a survey panel measures them
(analysis/transitions.py)."""

from __future__ import annotations

import subprocess
import sys

import pandas as pd
import pytest

from analysis.stylised_facts import exits_by_destination
from analysis.transitions import FROM_STATES, transition_counts, transition_rates
from simulation.config import ROOT
from simulation.labour_flows import LABELS, LabourState
from tests.conftest import model

SCALE = 50
# the survey-like measure (month boundaries) and the jobseekers followed from one month's
# matching to the next (simulation/spell_exits.py) differ by about 0.05 at this scale
SAME_STORY = 0.1


@pytest.fixture(scope="module")
def quarterly():
    return transition_rates(transition_counts(SCALE, 0, 2022, 3))


def test_each_states_shares_add_up_to_one(quarterly):
    assert list(quarterly.index) == [LABELS[state] for state in FROM_STATES]
    assert quarterly.sum(axis=1).to_numpy() == pytest.approx(1.0)
    assert (quarterly.to_numpy() >= 0).all()


def test_work_and_inactivity_persist_and_unemployment_does_not(quarterly):
    stay = {state: quarterly.loc[LABELS[state], LABELS[state]] for state in FROM_STATES}
    unemployed = stay.pop(LabourState.UNEMPLOYED)
    assert min(stay.values()) > 0.9
    assert unemployed < min(stay.values())
    # the unemployed leave mostly for work, formal or informal
    leaving = quarterly.loc[LABELS[LabourState.UNEMPLOYED]]
    assert leaving[LABELS[LabourState.FORMAL]] + leaving[LABELS[LabourState.INFORMAL]] > 0.5


def test_the_monthly_exit_from_unemployment_tells_the_spells_story():
    """1 - the monthly unemployed-to-unemployed share agrees with the exit hazard of the
    jobseekers followed from one month's matching to the next, another measure."""
    rates = transition_rates(transition_counts(SCALE, 0, 2022, 1))
    survey_exit = 1 - rates.loc[LABELS[LabourState.UNEMPLOYED], LABELS[LabourState.UNEMPLOYED]]
    run = model(f"scale={SCALE}", "end=2022-12")
    run.run()
    hazard = sum(exits_by_destination(pd.DataFrame(run.history).set_index("month")).values())
    assert 0 < hazard < 1
    assert survey_exit == pytest.approx(hazard, abs=SAME_STORY)


def test_a_bad_interval_is_refused_in_one_line():
    done = subprocess.run(
        [sys.executable, "-m", "analysis.transitions", "--months", "5"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 2
    assert done.stderr.strip().count("\n") == 0 and "--months" in done.stderr


@pytest.mark.parametrize(
    ("arguments", "named", "not_named"),
    [
        (["--scale", "100000000", "--seeds", "1"], "--scale", "--year"),
        (["--year", "2031", "--seeds", "1", "--scale", "500"], "--year 2031", "--scale"),
    ],
)
def test_a_run_that_cannot_be_made_is_refused_naming_the_option_at_fault(
    arguments, named, not_named
):
    done = subprocess.run(
        [sys.executable, "-m", "analysis.transitions", *arguments],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.strip().count("\n") == 0
    assert named in done.stderr and not_named not in done.stderr
