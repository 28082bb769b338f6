"""The model checks its own books every month.

- every person is in exactly one valid state, and the columns agree with it (an employed
  person has a sector and an employer, a student a course, a child is under 15 ...);
- each state's stock equals last month's stock plus inflows minus outflows, where the
  flows are those recorded by ``ProvinceModel.set_status``, births/arrivals and
  deaths/departures;
- compulsory insurance goes with a formal job, unemployment insurance with social
  insurance, and a part-time course has a level and months left;
- every firm's size equals the number of persons employed by it;
- every rate among the indicators lies in [0, 1].
A failed check raises :class:`AccountingError`: a bug, never a result.
"""

from __future__ import annotations

import math

import numpy as np

from simulation.labour_law import WORKING_AGE_FROM_MONTHS
from simulation.population import NO_EMPLOYER, Insurance, Status


class AccountingError(RuntimeError):
    """The model's books do not balance."""


def _fail_if(condition: np.ndarray | bool, message: str, model) -> None:
    if np.any(condition):
        cases = int(np.count_nonzero(condition)) if isinstance(condition, np.ndarray) else 1
        raise AccountingError(f"month {model.month}: {message} ({cases} cases)")


def check(model) -> np.ndarray:
    """Check the model's books this month; returns the persons in each status."""
    persons = model.persons
    counts = model.status_counts()
    _fail_if((persons.status < 0) | (persons.status >= len(Status)), "unknown status", model)
    # person ids only grow and rows keep their order (PersonTable.rows_of relies on it)
    pid = persons.pid  # each id against the one before (np.diff's array of differences spared)
    _fail_if(pid[1:] <= pid[:-1], "person ids out of order", model)
    transitions = model.transitions
    expected = (
        model.stocks
        + transitions.sum(axis=0)
        - transitions.sum(axis=1)
        + model.entries
        - model.exits
    )
    if not np.array_equal(counts, expected):
        raise AccountingError(
            f"month {model.month}: stocks {counts.tolist()} differ from last month's plus "
            f"flows {expected.tolist()}"
        )

    employed = persons.status == Status.EMPLOYED.value
    _fail_if(
        employed & ((persons.employer == NO_EMPLOYER) | (persons.sector < 0)),
        "employed without an employer or sector",
        model,
    )
    _fail_if(
        ~employed & ((persons.employer != NO_EMPLOYER) | (persons.sector >= 0)),
        "not employed but holding a job",
        model,
    )
    child = persons.status == Status.CHILD.value
    _fail_if(
        child != (persons.age_m < WORKING_AGE_FROM_MONTHS),
        "CHILD status and age under 15 disagree",
        model,
    )
    student = persons.status == Status.STUDENT.value
    _fail_if(
        student & ((persons.track < 0) | (persons.study_left <= 0)),
        "student without a course",
        model,
    )
    _fail_if(~student & (persons.track >= 0), "course without being a student", model)
    _fail_if(
        (persons.status == Status.ABROAD.value) & (persons.abroad_left <= 0),
        "abroad with no contract",
        model,
    )

    compulsory = persons.si == Insurance.COMPULSORY.value
    _fail_if(
        compulsory & ~(employed & persons.formal),
        "compulsory insurance without a formal job",
        model,
    )
    _fail_if(persons.ui & ~compulsory, "unemployment insurance without social insurance", model)
    _fail_if(
        (persons.course_left > 0) != (persons.course_level > 0), "part-time course half set", model
    )

    inside = np.flatnonzero(employed & (persons.employer >= 0))
    sizes = np.bincount(persons.employer[inside], minlength=len(model.firms))
    _fail_if(sizes != model.firms.size, "firm sizes differ from their workers", model)
    _fail_if(~model.firms.active & (model.firms.size > 0), "closed firm with workers", model)
    return counts


def check_rates(values: dict[str, float], units: dict[str, str], month: str) -> None:
    for key, value in values.items():
        if units.get(key) == "share" and not math.isnan(value) and not 0.0 <= value <= 1.0:
            raise AccountingError(f"{month}: rate {key} = {value} is outside [0, 1]")
