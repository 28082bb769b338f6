"""The result store of a grid: written run by run, gathered, loaded; grids that resume."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

import pandas as pd
import pytest

from analysis import store
from analysis.compare.runs import find_runs
from analysis.compare.statistics import chance_interval
from simulation.config import ROOT
from tests.conftest import same_history


def monthly(value: float) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "month": ["2025-11", "2025-12", "2025-11", "2025-12"],
            "indicator": ["unemployment", "unemployment", "employed", "employed"],
            "value": [value, value, 1000 * value, 1000 * value],
        }
    )


def annual(value: float) -> pd.DataFrame:
    return pd.DataFrame({"year": [2025], "indicator": ["unemployment"], "value": [value]})


def write(root, key, seed, value, status="complete", **extra):
    labels = {"scenario": "baseline", "seed": seed, "scale": 100, **extra}
    info = {
        "status": status,
        "error": "" if status == "complete" else "RuntimeError: boom",
        "directory": f"seed={seed}",
        "uncertainty": "stochastic",
        "overrides": json.dumps({"scenario": "baseline", "seed": str(seed)}),
    }
    if status == "complete":
        store.write_run_results(root, key, labels, info, monthly(value), annual(value), {"p": 1.0})
    else:
        store.write_run_results(root, key, labels, info)


def test_runs_written_one_by_one_load_as_one_table_and_survive_compaction(tmp_path):
    write(tmp_path, "k0", 0, 0.02)
    write(tmp_path, "k1", 1, 0.03, sweep_value="5")  # a column the other runs lack
    write(tmp_path, "k2", 2, 0.04, status="failed")
    # a run killed while writing: indicator files but no runs row
    store._write_table(monthly(0.9).assign(run_id="k3"), store._path(tmp_path, "monthly", "k3"))
    loaded = store.load(tmp_path, "monthly")
    assert sorted(loaded.run_id.astype(str).unique()) == ["k0", "k1"]
    assert loaded.sweep_value.isna().sum() == 4 and (loaded.sweep_value == "5").sum() == 4
    runs = store.load(tmp_path, "runs")
    assert dict(zip(runs.run_id, runs.status, strict=True)) == {
        "k0": "complete",
        "k1": "complete",
        "k2": "failed",
    }
    assert runs["parameter.p"].notna().sum() == 2
    assert store.finished(tmp_path, "k0") and not store.finished(tmp_path, "k2")
    assert not store.finished(tmp_path, "k3")

    before = {table: store.load(tmp_path, table) for table in store.TABLES}
    assert store.compact(tmp_path) == 3
    files = sorted(path.name for path in (tmp_path / "results").rglob("*.parquet"))
    assert files == ["compacted.parquet"] * 3  # the single files are gone
    for table, frame in before.items():
        after = store.load(tmp_path, table)
        key = ["run_id", "month", "indicator"] if table == "monthly" else ["run_id"]
        if table == "annual":
            key = ["run_id", "year", "indicator"]
        pd.testing.assert_frame_equal(
            frame.astype(str).sort_values(key).reset_index(drop=True),
            after.astype(str).sort_values(key).reset_index(drop=True),
        )
    assert store.finished(tmp_path, "k1") and not store.finished(tmp_path, "k2")
    # the failed run redone after compaction: its new row wins over the compacted one
    write(tmp_path, "k2", 2, 0.05)
    assert store.finished(tmp_path, "k2")
    runs = store.load(tmp_path, "runs")
    assert len(runs) == 3 and set(runs.status) == {"complete"}
    assert set(store.load(tmp_path, "annual").value) == {0.02, 0.03, 0.05}
    store.forget(tmp_path, "k0")  # e.g. the code changed: the run is given up
    assert not store.finished(tmp_path, "k0")
    assert "k0" not in set(store.load(tmp_path, "monthly").run_id.astype(str))


def _forget_in_a_process(item):
    root, key = item
    store.forget(root, key)


def test_runs_forgetting_their_old_keys_at_once_forget_every_one(tmp_path):
    """Runs of a grid rerun after the code changed give up their old keys at once, each
    rewriting the compacted files: none may read a half-replaced file or write back rows
    another has removed."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    keys = [f"k{index}" for index in range(12)]
    for index, key in enumerate(keys):
        write(tmp_path, key, index, 0.01 * (index + 1))
    store.compact(tmp_path)
    context = multiprocessing.get_context("forkserver")
    with ProcessPoolExecutor(max_workers=4, mp_context=context) as pool:
        list(pool.map(_forget_in_a_process, [(tmp_path, key) for key in keys[:10]]))
    assert sorted(store.load(tmp_path, "runs").run_id.astype(str)) == ["k10", "k11"]
    assert set(store.load(tmp_path, "monthly").run_id.astype(str)) == {"k10", "k11"}


def test_the_comparison_reads_runs_from_the_store(tmp_path):
    for seed, value in enumerate((0.02, 0.03)):
        write(tmp_path, f"k{seed}", seed, value)
    (tmp_path / "seed=2" / ".hydra").mkdir(parents=True)  # a run that never finished
    (tmp_path / "seed=2" / ".hydra" / "config.yaml").write_text("seed: 2\n")
    runs, failed = find_runs(tmp_path)
    assert sorted(run.value("unemployment", 2025) for run in runs) == [0.02, 0.03]
    assert runs[0].monthly.loc["2025-12", "employed"] == pytest.approx(20.0)
    assert [reason for _, reason in failed] == ["did not finish"]


def test_the_same_configuration_and_code_give_the_same_key_and_a_change_another():
    config = {"seed": 1, "scale": 10, "scenario": {"name": "baseline"}}
    assert store.run_key(config) == store.run_key(dict(reversed(config.items())))
    assert store.run_key({**config, "plots": True}) == store.run_key(config)
    assert store.run_key({**config, "seed": 2}) != store.run_key(config)
    assert store.grid_name(["-m", "seed=0,1", "scenario=a,b", "hydra/launcher=joblib"]) == (
        store.grid_name(["scenario=a,b", "-m", "seed=0,1"])
    )
    assert store.grid_name(["seed=0,1"]) != store.grid_name(["seed=0,2"])
    assert store.grid_name(["seed=0,1"]).startswith("grid_")


def test_the_chance_of_meeting_a_target_has_a_wilson_interval():
    low, high = chance_interval(5, 5, 0.95)
    assert low == pytest.approx(5 / (5 + 1.959964**2), abs=1e-4) and high == pytest.approx(1.0)
    low, high = chance_interval(0, 10, 0.95)
    assert low == pytest.approx(0.0, abs=1e-12) and 0.27 < high < 0.28


GRID = ["-m", "scenario=baseline,formalisation", "seed=0,1", "scale=200", "end=2022-06"]


def grid(cwd, *extra: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, str(ROOT / "run.py"), *GRID, *extra],
        cwd=cwd,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )


def test_a_grid_killed_midway_resumes_and_gives_the_results_of_an_uninterrupted_one(tmp_path):
    interrupted, whole = tmp_path / "interrupted", tmp_path / "whole"
    interrupted.mkdir()
    whole.mkdir()
    process = grid(interrupted)
    deadline = time.time() + 300
    runs = []
    while not runs and time.time() < deadline and process.poll() is None:
        runs = list(interrupted.glob("multirun/*/results/runs/*.parquet"))
        time.sleep(0.02)
    os.killpg(process.pid, signal.SIGKILL)  # the grid and anything it started
    process.communicate()
    assert runs, "the grid did not finish a run before the deadline"
    root = runs[0].parent.parent.parent
    first = store.load(root, "runs")
    assert 1 <= len(first) < 4, "the kill came too late to interrupt the grid"

    resumed = grid(interrupted)
    out, err = resumed.communicate(timeout=600)
    assert resumed.returncode == 0, err[-2000:]
    assert (out + err).count("finished before") == len(first)
    again = store.load(root, "runs").set_index("run_id")
    assert len(again) == 4 and set(again.status) == {"complete"}
    for row in first.itertuples():  # finished runs were kept, not redone
        assert again.loc[row.run_id, "finished_at"] == row.finished_at
    assert not list(root.rglob("*.png"))  # no per-run figures in a grid by default

    uninterrupted = grid(whole)
    _, err = uninterrupted.communicate(timeout=600)
    assert uninterrupted.returncode == 0, err[-2000:]
    other = next(whole.glob("multirun/*"))
    assert other.name == root.name  # the same command names the same grid

    def indicators(path):
        frame = store.load(path, "monthly").astype({"run_id": str, "indicator": str})
        return frame.sort_values(["run_id", "month", "indicator"]).reset_index(drop=True)

    pd.testing.assert_frame_equal(indicators(root).astype(str), indicators(other).astype(str))


def test_the_runs_of_a_seed_share_one_synthetic_population_and_give_the_same_results(tmp_path):
    import dataclasses

    from analysis import population_cache
    from scenarios import build_levers, check_levers
    from simulation.model import ProvinceModel
    from simulation.preflight import compose_checked

    built = []
    folder = tmp_path / population_cache.FOLDER

    def cache(settings, build):
        def counted():
            built.append(settings.scenario_name)
            return build()

        return population_cache.cached(folder, settings, counted)

    def history(scenario, shared):
        settings = compose_checked(
            [f"scenario={scenario}", "scale=500", "end=2023-09"], check_levers
        )
        model = ProvinceModel(settings, build_levers(settings.levers), cache if shared else None)
        model.run()
        return model.history

    plain = history("plan_package", shared=False)
    history("baseline", shared=True)  # builds and keeps the seed's population
    shared = history("plan_package", shared=True)  # loads it
    assert built == ["baseline"] and len(list(folder.glob("*.pickle"))) == 1
    assert same_history(shared, plain)  # bit for bit, the lever's months included
    # another seed, scale or parameter is another population
    settings = compose_checked(["scale=500"], check_levers)
    keys = {
        population_cache.population_key(settings),
        population_cache.population_key(dataclasses.replace(settings, seed=1)),
        population_cache.population_key(dataclasses.replace(settings, scale=400)),
        population_cache.population_key(
            compose_checked(["scale=500", "+province.params.abroad_stock=11000"], check_levers)
        ),
    }
    assert len(keys) == 4
    population_cache.forget(tmp_path)  # at the end of the grid
    assert not folder.exists()


def _settings_and_levers(scenario):
    from scenarios import build_levers, check_levers
    from simulation.preflight import compose_checked

    settings = compose_checked([f"scenario={scenario}", "scale=500", "end=2023-09"], check_levers)
    return settings, build_levers(settings.levers)


def test_the_runs_of_a_seed_share_their_months_before_the_levers_act(tmp_path):
    from analysis import population_cache
    from scenarios import build_levers, check_levers
    from scenarios.minimum_wage import MinimumWage
    from simulation.model import ProvinceModel
    from simulation.preflight import compose_checked

    folder = tmp_path / population_cache.FOLDER

    def run(scenario, shared):
        settings = compose_checked(
            [f"scenario={scenario}", "scale=500", "end=2023-09"], check_levers
        )
        levers = build_levers(settings.levers)
        if not shared:
            model = ProvinceModel(settings, levers)
        else:
            model = population_cache.shared_model(folder, settings, levers)
            population_cache.keep_shared_months(folder, model)
        model.run()
        if shared:
            population_cache.keep_finished(folder, model)
        return model, settings

    def states():
        return sorted(
            path.name.rpartition("_")[2]
            for path in folder.glob(f"*{population_cache.STATE_SUFFIX}")
        )

    plain, _ = run("plan_package", shared=False)
    # simulates 2022-01 to 2023-06, keeps the state then and at the new year on the way
    run("minimum_wage", shared=True)
    assert states() == ["2023-01.state", "2023-07.state"]
    baseline, _ = run("baseline", shared=True)  # goes on from it: no lever acts
    assert states() == ["2023-01.state", "2023-07.state", "2023-10.state"]  # and finished
    shared, settings = run("plan_package", shared=True)  # its levers start then: from it too
    assert same_history(shared.history, plain.history)  # bit for bit
    assert same_history(baseline.history, run("baseline", shared=False)[0].history)
    # a run whose levers start in January goes on from the new year's state
    downturn, _ = run("export_downturn", shared=True)
    assert same_history(downturn.history, run("export_downturn", shared=False)[0].history)
    # the finished baseline: nothing left to simulate, the same results
    again = population_cache.shared_model(folder, *_settings_and_levers("baseline"))
    assert again.month > again.end and same_history(again.history, baseline.history)
    assert shared.settings is settings and len(shared.levers) == len(settings.levers)
    # a lever that might act before its start shares no month
    early = type("Early", (MinimumWage,), {"apply": lambda self, model: None})
    lever = early(check_levers({"minimum_wage": {}})["minimum_wage"])
    assert population_cache.first_lever_month(settings, [lever]) == settings.base_month
    population_cache.forget(tmp_path)  # at the end of the grid
    assert not folder.exists()


def test_the_populations_kept_stay_within_their_disk_budget(tmp_path, monkeypatch):
    from analysis import population_cache

    monkeypatch.setattr(population_cache, "BUDGET_BYTES", 2500)
    settings = [type("Settings", (), {})() for _ in range(4)]
    keys = iter(["a", "b", "c", "d"])
    monkeypatch.setattr(population_cache, "population_key", lambda settings: next(keys))
    for number, one in enumerate(settings):
        population_cache.cached(tmp_path, one, lambda: bytes(1000))  # about 1 kB each
        os.utime(tmp_path / f"{'abcd'[number]}.pickle", (number, number))
    assert sorted(path.stem for path in tmp_path.glob("*.pickle")) == ["c", "d"]


def test_two_runs_writing_one_file_at_once_each_rename_a_whole_file(tmp_path, monkeypatch):
    # the second writer (e.g. the job of another scenario building the same seed's
    # population) finishes while the first is between writing and renaming its file
    from analysis import outputs

    path = tmp_path / "population.pickle"
    rename = os.replace

    def interleaved(source, target):
        monkeypatch.setattr(outputs.os, "replace", rename)
        outputs.write_atomic(path, b"second")
        rename(source, target)

    monkeypatch.setattr(outputs.os, "replace", interleaved)
    outputs.write_atomic(path, b"first")
    assert path.read_bytes() == b"first" and [p.name for p in tmp_path.iterdir()] == [path.name]
