"""After a grid of runs (``python run.py -m ...``): say which runs failed, and exit non-zero
if any did, so that a script or CI notices.  A Hydra callback (``conf/config.yaml``)."""

from __future__ import annotations

import sys
import time
from pathlib import Path

from hydra.experimental.callback import Callback
from omegaconf import DictConfig

from analysis.outputs import FAILED, failure_reason


class GridSummary(Callback):
    def __init__(self) -> None:
        self.began = time.time()

    def on_multirun_start(self, config: DictConfig, **kwargs) -> None:
        self.began = time.time()

    def on_multirun_end(self, config: DictConfig, **kwargs) -> None:
        root = Path(config.hydra.sweep.dir)
        failed = [
            path for path in sorted(root.rglob(FAILED)) if path.stat().st_mtime >= self.began - 1
        ]
        if not failed:
            print(
                f"grid finished: {root}  (compare it: python -m analysis.compare {root})",
                file=sys.stderr,
            )
            return
        for path in failed:
            print(f"failed run: {path.parent}: {failure_reason(path.parent)}", file=sys.stderr)
        print(
            f"{len(failed)} run(s) of the grid failed; the others are in {root}",
            file=sys.stderr,
        )
        sys.exit(1)
