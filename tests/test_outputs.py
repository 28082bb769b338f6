"""The output contract of ``python run.py``."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from analysis.targets import TARGETS
from simulation.indicators import MONTHLY_INDICATORS
from tests.conftest import run_cli


@pytest.fixture(scope="module")
def run_dir(tmp_path_factory):
    out = tmp_path_factory.mktemp("run") / "baseline"
    result = run_cli("scale=400", "end=2023-12", f"hydra.run.dir={out}")
    assert result.returncode == 0, result.stderr[-2000:]
    assert "Unemployment rate" in result.stdout  # the summary table
    assert "month" in result.stderr  # the progress bar
    return out


def test_monthly_indicators_are_tidy(run_dir):
    df = pd.read_csv(run_dir / "indicators.csv")
    assert list(df.columns) == ["month", "indicator", "value"]
    assert df["month"].min() == "2022-01" and df["month"].max() == "2023-12"
    assert df["month"].str.fullmatch(r"\d{4}-\d{2}").all()
    assert set(df["indicator"]) == set(MONTHLY_INDICATORS)
    shares = df[df["indicator"].map(lambda k: MONTHLY_INDICATORS[k].unit == "share")][
        "value"
    ].dropna()
    assert shares.between(0, 1).all()


def test_annual_indicators_and_targets(run_dir):
    annual = pd.read_csv(run_dir / "indicators_annual.csv")
    assert list(annual.columns) == ["year", "indicator", "value"]
    assert set(annual["year"]) == {2022, 2023}
    assert {"productivity_growth", "grdp_growth", "population", "grdp"} <= set(annual["indicator"])
    targets = pd.read_csv(run_dir / "targets.csv")
    assert list(targets.columns) == ["indicator", "year", "value", "target", "comparison", "met"]
    assert list(targets["indicator"]) == [t.id for t in TARGETS]
    assert (targets["year"] == 2023).all()  # the run stops before 2025
    assert targets["value"].notna().all()


def test_plots_config_and_run_info(run_dir):
    info = json.loads((run_dir / "run_info.json").read_text())
    assert info["complete"] is True and info["scale"] == 400
    for name in info["files"]:
        assert (run_dir / name).stat().st_size > 0, name
    assert {"targets.png", "employment.png", "labour_market.png"} <= set(info["files"])
    assert "scenario:" in (run_dir / "config_resolved.yaml").read_text()
    assert not list(run_dir.glob(".*.partial"))


def test_the_figures_are_matplotlib_figures_for_notebooks(run_dir):
    from matplotlib.figure import Figure

    from analysis.plots import FIGURES, wide_indicators

    wide = wide_indicators(pd.read_csv(run_dir / "indicators.csv"))
    for draw in FIGURES.values():
        figure = draw(wide, {}, "a title")
        assert isinstance(figure, Figure) and figure.axes
        assert figure.get_suptitle() == "a title"


def test_a_single_run_can_go_without_figures(tmp_path):
    out = tmp_path / "run"
    result = run_cli("scale=1000", "end=2022-02", "plots=false", f"hydra.run.dir={out}")
    assert result.returncode == 0, result.stderr[-2000:]
    assert (out / "indicators.csv").exists() and not list(out.glob("*.png"))


def test_a_grid_with_a_failed_run_says_so_and_exits_non_zero(tmp_path, capsys):
    from omegaconf import OmegaConf

    from analysis import store
    from analysis.grid_summary import GridSummary

    config = OmegaConf.create({"hydra": {"sweep": {"dir": str(tmp_path)}}})
    summary = GridSummary()
    summary.on_multirun_start(config)
    labels = {"scenario": "baseline", "seed": 0, "scale": 100}
    store.write_run_results(tmp_path, "a" * 16, labels, {"status": "complete", "error": ""})
    summary.on_multirun_end(config)  # nothing failed: no exit
    assert "grid finished" in capsys.readouterr().err
    labels = {**labels, "seed": 1}
    failure = {"status": "failed", "error": "RuntimeError: boom", "directory": "seed=1"}
    store.write_run_results(tmp_path, "b" * 16, labels, failure)
    with pytest.raises(SystemExit) as e:
        summary.on_multirun_end(config)
    assert e.value.code == 1
    err = capsys.readouterr().err
    assert "seed=1: RuntimeError: boom" in err and "1 of the grid's 2 runs failed" in err
