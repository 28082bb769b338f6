"""The comparison: statistics on hand-made runs with known answers, and a real small grid."""

from __future__ import annotations

import json
import math

import pandas as pd
import pytest
from scipy import stats

from analysis.compare import CompareError, compare, find_runs, summarise
from analysis.targets import TARGETS
from tests.conftest import run_cli


def fake_run(root, scenario, seed, values, cost=0.0, overrides=()):
    """A run directory with the annual values given (other targets 0)."""
    d = root / f"{scenario}_seed{seed}{'_'.join(overrides)}"
    (d / ".hydra").mkdir(parents=True)
    (d / ".hydra" / "config.yaml").write_text("seed: 0\n")
    listed = [f"scenario={scenario}", f"seed={seed}", *overrides]
    (d / ".hydra" / "overrides.yaml").write_text("".join(f"- {o}\n" for o in listed))
    rows = [{"year": 2025, "indicator": t.id, "value": values.get(t.id, 0.0)} for t in TARGETS]
    rows += [
        {"year": 2025, "indicator": k, "value": v}
        for k, v in values.items()
        if k not in {t.id for t in TARGETS}
    ]
    rows.append({"year": 2025, "indicator": "policy_cost", "value": cost})
    rows.append({"year": 2025, "indicator": "months_simulated", "value": 12.0})
    pd.DataFrame(rows).to_csv(d / "indicators_annual.csv", index=False)
    monthly = [{"month": "2025-12", "indicator": r["indicator"], "value": r["value"]} for r in rows]
    pd.DataFrame(monthly).to_csv(d / "indicators.csv", index=False)
    (d / "run_info.json").write_text(
        json.dumps({"scenario": scenario, "seed": seed, "scale": 100, "complete": True})
    )
    return d


def test_statistics_on_known_inputs(tmp_path):
    base_u = [0.030, 0.020, 0.025]
    policy_u = [0.020, 0.015, 0.015]  # differences -0.010, -0.005, -0.010
    for seed, (b, p) in enumerate(zip(base_u, policy_u, strict=True)):
        fake_run(tmp_path, "baseline", seed, {"unemployment": b, "employed": 1000.0})
        fake_run(tmp_path, "policy", seed, {"unemployment": p, "employed": 1100.0}, cost=11.0)
    runs, failed = find_runs(tmp_path)
    assert len(runs) == 6 and not failed
    frame = summarise(runs)
    row = frame[(frame.scenario == "policy") & (frame.indicator == "unemployment")].iloc[0]
    assert row["mean"] == pytest.approx(sum(policy_u) / 3)
    diffs = [p - b for p, b in zip(policy_u, base_u, strict=True)]
    mean = sum(diffs) / 3
    sd = pd.Series(diffs).std()
    half = stats.t.ppf(0.975, 2) * sd / math.sqrt(3)
    assert row["diff_mean"] == pytest.approx(mean)
    assert row["diff_lo"] == pytest.approx(mean - half)
    assert row["diff_hi"] == pytest.approx(mean + half)
    assert row["p_met"] == 1.0  # all below 3 %
    base = frame[(frame.scenario == "baseline") & (frame.indicator == "unemployment")].iloc[0]
    assert base["p_met"] == pytest.approx(2 / 3)  # 3.0 % is not below 3 %
    # 11 bn VND for 100 jobs: 110 million VND a job; for 0.833 points of unemployment
    assert row["vnd_per_job"] == pytest.approx(11e9 / 100)
    assert row["vnd_per_unemployment_point"] == pytest.approx(11e9 / (-mean * 100))


def test_no_cost_per_unit_for_an_effect_that_may_be_noise(tmp_path):
    for seed, (b, p) in enumerate([(0.02, 0.019), (0.02, 0.021), (0.02, 0.0195)]):
        fake_run(tmp_path, "baseline", seed, {"unemployment": b, "employed": 1000.0})
        employed = 1000.0 + (-5, 8, 3)[seed]  # CI of the job effect includes zero
        fake_run(tmp_path, "policy", seed, {"unemployment": p, "employed": employed}, cost=5.0)
    frame = summarise(find_runs(tmp_path)[0])
    row = frame[(frame.scenario == "policy") & (frame.indicator == "unemployment")].iloc[0]
    assert row["diff_lo"] < 0 < row["diff_hi"]
    assert math.isnan(row["vnd_per_job"]) and math.isnan(row["vnd_per_unemployment_point"])
    assert row["cost_bn_vnd"] == 5.0


def test_the_report_says_where_productivity_growth_comes_from(tmp_path):
    parts = {"productivity_growth_within": 0.05, "productivity_growth_between": 0.012}
    for seed in range(2):
        interaction = {"productivity_growth_interaction": 0.001}
        fake_run(tmp_path, "baseline", seed, parts | interaction)
        more = {"productivity_growth_between": 0.015}  # the policy moves more off farms
        fake_run(tmp_path, "policy", seed, parts | interaction | more)
    compare(tmp_path)
    text = (tmp_path / "report.md").read_text()
    assert "## Where productivity growth comes from" in text
    assert "within sectors 5.00 %, structural change 1.20 %, interaction 0.10 %" in text
    assert "- policy: within sectors +0.00 points, structural change +0.30 points" in text
    assert (tmp_path / "productivity_sources.png").stat().st_size > 0
    assert "![productivity_sources.png](productivity_sources.png)" in text


def test_the_productivity_chart_stacks_each_scenarios_parts(tmp_path):
    from matplotlib.figure import Figure

    from analysis.compare.figures import productivity_chart, productivity_parts

    parts = {
        "productivity_growth_within": 0.05,
        "productivity_growth_between": 0.012,
        "productivity_growth_interaction": 0.001,
        "productivity_growth_capital": 0.004,
    }
    for seed, capital in enumerate((0.006, 0.008)):  # the policy's capital deepening: mean 0.7 %
        fake_run(tmp_path, "baseline", seed, parts)
        fake_run(tmp_path, "policy", seed, parts | {"productivity_growth_capital": capital})
    runs, _ = find_runs(tmp_path)
    table = productivity_parts(runs)
    assert list(table.index) == [("baseline", 2025), ("policy", 2025)]
    assert table.loc[("policy", 2025), "productivity_growth_capital"] == pytest.approx(0.007)
    chart = productivity_chart(runs)
    assert isinstance(chart, Figure)
    bars = [patch.get_width() for patch in chart.axes[0].patches]
    # the policy's bar of capital deepening, in percent (the baseline's comes first)
    assert bars[len(parts) * 2 - 1] == pytest.approx(0.7)
    dots = chart.axes[0].lines[0].get_xdata()  # each scenario's growth, the sum of its parts
    assert list(dots) == pytest.approx([6.7, 7.0])
    empty = tmp_path / "none"
    fake_run(empty, "baseline", 0, {})
    assert productivity_chart(find_runs(empty)[0]) is None


def test_failed_and_missing_runs_are_reported(tmp_path):
    fake_run(tmp_path, "baseline", 0, {})
    fake_run(tmp_path, "policy", 0, {})
    broken = tmp_path / "policy_seed1"
    (broken / ".hydra").mkdir(parents=True)
    (broken / ".hydra" / "config.yaml").write_text("seed: 1\n")
    (broken / ".hydra" / "overrides.yaml").write_text("- scenario=policy\n- seed=1\n")
    (broken / "FAILED.txt").write_text("AccountingError: books do not balance\n")
    (tmp_path / "multirun.yaml").write_text(
        "hydra:\n  overrides:\n    task:\n    - scenario=baseline,policy\n    - seed=0,1\n"
    )
    result = compare(tmp_path)
    assert [r for _, r in result["failed"]] == ["AccountingError: books do not balance"]
    assert {"scenario": "baseline", "seed": "1"} in result["missing"]
    assert {"scenario": "policy", "seed": "1"} not in result["missing"]  # failed, said once
    text = (tmp_path / "report.md").read_text()
    assert "failed" in text and "missing: scenario=baseline, seed=1" in text


@pytest.mark.parametrize(
    "damage, reason",
    [
        (lambda d: (d / "run_info.json").write_text("{garbage"), "not readable JSON"),
        (lambda d: (d / "run_info.json").write_text("[1, 2]"), "not a JSON object"),
        (lambda d: (d / "run_info.json").write_text('{"complete": true}'), "has no 'scenario'"),
        (
            lambda d: (d / "run_info.json").write_text(
                '{"complete": true, "scenario": "baseline", "seed": "x", "scale": 1}'
            ),
            "not a whole number",
        ),
        (lambda d: (d / "indicators.csv").unlink(), "indicators.csv is missing"),
        (lambda d: (d / "indicators.csv").write_text(""), "not readable CSV"),
        (lambda d: (d / "indicators_annual.csv").write_text("a,b\n1,2\n"), "lacks the column"),
        (
            lambda d: (d / "indicators_annual.csv").write_text(
                "year,indicator,value\n2025,unemployment,abc\n"
            ),
            "line 2: value 'abc' is not a number",
        ),
    ],
)
def test_a_damaged_run_is_listed_as_failed_and_the_others_compared(tmp_path, damage, reason):
    for seed in (0, 1):
        fake_run(tmp_path, "baseline", seed, {})
        fake_run(tmp_path, "policy", seed, {})
    damage(tmp_path / "baseline_seed1")
    result = compare(tmp_path)
    assert result["runs"] == 3
    [(directory, why)] = result["failed"]
    assert directory.name == "baseline_seed1" and reason in why
    assert result["unpaired"] == [("policy", 1)]
    assert "policy seed 1" in (tmp_path / "report.md").read_text()


def test_a_year_no_run_covers_is_refused_before_anything_is_written(tmp_path):
    fake_run(tmp_path, "baseline", 0, {})
    with pytest.raises(CompareError, match="no run simulated all of 2030.*choose --year from 2025"):
        compare(tmp_path, year=2030)
    assert not list(tmp_path.glob("comparison*")) and not (tmp_path / "report.md").exists()


def test_a_bad_output_place_is_refused(tmp_path):
    fake_run(tmp_path, "baseline", 0, {})
    (tmp_path / "a_file").write_text("x")
    with pytest.raises(CompareError, match="exists and is not a directory"):
        compare(tmp_path, out=tmp_path / "a_file")


def test_a_damaged_grid_file_is_refused(tmp_path):
    fake_run(tmp_path, "baseline", 0, {})
    (tmp_path / "multirun.yaml").write_text("{{: not yaml")
    with pytest.raises(CompareError, match="not a readable Hydra multirun file"):
        compare(tmp_path)


def test_comparison_needs_a_baseline(tmp_path):
    fake_run(tmp_path, "policy", 0, {})
    with pytest.raises(CompareError, match="baseline"):
        compare(tmp_path)


def test_a_two_by_two_multirun_end_to_end(tmp_path):
    sweep = tmp_path / "grid"
    result = run_cli(
        "-m",
        "scenario=baseline,training_retraining",
        "seed=0,1",
        "scale=400",
        f"hydra.sweep.dir={sweep}",
    )
    assert result.returncode == 0, result.stderr[-2000:]
    import subprocess
    import sys

    from simulation.config import ROOT

    done = subprocess.run(
        [sys.executable, "-m", "analysis.compare", str(sweep)],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    frame = pd.read_csv(sweep / "comparison.csv")
    assert set(frame.scenario) == {"baseline", "training_retraining"}
    row = frame[(frame.scenario == "training_retraining") & (frame.indicator == "retrained")]
    assert row["diff_mean"].iloc[0] > 0 and row["runs"].iloc[0] == 2
    for name in ("comparison.md", "report.md", "effects.png", "fan_unemployment.png"):
        assert (sweep / name).stat().st_size > 0, name
    report = (sweep / "report.md").read_text()
    assert "missing" not in report
    # the baseline's unemployment spells against the published share of long spells
    assert "How long the unemployed stay unemployed" in report
    assert "24.5 % (2017, national)" in report
    # how the scenario moves unemployment: its paired change in the flows in and out
    assert "## How each scenario moves unemployment" in report
    assert "| training_retraining |" in report
    flows = pd.read_csv(sweep / "unemployment_flows.csv")
    assert set(flows.scenario) == {"training_retraining"} and (flows.pairs == 2).all()


def test_the_report_says_how_far_the_spells_are_from_the_published_ones():
    from analysis.compare.checks import DurationCheck, duration_lines

    far = DurationCheck(0.4, 0.01, 10, 0.245, 2017)
    text = "\n".join(duration_lines(far))
    assert "40 % of the unemployed leave" in text and "1.0 % of them" in text
    assert "much shorter than the published ones" in text
    close = DurationCheck(0.1, 0.2, 10, 0.245, 2017)
    assert "about as long as the published ones" in "\n".join(duration_lines(close))
    unknown = "\n".join(duration_lines(DurationCheck(0.4, 0.01, 10, None, None)))
    assert "published" not in unknown and "1.0 % of them" in unknown
    assert duration_lines(None) == []


def test_the_report_sets_the_minimum_wages_hours_beside_the_published_elasticity():
    from analysis.compare.checks import HoursCheck, hours_lines, keep_in_mind_lines

    far = "\n".join(hours_lines(HoursCheck(-0.003, 10, 2025, -0.38, 2020)))
    assert "weekly hours in 2025 change by -0.003 %" in far and "-0.38 % (to 2020" in far
    assert "answer far less" in far
    more = "\n".join(hours_lines(HoursCheck(-1.5, 10, 2025, -0.38, 2020)))
    assert "answer far more" in more
    other = "\n".join(hours_lines(HoursCheck(+0.2, 10, 2025, -0.38, 2020)))
    assert "answer the other way" in other
    close = "\n".join(hours_lines(HoursCheck(-0.3, 10, 2025, -0.38, 2020)))
    assert "about as the published ones" in close
    unknown = "\n".join(hours_lines(HoursCheck(-0.003, 10, 2025, None, None)))
    assert "published" not in unknown and "-0.003 %" in unknown
    assert hours_lines(None) == [] and keep_in_mind_lines(None, None) == []
    # one heading over both checks
    lines = keep_in_mind_lines(None, HoursCheck(-0.003, 10, 2025, -0.38, 2020))
    assert lines[0] == "## What to keep in mind" and lines.count("## What to keep in mind") == 1


def test_the_hours_check_pairs_minimum_wage_runs_with_the_baseline_by_seed(tmp_path):
    from analysis.compare.checks import hours_check
    from analysis.compare.runs import find_runs
    from simulation.config import ROOT
    from simulation.data import load_province

    for seed, hours in ((0, 45.0), (1, 44.0)):
        fake_run(tmp_path, "baseline", seed, {"average_hours": hours})
        run = fake_run(tmp_path, "minimum_wage", seed, {"average_hours": hours * (1 - 0.006)})
        (run / "config_resolved.yaml").write_text(
            "province:\n  data_dir: data/hai_duong\n"
            "scenario:\n  levers:\n    minimum_wage:\n      increase: 0.06\n"
        )
    fake_run(tmp_path, "minimum_wage", 2, {"average_hours": 40.0})  # no baseline of seed 2
    runs, _ = find_runs(tmp_path)
    check = hours_check(runs, "baseline", 2025)
    assert check.pairs == 2 and check.elasticity == pytest.approx(-0.1)
    # the baseline runs here name no province: nothing published to compare with
    assert check.published is None
    for seed in (0, 1):
        (tmp_path / f"baseline_seed{seed}" / "config_resolved.yaml").write_text(
            "province:\n  data_dir: data/hai_duong\n"
        )
    runs, _ = find_runs(tmp_path)
    published = load_province(ROOT / "data" / "hai_duong").figures.series(
        "minimum_wage_elasticity", "weekly_hours"
    )
    check = hours_check(runs, "baseline", 2025)
    assert (check.published, check.published_year) == (published[max(published)], max(published))
    # without minimum-wage runs, no check
    assert hours_check([r for r in runs if r.scenario == "baseline"], "baseline", 2025) is None


def test_the_duration_check_says_what_the_exits_other_than_into_informal_work_imply(tmp_path):
    """On two hand-made months of a baseline run: the hazard into informal work over all
    the unemployed, and the long-term share at the hazards less those into it; a run
    without the informal flows by spell gives the check without them."""
    from types import SimpleNamespace

    from analysis.compare.checks import duration_check, duration_lines
    from simulation import spell_exits
    from simulation.population import UNEMPLOYMENT_DURATIONS
    from simulation.spell_exits import Destination, destination_flow, exit_flow
    from simulation.spell_exits import informal_exit_flow as into_informal

    spells = [spell.name for spell in UNEMPLOYMENT_DURATIONS]
    exits = dict(zip(spells, (40.0, 40.0, 30.0, 20.0), strict=True))
    informal = dict(zip(spells, (10.0, 20.0, 15.0, 10.0), strict=True))
    months = {name: [100.0, 100.0] for name in (f"unemployed_{spell}" for spell in spells)}
    months |= {exit_flow(spell): [0.0, exits[spell]] for spell in spells}
    months |= {into_informal(spell): [0.0, informal[spell]] for spell in spells}
    months |= {destination_flow(code): [0.0, 0.0] for code in Destination}
    months[destination_flow(Destination.HOUSEHOLD_BUSINESS)] = [0.0, 40.0]
    months[destination_flow(Destination.FARM)] = [0.0, 15.0]
    months[destination_flow(Destination.WAGE_JOB)] = [0.0, 75.0]
    run = SimpleNamespace(
        scenario="baseline",
        directory=tmp_path,
        monthly=pd.DataFrame(months, index=["2022-01", "2022-02"]),
    )
    check = duration_check([run], "baseline")
    assert check.exit_hazard == pytest.approx(130 / 400)
    assert check.informal_hazard == pytest.approx(55 / 400)
    without = {spell: (exits[spell] - informal[spell]) / 100 for spell in spells}
    assert check.share_without_informal == pytest.approx(
        spell_exits.stationary_long_term_share(without)
    )
    assert check.share_without_informal > check.long_term_share
    text = "\n".join(duration_lines(check))
    assert "(14 % into informal work" in text and "never to fall back" in text
    assert check.period == "2022-02" and "their exits in 2022-02," in text  # none seen in 2022-01
    older = run.monthly.drop(columns=[into_informal(spell) for spell in spells])
    check = duration_check([SimpleNamespace(**{**vars(run), "monthly": older})], "baseline")
    assert check.informal_hazard is None and check.share_without_informal is None
    assert "informal" not in "\n".join(duration_lines(check))


def test_the_report_blames_the_fall_back_only_when_hiring_alone_would_match():
    from analysis.compare.checks import DurationCheck, duration_lines

    matching = DurationCheck(0.4, 0.01, 10, 0.245, 2017, 0.14, 0.236)
    text = "\n".join(duration_lines(matching))
    assert "much shorter than the published ones" in text
    assert "would leave 23.6 % out of work" in text and "not hiring, that makes" in text
    short_anyway = DurationCheck(0.4, 0.01, 10, 0.245, 2017, 0.14, 0.03)
    text = "\n".join(duration_lines(short_anyway))
    assert "would leave 3.0 % out of work" in text and "not hiring" not in text


def test_runs_without_the_flows_out_of_unemployment_give_no_duration_check(tmp_path):
    from analysis.compare.checks import duration_check
    from analysis.compare.runs import find_runs

    fake_run(tmp_path, "baseline", 0, {})
    runs, _ = find_runs(tmp_path)
    assert duration_check(runs, "baseline") is None


def test_report_says_what_its_interval_spans():
    from analysis.compare.report import interval_note

    assert "assumed parameter" in " ".join(interval_note({"assumptions"}))
    assert "stochastic spread" in " ".join(interval_note({"stochastic"}))
    assert "Warning" in " ".join(interval_note({"assumptions", "stochastic"}))


def test_a_sweep_over_a_setting_is_labelled_and_paired_by_seed(tmp_path):
    key = "scenario.levers.training_retraining.seats_per_year"
    for seed in (0, 1):
        fake_run(tmp_path, "baseline", seed, {"retrained": 0.20 + seed / 100})
        for seats, gain in (("20000", 0.05), ("80000", 0.15)):
            fake_run(
                tmp_path,
                "training_retraining",
                seed,
                {"retrained": 0.20 + seed / 100 + gain},
                overrides=(f"{key}={seats}",),
            )
    runs, _ = find_runs(tmp_path)
    labels = {r.scenario for r in runs}
    assert labels == {
        "baseline",
        "training_retraining [seats_per_year=20000]",
        "training_retraining [seats_per_year=80000]",
    }
    frame = summarise(runs).set_index(["scenario", "indicator"])
    big = frame.loc[("training_retraining [seats_per_year=80000]", "retrained")]
    assert big["diff_mean"] == pytest.approx(0.15) and big["runs"] == 2


def test_a_run_without_a_target_value_in_the_year_is_listed_not_silently_dropped(tmp_path):
    for seed in (0, 1):
        fake_run(tmp_path, "baseline", seed, {})
    path = tmp_path / "baseline_seed1" / "indicators_annual.csv"
    path.write_text(path.read_text().replace("2025,unemployment,0.0", "2025,unemployment,"))
    result = compare(tmp_path)
    assert result["runs"] == 1
    [(directory, why)] = result["failed"]
    assert directory.name == "baseline_seed1" and "no value of unemployment in 2025" in why


def test_numbers_unknown_are_written_n_a():
    from analysis.compare.formatting import grid_point, percent, share, signed_points, threshold

    for write in (percent, signed_points, share):
        assert write(None) == "n/a" and write(math.nan) == "n/a"
    assert (percent(0.0312), signed_points(-0.005), share(2 / 3)) == ("3.12", "-0.50", "67 %")
    unemployment = next(t for t in TARGETS if t.id == "unemployment")
    assert threshold(unemployment) == "< 3 %"
    assert grid_point({"scenario": "baseline", "seed": "1"}) == "scenario=baseline, seed=1"


def test_the_grid_check_lists_what_it_leaves_out_before_any_statistics(tmp_path):
    from analysis.compare.grid import check_grid

    for seed in (0, 1):
        fake_run(tmp_path, "baseline", seed, {})
    fake_run(tmp_path, "policy", 2, {})
    (tmp_path / "baseline_seed1" / "run_info.json").unlink()
    grid = check_grid(tmp_path, "baseline", 2025)
    assert sorted((run.scenario, run.seed) for run in grid.runs) == [
        ("baseline", 0),
        ("policy", 2),
    ]
    [(directory, why)] = grid.failed
    assert directory.name == "baseline_seed1" and "did not finish" in why
    assert grid.missing == [] and grid.unpaired == [("policy", 2)]


def test_a_comparison_without_effects_removes_an_old_effects_chart(tmp_path):
    fake_run(tmp_path, "baseline", 0, {})
    (tmp_path / "effects.png").write_bytes(b"from an earlier comparison")
    compare(tmp_path)
    assert not (tmp_path / "effects.png").exists()
    assert "effects.png" not in (tmp_path / "report.md").read_text()


def test_the_command_line_says_what_is_wrong_in_one_line_and_exits_2(tmp_path):
    import subprocess
    import sys

    from simulation.config import ROOT

    done = subprocess.run(
        [sys.executable, "-m", "analysis.compare", str(tmp_path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 2 and done.stdout == ""
    assert (
        done.stderr == f"error: {tmp_path}: no finished runs found (looked for */run_info.json)\n"
    )


def test_an_indicator_set_by_inputs_gets_no_interval(tmp_path):
    for seed, (base, policy) in enumerate([(0.80, 0.84), (0.80, 0.85), (0.80, 0.83)]):
        fake_run(tmp_path, "baseline", seed, {"si_satisfaction": base, "unemployment": 0.02})
        fake_run(tmp_path, "policy", seed, {"si_satisfaction": policy, "unemployment": 0.021})
    frame = summarise(find_runs(tmp_path)[0])
    proxy = frame[(frame.scenario == "policy") & (frame.indicator == "si_satisfaction")].iloc[0]
    assert proxy["driven_by"] == "inputs"
    assert proxy["diff_mean"] == pytest.approx(0.04)
    assert math.isnan(proxy["diff_lo"]) and math.isnan(proxy["diff_hi"])
    assert math.isnan(proxy["p05"]) and math.isnan(proxy["p95"])
    estimated = frame[(frame.scenario == "policy") & (frame.indicator == "unemployment")].iloc[0]
    assert estimated["driven_by"] == "model" and not math.isnan(estimated["diff_lo"])
    compare(tmp_path)
    tables = (tmp_path / "comparison.md").read_text()
    section = tables.split("### Satisfaction")[1].split("###")[0]
    assert "Set by inputs, not estimated by the model" in section
    assert "+4.00 (set by inputs)" in section and " to " not in section
    # the note stands before the table: its header, separator and rows are unbroken
    table = [line for line in section.splitlines() if line.startswith("|")]
    first = section.splitlines().index(table[0])
    assert section.splitlines()[first : first + len(table)] == table
    assert section.index("Set by inputs") < section.index("| scenario |")
    report = (tmp_path / "report.md").read_text()
    assert "set by inputs, not estimated (no interval)" in report


def test_the_comparison_charts_are_figures_for_notebooks(tmp_path):
    from matplotlib.figure import Figure

    from analysis.compare.figures import effects_chart, fan_chart

    for seed, (base, policy) in enumerate(((0.03, 0.02), (0.025, 0.015))):
        fake_run(tmp_path, "baseline", seed, {"unemployment": base})
        fake_run(tmp_path, "policy", seed, {"unemployment": policy})
    runs, _ = find_runs(tmp_path)
    effects = effects_chart(summarise(runs), "baseline")
    assert isinstance(effects, Figure) and len(effects.axes) >= len(TARGETS)
    unemployment = next(target for target in TARGETS if target.id == "unemployment")
    fan = fan_chart(runs, unemployment)
    assert isinstance(fan, Figure)
    assert {line.get_label() for line in fan.axes[0].lines} >= {"baseline", "policy", "target"}


def test_a_path_equal_to_the_baseline_does_not_hide_it_and_an_unmoved_target_says_so(
    tmp_path,
):
    """A scenario whose path is the baseline's (as an input's echo is where the lever is
    off) is labelled as the same, with the baseline drawn on top; an effects panel that no
    scenario moves says so rather than stand empty."""
    from analysis.compare.figures import effects_chart, fan_chart

    for seed, (base, policy) in enumerate(((0.03, 0.02), (0.025, 0.015))):
        fake_run(tmp_path, "baseline", seed, {"unemployment": base, "si_satisfaction": 0.8})
        fake_run(tmp_path, "policy", seed, {"unemployment": policy, "si_satisfaction": 0.8})
    runs, _ = find_runs(tmp_path)
    satisfaction = next(target for target in TARGETS if target.id == "si_satisfaction")
    unemployment = next(target for target in TARGETS if target.id == "unemployment")
    lines = {line.get_label(): line for line in fan_chart(runs, satisfaction).axes[0].lines}
    assert "policy (the same as baseline)" in lines
    assert lines["baseline"].get_zorder() > lines["policy (the same as baseline)"].get_zorder()
    labels = {line.get_label() for line in fan_chart(runs, unemployment).axes[0].lines}
    assert "policy" in labels and "policy (the same as baseline)" not in labels
    figure = effects_chart(summarise(runs), "baseline")
    panels = {axis.get_title().split("\n")[0]: axis for axis in figure.axes}
    texts = [text.get_text() for text in panels[satisfaction.label].texts]
    assert texts == ["no scenario changes it"]
    assert len(panels[unemployment.label].texts) == 0


def test_a_run_damaged_after_it_finished_is_listed_and_left_out(tmp_path):
    """A finished run whose indicators.csv was cut short, or which lacks a year of its
    yearly table, is listed with the reason and the others are compared."""
    for seed in (0, 1, 2):
        fake_run(tmp_path, "baseline", seed, {"unemployment": 0.02})
    cut = tmp_path / "baseline_seed1" / "indicators.csv"
    cut.write_text(cut.read_text()[:120])
    frame = pd.read_csv(tmp_path / "baseline_seed2" / "indicators.csv")
    frame.assign(month="2024-12").to_csv(
        tmp_path / "baseline_seed2" / "indicators.csv", index=False
    )
    runs, failed = find_runs(tmp_path)
    assert [run.seed for run in runs] == [0]
    reasons = {directory.name: reason for directory, reason in failed}
    assert "lacks the indicator" in reasons["baseline_seed1"]
    assert "no month of 2025" in reasons["baseline_seed2"]
    result = compare(tmp_path)
    assert result["runs"] == 1 and len(result["failed"]) == 2
    assert (tmp_path / "report.md").is_file()


def test_the_cost_set_against_an_effect_is_of_the_same_years():
    from types import SimpleNamespace

    from analysis.compare.statistics import total_cost

    annual = pd.DataFrame({"policy_cost": [10.0, 20.0, 40.0]}, index=[2023, 2024, 2025])
    run = SimpleNamespace(annual=annual)
    assert total_cost(run, 2024) == 30.0 and total_cost(run, 2025) == 70.0
    assert total_cost(SimpleNamespace(annual=annual.drop(columns="policy_cost")), 2025) == 0.0
