"""Additionality by mechanism: placements fill open posts (or are not made), loans add
capacity only to enterprises, and the accounting of deadweight and displacement
(analysis/additionality.py) on hand-made examples."""

from __future__ import annotations

import numpy as np
import pytest

from analysis import additionality
from scenarios.credit_programme import CreditProgramme
from scenarios.special_groups import SpecialGroups
from simulation import randomness
from simulation.calendar import parse_month
from simulation.firms import FIRM_COLUMNS, FirmTable, Ownership
from simulation.placement import open_posts, place_in_open_posts
from simulation.policy import Policy
from simulation.population import NO_EMPLOYER, PersonTable, Status

YEARS = 12


class World:
    """Just enough of a model for a lever to place people: persons, firms, parameters,
    draws, flows and the record of beneficiaries."""

    def __init__(self, data, person_rows, firm_rows, month="2024-01"):
        self.data = data
        self.params = {name: p.value for name, p in data.parameters.items()}
        self.policy = Policy()
        self.month = parse_month(month)
        self.draw_month = self.month
        self.scale = 1
        self.seed = 0
        self.short_hours_level = 1.0
        self.flows: dict[str, float] = {}
        self.helped: dict[str, list] = {}
        self.returnees = np.zeros(0, dtype=np.int64)
        people = PersonTable.empty(len(person_rows))
        for i, row in enumerate(person_rows):
            people.age_m[i] = row.get("age", 22) * YEARS
            people.status[i] = row.get("status", Status.UNEMPLOYED)
            people.district[i] = row["district"]
            people.urban[i] = False
            people.skill[i] = 1.0
            people.employer[i] = NO_EMPLOYER
        self.persons = people
        n = len(firm_rows)
        columns = {name: np.zeros(n, dtype=kind) for name, kind in FIRM_COLUMNS.items()}
        columns["fid"] = np.arange(n)
        columns["active"] = np.ones(n, dtype=bool)
        for name in ("ownership", "district", "size", "demand"):
            columns[name] = np.array([row[name] for row in firm_rows])
        columns["capacity"] = columns["demand"].astype(np.float32)
        columns["formal_share"] = np.ones(n)
        columns["productivity"] = np.ones(n)
        self.firms = FirmTable(columns)

    def uniform(self, purpose, rows):
        return randomness.person_uniform(self.seed, purpose, self.month, self.persons.pid[rows])

    def normal(self, purpose, rows):
        return randomness.person_normal(self.seed, purpose, self.month, self.persons.pid[rows])

    def stream(self, name):
        return np.random.default_rng(0)

    def count(self, flow, n):
        self.flows[flow] = self.flows.get(flow, 0.0) + float(n)

    def set_status(self, rows, new):
        self.persons.status[rows] = new

    def record_helped(self, lever, rows):
        if len(rows):
            self.helped.setdefault(lever, []).append((self.month, self.persons.pid[rows].copy()))


# two domestic enterprises: the one in district 0 wants one worker more than it has, the
# one in district 1 has all it wants
FIRMS = [
    {"ownership": Ownership.DOMESTIC, "district": 0, "size": 2, "demand": 3.0},
    {"ownership": Ownership.DOMESTIC, "district": 1, "size": 2, "demand": 2.0},
]


def test_a_placement_takes_an_open_post_of_its_district_or_is_not_made():
    firms = FirmTable(
        {
            **{name: np.zeros(2, dtype=kind) for name, kind in FIRM_COLUMNS.items()},
            "active": np.ones(2, dtype=bool),
            "district": np.array([0, 1]),
            "size": np.array([2, 2]),
            "demand": np.array([3.6, 2.0]),
        }
    )
    posts = open_posts(firms, np.ones(2, dtype=bool))
    assert posts.tolist() == [1, 0]  # whole posts only
    assert open_posts(firms, np.array([False, True])).tolist() == [0, 0]
    who, where = place_in_open_posts(
        np.array([10, 11, 12]), np.array([0, 0, 1]), posts, firms.district, np.random.default_rng(0)
    )
    # one post in district 0 for its first candidate; none for the others
    assert who.tolist() == [10] and where.tolist() == [0]


def special_groups(placements_per_month: int) -> SpecialGroups:
    settings = SpecialGroups.check(
        {"youth_placements_per_year": placements_per_month * YEARS, "returnee_placement": 0.0},
        "x",
    )
    return SpecialGroups(settings)


def test_special_groups_place_into_open_posts_without_creating_jobs(data):
    # four rural young jobseekers, two in each district, all chosen for placement
    world = World(data, [{"district": d} for d in (0, 0, 1, 1)], FIRMS)
    capacity = world.firms.capacity.copy()
    special_groups(4).act(world)
    placed = np.flatnonzero(world.persons.status == Status.EMPLOYED)
    # the district-1 enterprise had no open post: nobody is placed there
    assert world.firms.size.tolist() == [3, 2]
    assert len(placed) == 1 and world.persons.district[placed[0]] == 0
    assert world.persons.employer[placed[0]] == 0
    # no job is created: the post the placement took is no longer open to other hires
    assert np.array_equal(world.firms.capacity, capacity)
    assert open_posts(world.firms, np.ones(2, dtype=bool)).tolist() == [0, 0]
    assert world.flows["special_placements"] == 1
    assert world.flows["special_placements_not_made"] == 3
    assert [ids.tolist() for _, ids in world.helped["special_groups"]] == [
        world.persons.pid[placed].tolist()
    ]


def test_no_placement_in_a_district_without_an_open_post(data):
    # both jobseekers live where the enterprise has all the workers it wants
    world = World(data, [{"district": 1}, {"district": 1}], FIRMS)
    special_groups(2).act(world)
    assert np.all(world.persons.status == Status.UNEMPLOYED)
    assert world.firms.size.tolist() == [2, 2]
    assert world.flows["special_placements"] == 0
    assert world.flows["special_placements_not_made"] == 2
    assert world.helped == {}


def test_credit_adds_capacity_to_enterprises_not_to_household_businesses(data):
    size = int(data.parameters["credit_small_enterprise_size"].value) - 1  # a small enterprise
    firms = [
        {"ownership": Ownership.HOUSEHOLD, "district": 0, "size": 1, "demand": 1.0},
        {"ownership": Ownership.DOMESTIC, "district": 0, "size": size, "demand": float(size)},
    ]
    world = World(data, [{"district": 0, "age": 30}, {"district": 0, "age": 30}], firms)
    # two loans a month, both to firms (none to jobseekers starting a business)
    settings = CreditProgramme.check(
        {"budget_bn_vnd_per_year": 24.0, "loan_million_vnd": 1000.0, "jobseeker_share": 0.0}, "x"
    )
    capacity = world.firms.capacity.copy()
    demand = world.firms.demand.copy()
    CreditProgramme(settings).act(world)
    assert world.firms.size.tolist() == [2, size + 1]
    # the household business's income is shared (local economy); the enterprise's loan
    # funds one more job, which then follows its market
    assert world.firms.capacity.tolist() == [capacity[0], capacity[1] + 1]
    assert np.array_equal(world.firms.demand, demand)
    assert sum(len(ids) for _, ids in world.helped["credit_programme"]) == 2


# ---------------------------------------------------------------------- the accounting


def record(employed_by_month, helped=None, scale=1, first_month=0, retrained=None):
    employed = np.array(employed_by_month, dtype=bool)
    return additionality.RunRecord(
        first_month=first_month,
        employed=employed,
        employed_all=float(employed[-1].sum() * scale),
        retrained=np.array(retrained or [0] * employed.shape[1], dtype=bool),
        helped=helped or {},
        scale=scale,
    )


def test_training_people_who_would_have_trained_anyway_is_deadweight():
    # persons 0 and 1 get a seat; person 1 would have been trained in their firm anyway,
    # and person 2, not helped, is trained in both runs
    base = record([[1, 1, 1, 0]], retrained=[0, 1, 1, 0])
    lever = record(
        [[1, 1, 1, 0]], {"lever": [(0, np.array([0, 1]))]}, scale=10, retrained=[1, 1, 1, 0]
    )
    result = additionality.accounting(lever, base)
    assert result["retrained_G"] == 20
    assert result["retrained_deadweight"] == 0.5
    assert result["retrained_N"] == 10  # one more person trained, not two


def test_helping_people_who_would_be_employed_anyway_is_all_deadweight():
    base = record([[1, 1, 0, 0]] * 2)
    lever = record([[1, 1, 0, 0]] * 2, {"lever": [(0, np.array([0, 1]))]})
    result = additionality.accounting(lever, base)
    assert result["G"] == 2
    assert result["deadweight"] == 1.0
    assert result["N"] == 0 and result["own_gain"] == 0
    assert result["displacement"] == 0.0


def test_a_job_taken_from_someone_else_is_displacement():
    # person 0 is helped into work; person 2 loses the job they would have had
    base = record([[0, 1, 1, 0]] * 2)
    lever = record([[1, 1, 0, 0]] * 2, {"lever": [(0, np.array([0]))]}, scale=10)
    result = additionality.accounting(lever, base)
    assert result["G"] == 10 and result["deadweight"] == 0.0
    assert result["own_gain"] == 10 and result["N"] == 0
    assert result["displacement"] == 1.0
    assert result["spillover"] == 1.0 and result["attrition"] == 0.0


def test_a_new_job_with_no_one_displaced_is_additional_and_newcomers_are_left_out():
    base = record([[0, 1, 0], [0, 1, 0]])
    # person 0 helped in the first month; person 7 (not present at the start) too
    lever = record([[1, 1, 0], [1, 1, 0]], {"lever": [(0, np.array([0, 7])), (1, np.array([0]))]})
    result = additionality.accounting(lever, base)
    assert result["G"] == 1 and result["helped_not_present_at_start"] == 1
    assert result["deadweight"] == 0.0 and result["N"] == 1
    assert result["displacement"] == 0.0


def test_an_exchange_without_beneficiaries_reports_only_its_net_effect():
    result = additionality.accounting(record([[1, 1]]), record([[1, 0]]), False)
    assert result["N"] == 1
    assert np.isnan(result["G"]) and np.isnan(result["displacement"])


@pytest.mark.parametrize(
    "argv, message",
    [
        (["--scenarios", "nowhere"], "--scenarios: unknown lever nowhere"),
        (["--seeds", "3-1"], "--seeds"),
        (["--seeds", "a"], "--seeds"),
        (["--seeds", "0", "--scale", "0"], "scale: people per agent must be at least 1"),
    ],
)
def test_bad_input_is_one_line_and_exit_code_2(argv, message, capsys):
    with pytest.raises(SystemExit) as stop:
        additionality.main(argv)
    assert stop.value.code == 2
    error = capsys.readouterr().err
    assert message in error and len(error.strip().splitlines()) == 1


def test_the_script_runs_a_lever_against_its_baseline(tmp_path, capsys):
    out = tmp_path / "additionality.csv"
    additionality.main(
        ["--scenarios", "special_groups", "--seeds", "0", "--scale", "200", "--out", str(out)]
        + ["end=2023-09"]
    )
    table = __import__("pandas").read_csv(out)
    assert table["lever"].tolist() == ["special_groups"] and table["horizon"][0] == "2023-09"
    assert table["G"][0] > 0 and 0.0 <= table["deadweight"][0] <= 1.0
    printed = capsys.readouterr().out
    assert "special_groups" in printed
    # every measure printed says what it is
    assert set(additionality.MEASURE_LABELS) == set(additionality.MEASURES)
    assert additionality.MEASURE_LABELS["G"] in printed
