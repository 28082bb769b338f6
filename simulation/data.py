"""Province data: the CSV files of a data folder, checked as they are read.

Every number the model uses from a province comes from one folder (``data/<province>/``)
of small CSV files.  Most are *figure tables* in one long format::

    variable, category, area, year, value, unit, status, source, note

where ``status`` says how much to trust the number (published, estimate, derived,
national proxy, assumption).  ``schools.csv`` lists training schools and
``parameters.csv`` the model's scalar parameters with their plausible ranges.

A malformed file stops the run with a one-line :class:`DataError` naming the file,
the line and the problem; nothing downstream ever sees unchecked data.
"""

from __future__ import annotations

import csv
import math
from dataclasses import dataclass
from pathlib import Path

from simulation.population import CERTIFICATES

STATUSES = ("published", "estimate", "derived", "national proxy", "assumption")
FIGURE_COLUMNS = ("variable", "category", "area", "year", "value", "unit", "status", "source")
FIGURE_FILES = (
    "population",
    "age_sex",
    "labour",
    "education",
    "firms",
    "output",
    "wages",
    "fdi",
    "insurance",
    "demography",
    "agriculture",
    "estimation",
)
SCHOOL_COLUMNS = (
    "school",
    "name",
    "type",
    "district",
    "levels",
    "intake_capacity",
    "year",
    "status",
    "source",
)
SCHOOL_TYPES = ("college", "intermediate", "centre", "enterprise", "university")
CERTIFICATE_LEVELS = CERTIFICATES  # schools.csv lists the levels after "none"
PARAMETER_COLUMNS = ("name", "value", "unit", "kind", "low", "high", "status", "source")
PARAMETER_KINDS = ("share", "count", "positive", "nonnegative", "real")
PARAMETER_STATUSES = (*STATUSES, "calibrated")
# The model's parameters are those of the reference province: every province defines each
# of them (its own value and source), and no others.
REFERENCE_PARAMETERS = (
    Path(__file__).resolve().parent.parent / "data" / "hai_duong" / "parameters.csv"
)
NON_NEGATIVE_UNITS = (
    "persons",
    "firms",
    "projects",
    "zones",
    "ha",
    "km2",
    "bn VND",
    "million USD",
    "million VND/month",
    "million VND/worker",
    "persons/year",
)
SHARE_TOLERANCE = 0.005

# Variables whose values must add up to one within each (variable, area, year) group,
# or, for location shares, across areas.
SUMS_TO_ONE = {
    "employment_share",
    "age_shape",
    "age_broad_share",
    "certificate_level_share",
    "ownership_share_agriculture",
    "ownership_share_industry",
    "ownership_share_services",
    "grdp_structure",
}
SUMS_TO_ONE_ACROSS_AREAS = {"iz_location_share"}

# What the model reads from each file: a missing variable is a data error, not a KeyError.
REQUIRED = {
    "estimation": (),  # optional: tolerances of the 2022 figures (analysis/history_match.py)
    "population": ("population", "urban_share"),
    "age_sex": ("age_shape", "age_broad_share", "male_share"),
    "labour": (
        "labour_force",
        "employed",
        "employment_share",
        "lfpr_shape",
        "enrolment_rate",
        "unemployment_rate",
        "underemployment_rate",
    ),
    "education": (
        "trained_certified_share",
        "certificate_level_share",
        "certificate_age_odds",
        "certificate_sector_odds",
        "university_sector_odds",
        "skill_premium",
    ),
    "firms": (
        "fdi_projects",
        "fdi_workers",
        "iz_fdi_projects",
        "iz_domestic_projects",
        "ownership_share_agriculture",
        "ownership_share_industry",
        "ownership_share_services",
        "mean_firm_size",
        "firm_size_sigma",
        "iz_location_share",
        "formal_share",
        "relative_productivity",
        "labour_share",
    ),
    "output": (
        "grdp_current",
        "grdp_real_growth",
        "grdp_structure",
        "national_sector_real_growth",
        "within_sector_productivity_growth",
    ),
    "wages": ("min_wage", "min_wage_region"),
    "fdi": ("fdi_registered_inflow",),
    "insurance": ("si_compliance", "ui_share_of_compulsory", "voluntary_si_share"),
    "demography": ("retirement_age", "retirement_age_step", "retirement_age_max"),
    "agriculture": ("agricultural_land", "farm_labour_calendar"),
}


class DataError(ValueError):
    """A province data file is missing or malformed; the message is one line."""


@dataclass(frozen=True)
class Figure:
    """One number of a figure table, with where it came from."""

    file: str
    variable: str
    category: str
    area: str
    year: int
    value: float
    unit: str
    status: str
    source: str
    note: str = ""


@dataclass(frozen=True)
class School:
    """One training school (or a group of universities) as listed in ``schools.csv``."""

    id: str
    name: str
    type: str
    district: str
    levels: tuple[str, ...]
    intake_capacity: float
    status: str
    source: str


@dataclass(frozen=True)
class Parameter:
    """A scalar model parameter with its unit, kind, plausible range and source."""

    name: str
    value: float
    unit: str
    kind: str
    low: float
    high: float
    status: str
    source: str
    used_by: str = ""
    description: str = ""


class Figures:
    """All figure tables of a province, queried by variable, category, area and year."""

    def __init__(self, rows: list[Figure]):
        self.rows = rows
        self._index: dict[str, list[Figure]] = {}
        for row in rows:
            self._index.setdefault(row.variable, []).append(row)

    def has(self, variable: str) -> bool:
        return variable in self._index

    def _select(
        self, variable: str, category: str | None, area: str | None, year: int | None
    ) -> list[Figure]:
        if variable not in self._index:
            raise DataError(f"no figure '{variable}' in the province data")
        rows = [
            r
            for r in self._index[variable]
            if (category is None or r.category == category)
            and (area is None or r.area == area)
            and (year is None or r.year == year)
        ]
        if not rows:
            want = ", ".join(
                f"{k}={v}"
                for k, v in (("category", category), ("area", area), ("year", year))
                if v is not None
            )
            raise DataError(f"{self._index[variable][0].file}: no '{variable}' row with {want}")
        return rows

    def value(
        self, variable: str, category: str = "", area: str = "province", year: int | None = None
    ) -> float:
        """The value of one figure; with ``year=None`` the latest year present."""
        rows = self._select(variable, category, area, year)
        return max(rows, key=lambda r: r.year).value

    def table(
        self, variable: str, area: str = "province", year: int | None = None
    ) -> dict[str, float]:
        """``{category: value}`` of a variable (latest year per category unless given)."""
        out: dict[str, Figure] = {}
        for r in self._select(variable, None, area, year):
            if r.category not in out or r.year > out[r.category].year:
                out[r.category] = r
        return {k: r.value for k, r in out.items()}

    def by_area(self, variable: str, category: str = "") -> dict[str, float]:
        """``{area: value}`` of a variable over districts (latest year per area)."""
        out: dict[str, Figure] = {}
        for r in self._select(variable, category, None, None):
            if r.area != "province" and (r.area not in out or r.year > out[r.area].year):
                out[r.area] = r
        return {k: r.value for k, r in out.items()}

    def series(self, variable: str, category: str = "", area: str = "province") -> dict[int, float]:
        """``{year: value}`` of a variable."""
        return {r.year: r.value for r in self._select(variable, category, area, None)}


@dataclass
class ProvinceData:
    """Everything the model reads about one province."""

    folder: Path
    districts: tuple[str, ...]
    district_names: dict[str, str]
    figures: Figures
    schools: tuple[School, ...]
    parameters: dict[str, Parameter]

    def param(self, name: str) -> float:
        return self.parameters[name].value

    def parameter_values(self) -> dict[str, float]:
        """Every parameter's value by name."""
        return {name: parameter.value for name, parameter in self.parameters.items()}


# --------------------------------------------------------------------------- reading


def _read_csv(path: Path, required: tuple[str, ...]) -> list[tuple[int, dict[str, str]]]:
    """Rows of a CSV file with their line numbers; checks the header and field counts."""
    if not path.is_file():
        raise DataError(f"{path}: file not found")
    try:
        with path.open(newline="", encoding="utf-8") as f:
            reader = csv.reader(f)
            header = next(reader, None)
            if header is None:
                raise DataError(f"{path}: file is empty")
            header = [h.strip() for h in header]
            missing = [c for c in required if c not in header]
            if missing:
                raise DataError(f"{path}: missing column '{missing[0]}'")
            rows = []
            for fields in reader:
                line = reader.line_num
                if not fields or all(not x.strip() for x in fields):
                    continue
                if len(fields) != len(header):
                    raise DataError(
                        f"{path}, line {line}: {len(fields)} fields, the header has {len(header)}"
                    )
                rows.append((line, {h: v.strip() for h, v in zip(header, fields, strict=True)}))
    except UnicodeDecodeError as e:
        raise DataError(f"{path}: not UTF-8 text ({e.reason})") from None
    except csv.Error as e:
        raise DataError(f"{path}: malformed CSV ({e})") from None
    if not rows:
        raise DataError(f"{path}: no data rows")
    return rows


def _number(path: Path, line: int, column: str, text: str) -> float:
    try:
        x = float(text)
    except ValueError:
        raise DataError(f"{path}, line {line}: {column} '{text}' is not a number") from None
    if not math.isfinite(x):
        raise DataError(f"{path}, line {line}: {column} '{text}' is not a finite number")
    return x


def _year(path: Path, line: int, text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise DataError(f"{path}, line {line}: year '{text}' is not a whole year") from None


def _status(path: Path, line: int, text: str, allowed: tuple[str, ...] = STATUSES) -> str:
    if text not in allowed:
        raise DataError(f"{path}, line {line}: status '{text}' is not one of {', '.join(allowed)}")
    return text


def _source(path: Path, line: int, text: str) -> str:
    if not text:
        raise DataError(f"{path}, line {line}: source is empty")
    return text


def read_districts(path: Path) -> dict[str, str]:
    rows = _read_csv(path, ("district", "name", "kind", "source"))
    out: dict[str, str] = {}
    for line, r in rows:
        if not r["district"]:
            raise DataError(f"{path}, line {line}: district id is empty")
        if r["district"] in out:
            raise DataError(f"{path}, line {line}: district '{r['district']}' listed twice")
        out[r["district"]] = r["name"]
    return out


def read_figures(path: Path, districts: tuple[str, ...]) -> list[Figure]:
    """Read one figure table and check every row and every share group."""
    file = path.name
    figures = []
    seen: dict[tuple[str, str, str, str], int] = {}
    for line, r in _read_csv(path, FIGURE_COLUMNS):
        if not r["variable"]:
            raise DataError(f"{path}, line {line}: variable is empty")
        area = r["area"] or "province"
        key = (r["variable"], r["category"], area, r["year"])
        if key in seen:
            raise DataError(
                f"{path}, line {line}: repeats line {seen[key]} ('{r['variable']}', "
                f"category '{r['category']}', {area}, {r['year']}); keep one figure"
            )
        seen[key] = line
        if area != "province" and area not in districts:
            raise DataError(f"{path}, line {line}: unknown district '{area}'")
        value = _number(path, line, "value", r["value"])
        unit = r["unit"]
        if not unit:
            raise DataError(f"{path}, line {line}: unit is empty")
        if unit == "share" and not 0.0 <= value <= 1.0:
            raise DataError(
                f"{path}, line {line}: share {value} of '{r['variable']}' is outside [0, 1]"
            )
        if unit in NON_NEGATIVE_UNITS and value < 0:
            raise DataError(f"{path}, line {line}: '{r['variable']}' is negative ({value})")
        figures.append(
            Figure(
                file=file,
                variable=r["variable"],
                category=r["category"],
                area=area,
                year=_year(path, line, r["year"]),
                value=value,
                unit=unit,
                status=_status(path, line, r["status"]),
                source=_source(path, line, r["source"]),
                note=r.get("note", ""),
            )
        )
    _check_share_groups(path, figures)
    return figures


def _check_share_groups(path: Path, figures: list[Figure]) -> None:
    groups: dict[tuple, float] = {}
    for f in figures:
        if f.variable in SUMS_TO_ONE:
            key = (f.variable, f.area, f.year)
        elif f.variable in SUMS_TO_ONE_ACROSS_AREAS:
            key = (f.variable, "all districts", f.year)
        else:
            continue
        groups[key] = groups.get(key, 0.0) + f.value
    for (variable, area, year), total in groups.items():
        if abs(total - 1.0) > SHARE_TOLERANCE:
            raise DataError(
                f"{path}: shares of '{variable}' ({area}, {year}) add up to {total:.4g}, not 1"
            )


def read_schools(path: Path, districts: tuple[str, ...]) -> tuple[School, ...]:
    schools: list[School] = []
    seen: set[str] = set()
    for line, r in _read_csv(path, SCHOOL_COLUMNS):
        if not r["school"] or r["school"] in seen:
            raise DataError(f"{path}, line {line}: school id '{r['school']}' empty or repeated")
        seen.add(r["school"])
        if r["type"] not in SCHOOL_TYPES:
            raise DataError(
                f"{path}, line {line}: school type '{r['type']}' is not one of "
                f"{', '.join(SCHOOL_TYPES)}"
            )
        if r["district"] != "outside" and r["district"] not in districts:
            raise DataError(f"{path}, line {line}: unknown district '{r['district']}'")
        levels = tuple(x for x in r["levels"].split("|") if x)
        bad = [x for x in levels if x not in CERTIFICATE_LEVELS[1:]]
        if not levels or bad:
            raise DataError(
                f"{path}, line {line}: levels '{r['levels']}' must be among "
                f"{'|'.join(CERTIFICATE_LEVELS[1:])}"
            )
        capacity = _number(path, line, "intake_capacity", r["intake_capacity"])
        if capacity < 0:
            raise DataError(f"{path}, line {line}: intake_capacity is negative ({capacity})")
        _year(path, line, r["year"])
        schools.append(
            School(
                id=r["school"],
                name=r["name"],
                type=r["type"],
                district=r["district"],
                levels=levels,
                intake_capacity=capacity,
                status=_status(path, line, r["status"]),
                source=_source(path, line, r["source"]),
            )
        )
    return tuple(schools)


def read_parameters(path: Path) -> dict[str, Parameter]:
    params: dict[str, Parameter] = {}
    for line, r in _read_csv(path, PARAMETER_COLUMNS):
        name = r["name"]
        if not name or name in params:
            raise DataError(f"{path}, line {line}: parameter name '{name}' empty or repeated")
        if r["kind"] not in PARAMETER_KINDS:
            raise DataError(
                f"{path}, line {line}: kind '{r['kind']}' is not one of "
                f"{', '.join(PARAMETER_KINDS)}"
            )
        value = _number(path, line, "value", r["value"])
        low = _number(path, line, "low", r["low"])
        high = _number(path, line, "high", r["high"])
        p = Parameter(
            name=name,
            value=value,
            unit=r["unit"],
            kind=r["kind"],
            low=low,
            high=high,
            status=_status(path, line, r["status"], PARAMETER_STATUSES),
            source=_source(path, line, r["source"]),
            used_by=r.get("used_by", ""),
            description=r.get("description", ""),
        )
        problem = parameter_problem(p, value)
        if problem:
            raise DataError(f"{path}, line {line}: parameter '{name}' {problem}")
        params[name] = p
    return params


def parameter_problem(p: Parameter, value: float) -> str:
    """Why ``value`` cannot be a value of parameter ``p`` (empty string when it can)."""
    if not math.isfinite(value):
        return f"must be a finite number, got {value}"
    if p.kind == "share" and not 0.0 <= value <= 1.0:
        return f"is a share and must be in [0, 1], got {value:g}"
    if p.kind == "count" and value < 0:
        return f"is a count and must not be negative, got {value:g}"
    if p.kind == "count" and not float(value).is_integer():
        return f"is a count and must be a whole number, got {value!r}"
    if p.kind == "positive" and value <= 0:
        return f"must be positive, got {value:g}"
    if p.kind == "nonnegative" and value < 0:
        return f"must not be negative, got {value:g}"
    if not p.low <= value <= p.high:
        return (
            f"{value:g} is outside its plausible range [{p.low:g}, {p.high:g}] (to go "
            "further, widen the range in parameters.csv, with a source)"
        )
    return ""


def load_province(folder: str | Path) -> ProvinceData:
    """Read and check every file of a province data folder."""
    folder = Path(folder)
    if not folder.is_dir():
        raise DataError(f"{folder}: province data folder not found")
    names = read_districts(folder / "districts.csv")
    districts = tuple(names)
    rows: list[Figure] = []
    for stem in FIGURE_FILES:
        path = folder / f"{stem}.csv"
        if not path.exists() and not REQUIRED[stem]:
            continue
        file_rows = read_figures(path, districts)
        present = {r.variable for r in file_rows}
        for variable in REQUIRED[stem]:
            if variable not in present:
                raise DataError(f"{path}: no rows for required variable '{variable}'")
        rows.extend(file_rows)
    parameters = read_parameters(folder / "parameters.csv")
    _check_parameter_names(folder / "parameters.csv", parameters)
    return ProvinceData(
        folder=folder,
        districts=districts,
        district_names=names,
        figures=Figures(rows),
        schools=read_schools(folder / "schools.csv", districts),
        parameters=parameters,
    )


def _check_parameter_names(path: Path, parameters: dict[str, Parameter]) -> None:
    """Refuse a parameters file that lacks one of the model's parameters or has one the
    model does not know (a misspelt name would otherwise be silently ignored)."""
    if path.resolve() == REFERENCE_PARAMETERS.resolve():
        return
    with REFERENCE_PARAMETERS.open(encoding="utf-8", newline="") as f:
        expected = [row["name"] for row in csv.DictReader(f)]
    missing = [name for name in expected if name not in parameters]
    known = set(expected)
    if missing:
        raise DataError(
            f"{path}: missing parameter '{missing[0]}' (every province defines the "
            f"parameters of data/hai_duong/parameters.csv)"
        )
    unknown = [name for name in parameters if name not in known]
    if unknown:
        raise DataError(
            f"{path}: unknown parameter '{unknown[0]}' (the model's parameters are those "
            f"of data/hai_duong/parameters.csv)"
        )
