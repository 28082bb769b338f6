"""After a grid of runs (``python run.py -m ...``): gather its result store into one file
per table, say which runs failed, and exit non-zero if any did, so that a script or CI
notices.  A Hydra callback (``conf/config.yaml``).

Failures are read from each run's own status in the result store (``results/runs``:
``status`` and ``error``), not from file times, so they are found wherever the runs ran;
a rerun of the grid redoes the failed runs and skips the finished ones."""

from __future__ import annotations

import sys
from pathlib import Path

from hydra.experimental.callback import Callback
from omegaconf import DictConfig

from analysis import population_cache, store


class GridSummary(Callback):
    def on_multirun_start(self, config: DictConfig, **kwargs) -> None:
        root = Path(config.hydra.sweep.dir)
        print(
            f"grid directory: {root}  (rerun the same command to resume it: finished runs "
            "are skipped)",
            file=sys.stderr,
        )

    def on_multirun_end(self, config: DictConfig, **kwargs) -> None:
        root = Path(config.hydra.sweep.dir)
        store.compact(root)
        population_cache.forget(root)
        runs = store.load(root, "runs")
        failed = runs[runs.status == store.FAILED_STATUS] if len(runs) else runs
        if not len(failed):
            print(
                f"grid finished: {root}, {len(runs)} runs  (compare it: "
                f"python -m analysis.compare {root})",
                file=sys.stderr,
            )
            return
        for row in failed.itertuples():
            print(f"failed run: {root / row.directory}: {row.error}", file=sys.stderr)
        print(
            f"{len(failed)} of the grid's {len(runs)} runs failed (rerun the same command to "
            f"redo them); the others are in {root}",
            file=sys.stderr,
        )
        sys.exit(1)
