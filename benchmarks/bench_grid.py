"""Throughput of a grid: runs a grid through ``run.py -m`` and its joblib launcher, then
reads each run's timings from the grid's result store.

    python benchmarks/bench_grid.py                        # 13 scenarios x 2 seeds, scale 10
    python benchmarks/bench_grid.py --seeds 4 --scale 20 --jobs 2

Prints runs a minute, seconds a run split into build, simulation, writing and the rest
(process start-up, imports, configuration checks, Hydra), the processor time a run of all
the grid's processes, the time to load the result store, and the projected time of the 13
scenarios x 100 seeds grid at the same scale on this machine: in proportion to this grid's
time, and with the start-up before the first run (imports, checks, starting the workers:
a few seconds, once whatever the grid's size) counted once.  Not a test: timings depend
on the machine (and on what else runs on it: then compare the processor times).
"""

from __future__ import annotations

import argparse
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from analysis import store  # noqa: E402
from analysis.cli import description_of  # noqa: E402
from analysis.compare.runs import read_store  # noqa: E402

SCENARIOS = sorted(path.stem for path in (ROOT / "conf" / "scenario").glob("*.yaml"))
PROJECTED_SEEDS = 100


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=description_of(__doc__))
    parser.add_argument("--seeds", type=int, default=2, help="seeds per scenario (default 2)")
    parser.add_argument("--scale", type=int, default=10, help="people per agent (default 10)")
    parser.add_argument("--jobs", type=int, default=2, help="runs at once (default 2)")
    parser.add_argument("--keep", help="keep the grid in this directory (default: removed)")
    arguments = parser.parse_args(argv)
    if arguments.seeds < 1 or arguments.scale < 1 or arguments.jobs < 1:
        parser.error("--seeds, --scale and --jobs must be at least 1")
    directory = Path(arguments.keep or tempfile.mkdtemp(prefix="bench-grid-"))
    command = [
        sys.executable,
        str(ROOT / "run.py"),
        "-m",
        "hydra/launcher=joblib",
        f"hydra.launcher.n_jobs={arguments.jobs}",
        f"scenario={','.join(SCENARIOS)}",
        f"seed=range({arguments.seeds})",
        f"scale={arguments.scale}",
        f"hydra.sweep.dir={directory}",
    ]
    began, cpu_before = time.perf_counter(), _children_cpu_seconds()
    began_clock = time.time()  # the run directories' times are the clock's
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    wall = time.perf_counter() - began
    cpu = _children_cpu_seconds() - cpu_before
    if done.returncode != 0:
        print(done.stderr[-3000:], file=sys.stderr)
        sys.exit(f"the grid failed (exit {done.returncode}); see above")
    runs = store.load(directory, "runs")
    count = len(runs)
    loading = time.perf_counter()
    read_store(directory)
    loading = time.perf_counter() - loading
    core_seconds = wall * arguments.jobs / count
    build, simulation, writing = (
        runs[column].mean() for column in ("build_seconds", "run_seconds", "write_seconds")
    )
    rest = core_seconds - build - simulation - writing
    projected = PROJECTED_SEEDS * len(SCENARIOS) * wall / count
    # the first run began when its directory got its key (run.py, GridRun.skip)
    first_run = min(path.stat().st_mtime for path in directory.glob(f"*/{store.KEY_FILE}"))
    start_up = min(max(first_run - began_clock, 0.0), wall)
    projected_once = start_up + PROJECTED_SEEDS * len(SCENARIOS) * (wall - start_up) / count
    print(
        f"{count} runs ({len(SCENARIOS)} scenarios x {arguments.seeds} seeds, scale "
        f"{arguments.scale}, {arguments.jobs} at once) in {wall:.0f} s: "
        f"{count / wall * 60:.1f} runs a minute"
    )
    print(
        f"seconds a run (on one core): {core_seconds:.2f} = build {build:.2f} + simulation "
        f"{simulation:.2f} + writing {writing:.2f} + the rest (start-up, imports, checks, "
        f"Hydra) {rest:.2f}"
    )
    print(
        f"processor time, all processes of the grid: {cpu / count:.2f} s a run (on a machine "
        f"shared with other work it varies less than the times above, which are elapsed)"
    )
    print(f"peak memory of a run: {runs.peak_memory_mb.max():.0f} MB")
    print(f"loading the grid's result store for the comparison: {loading:.2f} s")
    print(
        f"projected: {len(SCENARIOS)} scenarios x {PROJECTED_SEEDS} seeds at scale "
        f"{arguments.scale}: {projected / 60:.0f} minutes"
    )
    print(
        f"projected with the start-up before the first run ({start_up:.1f} s: imports, checks, "
        f"the workers) counted once: {projected_once / 60:.0f} minutes"
    )
    if not arguments.keep:
        shutil.rmtree(directory, ignore_errors=True)


def _children_cpu_seconds() -> float:
    """User and system time of this process's finished children (and theirs)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


if __name__ == "__main__":
    main()
