"""A grid on a real SLURM: a single-node cluster started on this machine
(tests/single_node_slurm.py), the grid submitted through Hydra's submitit launcher
(``hydra/launcher=slurm``), its result store checked against the same grid run here.
Skipped, with the reason, where the packages cannot be installed or the daemons cannot
start.  And the one-line message when the launcher's plugin is not installed."""

from __future__ import annotations

import importlib.util
import os
import re
import subprocess
import sys

import pandas as pd
import pytest

from analysis import store
from simulation.config import ROOT
from tests.single_node_slurm import SingleNodeSlurm, SlurmUnavailable

GRID = ["-m", "seed=0,1", "scenario=baseline,formalisation", "scale=200", "end=2022-06"]
ON_SLURM = ["hydra/launcher=slurm", "hydra.launcher.mem_gb=1", "hydra.launcher.timeout_min=5"]
GRID_SECONDS = 240


@pytest.fixture(scope="module")
def slurm(tmp_path_factory):
    if importlib.util.find_spec("hydra_plugins.hydra_submitit_launcher") is None:
        pytest.skip("the extra cluster is not installed (pip install -e '.[cluster]')")
    try:
        cluster = SingleNodeSlurm(tmp_path_factory.mktemp("slurm")).start()
    except SlurmUnavailable as error:
        pytest.skip(f"no single-node SLURM on this machine: {error}")
    yield cluster
    cluster.stop()


def run_grid(cwd, *extra: str, environment=None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(ROOT / "run.py"), *GRID, *extra],
        cwd=cwd,
        env=environment,
        capture_output=True,
        text=True,
        timeout=GRID_SECONDS,
    )


def indicators(root) -> pd.DataFrame:
    frame = store.load(root, "monthly").astype({"run_id": str, "indicator": str})
    return frame.sort_values(["run_id", "month", "indicator"]).reset_index(drop=True)


def test_a_grid_on_slurm_fails_runs_by_their_status_resumes_and_equals_the_local_grid(
    slurm, tmp_path
):
    on_slurm, here = tmp_path / "slurm", tmp_path / "here"
    on_slurm.mkdir()
    here.mkdir()
    grid = on_slurm / "multirun" / store.grid_name(GRID)
    # one run cannot write its outputs (a directory where its CSV goes): it fails in its job
    blocked = grid / "end=2022-06,scale=200,scenario=formalisation,seed=1"
    (blocked / "indicators.csv").mkdir(parents=True)

    first = run_grid(on_slurm, *ON_SLURM, environment=slurm.environment)
    assert first.returncode == 1, first.stderr[-2000:]
    assert f"failed run: {blocked.relative_to(on_slurm)}: IsADirectoryError" in first.stderr
    assert "1 of the grid's 4 runs failed" in first.stderr
    # the runs were the four tasks of one SLURM job array (submitit's folder per task)
    tasks = sorted(
        path.name for path in (grid / ".submitit").iterdir() if re.fullmatch(r"\d+_\d+", path.name)
    )
    array = tasks[0].split("_")[0] if tasks else ""
    assert tasks == [f"{array}_{task}" for task in range(4)], tasks
    runs = store.load(grid, "runs").set_index("directory")
    assert runs.status.value_counts().to_dict() == {"complete": 3, "failed": 1}
    assert not (grid / ".populations").exists()  # removed at the end of the grid

    (blocked / "indicators.csv").rmdir()
    resumed = run_grid(on_slurm, *ON_SLURM, environment=slurm.environment)
    assert resumed.returncode == 0, resumed.stderr[-2000:]
    again = store.load(grid, "runs").set_index("directory")
    assert len(again) == 4 and set(again.status) == {"complete"}
    finished = runs.index[runs.status == "complete"]
    assert (again.loc[finished, "finished_at"] == runs.loc[finished, "finished_at"]).all()
    assert len(indicators(grid).run_id.unique()) == 4

    local = run_grid(here)  # the basic launcher, in this process's machine
    assert local.returncode == 0, local.stderr[-2000:]
    local_grid = here / "multirun" / grid.name  # the same command but the launcher
    pd.testing.assert_frame_equal(indicators(grid).astype(str), indicators(local_grid).astype(str))


def test_a_launcher_whose_plugin_is_missing_names_the_extra_to_install(tmp_path):
    # the submitit plugin hidden from Hydra's plugin scan, whatever this environment has
    hidden = (
        "import runpy, sys\n"
        "sys.modules['hydra_plugins.hydra_submitit_launcher'] = None\n"
        f"sys.argv = ['run.py', *{[*GRID, '{choice}']!r}]\n"
        f"runpy.run_path({str(ROOT / 'run.py')!r}, run_name='__main__')\n"
    )
    for choice in ("hydra/launcher=slurm", "hydra/launcher=submitit_slurm"):
        result = subprocess.run(
            [sys.executable, "-c", hidden.replace("{choice}", choice)],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert result.returncode == 2
        assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
        assert result.stderr.startswith("error: hydra/launcher: submitit_slurm needs")
        assert "pip install -e '.[cluster]'" in result.stderr
        assert not any(tmp_path.iterdir())  # nothing written


def test_the_slurm_launcher_without_sbatch_is_one_line(tmp_path):
    if importlib.util.find_spec("hydra_plugins.hydra_submitit_launcher") is None:
        pytest.skip("the extra cluster is not installed (pip install -e '.[cluster]')")
    environment = {**os.environ, "PATH": str(tmp_path)}  # no sbatch on it
    result = run_grid(tmp_path, "hydra/launcher=slurm", environment=environment)
    assert result.returncode == 2
    assert result.stderr == (
        "error: hydra/launcher: SLURM's sbatch is not on the PATH; submit from a node of the "
        "cluster (or load its module), or use hydra/launcher=joblib\n"
    )
    assert not (tmp_path / "multirun").exists()


def test_the_slurm_launcher_where_slurm_does_not_answer_is_one_line(tmp_path):
    """sbatch at hand but no cluster to take the jobs (no configuration, no controller):
    the command says what sinfo said, in one line, before anything is written."""
    if importlib.util.find_spec("hydra_plugins.hydra_submitit_launcher") is None:
        pytest.skip("the extra cluster is not installed (pip install -e '.[cluster]')")
    tools = tmp_path / "bin"
    tools.mkdir()
    for name, script in (
        ("sbatch", "#!/bin/sh\nexit 0\n"),
        (
            "sinfo",
            "#!/bin/sh\n"
            "echo 'sinfo: fatal: Could not establish a configuration source' >&2\nexit 1\n",
        ),
    ):
        (tools / name).write_text(script)
        (tools / name).chmod(0o755)
    environment = {**os.environ, "PATH": f"{tools}{os.pathsep}{os.environ['PATH']}"}
    result = run_grid(tmp_path, "hydra/launcher=slurm", environment=environment)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert result.stderr == (
        "error: hydra/launcher: SLURM does not answer here (sinfo: fatal: Could not establish "
        "a configuration source); submit from a node of the cluster, or use "
        "hydra/launcher=joblib\n"
    )
    assert not (tmp_path / "multirun").exists()
