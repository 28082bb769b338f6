"""The output contract of a run, written atomically into its run directory.

- ``indicators.csv``: tidy monthly indicators (``month`` as YYYY-MM, ``indicator``,
  ``value``; rates as fractions);
- ``indicators_annual.csv``: ``year``, ``indicator``, ``value`` (each indicator summed over
  the year as its declaration says: mean, December value or sum);
- ``targets.csv``: ``indicator``, ``year``, ``value``, ``target``, ``comparison``, ``met``;
- ``parameters_used.csv``: the value of every model parameter in this run (with
  ``uncertainty=assumptions`` the assumed ones are drawn anew for each seed);
- ``districts.csv``: ``month``, ``district``, ``labour_force``, ``unemployment``,
  ``employees``, ``full_time_pay`` (enterprise employees' mean monthly pay at their usual
  hours, so that short time does not read as lower pay), ``household_pay``
  (household-business workers' mean monthly income at their usual hours): the local labour
  markets behind the wage curves;
- ``skills.csv``: ``month``, ``sector``, ``level``, ``quantity``, ``value``: labour demand
  (firms' wanted workers), supply (employed, jobseekers, graduates, entrants) and
  replacement flows by sector and certificate level (``simulation/skills_panel.py``), what
  the skills forecast reads (``analysis/forecast.py``);
- ``config_resolved.yaml`` and ``run_info.json`` (written last: its presence means the
  run finished).

Every file is written to a temporary name and renamed, so a run killed half-way never
leaves a truncated file that looks complete.
"""

from __future__ import annotations

import json
import math
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import yaml

from analysis.targets import TARGETS
from simulation.calendar import MONTHS_PER_YEAR, parse_month, year_of
from simulation.config import ROOT
from simulation.data import DataError, Figures, load_province
from simulation.indicators import ANNUAL_INDICATORS, MONTHLY_INDICATORS

MONTHS_SIMULATED = "months_simulated"  # indicators_annual.csv: the months of each year run
REQUIRED_FILES = ("indicators.csv", "indicators_annual.csv", "targets.csv", "run_info.json")
# month by month and district by district: labour force, unemployment, enterprise pay
# (simulation/district_panel.py), for the wage curve
DISTRICTS_FILE = "districts.csv"
# month by month, sector by sector and level by level: labour demand, supply and
# replacement flows (simulation/skills_panel.py), for the skills forecast
SKILLS_FILE = "skills.csv"


def run_figures(run_directory: Path) -> Figures | None:
    """The published figures of the province data a run was made with (read from its
    ``config_resolved.yaml``); None where the run or its data cannot be read."""
    try:
        config = yaml.safe_load((run_directory / "config_resolved.yaml").read_text("utf-8"))
        return load_province(ROOT / config["province"]["data_dir"]).figures
    except (OSError, KeyError, TypeError, yaml.YAMLError, DataError):
        return None


def latest_figure(
    figures: Figures | None, variable: str, category: str = ""
) -> tuple[float | None, int | None]:
    """The latest year's value of a published figure and its year; (None, None) where
    ``figures`` (:func:`run_figures`) are missing or hold no such figure."""
    if figures is None or not figures.has(variable):
        return None, None
    try:
        rows = figures.series(variable, category)
    except DataError:  # the variable without a row of this category
        return None, None
    year = max(rows)
    return float(rows[year]), int(year)


def out_folder(out: str | Path, error: type[Exception]) -> Path:
    """``--out`` as a folder to write into; ``error`` if it is a file."""
    out = Path(out)
    if out.exists() and not out.is_dir():
        raise error(f"--out: {out} is a file, not a folder")
    return out


def write_atomic(path: Path, text: str | bytes) -> None:
    """Write a file under a temporary name of its own, then rename it into place: runs that
    write the same file at once (two jobs building one seed's population) each rename a
    whole file, the last one staying."""
    path = Path(path)
    handle, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".partial")
    try:
        with os.fdopen(handle, "wb") as f:
            f.write(text if isinstance(text, bytes) else text.encode("utf-8"))
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, 0o644)  # as an ordinary file, not mkstemp's 0o600
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


FAILED = "FAILED.txt"  # written instead of run_info.json by a run of a grid that failed


def failure_reason(directory: Path) -> str | None:
    """The first line of a failed run's ``FAILED.txt``; None if the run did not fail."""
    path = Path(directory) / FAILED
    if not path.exists():
        return None
    lines = path.read_text(encoding="utf-8", errors="replace").strip().splitlines()
    return lines[0] if lines else f"{FAILED} (no reason given)"


class UnreadableOutput(ValueError):
    """An output file that cannot be read back; the message says why, in one line."""


def read_run_info(directory: Path) -> dict:
    """A finished run's ``run_info.json`` (scenario, seed, scale, ...);
    ``UnreadableOutput`` says why there is none to use (a failed or unfinished run, a file
    that is not a JSON object, a run it says did not complete)."""
    path = Path(directory) / "run_info.json"
    if not path.exists():
        raise UnreadableOutput(failure_reason(directory) or "no run_info.json (run did not finish)")
    try:
        info = json.loads(path.read_text(encoding="utf-8"))
    except (ValueError, OSError) as error:
        raise UnreadableOutput(f"run_info.json is not readable JSON ({error})") from None
    if not isinstance(info, dict):
        raise UnreadableOutput("run_info.json is not a JSON object")
    if not info.get("complete"):
        raise UnreadableOutput("run_info.json says the run is not complete")
    return info


def read_indicators(path: Path, index: str) -> pd.DataFrame:
    """A tidy indicator file (``indicators.csv``: index ``month``, or
    ``indicators_annual.csv``: index ``year``) as a table index x indicator."""
    try:
        frame = pd.read_csv(path)
    except FileNotFoundError:
        raise UnreadableOutput(f"{path.name} is missing") from None
    except (ValueError, OSError) as e:  # pandas' parse errors are ValueErrors
        raise UnreadableOutput(f"{path.name} is not readable CSV ({type(e).__name__})") from None
    wanted = {index, "indicator", "value"}
    if not wanted <= set(frame.columns):
        missing = ", ".join(sorted(wanted - set(frame.columns)))
        raise UnreadableOutput(f"{path.name} lacks the column(s) {missing}")
    values = pd.to_numeric(frame["value"], errors="coerce")
    bad = values.isna() & frame["value"].notna()
    if bad.any():
        row = int(bad.idxmax())
        raise UnreadableOutput(
            f"{path.name}, line {row + 2}: value {frame['value'][row]!r} is not a number"
        )
    if frame.duplicated([index, "indicator"]).any():
        raise UnreadableOutput(f"{path.name} has repeated rows")
    return frame.assign(value=values).pivot(index=index, columns="indicator", values="value")


def monthly_frame(history: list[dict[str, float]]) -> pd.DataFrame:
    """Tidy monthly table: month, indicator, value."""
    wide = pd.DataFrame(history)
    return wide.melt(id_vars="month", var_name="indicator", value_name="value")


def annual_values(
    history: list[dict[str, float]], reference: dict[str, tuple[int, float]]
) -> dict[int, dict[str, float]]:
    """Indicators by year: each monthly one aggregated as its declaration says (mean of the
    months, December value or sum), then the annual ones (productivity, growth rates).

    ``reference`` gives the data's productivity and GRDP of the year before the first
    simulated year: {"productivity": (year, level), "grdp": (year, level)}."""
    by_year: dict[int, list[dict[str, float]]] = {}
    for row in history:
        by_year.setdefault(year_of(parse_month(row["month"])), []).append(row)
    years: dict[int, dict[str, float]] = {}
    for year, rows in sorted(by_year.items()):
        values: dict[str, float] = {MONTHS_SIMULATED: float(len(rows))}
        for key, declaration in MONTHLY_INDICATORS.items():
            monthly = [row[key] for row in rows]
            if declaration.aggregate == "sum":
                values[key] = float(sum(monthly))
            elif declaration.aggregate == "last":
                values[key] = float(monthly[-1])
            else:
                finite = [value for value in monthly if not math.isnan(value)]
                values[key] = float(sum(finite) / len(finite)) if finite else math.nan
        years[year] = values
    # annual indicators of one year first, then those that need the other years too
    for uses_other_years in (False, True):
        for year, values in years.items():
            complete = values[MONTHS_SIMULATED] == MONTHS_PER_YEAR
            for key, declaration in ANNUAL_INDICATORS.items():
                if declaration.uses_other_years != uses_other_years:
                    continue
                defined = complete or not declaration.complete_year_only
                values[key] = declaration.function(years, year, reference) if defined else math.nan
    return years


def annual_frame(years: dict[int, dict[str, float]]) -> pd.DataFrame:
    rows = [{"year": y, "indicator": k, "value": v} for y, d in years.items() for k, v in d.items()]
    return pd.DataFrame(rows, columns=["year", "indicator", "value"])


def targets_frame(years: dict[int, dict[str, float]]) -> pd.DataFrame:
    """Each target against the value of its year, or of the last simulated year if the run
    stops earlier (the ``year`` column says which)."""
    rows = []
    for target in TARGETS:
        year, value = target.value_in(years)
        met = target.met(value)
        rows.append(
            {
                "indicator": target.id,
                "year": year,
                "value": value,
                "target": target.threshold,
                "comparison": target.comparison,
                "met": "" if met is None else met,
            }
        )
    return pd.DataFrame(rows, columns=["indicator", "year", "value", "target", "comparison", "met"])


def write_frame(frame: pd.DataFrame, path: Path) -> None:
    write_atomic(path, frame.to_csv(index=False, float_format="%.10g", lineterminator="\n"))


def write_run(
    directory: Path,
    history: list[dict[str, float]],
    reference: dict[str, tuple[int, float]],
    config_yaml: str,
    info: dict,
    make_plots: Callable[[Path, pd.DataFrame, dict], list[str]] | None = None,
    parameters: pd.DataFrame | None = None,
    districts: list[dict[str, object]] | None = None,
    skills: list[dict[str, object]] | None = None,
    monthly: pd.DataFrame | None = None,
) -> dict[int, dict[str, float]]:
    """Write the whole output contract of one run into ``directory``; ``run_info.json`` last.
    ``monthly``: :func:`monthly_frame` of ``history`` if the caller made it already (a run
    of a grid also writes it into the grid's store: made once, about 25 ms at 48 months)."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    years = annual_values(history, reference)
    if monthly is None:
        monthly = monthly_frame(history)
    write_frame(monthly, directory / "indicators.csv")
    write_frame(annual_frame(years), directory / "indicators_annual.csv")
    write_frame(targets_frame(years), directory / "targets.csv")
    write_atomic(directory / "config_resolved.yaml", config_yaml)
    extra = ["config_resolved.yaml"]
    if parameters is not None:
        write_frame(parameters, directory / "parameters_used.csv")
        extra.append("parameters_used.csv")
    if districts:
        write_frame(pd.DataFrame(districts), directory / DISTRICTS_FILE)
        extra.append(DISTRICTS_FILE)
    if skills:
        write_frame(pd.DataFrame(skills), directory / SKILLS_FILE)
        extra.append(SKILLS_FILE)
    plot_files = make_plots(directory, monthly, years) if make_plots else []
    info = {
        **info,
        "files": [*REQUIRED_FILES, *extra, *plot_files],
        "complete": True,
    }
    write_atomic(directory / "run_info.json", json.dumps(info, indent=2, default=str) + "\n")
    return years
