"""Synthetic populations, and the months before the levers act, shared by the runs of a grid.

The base year's persons and firms depend only on the province's data and parameters, the
scale, the base month and the seed (common random numbers), not on the scenario: the runs
of one seed in a grid of scenarios start from the same population.  A grid builds it once
per seed and the other runs load it (about 0.02 s against 0.85 s to build at 10 people
per agent).  Each population is a pickle in the cache folder, keyed by a hash of what it
depends on and of the code's version, written under a temporary name and renamed (two
runs building the same one at once both write the same bytes).

The runs of a seed share more: a lever does nothing before its start month
(:class:`scenarios.lever.Lever`), so until the first month one of a run's levers acts the
run is the same, bit for bit, as the baseline's of its seed.  A run that simulates those
months keeps the model's state at that month (a pickle of the model without its levers,
keyed by what those months depend on and by the month), and a later run of the seed
whose levers start then or later goes on from the latest such state instead of building
the model and simulating the months again (most levers start 18 of the 48 months in:
about 1.6 s of the 4.3 s of processor time of a run at 10 people per agent).  A run none
of whose levers acts before its end (the baseline; ``training_plan``, whose levers start in
2026, in a run to 2025) keeps its finished state, and the next such run of the seed has no
month left to simulate.
"""

from __future__ import annotations

import hashlib
import json
import pickle
from collections.abc import Callable
from pathlib import Path

from analysis.outputs import write_atomic
from scenarios.lever import Lever
from simulation.calendar import calendar_month, month_label, parse_month
from simulation.config import estimated_row_ranges
from simulation.model import ProvinceModel
from simulation.version import VERSION_LENGTH, code_version

FOLDER = ".populations"  # in a grid's directory; removed when the grid ends
POPULATION_SUFFIX = ".pickle"  # a population: <key>.pickle
STATE_SUFFIX = ".state"  # a model's state: <key>_<YYYY-MM>.state, the month it is at
# disk kept for populations, and as much again for states: beyond it the oldest go (about
# 130 populations or 120 states at 10 people per agent, 13 or 12 at full scale); the runs
# of a seed reuse theirs when the seed is the grid's outer loop (seed=... first on the
# command line, as in the experiments of conf/experiment/) or the grid is small: a seed
# keeps up to three states (a new year's, its levers' first month, the finished
# baseline's), about 40 seeds' worth at 10 people per agent with the scenario outer
BUDGET_BYTES = 2 * 1024**3
# what the model calls on a lever; a lever class that overrides one of them might act
# before its start month, and its runs share no months
LEVER_CALLS = ("setup", "apply", "after")


def population_key(settings) -> str:
    """What the synthetic population of ``settings`` depends on, hashed."""
    parameters = {name: p.value for name, p in settings.province.parameters.items()}
    # the estimated tables' rows, drawn or overridden (province.tables)
    rows = [
        settings.province.figures.rows[position]
        for position in estimated_row_ranges(settings.province)
    ]
    tables = {f"{row.variable}:{row.category}:{row.year}": row.value for row in rows}
    described = {
        "data": str(settings.province.folder),
        "parameters": parameters,
        "tables": tables,
        "scale": settings.scale,
        "base_month": settings.base_month,
        "seed": settings.seed,
        "code": code_version(),
    }
    text = json.dumps(described, sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()[:VERSION_LENGTH]


def state_key(settings) -> str:
    """What a run's months before its levers act depend on (all but the scenario), hashed."""
    described = {
        "population": population_key(settings),
        "start": settings.start,
        "end": settings.end,
        "spin_up_months": settings.spin_up_months,
    }
    text = json.dumps(described, sort_keys=True)
    return hashlib.sha256(text.encode()).hexdigest()[:VERSION_LENGTH]


def first_lever_month(settings, levers: list) -> int:
    """The first month one of ``levers`` acts: the month after the run's end if there are
    none, the base month if one of them might act before its start."""
    months = [settings.end + 1]
    for lever in levers:
        overridden = any(
            getattr(type(lever), call) is not getattr(Lever, call) for call in LEVER_CALLS
        )
        months.append(settings.base_month if overridden else lever.start)
    return min(months)


def shared_model(folder: Path, settings, levers: list) -> ProvinceModel:
    """The model of a run of the grid: the latest state kept in the cache ``folder`` by a
    run of the same settings but the scenario, no later than the first month one of
    ``levers`` acts, going on with this run's settings and levers; else built, from the
    seed's population (:func:`cached`)."""
    folder = Path(folder)
    first = first_lever_month(settings, levers)
    kept = [
        (parse_month(path.stem.rpartition("_")[2]), path)
        for path in folder.glob(f"{state_key(settings)}_*{STATE_SUFFIX}")
    ]
    for _, path in sorted((month, path) for month, path in kept if month <= first)[::-1]:
        try:
            model = pickle.loads(path.read_bytes())
        except (FileNotFoundError, pickle.UnpicklingError, EOFError, AttributeError, ValueError):
            continue  # removed meanwhile, or damaged: an earlier one, or build
        model.go_on_as(settings, levers)
        return model
    return ProvinceModel(settings, levers, lambda settings, build: cached(folder, settings, build))


def keep_shared_months(folder: Path, model: ProvinceModel, progress=None) -> None:
    """Step ``model`` to the first month one of its levers acts and keep its state there in
    the cache ``folder`` for the grid's other runs of its seed (nothing to do if it is at
    that month already, or no lever acts before the run's end).  ``progress(1)`` is called
    after each month.

    The state at each new year on the way is kept too: a run of the seed whose levers
    start then (``export_downturn``'s, in January 2023, before the others' July) goes on
    from it rather than simulating that year again from the population; it would have
    kept that state itself, so a grid keeps no more states than before."""
    first = first_lever_month(model.settings, model.levers)
    if not model.month < first <= model.end:
        return
    while model.month < first:
        model.step()
        if progress is not None:
            progress(1)
        if model.month < first and calendar_month(model.month) == 1:
            _keep(folder, model)
    _keep(folder, model)


def keep_finished(folder: Path, model: ProvinceModel) -> None:
    """Keep the state of a finished run none of whose levers acted (the baseline, or a
    scenario whose levers start after the run's end): a later run of the seed of which
    that is true too goes on from it with no month left to simulate, and writes the same
    results bit for bit (its levers would have done nothing)."""
    if model.month <= model.end or first_lever_month(model.settings, model.levers) <= model.end:
        return
    _keep(folder, model)


def _keep(folder: Path, model: ProvinceModel) -> None:
    """Keep ``model``'s state at its month, without its levers, in the cache ``folder``
    (nothing to do if a run kept it already)."""
    path = Path(folder) / f"{state_key(model.settings)}_{month_label(model.month)}{STATE_SUFFIX}"
    if path.exists():
        return
    levers, model.levers = model.levers, []  # the state of no scenario in particular
    try:
        state = pickle.dumps(model, protocol=pickle.HIGHEST_PROTOCOL)
    finally:
        model.levers = levers
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path, state)
    _keep_within_budget(path)


def forget(grid: Path) -> None:
    """Remove a grid's cached populations and states (at its end: a rerun builds them
    again)."""
    folder = Path(grid) / FOLDER
    for suffix in (POPULATION_SUFFIX, STATE_SUFFIX):
        for path in folder.glob(f"*{suffix}"):
            path.unlink(missing_ok=True)
    if folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()


def cached(folder: Path, settings, build: Callable[[], object]):
    """The population of ``settings`` from the cache ``folder``, or ``build()`` it and
    keep it there.  A damaged file is built again."""
    path = Path(folder) / f"{population_key(settings)}{POPULATION_SUFFIX}"
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
    """Remove the oldest files of ``newest``'s kind (populations or states) until they are
    within ``BUDGET_BYTES``."""
    files = []
    for path in newest.parent.glob(f"*{newest.suffix}"):
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
