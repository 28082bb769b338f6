"""The skills forecast (issue #18): the panel's measures and the forecast's arithmetic on
small hand-made states with known shortages, the command's refusals, and one short run
past 2025."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from analysis.forecast import ForecastError, across_seeds, balance, forecast, yearly_panel
from analysis.forecast.balance import extremes
from analysis.forecast.training_plan import intake_years, training_plan, vocational_seats
from simulation.calendar import parse_month
from simulation.firms import FIRM_COLUMNS, FirmTable, Ownership
from simulation.labour_law import minimum_wage_table
from simulation.population import Certificate, PersonTable, Sector, Status
from simulation.skills_panel import SkillsPanel, certified_level_mix, wanted_by_level
from tests.conftest import TinyWorld, model

INDUSTRY, SERVICES = int(Sector.INDUSTRY), int(Sector.SERVICES)
FDI = int(Ownership.FDI)


# --------------------------------------------------------------------------- the panel


def test_firms_wanted_workers_by_level_follow_their_certified_share_and_kind_mix():
    # FDI industry employs 1 elementary and 3 college holders: its certified mix is 1/4, 3/4
    mix = certified_level_mix(
        np.array([INDUSTRY] * 5),
        np.array([FDI] * 5),
        np.array([0, 1, 3, 3, 3]),
    )
    assert mix[INDUSTRY, FDI] == pytest.approx([0.25, 0.0, 0.75, 0.0])
    # a kind of firm with no certified worker takes its sector's mix
    assert mix[INDUSTRY, int(Ownership.DOMESTIC)] == pytest.approx([0.25, 0.0, 0.75, 0.0])
    # two FDI firms want 40 and 60 workers, half and a tenth of them certified
    wanted = wanted_by_level(
        np.array([INDUSTRY, INDUSTRY]),
        np.array([FDI, FDI]),
        np.array([40.0, 60.0]),
        np.array([0.5, 0.1]),
        mix,
    )
    certified = 40 * 0.5 + 60 * 0.1
    assert wanted[INDUSTRY] == pytest.approx(
        [100 - certified, certified / 4, 0, certified * 3 / 4, 0]
    )
    assert wanted[SERVICES].sum() == 0


class HandMadeProvince(TinyWorld):
    """Six persons and two FDI firms in industry, stepped by hand."""

    def __init__(self, data):
        super().__init__(data, month="2026-01")
        persons = PersonTable.empty(6)
        persons.pid[:] = np.arange(6)
        persons.age_m[:] = 30 * 12
        employed = [0, 1, 2, 3]
        persons.status[:] = Status.EMPLOYED
        persons.status[4] = Status.STUDENT
        persons.status[5] = Status.UNEMPLOYED
        persons.sector[employed] = [INDUSTRY, INDUSTRY, SERVICES, INDUSTRY]
        persons.employer[employed] = [0, 0, -2, 1]  # person 2 works in another province
        persons.certificate[:] = [Certificate.COLLEGE, 0, 0, Certificate.ELEMENTARY, 0, 0]
        self.persons = persons
        firms = FirmTable({name: np.zeros(2, dtype=kind) for name, kind in FIRM_COLUMNS.items()})
        firms.active[:] = True
        firms.sector[:] = INDUSTRY
        firms.ownership[:] = FDI
        firms.size[:] = [2, 1]
        firms.demand[:] = [4, 1]  # firm 0 wants two more workers
        firms.certified_wanted[:] = [0.5, 1.0]
        self.firms = firms


def panel_frame(panel) -> pd.DataFrame:
    frame = pd.DataFrame(panel.rows)
    return frame.set_index(["sector", "level", "quantity"])["value"]


def test_the_panel_measures_stocks_and_flows_of_a_hand_made_month(data):
    world = HandMadeProvince(data)
    panel = SkillsPanel(world)
    # certified workers of FDI industry firms: one college, one elementary holder
    assert panel.mix[INDUSTRY, FDI] == pytest.approx([0.5, 0.0, 0.5, 0.0])
    # a month later: person 0 (college, industry) retired at 63, person 2 (services, in
    # another province) left the province, person 4 left school with an intermediate
    # certificate and looks for work, person 3 gained a college certificate at work
    persons = world.persons
    persons.age_m[0] = 63 * 12
    persons.status[0] = Status.INACTIVE
    persons.status[4] = Status.UNEMPLOYED
    persons.certificate[4] = Certificate.INTERMEDIATE
    persons.certificate[3] = Certificate.COLLEGE
    kept = [0, 1, 3, 4, 5]
    world.persons = PersonTable({name: column[kept] for name, column in persons.columns().items()})
    world.firms.size[:] = [1, 1]
    panel.observe(world, record=True)
    values = panel_frame(panel)
    # firms want 5: 4 x 0.5 + 1 x 1.0 = 3 certified, half elementary and half college
    assert values["industry", "none", "wanted"] == pytest.approx(2.0)
    assert values["industry", "elementary", "wanted"] == pytest.approx(1.5)
    assert values["industry", "college", "wanted"] == pytest.approx(1.5)
    assert values["industry", "college", "employed"] == 1.0  # person 3
    assert values["industry", "none", "employed"] == 1.0  # person 1
    assert values["industry", "college", "retired"] == 1.0
    assert values["services", "none", "died_or_moved_away"] == 1.0
    assert values["none", "intermediate", "school_leavers"] == 1.0
    assert values["none", "intermediate", "graduates"] == 1.0
    assert values["none", "college", "graduates"] == 1.0
    assert values["none", "none", "jobseekers"] == 1.0
    assert values["none", "intermediate", "jobseekers"] == 1.0
    flows = ("retired", "left_labour_force", "went_abroad", "back_to_school", "died_or_moved_away")
    replacement = values[values.index.get_level_values("quantity").isin(flows)]
    assert replacement.sum() == 2.0


# --------------------------------------------------------------------------- arithmetic


def hand_made_panel(wanted_college_2030: float = 120.0) -> pd.DataFrame:
    """A run's panel over 2029-2030 in industry at college level (and 2031's January)."""
    rows = []
    for year, wanted, employed, seekers, retired in (
        (2029, 100.0, 90.0, 4.0, 1.0),
        (2030, wanted_college_2030, 90.0, 5.0, 1.0),
    ):
        for month in range(1, 13):
            label = f"{year}-{month:02d}"
            rows += [
                (label, "industry", "college", "wanted", wanted),
                (label, "industry", "college", "employed", employed),
                (label, "none", "college", "jobseekers", seekers),
                (label, "industry", "college", "retired", retired),
                (label, "none", "college", "school_leavers", 2.0),
            ]
    rows.append(("2031-01", "industry", "college", "wanted", 1e9))  # a partial year
    return pd.DataFrame(rows, columns=["month", "sector", "level", "quantity", "value"])


def test_the_balance_of_a_hand_made_run():
    yearly = yearly_panel(hand_made_panel())
    assert sorted(yearly.year.unique()) == [2029, 2030]  # 2031 is not whole
    frame = balance(yearly).set_index(["year", "sector", "level"])
    industry = frame.loc[(2030, "industry", "college")]
    assert industry["wanted"] == 120.0  # a stock: the mean of the months
    assert industry["gap"] == 30.0  # wanted minus the sector's employed
    assert industry["expansion"] == 20.0
    assert industry["replacement"] == 12.0  # a flow: summed over the months
    assert industry["openings"] == 32.0
    assert industry["shortage"] == 30.0
    province = frame.loc[(2030, "all", "college")]
    assert province["gap"] == 25.0  # the jobseekers count as available
    assert province["shortage"] == 30.0  # the sectors' shortages, summed
    assert province["entrants"] == 24.0
    assert np.isnan(frame.loc[(2029, "industry", "college")]["expansion"])
    assert frame.loc[(2030, "services", "college")]["gap"] == 0.0


def runs_balances() -> pd.DataFrame:
    parts = []
    for seed, wanted in enumerate((110.0, 120.0, 130.0)):
        parts.append(
            balance(yearly_panel(hand_made_panel(wanted))).assign(scenario="baseline", seed=seed)
        )
    return pd.concat(parts, ignore_index=True)


def test_shortages_across_seeds_and_the_largest_ones():
    summary = across_seeds(runs_balances())
    row = summary[
        (summary.year == 2030)
        & (summary.sector == "industry")
        & (summary.level == "college")
        & (summary.measure == "gap")
    ].iloc[0]
    assert row["mean"] == 30.0 and row["seeds"] == 3
    assert row["low"] == pytest.approx(21.0) and row["high"] == pytest.approx(39.0)
    largest = extremes(summary, "baseline", 2030, 3)
    assert list(largest.kind) == ["shortage"]
    assert (largest.sector.iloc[0], largest.level.iloc[0]) == ("industry", "college")


def test_seats_that_close_a_known_shortage(data):
    summary = across_seeds(runs_balances())
    plan = training_plan(summary, "baseline", data, targets=(2030,)).set_index("level")
    college = plan.loc["college"]
    # 30 college workers short in 2030; a 30-month course started in January 2026, 2027 or
    # 2028 ends by December 2030; 85 % complete it
    assert college["shortage"] == 30.0
    assert college["intake_years"] == 3
    assert college["seats_per_year"] == pytest.approx(30.0 / (0.85 * 3))
    assert plan.loc["university", "seats_per_year"] == 0.0  # no shortage there
    # a target year the runs did not simulate has no plan (and no scenario), not a zero one
    unsimulated = training_plan(summary, "baseline", data, targets=(2031,))
    assert unsimulated["seats_per_year"].isna().all()
    assert np.isnan(vocational_seats(unsimulated, 2031))


@pytest.mark.parametrize(
    ("months", "target", "years"),
    [(4, 2027, 2), (24, 2027, 1), (30, 2027, 0), (30, 2030, 3), (48, 2030, 2), (48, 2027, 0)],
)
def test_only_courses_that_end_in_time_count(months, target, years):
    assert intake_years(months, target) == years


# --------------------------------------------------------------------------- the command


def test_the_command_refuses_a_directory_without_runs(tmp_path):
    from analysis.forecast.cli import main

    with pytest.raises(SystemExit) as exit_code:
        main([str(tmp_path)])
    assert exit_code.value.code == 2
    assert list(tmp_path.iterdir()) == []
    with pytest.raises(ForecastError, match="no finished runs"):
        forecast(tmp_path)
    with pytest.raises(ForecastError, match="not a directory"):
        forecast(tmp_path / "nowhere")


def fake_run(root, name: str, last_year: int, skills: bool = True):
    directory = root / name
    (directory / ".hydra").mkdir(parents=True)
    (directory / ".hydra" / "config.yaml").write_text("seed: 0\n")
    (directory / ".hydra" / "overrides.yaml").write_text("- scenario=baseline\n")
    annual = [
        {"year": year, "indicator": "months_simulated", "value": 12.0}
        for year in range(2022, last_year + 1)
    ]
    pd.DataFrame(annual).to_csv(directory / "indicators_annual.csv", index=False)
    # a month of every year, as a run's indicators.csv holds (one is enough here)
    pd.DataFrame(
        [
            {"month": f"{year}-12", "indicator": "months_simulated", "value": 12.0}
            for year in range(2022, last_year + 1)
        ]
    ).to_csv(directory / "indicators.csv", index=False)
    if skills:
        hand_made_panel().to_csv(directory / "skills.csv", index=False)
    info = {"scenario": "baseline", "seed": 0, "scale": 100, "complete": True}
    (directory / "run_info.json").write_text(json.dumps(info))
    return directory


def test_the_command_refuses_a_run_that_ends_before_2025(tmp_path, capsys):
    from analysis.forecast.cli import main

    directory = fake_run(tmp_path, "short", 2024)
    before = sorted(path.name for path in directory.iterdir())
    with pytest.raises(SystemExit) as exit_code:
        main([str(directory)])
    assert exit_code.value.code == 2
    message = capsys.readouterr().err.strip()
    assert "\n" not in message and "before the end of 2025" in message
    assert sorted(path.name for path in directory.iterdir()) == before  # nothing written


def test_the_command_refuses_a_run_without_a_skills_panel(tmp_path):
    fake_run(tmp_path, "old", 2030, skills=False)
    with pytest.raises(ForecastError, match="no skills.csv"):
        forecast(tmp_path)


# --------------------------------------------------------------------------- past 2025


def test_a_short_run_past_2025_has_the_new_inputs_and_a_consistent_panel(data):
    # Decree 293/2025: the regional minimum wages rise on 1 January 2026, not in July
    december, january = (minimum_wage_table(data, parse_month(m)) for m in ("2025-12", "2026-01"))
    assert np.all(january > december)
    assert set(np.round(january, 2)) <= {5.31, 4.73, 4.14, 3.70}
    run = model("scale=200", "end=2026-03")
    run.run()
    frame = pd.DataFrame(run.skills_panel.rows)
    last = frame[frame.month == "2026-03"]
    employed = last[last.quantity == "employed"]["value"].sum()
    seekers = last[last.quantity == "jobseekers"]["value"].sum()
    assert employed == pytest.approx(run.history[-1]["employed"])
    assert seekers == pytest.approx(run.history[-1]["unemployed"])
    assert (frame["value"] >= 0).all()
    assert frame.month.nunique() == 51  # every month of 2022-01 to 2026-03


def test_the_training_plan_is_a_scenario_the_model_runs(data, tmp_path):
    from analysis.forecast.training_plan import plan_scenario
    from tests.conftest import settings

    summary = across_seeds(runs_balances())
    plan = training_plan(summary, "baseline", data)
    scenario = plan_scenario(plan, data)["levers"]["vocational_streaming"]
    seats = 30.0 / (0.85 * 3)  # college, the only shortage
    capacity = sum(s.intake_capacity for s in data.schools if s.type != "university")
    assert scenario["capacity_increase"] == round(seats / capacity, 4)
    assert (scenario["start"], scenario["end"]) == ("2026-01", "2030-12")
    committed = settings("scenario=training_plan", "end=2030-12").levers["vocational_streaming"]
    assert committed["end"] == "2030-12" and committed["capacity_increase"] > 0


def test_a_grid_with_a_short_run_is_forecast_without_it(tmp_path, capsys):
    from analysis.forecast.cli import main

    fake_run(tmp_path, "whole", 2030)
    fake_run(tmp_path, "short", 2024)
    with pytest.raises(SystemExit) as exit_code:
        main([str(tmp_path), "--out", str(tmp_path / "forecast")])
    assert exit_code.value.code == 1
    assert "left out:" in capsys.readouterr().out
    written = {path.name for path in (tmp_path / "forecast").iterdir()}
    assert {"forecast.csv", "forecast.md", "forecast_heatmap.png", "training_plan.csv"} <= written
    text = (tmp_path / "forecast" / "forecast.md").read_text()
    assert "| shortage | industry | college | 30 (1 seed) |" in text


def test_a_scenario_is_compared_with_the_baseline_of_the_same_seed():
    from analysis.forecast.balance import paired_differences

    base = runs_balances()  # seeds 0-2 want 110, 120, 130 college workers in industry
    policy = base.copy()
    policy["scenario"] = "training_plan"
    # the plan's runs have 10 more college workers employed in industry in 2030
    rows = (policy.year == 2030) & (policy.level == "college")
    industry = rows & (policy.sector == "industry")
    everyone = rows & (policy.sector == "all")
    for mask in (industry, everyone):
        policy.loc[mask, "employed"] += 10.0
        policy.loc[mask, "gap"] -= 10.0
        policy.loc[mask, "shortage"] -= 10.0
    differences = paired_differences(pd.concat([base, policy]), "baseline")
    found = differences[
        (differences.year == 2030)
        & (differences.sector == "all")
        & (differences.level == "college")
        & (differences.measure == "shortage")
    ].iloc[0]
    assert found["scenario"] == "training_plan - baseline"
    assert (found["mean"], found["low"], found["high"], found["seeds"]) == (-10.0, -10.0, -10.0, 3)
    assert paired_differences(base, "baseline").empty  # nothing to compare with


def test_years_asked_for_that_the_runs_did_not_simulate_are_refused(tmp_path, capsys):
    from analysis.forecast.cli import main

    fake_run(tmp_path, "whole", 2030)
    out = tmp_path / "forecast"
    with pytest.raises(SystemExit) as exit_code:
        main([str(tmp_path), "--out", str(out), "--years", "2030,2040"])
    assert exit_code.value.code == 2
    error = capsys.readouterr().err.strip().splitlines()
    assert len(error) == 1 and "--years 2040: not simulated" in error[0]
    assert not out.exists()  # nothing written
    main([str(tmp_path), "--out", str(out), "--years", "2030"])
    assert (out / "forecast.md").is_file()
