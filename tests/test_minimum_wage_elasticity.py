"""The minimum-wage elasticity script pairs runs by their own run_info.json and computes
(change in the 2025 mean) / (the lever's increase) on hand-made runs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from analysis import minimum_wage_elasticity


def fake_run(
    directory: Path,
    scenario: str,
    seed: int,
    domestic: float,
    complete=True,
    months=("2024-12", "2025-01", "2025-02"),
) -> None:
    directory.mkdir(parents=True)
    info = {"scenario": scenario, "seed": seed, "scale": 10, "complete": complete}
    (directory / "run_info.json").write_text(json.dumps(info))
    rows = ["month,indicator,value"]
    for month in months:
        # 2024 is left out of the 2025 mean
        value = 1.0 if month.startswith("2024") else domestic
        rows += [f"{month},{name},{value}" for name in minimum_wage_elasticity.INDICATORS]
    (directory / "indicators.csv").write_text("\n".join(rows) + "\n")
    increase = 0.06 if scenario == "minimum_wage" else 0.0
    (directory / "config_resolved.yaml").write_text(
        f"scenario:\n  levers:\n    minimum_wage:\n      increase: {increase}\n"
    )


def test_runs_of_a_grid_are_paired_by_seed_and_scale(tmp_path):
    fake_run(tmp_path / "0_baseline_seed0", "baseline", 0, 100.0)
    fake_run(tmp_path / "1_baseline_seed1", "baseline", 1, 100.0)
    fake_run(tmp_path / "2_minimum_wage_seed0", "minimum_wage", 0, 99.4)  # -0.6 %
    fake_run(tmp_path / "3_minimum_wage_seed1", "minimum_wage", 1, 101.2)  # +1.2 %
    fake_run(tmp_path / "4_minimum_wage_seed2", "minimum_wage", 2, 90.0)  # no baseline
    fake_run(tmp_path / "5_baseline_seed2", "baseline", 2, 100.0, complete=False)
    values = minimum_wage_elasticity.elasticities(tmp_path, "employment_domestic")
    assert list(values) == [0, 1]
    assert values[0] == pytest.approx(-0.1)
    assert values[1] == pytest.approx(0.2)


@pytest.mark.parametrize("args", [[], ["a", "b"], ["/no/such/directory"]])
def test_bad_input_is_one_line_and_exit_2(args, capsys):
    with pytest.raises(SystemExit) as e:
        minimum_wage_elasticity.main(args)
    assert e.value.code == 2
    assert len(capsys.readouterr().err.strip().splitlines()) == 1


def test_a_directory_without_pairs_is_refused_and_help_is_printed(tmp_path, capsys):
    fake_run(tmp_path / "baseline", "baseline", 0, 100.0)  # no minimum_wage run
    with pytest.raises(SystemExit) as e:
        minimum_wage_elasticity.main([str(tmp_path)])
    assert e.value.code == 2
    error = capsys.readouterr().err.strip().splitlines()
    assert len(error) == 1 and "no baseline and minimum_wage runs" in error[0]
    minimum_wage_elasticity.main(["--help"])
    assert "python -m analysis.minimum_wage_elasticity <directory>" in capsys.readouterr().out


def test_pairs_that_never_reached_2025_or_lack_the_lever_are_refused_in_one_line(tmp_path, capsys):
    """Runs that ended before 2025 are refused (not a line of nan, exit 0); so is a run
    labelled minimum_wage whose configuration holds no such lever."""
    short = ("2023-11", "2023-12")
    fake_run(tmp_path / "short" / "baseline", "baseline", 0, 100.0, months=short)
    fake_run(tmp_path / "short" / "minimum_wage", "minimum_wage", 0, 99.0, months=short)
    fake_run(tmp_path / "unlabelled" / "baseline", "baseline", 0, 100.0)
    fake_run(tmp_path / "unlabelled" / "minimum_wage", "minimum_wage", 0, 99.0)
    (tmp_path / "unlabelled" / "minimum_wage" / "config_resolved.yaml").write_text("seed: 0\n")
    for folder, reason in (("short", "no month of 2025"), ("unlabelled", "no minimum_wage")):
        with pytest.raises(SystemExit) as e:
            minimum_wage_elasticity.main([str(tmp_path / folder)])
        captured = capsys.readouterr()
        assert e.value.code == 2 and captured.out == ""
        error = captured.err.strip().splitlines()
        assert len(error) == 1 and reason in error[0]


def test_each_elasticity_is_set_beside_the_published_one_of_the_runs_province(tmp_path):
    from simulation.config import ROOT
    from simulation.data import load_province

    fake_run(tmp_path / "baseline", "baseline", 0, 100.0)
    fake_run(tmp_path / "minimum_wage", "minimum_wage", 0, 99.4)
    # no province in the runs' configuration: nothing published to compare with
    assert minimum_wage_elasticity.published(tmp_path) == {}
    for run in ("baseline", "minimum_wage"):
        config = tmp_path / run / "config_resolved.yaml"
        config.write_text(config.read_text() + "province:\n  data_dir: data/hai_duong\n")
    figures = load_province(ROOT / "data" / "hai_duong").figures
    hours = figures.series("minimum_wage_elasticity", "weekly_hours")
    references = minimum_wage_elasticity.published(tmp_path)
    assert references["average_hours"] == (hours[max(hours)], max(hours))
    assert set(references) == set(minimum_wage_elasticity.PUBLISHED)
    assert "informal_share" not in references
