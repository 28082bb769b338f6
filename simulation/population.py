"""Persons as columns: one row per agent, one numpy array per attribute.

At one agent per person the province has about two million people, far too many for
one Python object each.  The :class:`PersonTable` keeps every attribute as a column so
that each behaviour is a vectorised rule over the rows it concerns; :class:`Worker` is a
light view of one row for people (and tests) who want to look at a single person.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum
from typing import ClassVar

import numpy as np

from simulation.calendar import MONTHS_PER_YEAR
from simulation.table import ColumnTable, RowView


class Status(IntEnum):
    """Each person is in exactly one of these states.

    Columns are compared with the plain code (``status == Status.EMPLOYED.value``), here
    and for the other codes below: numpy takes an IntEnum member, unlike a plain int, for
    a 64-bit integer and widens the int8 column to compare it (about ten times slower, some
    50 microseconds for a column of 200,000 persons; the result is the same)."""

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


SECTORS = tuple(sector.name.lower() for sector in Sector if sector != Sector.NONE)
CERTIFICATES = tuple(level.name.lower() for level in Certificate)
STATUSES = tuple(s.name.lower() for s in Status)

YOUTH_AGES_MONTHS = (15 * MONTHS_PER_YEAR, 25 * MONTHS_PER_YEAR)  # youth: 15-24 (GSO)


@dataclass(frozen=True)
class DurationBin:
    """Months of unemployment from ``lowest`` up to, not including, ``beyond``."""

    name: str  # in indicator ids: unemployed_<name>, hires_<name>, unemployment_exits_<name>
    label: str  # for people: "0-2"
    lowest: int
    beyond: int | None  # None: no upper end

    def holds(self, months: np.ndarray) -> np.ndarray:
        if self.beyond is None:
            return months >= self.lowest
        return (months >= self.lowest) & (months < self.beyond)


# The bins in which unemployment spells and hires out of unemployment are counted.
UNEMPLOYMENT_DURATIONS = (
    DurationBin("0_2", "0-2", 0, 3),
    DurationBin("3_5", "3-5", 3, 6),
    DurationBin("6_11", "6-11", 6, 12),
    DurationBin("12plus", "12+", 12, None),
)

NO_RECORD = -1  # si_out_months of a person without a contribution record
OUTSIDE_EMPLOYER = -2  # employer id of residents who work in another province
NO_EMPLOYER = -1


def per_employer(values: np.ndarray, employer: np.ndarray, outside) -> np.ndarray:
    """``values`` (one per firm) read for each of ``employer`` (firm rows), and ``outside``
    for an employer not in the firm table (NO_EMPLOYER, OUTSIDE_EMPLOYER: the only negative
    rows).  The values with ``outside`` appended once for each negative row are read at
    once (row -1 reads the last, -2 the one before): cheaper than picking out the
    employers in the table by a mask, and right with no firms at all."""
    appended = np.full(-OUTSIDE_EMPLOYER, outside, dtype=np.asarray(values).dtype)
    return np.concatenate([values, appended])[employer]


NEVER = -1  # a month column's value for something that has not happened
NO_ROW = -1  # the row of an id no longer in the table
# PersonTable.locate searches ids when there are fewer than one per this many rows, and
# looks them up in a table of rows by id otherwise (a speed choice, not a behaviour)
LOOKUP_TABLE_SHARE = 64

# name -> dtype of every person column
PERSON_COLUMNS: dict[str, type] = {
    "pid": np.int64,  # stable person id
    "age_m": np.int16,  # age in months
    "female": np.bool_,
    "district": np.int8,
    "urban": np.bool_,
    "status": np.int8,
    "sector": np.int8,
    # the employer's row in the firm table, in numpy's own index type: its many lookups
    # of firms' columns (``firms.productivity[employer]``) take a path about three times
    # slower with any other integer type
    "employer": np.intp,
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
    # the compulsory-insurance contribution record: months since it was last paid into (0
    # while insured; NO_RECORD: none, or withdrawn as a lump sum) and whether it may be
    # withdrawn as a lump sum (started before the 2024 law's restriction)
    "si_out_months": np.int16,
    "si_lump_sum": np.bool_,
    "months_unemployed": np.int16,
    "track": np.int8,  # Track code while a student
    "study_level": np.int8,  # Certificate a student is studying for
    "study_left": np.int16,  # months until the course ends
    "school": np.int16,  # index of the training school, -1 if none
    "course_level": np.int8,  # Certificate of a part-time course taken while working
    "course_left": np.int8,  # months left in that course (0: none)
    "retrained": np.bool_,  # completed retraining or continuous training since the start
    "certified_month": np.int32,  # month of the last certificate earned (NEVER: none yet)
    "abroad_left": np.int16,  # months left on a contract abroad
    "benefit": np.float32,  # unemployment-insurance benefit drawn, million VND a month
    "benefit_months": np.int8,  # months of benefit left (0: none)
    # months of unemployment-insurance contributions not yet used for a benefit
    # (simulation/unemployment_benefit.py)
    "ui_record_months": np.int16,
    # pay in the last job at the mean full-time week, million VND a month (0: never paid)
    "last_wage": np.float32,
}


class PersonTable(ColumnTable):
    """The columns of all persons; ``len(table)`` agents, each standing for ``scale`` people."""

    COLUMNS = PERSON_COLUMNS
    # columns a person may be created without: no benefit, no contribution record, no past pay
    DEFAULTS: ClassVar[dict[str, float]] = {
        "benefit": 0.0,
        "benefit_months": 0,
        "ui_record_months": 0,
        "si_out_months": NO_RECORD,
        "si_lump_sum": False,
        "last_wage": 0.0,
        "certified_month": NEVER,
    }
    KIND = "person"

    @classmethod
    def empty(cls, n: int) -> PersonTable:
        """``n`` persons with neutral defaults (children, no job, no school)."""
        columns = {name: np.zeros(n, dtype=dtype) for name, dtype in PERSON_COLUMNS.items()}
        for name in ("sector", "track", "school"):
            columns[name][:] = -1
        columns["si_out_months"][:] = NO_RECORD
        columns["certified_month"][:] = NEVER
        columns["employer"][:] = NO_EMPLOYER
        columns["pid"] = np.arange(n, dtype=np.int64)
        return cls(columns)

    def row(self, pid: int) -> int:
        """Row index of the person with id ``pid``."""
        rows = self.rows_of(np.array([pid]))
        if len(rows) == 0:
            raise KeyError(f"no person with id {pid}")
        return int(rows[0])

    def rows_of(self, pids: np.ndarray) -> np.ndarray:
        """Rows of the persons with ids ``pids`` who are still in the table, in the order
        given."""
        return self.locate(pids)[0]

    def locate(self, pids: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The rows of the persons with ids ``pids`` who are still in the table (in the
        order given), and which of ``pids`` are (a mask).  Ids only grow and rows keep their
        order, so ``pid`` is sorted: a few ids are searched, many are looked up in a table
        of rows by id (a month's whole table: about ten times faster)."""
        pids = np.asarray(pids)
        if len(pids) * LOOKUP_TABLE_SHARE < len(self):
            rows = np.searchsorted(self.pid, pids)
            found = rows < len(self)
            found[found] = self.pid[rows[found]] == pids[found]
            return rows[found], found
        largest = int(self.pid[-1]) if len(self) else NO_ROW
        row_of_id = np.full(largest + 1, NO_ROW, dtype=np.int64)
        row_of_id[self.pid] = np.arange(len(self))
        rows = np.full(len(pids), NO_ROW, dtype=np.int64)
        known = (pids >= 0) & (pids <= largest)
        rows[known] = row_of_id[pids[known]]
        found = rows != NO_ROW
        return rows[found], found

    def age_years(self) -> np.ndarray:
        return self.age_m // MONTHS_PER_YEAR


class Worker(RowView):
    """A read-only view of one person, for inspection: ``Worker(table, row)``."""

    @property
    def age(self) -> float:
        return self.age_m / MONTHS_PER_YEAR

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
