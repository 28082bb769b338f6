"""The run's configuration: the Hydra schema (structured configs) and its checks.

Hydra composes ``conf/config.yaml`` with a province and a scenario; the dataclasses here
are registered as the schema, so Hydra itself refuses a wrong type.  :func:`validate`
then checks what types cannot say (ranges, month order, unknown keys, parameter and lever
names) and turns the composed config into plain :class:`RunSettings`.  Every problem is a
:class:`ConfigError` whose message is one line naming the key.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from hydra.core.config_store import ConfigStore
from omegaconf import MISSING, DictConfig, OmegaConf

from simulation.calendar import parse_month
from simulation.data import Figures, ProvinceData, load_province, parameter_problem

ROOT = Path(__file__).resolve().parent.parent


UNCERTAINTY = ("stochastic", "assumptions")
MIN_AGENTS = 1_000  # fewer person agents than this make every rate meaningless
MAX_SPIN_UP_MONTHS = 36  # a stationary spin-up settles in months; longer only costs time


class ConfigError(ValueError):
    """A configuration value is wrong; the message is one line naming the key."""


@dataclass
class ProvinceConfig:
    """A province: its data folder, the month its synthetic population describes, and
    overrides of its parameters (``data/<province>/parameters.csv``) and of the rows of
    its data tables that are estimates (``tables.<variable>.<category>``, within the
    spread of their ``estimated_table_spread`` row)."""

    name: str = MISSING
    data_dir: str = MISSING
    base_month: str = "2022-01"
    inputs_until: str = "2030-12"  # last month with defined year-by-year inputs
    params: dict[str, float] = field(default_factory=dict)
    tables: dict[str, dict[str, float]] = field(default_factory=dict)


@dataclass
class ScenarioConfig:
    """A scenario: a name and the levers it pulls, each with its settings."""

    name: str = MISSING
    description: str = ""
    levers: dict[str, Any] = field(default_factory=dict)


@dataclass
class RunConfig:
    """Top level of ``conf/config.yaml``."""

    seed: int = 0
    scale: int = 1  # people per agent; 1 = one agent per person
    start: str = "2022-01"
    end: str = "2025-12"
    uncertainty: str = "stochastic"  # or "assumptions": each seed also draws the assumptions
    refitted: str | None = None  # a history match's kept_draws.csv (uncertainty=assumptions)
    spin_up_months: int = 0  # stationary months stepped before the first (see model.py)
    plots: bool | None = None  # the run's PNG figures; None: for a single run, not in a grid
    province: ProvinceConfig = MISSING
    scenario: ScenarioConfig = MISSING


def register_schema() -> None:
    ConfigStore.instance().store(name="schema", node=RunConfig)


@dataclass(frozen=True)
class RunSettings:
    """A checked configuration, ready to build a model."""

    seed: int
    scale: int
    start: int  # month numbers (see simulation.calendar)
    end: int
    province: ProvinceData
    province_name: str
    base_month: int
    scenario_name: str
    levers: dict[str, dict[str, Any]]
    uncertainty: str = "stochastic"
    stated_parameters: dict | None = None  # the values before any draw (None: as used)
    spin_up_months: int = 0  # stationary months before the base month (simulation/model.py)


def _check_keys(node: Any, schema: type, prefix: str) -> None:
    """Refuse keys that the dataclass ``schema`` does not have (also ones added with +)."""
    names = {f.name: f for f in dataclasses.fields(schema)}
    for key in node:
        if key not in names:
            raise ConfigError(f"{prefix}{key}: unknown key (known: {', '.join(names)})")


def _as_int(value: Any, key: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ConfigError(f"{key}: expected a whole number, got {value!r}")
    return value


def _as_str(value: Any, key: str) -> str:
    if not isinstance(value, str):
        raise ConfigError(f"{key}: expected text, got {value!r}")
    return value


def validate(
    cfg: DictConfig | dict, check_levers=None, loaded: dict[Path, ProvinceData] | None = None
) -> RunSettings:
    """Check a composed config and load its province data; raises :class:`ConfigError`.
    ``loaded``: province data already loaded, by folder (checks of many runs load each
    province once; the data are not changed by the checks)."""
    from simulation.data import DataError

    raw = OmegaConf.to_container(cfg, resolve=True) if isinstance(cfg, DictConfig) else cfg
    raw = {k: v for k, v in raw.items() if k != "hydra"}
    _check_keys(raw, RunConfig, "")
    for key in ("province", "scenario"):
        if not isinstance(raw.get(key), dict):
            raise ConfigError(f"{key}: missing (choose one with {key}=<name>)")
    _check_keys(raw["province"], ProvinceConfig, "province.")
    _check_keys(raw["scenario"], ScenarioConfig, "scenario.")

    seed = _as_int(raw.get("seed", 0), "seed")
    if seed < 0:
        raise ConfigError(f"seed: must not be negative, got {seed}")
    scale = _as_int(raw.get("scale", 1), "scale")
    if scale < 1:
        raise ConfigError(f"scale: people per agent must be at least 1, got {scale}")
    spin_up = _as_int(raw.get("spin_up_months", 0), "spin_up_months")
    if not 0 <= spin_up <= MAX_SPIN_UP_MONTHS:
        raise ConfigError(
            f"spin_up_months: must be from 0 to {MAX_SPIN_UP_MONTHS} months, got {spin_up}"
        )
    months = {}
    for key in ("start", "end"):
        try:
            months[key] = parse_month(_as_str(raw.get(key), key))
        except ValueError as e:
            raise ConfigError(f"{key}: {e}") from None
    province = raw["province"]
    for key in ("name", "data_dir", "base_month", "inputs_until"):
        _as_str(province.get(key), f"province.{key}")
    try:
        base = parse_month(province["base_month"])
        inputs_until = parse_month(province["inputs_until"])
    except ValueError as e:
        raise ConfigError(f"province.base_month or inputs_until: {e}") from None
    if months["start"] > months["end"]:
        raise ConfigError(f"start: {raw['start']} is after end {raw['end']}")
    if months["start"] < base:
        raise ConfigError(
            f"start: {raw['start']} is before the province's base month {province['base_month']}"
        )
    if months["end"] > inputs_until:
        raise ConfigError(
            f"end: {raw['end']} is after {province['inputs_until']}, the last month for which"
            " the province's year-by-year inputs (FDI inflows, minimum wages ...) are defined"
        )

    data_dir = Path(province["data_dir"])
    if not data_dir.is_absolute():
        data_dir = ROOT / data_dir
    try:
        data = loaded[data_dir] if loaded and data_dir in loaded else load_province(data_dir)
    except DataError as e:
        raise ConfigError(f"province.data_dir: {e}") from None
    if loaded is not None:
        loaded[data_dir] = data
    people = max(data.figures.series("population").values())
    most = int(people // MIN_AGENTS)
    if scale > most:
        raise ConfigError(
            f"scale: at most {most:,} people per agent for this province (at least "
            f"{MIN_AGENTS:,} person agents), got {scale:,}"
        )
    uncertainty = _as_str(raw.get("uncertainty", "stochastic"), "uncertainty")
    if uncertainty not in UNCERTAINTY:
        raise ConfigError(
            f"uncertainty: must be one of {', '.join(UNCERTAINTY)}, got {uncertainty!r}"
        )
    params = province.get("params") or {}
    tables = province.get("tables") or {}
    stated = data = apply_table_overrides(apply_parameter_overrides(data, params), tables)
    refitted = raw.get("refitted")
    if refitted is not None and uncertainty != "assumptions":
        raise ConfigError("refitted: only with uncertainty=assumptions (it refits the draws)")
    if uncertainty == "assumptions":  # the draw, its refits, then the explicit overrides
        drawn = draw_assumptions(stated, seed)
        if refitted is not None:
            drawn = _apply_refits(drawn, _as_str(refitted, "refitted"), seed)
        data = apply_table_overrides(apply_parameter_overrides(drawn, params), tables)

    scenario = raw["scenario"]
    for key, node in (("province", province), ("scenario", scenario)):
        if node.get("name") in (None, "???", ""):
            raise ConfigError(f"{key}.name: missing (every {key} YAML needs a name: line)")
    name = _as_str(scenario.get("name"), "scenario.name")
    if not re.fullmatch(r"[\w.-]+", name) or set(name) == {"."}:
        raise ConfigError(
            f"scenario.name: letters, digits, _ - and . only (it names the output folder), "
            f"got {name!r}"
        )
    levers = scenario.get("levers") or {}
    if not isinstance(levers, dict):
        raise ConfigError("scenario.levers: expected a mapping of lever name to settings")
    if check_levers is not None:
        levers = check_levers(levers)
    return RunSettings(
        seed=seed,
        scale=scale,
        start=months["start"],
        end=months["end"],
        province=data,
        province_name=province["name"],
        base_month=base,
        scenario_name=scenario["name"],
        levers=levers,
        uncertainty=uncertainty,
        stated_parameters=stated.parameters,
        spin_up_months=spin_up,
    )


def apply_parameter_overrides(data: ProvinceData, params: dict[str, Any]) -> ProvinceData:
    """A copy of ``data`` with some parameters replaced; each checked against its kind."""
    new = dict(data.parameters)
    for name, value in params.items():
        key = f"province.params.{name}"
        if name not in data.parameters:
            raise ConfigError(f"{key}: unknown parameter (see {data.folder / 'parameters.csv'})")
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise ConfigError(f"{key}: expected a number, got {value!r}")
        problem = parameter_problem(data.parameters[name], float(value))
        if problem:
            raise ConfigError(f"{key}: {problem}")
        new[name] = dataclasses.replace(data.parameters[name], value=float(value))
    return dataclasses.replace(data, parameters=new)


REFITTED_SEED = "seed"  # kept_draws.csv: the column of the draws' seeds


def refitted_values(path: str, seed: int) -> dict[str, float]:
    """The calibrated parameters refitted to the draw of ``seed``, from the
    ``kept_draws.csv`` of ``python -m analysis.history_match`` (a column ``seed``, then one
    column per refitted parameter)."""
    import csv

    try:
        with open(path, newline="", encoding="utf-8") as handle:
            rows = list(csv.DictReader(handle))
    except OSError as error:
        raise ConfigError(f"refitted: cannot read {path} ({error.strerror})") from None
    if not rows or REFITTED_SEED not in rows[0]:
        raise ConfigError(f"refitted: {path} has no '{REFITTED_SEED}' column")
    for row in rows:
        if row[REFITTED_SEED] == str(seed):
            try:
                return {k: float(v) for k, v in row.items() if k != REFITTED_SEED and v}
            except ValueError:
                raise ConfigError(
                    f"refitted: {path}: seed {seed} has a value that is not a number"
                ) from None
    kept = ", ".join(row[REFITTED_SEED] for row in rows)
    raise ConfigError(f"refitted: seed {seed} is not a kept draw of {path} (kept: {kept})")


def _apply_refits(data: ProvinceData, path: str, seed: int) -> ProvinceData:
    values = refitted_values(path, seed)
    unknown = [name for name in values if name not in data.parameters]
    if unknown:
        raise ConfigError(f"refitted: {path}: {unknown[0]} is not a parameter")
    return apply_parameter_overrides(data, values)


def draw_assumptions(data: ProvinceData, seed: int) -> ProvinceData:
    """A copy of ``data`` in which every parameter whose status is ``assumption`` is drawn
    from a triangular distribution over its plausible range (``low``, ``high``), with its
    stated value as the mode, and so are the data tables that are estimates
    (:func:`draw_estimated_tables`).

    The draw depends only on the seed and the parameter's name: runs of different
    scenarios with the same seed share it (so paired differences still measure the
    policy), and an ensemble over seeds spreads over what the assumptions leave open.
    Calibrated, published and derived values are not drawn.  Counts are rounded."""
    new = dict(data.parameters)
    for name, p in data.parameters.items():
        if p.status != "assumption" or not p.low < p.high:
            continue
        mode = min(max(p.value, p.low), p.high)
        value = _triangular(seed, name, p.low, mode, p.high)
        if p.kind == "count":
            value = float(round(value))
        new[name] = dataclasses.replace(p, value=value)
    return draw_estimated_tables(dataclasses.replace(data, parameters=new), seed)


TABLE_SPREAD = "estimated_table_spread"  # estimation.csv: the tables drawn, and how widely
RELATIVE_SPREAD = "relative"  # a spread in shares of each value; otherwise in its own unit
SHARE_BOUNDS = (0.0, 1.0)  # a share drawn stays within them; one that sits on them is held
REFERENCE = 1.0  # a multiplier of exactly one is its table's reference, and held


def estimated_row_ranges(data: ProvinceData) -> dict[int, tuple[float, float]]:
    """The rows of the tables named by the ``estimated_table_spread`` rows (labour shares,
    relative productivity, formal shares, insurance compliance, skill premia: estimates,
    not counts), by position in ``data.figures.rows``, each with its plausible range: its
    stated value plus or minus the spread (in shares of the value when the spread's unit
    is ``relative``, else in the table's own unit; shares kept within 0-1).  Values that
    are a table's definition rather than an estimate are left out: a share of exactly 0
    or 1 (no contract on family farms, every state job formal), a multiplier of exactly 1
    (the reference the others are relative to)."""
    if not data.figures.has(TABLE_SPREAD):
        return {}
    spreads = {row.category: row for row in data.figures.rows if row.variable == TABLE_SPREAD}
    ranges = {}
    for position, row in enumerate(data.figures.rows):
        spread = spreads.get(row.variable)
        if spread is None or _held(row):
            continue
        width = spread.value * (abs(row.value) if spread.unit == RELATIVE_SPREAD else 1.0)
        if width <= 0.0:  # a relative spread of a value of zero
            continue
        low, high = row.value - width, row.value + width
        if row.unit == "share":
            low, high = max(low, SHARE_BOUNDS[0]), min(high, SHARE_BOUNDS[1])
        ranges[position] = (low, high)
    return ranges


def estimated_rows_by_name(
    data: ProvinceData,
) -> dict[tuple[str, str], list[tuple[int, tuple[float, float]]]]:
    """The rows of :func:`estimated_row_ranges` by table and category (``(variable,
    category)``): each year's row's position and range."""
    by_name: dict[tuple[str, str], list[tuple[int, tuple[float, float]]]] = {}
    for position, bounds in estimated_row_ranges(data).items():
        row = data.figures.rows[position]
        by_name.setdefault((row.variable, row.category), []).append((position, bounds))
    return by_name


def draw_estimated_tables(data: ProvinceData, seed: int) -> ProvinceData:
    """A copy of ``data`` in which each estimated table row (:func:`estimated_row_ranges`)
    is drawn from a triangular distribution over its range with its stated value as the
    mode.  One draw per table and category, keyed by the seed and their names, applied to
    every year."""
    ranges = estimated_row_ranges(data)
    if not ranges:
        return data
    rows = list(data.figures.rows)
    for position, (low, high) in ranges.items():
        row = rows[position]
        value = _triangular(seed, f"{row.variable}:{row.category}", low, row.value, high)
        rows[position] = dataclasses.replace(row, value=value)
    return dataclasses.replace(data, figures=Figures(rows))


def apply_table_overrides(data: ProvinceData, tables: dict[str, dict[str, Any]]) -> ProvinceData:
    """A copy of ``data`` with some rows of its estimated tables replaced
    (``tables[variable][category] = value``, every year's row of it), each checked to be
    an estimated row (:func:`estimated_row_ranges`) and within its range."""
    if not tables:
        return data
    by_name = estimated_rows_by_name(data)
    rows = list(data.figures.rows)
    for variable, categories in tables.items():
        if not isinstance(categories, dict):
            raise ConfigError(f"province.tables.{variable}: expected categories and values")
        for category, value in categories.items():
            key = f"province.tables.{variable}.{category}"
            positions = by_name.get((variable, str(category)))
            if positions is None:
                names = sorted({f"{v}.{c}" for v, c in by_name})
                raise ConfigError(
                    f"{key}: not a row of an estimated table (those are: {', '.join(names)})"
                )
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                raise ConfigError(f"{key}: expected a number, got {value!r}")
            for position, (low, high) in positions:
                if not low <= value <= high:
                    raise ConfigError(
                        f"{key}: {value:g} is outside its plausible range {low:g}-{high:g}"
                    )
                rows[position] = dataclasses.replace(rows[position], value=float(value))
    return dataclasses.replace(data, figures=Figures(rows))


def _held(row) -> bool:
    if row.unit == "share":
        return row.value in SHARE_BOUNDS
    return row.value == REFERENCE


def _triangular(seed: int, name: str, low: float, mode: float, high: float) -> float:
    """A triangular draw keyed by the seed and ``name`` only."""
    import zlib

    import numpy as np

    rng = np.random.default_rng([seed, zlib.crc32(name.encode())])
    return float(rng.triangular(low, mode, high))
