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


def test_failed_and_missing_runs_are_reported(tmp_path):
    fake_run(tmp_path, "baseline", 0, {})
    fake_run(tmp_path, "policy", 0, {})
    broken = tmp_path / "policy_seed1"
    (broken / ".hydra").mkdir(parents=True)
    (broken / ".hydra" / "config.yaml").write_text("seed: 1\n")
    (broken / "FAILED.txt").write_text("AccountingError: books do not balance\n")
    (tmp_path / "multirun.yaml").write_text(
        "hydra:\n  overrides:\n    task:\n    - scenario=baseline,policy\n    - seed=0,1\n"
    )
    result = compare(tmp_path)
    assert [r for _, r in result["failed"]] == ["AccountingError: books do not balance"]
    assert {"scenario": "baseline", "seed": "1"} in result["missing"]
    assert {"scenario": "policy", "seed": "1"} in result["missing"]
    text = (tmp_path / "report.md").read_text()
    assert "failed" in text and "missing: scenario=baseline, seed=1" in text


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
    assert "missing" not in (sweep / "report.md").read_text()


def test_report_says_what_its_interval_spans():
    from analysis.compare import _interval_note

    assert "assumed parameter" in " ".join(_interval_note({"assumptions"}))
    assert "stochastic spread" in " ".join(_interval_note({"stochastic"}))
    assert "Warning" in " ".join(_interval_note({"assumptions", "stochastic"}))


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
