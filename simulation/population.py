"""Persons as columns: one row per agent, one numpy array per attribute.

At one agent per person the province has about two million people, far too many for
one Python object each.  The :class:`PersonTable` keeps every attribute as a column so
that each behaviour is a vectorised rule over the rows it concerns; :class:`Worker` is a
light view of one row for people (and tests) who want to look at a single person.
"""

from __future__ import annotations

from enum import IntEnum

import numpy as np


class Status(IntEnum):
    """Each person is in exactly one of these states."""

    CHILD = 0  # under 15
    STUDENT = 1  # in upper-secondary school, vocational training or university
    EMPLOYED = 2
    UNEMPLOYED = 3
    INACTIVE = 4  # out of the labour force (home duties, retired, ill ...)
    ABROAD = 5  # away on contract work abroad; not in the resident population


class Sector(IntEnum):
    NONE = -1
    AGRICULTURE = 0  # agriculture, forestry and fishery
    INDUSTRY = 1  # industry and construction
    SERVICES = 2


class Certificate(IntEnum):
    """Highest degree or certificate; ELEMENTARY (sơ cấp, 3+ months) or higher counts as trained."""

    NONE = 0
    ELEMENTARY = 1
    INTERMEDIATE = 2
    COLLEGE = 3
    UNIVERSITY = 4


class Insurance(IntEnum):
    NONE = 0
    COMPULSORY = 1
    VOLUNTARY = 2


class Track(IntEnum):
    """What a student is studying for."""

    NONE = -1
    UPPER_SECONDARY = 0
    VOCATIONAL = 1
    UNIVERSITY = 2


SECTORS = ("agriculture", "industry", "services")
CERTIFICATES = ("none", "elementary", "intermediate", "college", "university")
STATUSES = tuple(s.name.lower() for s in Status)

OUTSIDE_EMPLOYER = -2  # employer id of residents who work in another province
NO_EMPLOYER = -1

# name -> dtype of every person column
PERSON_COLUMNS: dict[str, type] = {
    "pid": np.int64,  # stable person id
    "age_m": np.int16,  # age in months
    "female": np.bool_,
    "district": np.int8,
    "urban": np.bool_,
    "status": np.int8,
    "sector": np.int8,
    "employer": np.int32,
    "formal": np.bool_,  # job with a labour contract liable for compulsory insurance
    "hours": np.int8,  # weekly hours worked this month
    "usual_hours": np.int8,  # weekly hours the person works when work is plentiful
    "wants_more": np.bool_,  # would work more hours (underemployed if hours < 35)
    "certificate": np.int8,
    "skill": np.float32,  # productivity multiplier of the worker
    "wage": np.float32,  # monthly labour income, million VND
    "si": np.int8,  # social insurance: Insurance code
    "ui": np.bool_,  # unemployment insurance
    "pension_track": np.bool_,  # insured long enough to retire on a pension (insured at the start)
    "months_unemployed": np.int16,
    "track": np.int8,  # Track code while a student
    "study_level": np.int8,  # Certificate a student is studying for
    "study_left": np.int16,  # months until the course ends
    "school": np.int16,  # index of the training school, -1 if none
    "course_level": np.int8,  # Certificate of a part-time course taken while working
    "course_left": np.int8,  # months left in that course (0: none)
    "retrained": np.bool_,  # took retraining or continuous training since the start
    "abroad_left": np.int16,  # months left on a contract abroad
}


class PersonTable:
    """The columns of all persons; ``len(table)`` agents, each standing for ``scale`` people."""

    def __init__(self, columns: dict[str, np.ndarray]):
        missing = set(PERSON_COLUMNS) - set(columns)
        if missing:
            raise ValueError(f"person columns missing: {sorted(missing)}")
        n = len(columns["pid"])
        for name, dtype in PERSON_COLUMNS.items():
            array = np.asarray(columns[name], dtype=dtype)
            if array.shape != (n,):
                raise ValueError(f"person column {name} has shape {array.shape}, expected ({n},)")
            setattr(self, name, array)

    @classmethod
    def empty(cls, n: int) -> PersonTable:
        """``n`` persons with neutral defaults (children, no job, no school)."""
        cols = {name: np.zeros(n, dtype=dtype) for name, dtype in PERSON_COLUMNS.items()}
        for name in ("sector", "track", "school"):
            cols[name][:] = -1
        cols["employer"][:] = NO_EMPLOYER
        cols["pid"] = np.arange(n, dtype=np.int64)
        return cls(cols)

    def __len__(self) -> int:
        return len(self.pid)

    def columns(self) -> dict[str, np.ndarray]:
        return {name: getattr(self, name) for name in PERSON_COLUMNS}

    def replace(self, keep: np.ndarray, *additions: PersonTable) -> None:
        """Keep the rows where ``keep`` is True and append ``additions``, in one copy."""
        for name in PERSON_COLUMNS:
            parts = [getattr(self, name)[keep]] + [getattr(a, name) for a in additions]
            setattr(self, name, np.concatenate(parts))

    def keep(self, mask: np.ndarray) -> None:
        """Drop the rows where ``mask`` is False (deaths, departures)."""
        for name in PERSON_COLUMNS:
            setattr(self, name, getattr(self, name)[mask])

    def extend(self, other: PersonTable) -> None:
        """Append the rows of ``other`` (births, arrivals)."""
        for name in PERSON_COLUMNS:
            setattr(self, name, np.concatenate([getattr(self, name), getattr(other, name)]))

    def row(self, pid: int) -> int:
        """Row index of the person with id ``pid``."""
        rows = np.flatnonzero(self.pid == pid)
        if len(rows) == 0:
            raise KeyError(f"no person with id {pid}")
        return int(rows[0])

    def age_years(self) -> np.ndarray:
        return self.age_m // 12


class Worker:
    """A read-only view of one person, for inspection: ``Worker(table, row)``."""

    def __init__(self, table: PersonTable, row: int):
        self._table = table
        self._row = row

    def __getattr__(self, name: str):
        if name in PERSON_COLUMNS:
            return getattr(self._table, name)[self._row].item()
        raise AttributeError(name)

    @property
    def age(self) -> float:
        return self.age_m / 12

    @property
    def state(self) -> str:
        return Status(self.status).name.lower()

    def __repr__(self) -> str:
        sector = SECTORS[self.sector] if self.sector >= 0 else "-"
        return (
            f"Worker(pid={self.pid}, age={self.age:.1f}, {'F' if self.female else 'M'}, "
            f"{self.state}, sector={sector}, certificate={CERTIFICATES[self.certificate]}, "
            f"wage={self.wage:.2f})"
        )
