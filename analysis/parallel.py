"""Run independent model evaluations in parallel processes, with a progress bar."""

from __future__ import annotations

import multiprocessing
import sys
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from typing import Any

from tqdm import tqdm


def parallel_map(
    function: Callable[[Any], Any], items: Iterable[Any], jobs: int, description: str
) -> list[Any]:
    """``[function(item) for item in items]`` in ``jobs`` processes, in order, with a
    progress bar on stderr.  The processes start from a fork server that has imported the
    model once; ``function`` must be a module-level function and its results must not
    depend on which process runs it (each item carries its own seed)."""
    items = list(items)
    results: list[Any] = []
    bar = tqdm(total=len(items), desc=description, unit="run", file=sys.stderr)
    if jobs == 1:
        for item in items:
            results.append(function(item))
            bar.update()
    else:
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(["simulation.build", "scenarios", function.__module__])
        with ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
            for result in pool.map(function, items, chunksize=1):
                results.append(result)
                bar.update()
    bar.close()
    return results
