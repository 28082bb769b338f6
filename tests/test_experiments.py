"""Named experiments (conf/experiment/): each a documented grid, checked before it starts,
its grid directory named after it."""

from __future__ import annotations

import subprocess
import sys

import pytest

from analysis import store
from scenarios import check_levers
from simulation.config import ROOT, ConfigError
from simulation.preflight import CONF_DIR, preflight
from tests.conftest import run_cli

RUNS = {"plan": 2 * 5, "levers": 11 * 5, "training_seats": 3 * 5, "uncertainty": 2 * 20}


def test_each_experiment_is_the_documented_grid_and_every_run_of_it_is_checked():
    assert sorted(path.stem for path in (CONF_DIR / "experiment").glob("*.yaml")) == sorted(RUNS)
    for name, runs in RUNS.items():
        assert preflight(["-m", f"+experiment={name}"], check_levers) == runs
    # the command line changes an experiment: a key it sweeps, or one it sets
    assert preflight(["-m", "+experiment=levers", "seed=0,1", "scale=50"], check_levers) == 22
    assert preflight(["-m", "+experiment=plan", "scenario=baseline"], check_levers) == 5
    with pytest.raises(ConfigError, match="^scale: people per agent must be at least 1, got -1$"):
        preflight(["-m", "+experiment=plan", "+hydra.sweeper.params.scale='100,-1'"])
    with pytest.raises(ConfigError, match="^seed, scenario: swept by the config"):
        preflight(["+experiment=plan"])  # a grid, without -m


def test_an_experiment_names_its_grid_whatever_the_launcher():
    assert store.grid_name(["-m", "+experiment=levers"]) == "levers"
    assert store.grid_name(["-m", "+experiment=levers", "hydra/launcher=slurm"]) == "levers"
    changed = store.grid_name(["-m", "+experiment=levers", "scale=50"])
    assert changed.startswith("levers_") and changed != store.grid_name(["-m", "scale=50"])


@pytest.mark.parametrize(
    "argument, message",
    [
        ("+experiment=nope", "error: experiment: unknown experiment 'nope' (available: levers,"),
        ("experiment=plan", "error: experiment: not in the config by default; write +experiment"),
    ],
)
def test_a_bad_experiment_is_one_line(tmp_path, argument, message):
    result = run_cli("-m", argument, f"hydra.sweep.dir={tmp_path}/grid")
    assert result.returncode == 2
    assert result.stderr.startswith(message) and result.stderr.count("\n") == 1
    assert not (tmp_path / "grid").exists()


def test_an_experiment_runs_its_grid_in_a_directory_named_after_it(tmp_path):
    command = ["-m", "+experiment=plan", "seed=0", "scale=400", "end=2022-02"]
    result = subprocess.run(
        [sys.executable, str(ROOT / "run.py"), *command],
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    (grid,) = (tmp_path / "multirun").iterdir()
    assert grid.name.startswith("plan_")
    runs = store.load(grid, "runs")
    assert sorted(runs.scenario) == ["baseline", "plan_package"]
    assert set(runs.seed) == {0} and set(runs.scale) == {400} and set(runs.status) == {"complete"}
