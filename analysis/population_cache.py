"""Synthetic populations shared by the runs of a grid.

The base year's persons and firms depend only on the province's data and parameters, the
scale, the base month and the seed (common random numbers), not on the scenario: the runs
of one seed in a grid of scenarios start from the same population.  A grid builds it once
per seed and the other runs load it (about 0.02 s against 0.85 s to build at 10 people
per agent).  Each population is a pickle in the cache folder, keyed by a hash of what it
depends on and of the code's version, written under a temporary name and renamed (two
runs building the same one at once both write the same bytes)."""

from __future__ import annotations

import hashlib
import json
import pickle
from collections.abc import Callable
from pathlib import Path

from analysis.outputs import write_atomic
from simulation.version import VERSION_LENGTH, code_version

FOLDER = ".populations"  # in a grid's directory; removed when the grid ends
# disk kept for populations: beyond it the oldest go (about 130 at 10 people per agent,
# 13 at full scale); the runs of a seed reuse theirs when the seed is the grid's outer
# loop (seed=... first on the command line) or the grid is small
BUDGET_BYTES = 2 * 1024**3


def population_key(settings) -> str:
    """What the synthetic population of ``settings`` depends on, hashed."""
    parameters = {name: p.value for name, p in settings.province.parameters.items()}
    described = {
        "data": str(settings.province.folder),
        "parameters": parameters,
        "scale": settings.scale,
        "base_month": settings.base_month,
        "seed": settings.seed,
        "code": code_version(),
    }
    text = json.dumps(described, sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()[:VERSION_LENGTH]


def forget(grid: Path) -> None:
    """Remove a grid's cached populations (at its end: a rerun builds them again)."""
    folder = Path(grid) / FOLDER
    for path in folder.glob("*.pickle"):
        path.unlink(missing_ok=True)
    if folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()


def cached(folder: Path, settings, build: Callable[[], object]):
    """The population of ``settings`` from the cache ``folder``, or ``build()`` it and
    keep it there.  A damaged file is built again."""
    path = Path(folder) / f"{population_key(settings)}.pickle"
    if path.exists():
        try:
            return pickle.loads(path.read_bytes())
        except (pickle.UnpicklingError, EOFError, AttributeError, ValueError):
            pass
    population = build()
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path, pickle.dumps(population, protocol=pickle.HIGHEST_PROTOCOL))
    _keep_within_budget(path)
    return population


def _keep_within_budget(newest: Path) -> None:
    """Remove the oldest populations until the folder is within ``BUDGET_BYTES``."""
    files = []
    for path in newest.parent.glob("*.pickle"):
        try:
            files.append((path.stat().st_mtime, path.stat().st_size, path))
        except FileNotFoundError:  # removed by another run meanwhile
            continue
    total = sum(size for _, size, _ in files)
    for _, size, path in sorted(files):
        if total <= BUDGET_BYTES or path == newest:
            continue
        path.unlink(missing_ok=True)
        total -= size
