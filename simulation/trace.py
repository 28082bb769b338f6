"""A traced panel: a sample of persons and firms, recorded every month as the model runs.

The model keeps only the present (a person's row says what they do now).  To follow one
worker or one firm month by month from the first month, :class:`Trace` picks a sample
when the model is built (no random draw: persons of working age and firms of each
ownership, evenly spaced over the rows, so the sample is the same for a given seed) and
records their columns after every recorded month::

    trace = Trace(model.persons, model.firms)
    model.step(); trace.record(model.current_month_label, model.persons, model.firms, scale)
    trace.person_history(pid)   # a DataFrame, one row per month
    trace.firm_history(row)

A person who dies or moves away has a last row saying so; firms are never deleted (a closed
firm is inactive), so a firm's row is its identity for the run.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from simulation.calendar import MONTHS_PER_YEAR
from simulation.firms import OWNERSHIPS, FirmTable, Ownership
from simulation.labour_law import WORKING_AGE_FROM_MONTHS
from simulation.population import (
    CERTIFICATES,
    NO_EMPLOYER,
    OUTSIDE_EMPLOYER,
    SECTORS,
    STATUSES,
    Insurance,
    PersonTable,
    Status,
    Track,
)

TRACED_PERSONS = 200  # persons of working age followed in a run (agents)
TRACED_FIRMS_PER_OWNERSHIP = 8  # firms of each ownership followed in a run
LEFT = "left the province or died"
NOT_ANY = "-"  # no sector, employer, course ...
INSURANCES = tuple(kind.name.lower() for kind in Insurance)
TRACKS = {track: track.name.lower().replace("_", " ") for track in Track}


def evenly_spaced(rows: np.ndarray, count: int) -> np.ndarray:
    """At most ``count`` of ``rows``, evenly spaced over them (all of them if fewer)."""
    if len(rows) <= count:
        return rows
    return rows[np.linspace(0, len(rows) - 1, count).round().astype(np.int64)]


def course(persons: PersonTable, rows: np.ndarray) -> list[str]:
    """What each person at ``rows`` is studying, in words ("" if nothing)."""
    out = []
    for row in rows:
        if persons.status[row] == Status.STUDENT.value:
            out.append(
                f"{TRACKS[Track(persons.track[row])]} for {CERTIFICATES[persons.study_level[row]]}"
                f", {persons.study_left[row]} months left"
            )
        elif persons.course_left[row] > 0:
            out.append(
                f"part-time course for {CERTIFICATES[persons.course_level[row]]}"
                f", {persons.course_left[row]} months left"
            )
        else:
            out.append(NOT_ANY)
    return out


def employer(persons: PersonTable, firms: FirmTable, rows: np.ndarray) -> list[str]:
    """Each person's employer in words: ownership and sector of the firm and its row."""
    out = []
    for row in rows:
        firm = int(persons.employer[row])
        if persons.status[row] != Status.EMPLOYED.value or firm == NO_EMPLOYER:
            out.append(NOT_ANY)
        elif firm == OUTSIDE_EMPLOYER:
            out.append("a firm in another province")
        else:
            out.append(
                f"firm {firm} ({OWNERSHIPS[firms.ownership[firm]]}, {SECTORS[firms.sector[firm]]})"
            )
    return out


class Trace:
    """Persons and firms followed month by month (see the module's docstring)."""

    def __init__(
        self,
        persons: PersonTable,
        firms: FirmTable,
        persons_count: int = TRACED_PERSONS,
        firms_per_ownership: int = TRACED_FIRMS_PER_OWNERSHIP,
    ):
        adults = np.flatnonzero(
            (persons.age_m >= WORKING_AGE_FROM_MONTHS) & (persons.status != Status.ABROAD.value)
        )
        self.pids = persons.pid[evenly_spaced(adults, persons_count)].copy()
        self.firm_rows = np.concatenate(
            [
                evenly_spaced(
                    np.flatnonzero(firms.active & (firms.ownership == ownership)),
                    firms_per_ownership,
                )
                for ownership in Ownership
            ]
        )
        self.persons_rows: list[pd.DataFrame] = []  # one frame a month
        self.firms_rows: list[pd.DataFrame] = []

    def record(self, month: str, persons: PersonTable, firms: FirmTable, scale: int) -> None:
        """Add the month's row of every traced person and firm."""
        rows, present = persons.locate(self.pids)
        sector = persons.sector[rows]
        employed = persons.status[rows] == Status.EMPLOYED.value
        frame = pd.DataFrame(
            {
                "month": month,
                "pid": self.pids[present],
                "age": persons.age_m[rows] // MONTHS_PER_YEAR,
                "status": [STATUSES[code] for code in persons.status[rows]],
                "sector": [SECTORS[code] if code >= 0 else NOT_ANY for code in sector],
                "employer": employer(persons, firms, rows),
                "formal contract": employed & persons.formal[rows],
                "hours a week": persons.hours[rows],
                "wage (million VND a month)": persons.wage[rows].astype(np.float64),
                "certificate": [CERTIFICATES[code] for code in persons.certificate[rows]],
                "course": course(persons, rows),
                "social insurance": [INSURANCES[code] for code in persons.si[rows]],
                "unemployment insurance": persons.ui[rows],
                "months unemployed": persons.months_unemployed[rows],
                "unemployment-insurance record (months)": persons.ui_record_months[rows],
                "benefit (million VND a month)": persons.benefit[rows].astype(np.float64),
                "benefit months left": persons.benefit_months[rows],
            }
        )
        gone = pd.DataFrame({"month": month, "pid": self.pids[~present], "status": LEFT})
        # (nullable columns: the row of a person who left has no age, wage ...)
        self.persons_rows.append(pd.concat([frame, gone], ignore_index=True).convert_dtypes())
        firm_rows = self.firm_rows
        # one real firm's workers: an agent of ``size`` worker agents stands for
        # ``represents`` real firms, a worker agent for ``scale`` persons
        per_firm = scale / firms.represents[firm_rows].astype(np.float64)
        self.firms_rows.append(
            pd.DataFrame(
                {
                    "month": month,
                    "firm": firm_rows,
                    "ownership": [OWNERSHIPS[code] for code in firms.ownership[firm_rows]],
                    "sector": [SECTORS[code] for code in firms.sector[firm_rows]],
                    "active": firms.active[firm_rows],
                    "workers": firms.size[firm_rows] * per_firm,
                    "workers wanted": firms.demand[firm_rows] * per_firm,
                    "vacancies left open": firms.open_vacancies[firm_rows] * per_firm,
                    "pay premium": firms.wage_premium[firm_rows].astype(np.float64),
                    "share of usual hours": firms.hours_factor[firm_rows].astype(np.float64),
                    "formal hires (share)": firms.formal_share[firm_rows].astype(np.float64),
                    "insurance compliance": firms.si_compliance[firm_rows].astype(np.float64),
                }
            )
        )

    def person_history(self, pid: int) -> pd.DataFrame:
        """Every recorded month of the traced person ``pid`` (empty if not traced)."""
        frames = [frame[frame["pid"] == pid] for frame in self.persons_rows]
        return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()

    def firm_history(self, row: int) -> pd.DataFrame:
        """Every recorded month of the traced firm in row ``row`` (empty if not traced)."""
        frames = [frame[frame["firm"] == row] for frame in self.firms_rows]
        return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()
