"""Where unemployment spells end (simulation/spell_exits.py): exits counted against the
jobseekers themselves, and the hazards and long-term share read from them."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis import stylised_facts
from simulation import spell_exits
from simulation.mechanisms.matching import Matching
from simulation.population import UNEMPLOYMENT_DURATIONS, Status
from simulation.spell_exits import (
    Destination,
    destination_flow,
    entry_flow,
    entry_origins,
    exit_flow,
    informal_exit_flow,
)
from simulation.unemployment_benefit import BENEFIT_STARTS
from tests.conftest import model

SPELLS = tuple(spell.name for spell in UNEMPLOYMENT_DURATIONS)


def matching_of(m) -> Matching:
    return next(mechanism for mechanism in m.mechanisms if isinstance(mechanism, Matching))


def test_exits_are_the_jobseekers_of_a_month_not_among_those_of_the_next():
    """Each month's exits, by spell and by destination, are exactly last month's jobseekers
    (at matching) who are not among this month's: counted against the persons' ids."""
    m = model("scale=100", "end=2022-06")
    matching = matching_of(m)
    m.step()
    checked = 0
    while m.month <= m.end:
        before = matching.jobseekers_before
        m.step()
        after = matching.jobseekers_before
        gone = ~np.isin(before.pids, after.pids)
        flows = m.history[-1]
        for spell in UNEMPLOYMENT_DURATIONS:
            expected = np.count_nonzero(gone & spell.holds(before.months)) * m.scale
            assert flows[exit_flow(spell.name)] == expected
        by_destination = sum(flows[destination_flow(code)] for code in Destination)
        assert by_destination == np.count_nonzero(gone) * m.scale
        informal = sum(flows[informal_exit_flow(spell)] for spell in SPELLS)
        assert informal == (
            flows[destination_flow(Destination.HOUSEHOLD_BUSINESS)]
            + flows[destination_flow(Destination.FARM)]
        )
        for spell in SPELLS:
            assert flows[informal_exit_flow(spell)] <= flows[exit_flow(spell)]
        assert np.count_nonzero(gone) > 0
        checked += 1
    assert checked == 5


def test_a_constant_hazard_gives_the_geometric_long_term_share():
    """With the same exit hazard h at every spell length, a stationary stock holds
    (1 - h)^d of each month's entrants at d months, so (1 - h)^12 of it is at 12 or more."""
    hazard = 0.1
    share = spell_exits.stationary_long_term_share(dict.fromkeys(SPELLS, hazard))
    assert share == pytest.approx((1 - hazard) ** 12)


def test_slower_exits_from_long_spells_raise_the_long_term_share():
    fast = spell_exits.stationary_long_term_share(dict.fromkeys(SPELLS, 0.2))
    slow_tail = spell_exits.stationary_long_term_share(
        dict.fromkeys(SPELLS, 0.2) | {SPELLS[-1]: 0.05}
    )
    assert slow_tail == pytest.approx(4 * fast / (1 + 3 * fast))  # 1/h of the tail: 4x
    assert slow_tail > fast
    never_leaving = spell_exits.stationary_long_term_share(
        dict.fromkeys(SPELLS, 0.2) | {SPELLS[-1]: 0.0}
    )
    assert never_leaving == 1.0


def test_hazards_pair_each_months_exits_with_the_month_before():
    stock = {name: np.array([10.0, 20.0, 40.0]) for name in SPELLS}
    exits = {name: np.array([0.0, 5.0, 4.0]) for name in SPELLS}  # first month: none seen
    hazards = spell_exits.exit_hazards(stock, exits)
    assert hazards == dict.fromkeys(SPELLS, pytest.approx(9 / 30))
    stock[SPELLS[-1]] = np.zeros(3)
    assert np.isnan(spell_exits.exit_hazards(stock, exits)[SPELLS[-1]])


def test_the_stylised_facts_read_the_exit_hazards_of_a_run():
    m = model("scale=100", "end=2022-12")
    m.run()
    facts = stylised_facts.facts(pd.DataFrame(m.history).set_index("month"))
    hazards = facts["unemployment_exit_hazard_by_duration"]
    assert set(hazards) == set(SPELLS)
    assert all(0 < hazard < 1 for hazard in hazards.values())
    destinations = facts["unemployment_exit_hazard_by_destination"]
    assert sum(destinations.values()) == pytest.approx(
        sum(sum(h[exit_flow(name)] for h in m.history[1:]) for name in SPELLS)
        / sum(sum(h[f"unemployed_{name}"] for h in m.history[:-1]) for name in SPELLS)
    )
    assert destinations["wage_job"] > 0 and destinations["household_business"] > 0
    informal = facts["informal_exit_hazard_by_duration"]
    assert set(informal) == set(SPELLS)
    assert all(0 < informal[name] <= hazards[name] for name in SPELLS)
    participants = sum(h["ui_participants"] for h in m.history)
    starts = sum(h[BENEFIT_STARTS] for h in m.history)
    yearly = facts["unemployment_benefit_starts_per_participant_a_year"]
    assert yearly == pytest.approx(12 * starts / participants) and 0 < yearly < 1
    stationary = facts["long_term_unemployed_share_stationary"]
    assert stationary == pytest.approx(spell_exits.stationary_long_term_share(hazards))
    assert 0 < stationary < 1


def test_every_status_but_unemployment_is_an_origin_of_moves_into_it():
    statuses = {status.name.lower() for status in Status if status != Status.UNEMPLOYED}
    assert set(entry_origins()) == statuses | {spell_exits.ARRIVED}


def test_moves_into_unemployment_are_counted_by_where_people_came_from():
    m = model("scale=200", "end=2022-03")
    employed = np.flatnonzero(m.persons.status == Status.EMPLOYED.value)[:5]
    inactive = np.flatnonzero(m.persons.status == Status.INACTIVE.value)[:3]
    m.transitions[:] = 0
    m.set_status(employed, Status.UNEMPLOYED.value)
    m.set_status(inactive, Status.UNEMPLOYED.value)
    m.flows = {}
    spell_exits.count_entries(m)
    counts = {origin: m.flows[entry_flow(origin)] for origin in entry_origins()}
    assert counts == {origin: 0.0 for origin in entry_origins()} | {
        "employed": 5.0,
        "inactive": 3.0,
    }


def test_the_stylised_facts_read_moves_into_unemployment_per_labour_force():
    m = model("scale=100", "end=2022-12")
    m.run()
    monthly = pd.DataFrame(m.history).set_index("month")
    inflow = stylised_facts.facts(monthly)["unemployment_inflow_by_origin"]
    assert set(inflow) == set(entry_origins())
    moves = sum(h[entry_flow(origin)] for h in m.history for origin in entry_origins())
    assert sum(inflow.values()) == pytest.approx(moves / monthly["labour_force"].sum())
    assert inflow["employed"] > 0 and inflow["student"] > 0


def test_school_leavers_going_on_to_a_course_never_pass_through_unemployment():
    # a year of one run: upper-secondary graduates choose what next before they leave
    # school, so moves into unemployment from school are only of those who go to work
    run = model("scale=100", "end=2022-12")
    went_on = 0
    for _ in range(12):
        run.step()
        assert run.transitions[Status.UNEMPLOYED, Status.STUDENT] == 0
        went_on += run.transitions[Status.STUDENT, Status.STUDENT]
    assert went_on > 0  # graduates went on to university or vocational courses


def test_facts_with_a_published_figure_are_followed_by_it(tmp_path):
    """The benefit starts are set beside the latest published rate of the run's own
    province data; a fact the runs did not give, or a run without readable data, gets
    none."""
    found = {"unemployment_benefit_starts_per_participant_a_year": 0.085}
    assert stylised_facts.published_beside(str(tmp_path), found) == []  # no configuration
    (tmp_path / "config_resolved.yaml").write_text("province:\n  data_dir: data/hai_duong\n")
    lines = stylised_facts.published_beside(str(tmp_path), found)
    assert len(lines) == 1
    assert lines[0].startswith("published: ui_benefit_start_rate")
    assert lines[0].endswith("0.0780 (2020)")  # insurance.csv's latest year


def test_the_benefit_start_rate_is_the_yearly_starts_per_participant():
    """Hand-made months: 1 and 2 starts among 100 participants each month are 3 starts in
    200 participant-months, 0.18 a participant a year; no participant, no rate."""
    months = pd.DataFrame({BENEFIT_STARTS: [1.0, 2.0], "ui_participants": [100.0, 100.0]})
    assert stylised_facts.benefit_start_rate(months) == pytest.approx(0.18)
    months["ui_participants"] = 0.0
    assert np.isnan(stylised_facts.benefit_start_rate(months))
