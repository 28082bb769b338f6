"""The result store of a grid: one tidy Parquet dataset, written run by run.

A grid (``python run.py -m ...``) keeps its results under ``<grid dir>/results/``:

- ``monthly/<key>.parquet``: one row per run, month and indicator (``run_id``,
  ``scenario``, each override of the grid as a column, ``seed``, ``scale``, ``month``,
  ``indicator``, ``value``);
- ``annual/<key>.parquet``: the same by ``year`` (each indicator aggregated over the year
  as its declaration says, as in ``indicators_annual.csv``);
- ``runs/<key>.parquet``: one row per run: its settings, overrides, status (``complete``
  or ``failed``, with the error), timings, memory, the code version and the parameters
  it used (``parameter.<name>`` columns).

Each run writes its own three files when it finishes, each under a temporary name renamed
into place, ``runs/`` last: a run whose ``runs/`` file says ``complete`` has all of its
results, and runs that finish at once never write to the same file.  ``key`` is the run's
key: a hash of its resolved configuration (without Hydra's settings or the plots flag) and
of the model's code and data, so a rerun of the same grid skips the runs already finished
with the same key and a change of code or data reruns them (see :func:`run_key`).

Loading, in one line of pandas (one grid; the override columns of nested grids may differ,
which :func:`load` handles)::

    pd.read_parquet("multirun/<grid>/results/monthly")
"""

from __future__ import annotations

import fcntl
import hashlib
import io
import json
from contextlib import contextmanager
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.compute  # noqa: F401 - pa.compute
import pyarrow.parquet as pq

from analysis.outputs import write_atomic
from simulation.version import code_version

RESULTS = "results"
TABLES = ("monthly", "annual", "runs")  # written in this order: "runs" marks a finished run
COMPLETE, FAILED_STATUS = "complete", "failed"
KEY_LENGTH = 16  # hexadecimal digits of the run key (64 bits: no collision in any grid)
NOT_IN_KEY = ("hydra", "plots")  # configuration that does not change a run's results
# in a grid's run directory: the key of the run it holds, written as the run begins (run.py)
KEY_FILE = "run_key.txt"
LOCK_FILE = ".compaction.lock"  # results/.compaction.lock: see _compaction_lock


def run_key(resolved: dict) -> str:
    """The key of a run: a hash of its resolved configuration (a plain dict, without the
    keys in ``NOT_IN_KEY``), of the refitted values it reads (``refitted``) and of
    :func:`code_version`."""
    kept = {key: value for key, value in resolved.items() if key not in NOT_IN_KEY}
    text = json.dumps(kept, sort_keys=True, default=str) + code_version()
    if resolved.get("refitted"):  # a file of refitted values: what it holds, not its name
        text += hashlib.sha256(Path(resolved["refitted"]).read_bytes()).hexdigest()
    return hashlib.sha256(text.encode()).hexdigest()[:KEY_LENGTH]


def grid_name(arguments: list[str]) -> str:
    """The directory name of a grid, from its command line: the same overrides (in any
    order, whatever the launcher) give the same directory, so rerunning a command resumes
    its grid.  A named experiment (``+experiment=levers``) gives its name: ``levers`` for
    the experiment as documented, ``levers_<hash>`` when other overrides change it."""
    overrides = sorted(
        argument
        for argument in arguments
        if not argument.startswith("-") and not argument.lstrip("+~").startswith("hydra")
    )
    experiments = [
        argument.partition("=")[2]
        for argument in overrides
        if argument.lstrip("+~").partition("=")[0] == "experiment"
    ]
    prefix = experiments[0] if len(experiments) == 1 else "grid"
    if prefix != "grid" and len(overrides) == 1:
        return prefix
    return f"{prefix}_" + hashlib.sha256(" ".join(overrides).encode()).hexdigest()[:KEY_LENGTH]


def _path(root: Path, table: str, key: str) -> Path:
    return Path(root) / RESULTS / table / f"{key}.parquet"


def _write_table(frame: pd.DataFrame, path: Path) -> None:
    _write_arrow(pa.Table.from_pandas(frame, preserve_index=False), path)


def _write_arrow(table: pa.Table, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    buffer = io.BytesIO()
    pq.write_table(table, buffer)
    write_atomic(path, buffer.getvalue())


COMPACTED = "compacted"  # results/<table>/compacted.parquet: the runs gathered by compact()
LONG_TEXT = ("error", "overrides", "directory")  # text columns not read as categories


def _run_files(root: Path, table: str) -> dict[str, Path]:
    """The files of single runs in one table of the store, by run key."""
    folder = Path(root) / RESULTS / table
    if not folder.is_dir():
        return {}
    return {path.stem: path for path in sorted(folder.glob("*.parquet")) if path.stem != COMPACTED}


def _compacted(root: Path, table: str) -> Path | None:
    path = Path(root) / RESULTS / table / f"{COMPACTED}.parquet"
    return path if path.exists() else None


def _read_whole(path: Path, **options) -> pa.Table:
    """A Parquet file read from one read of its bytes: a consistent copy even while another
    run replaces the file (reading by path may open it again, and see the new file's pages
    through the old one's footer)."""
    return pq.read_table(pa.BufferReader(Path(path).read_bytes()), **options)


@contextmanager
def _compaction_lock(root: Path):
    """Only one process at a time rewrites the compacted files of a store (two runs
    forgetting their old keys at once would each write back the other's rows)."""
    folder = Path(root) / RESULTS
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / LOCK_FILE, "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _read_files(paths: list[Path], keys: set[str] | None = None) -> pd.DataFrame:
    """The files as one table (only the rows of run ``keys`` if given); columns that some
    files lack are null there; repeated labels (scenario, month, indicator) as categories."""
    tables = []
    for path in paths:
        buffer = pa.BufferReader(Path(path).read_bytes())
        schema = pq.read_schema(buffer)
        text = [
            field.name
            for field in schema
            if pa.types.is_string(field.type) and field.name not in LONG_TEXT
        ]
        table = pq.read_table(buffer, read_dictionary=text)
        if keys is not None:
            wanted = pa.array(sorted(keys), pa.string())
            table = table.filter(pa.compute.is_in(table["run_id"], value_set=wanted))
        tables.append(table)
    if not tables:
        return pd.DataFrame()
    table = pa.concat_tables(tables, promote_options="permissive").unify_dictionaries()
    return table.to_pandas()


def load(root: Path, table: str = "monthly") -> pd.DataFrame:
    """One table of the store under ``root`` (``monthly``, ``annual`` or ``runs``): the
    compacted runs and those written since.  Override columns that some runs lack are
    empty (null) there.  The indicator tables hold only finished runs (a run killed while
    writing leaves indicator files without a complete runs row; its rerun replaces them)."""
    if table not in TABLES:
        raise ValueError(f"table: one of {', '.join(TABLES)}, got {table!r}")
    single = _run_files(root, "runs")
    compacted = _compacted(root, "runs")
    runs = _read_files(list(single.values()))
    older = pd.DataFrame({"run_id": []})
    if compacted is not None:  # a run written since compaction replaces its compacted row
        older = _read_files([compacted])
        runs = pd.concat([older[~older.run_id.isin(single)], runs], ignore_index=True)
    if table == "runs" or not len(runs):
        return runs if table == "runs" else pd.DataFrame()
    done = set(runs.run_id[runs.status == COMPLETE].astype(str))
    files = {key: path for key, path in _run_files(root, table).items() if key in done}
    parts = [_read_files(list(files.values()))]
    compacted = _compacted(root, table)
    wanted = done - set(files)
    if compacted is not None and wanted:
        # every compacted run wanted (the usual case): no filtering
        gathered = set(older.run_id.astype(str))
        parts.append(_read_files([compacted], None if gathered <= wanted else wanted))
    parts = [part for part in parts if len(part)]
    if not parts:
        return pd.DataFrame()
    return pd.concat(parts, ignore_index=True) if len(parts) > 1 else parts[0]


def finished(root: Path, key: str) -> bool:
    """Whether the store under ``root`` holds the complete results of the run ``key``."""
    for path in (_path(root, "runs", key), _compacted(root, "runs")):
        if path is None or not path.exists():
            continue
        try:
            found = _read_whole(path, columns=["run_id", "status"]).to_pylist()
        except (pa.ArrowException, OSError, KeyError):
            return False  # a damaged file: run again
        statuses = [row["status"] for row in found if row["run_id"] == key]
        if statuses:
            return statuses == [COMPLETE]
    return False


def forget(root: Path, key: str) -> None:
    """Remove the run ``key`` from the store (its runs row first, so that a half-removed
    run never looks finished)."""
    for table in reversed(TABLES):
        _path(root, table, key).unlink(missing_ok=True)
        if _compacted(root, table) is None:
            continue
        with _compaction_lock(root):
            compacted = _compacted(root, table)
            rows = _read_whole(compacted)
            kept = rows.filter(pa.compute.not_equal(rows["run_id"], key))
            if kept.num_rows != rows.num_rows:
                _write_arrow(kept, compacted)


def compact(root: Path) -> int:
    """Gather every run's files of each table into one file (``compacted.parquet``), so
    that loading a grid reads three files, not three per run; returns the runs gathered.
    Safe to interrupt: the single files go only after the compacted ones are in place,
    and a run's single file wins over its compacted rows."""
    with _compaction_lock(root):
        runs = load(root, "runs")
        if not len(runs):
            return 0
        tables = {"monthly": load(root, "monthly"), "annual": load(root, "annual"), "runs": runs}
        for table in TABLES:  # "runs" last
            if len(tables[table]):
                path = Path(root) / RESULTS / table / f"{COMPACTED}.parquet"
                _write_table(tables[table], path)
        for table in reversed(TABLES):
            for path in _run_files(root, table).values():
                path.unlink(missing_ok=True)
        return len(runs)


def write_run_results(
    root: Path,
    key: str,
    labels: dict[str, object],
    info: dict[str, object],
    monthly: pd.DataFrame | None = None,
    annual: pd.DataFrame | None = None,
    parameters: dict[str, float] | None = None,
) -> None:
    """Write one run into the store under ``root``: its tidy monthly and annual indicators
    (``monthly``: month, indicator, value; ``annual``: year, indicator, value), each
    labelled with ``labels`` (scenario, overrides, seed, scale), then its row of the runs
    table (``labels``, ``info`` and ``parameter.<name>`` columns).  A failed run writes
    only its runs row (``info['status']`` is ``failed``)."""
    labelled = {"run_id": key, **labels}
    for table, frame in (("monthly", monthly), ("annual", annual)):
        if frame is not None:
            _write_table(
                frame.assign(**labelled)[[*labelled, *frame.columns]], _path(root, table, key)
            )
    row = {**labelled, **info}
    row.update({f"parameter.{name}": value for name, value in (parameters or {}).items()})
    _write_table(pd.DataFrame([row]), _path(root, "runs", key))
