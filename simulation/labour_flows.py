"""Flows between employment, unemployment, informal work and inactivity in one month.

The model counts hires and separations, but not who moved from which state to which.  This
measures it from the person columns: each person's labour-market state before the month
(kept by id) against after it.  Formal and informal work are told apart as the
indicators do (``informal_share``: employed without a formal contract); persons who
arrived during the month (births, in-migrants, returns from abroad count as "outside")
and who left it (deaths, out-migrants) have rows and columns of their own::

    before = LabourStates.of(model.persons)
    model.step()
    before.flows_to(model.persons, model.scale)   # a DataFrame, persons: from (rows) x to
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum

import numpy as np
import pandas as pd

from simulation.population import PersonTable, Status


class LabourState(IntEnum):
    """Where a person stands in the labour market."""

    FORMAL = 0  # employed with a formal contract
    INFORMAL = 1  # employed without one
    UNEMPLOYED = 2
    INACTIVE = 3
    OUTSIDE = 4  # children, students, contract workers abroad: outside the labour force
    ARRIVED = 5  # (before the month only) not yet in the province: born or moved in
    LEFT = 6  # (after the month only) died or moved out


LABELS = {
    LabourState.FORMAL: "formal work",
    LabourState.INFORMAL: "informal work",
    LabourState.UNEMPLOYED: "unemployed",
    LabourState.INACTIVE: "inactive",
    LabourState.OUTSIDE: "child, student or abroad",
    LabourState.ARRIVED: "arrived (born or moved in)",
    LabourState.LEFT: "left (died or moved out)",
}
BEFORE = tuple(state for state in LabourState if state != LabourState.LEFT)
AFTER = tuple(state for state in LabourState if state != LabourState.ARRIVED)


def labour_states(persons: PersonTable) -> np.ndarray:
    """Each person's :class:`LabourState` (int8)."""
    states = np.full(len(persons), LabourState.OUTSIDE, dtype=np.int8)
    employed = persons.status == Status.EMPLOYED.value
    states[employed & persons.formal] = LabourState.FORMAL
    states[employed & ~persons.formal] = LabourState.INFORMAL
    states[persons.status == Status.UNEMPLOYED.value] = LabourState.UNEMPLOYED
    states[persons.status == Status.INACTIVE.value] = LabourState.INACTIVE
    return states


@dataclass(frozen=True)
class LabourStates:
    """Persons' ids and labour-market states at one moment."""

    pids: np.ndarray
    states: np.ndarray

    @classmethod
    def of(cls, persons: PersonTable) -> LabourStates:
        return cls(persons.pid.copy(), labour_states(persons))

    def flows_to(self, persons: PersonTable, scale: int) -> pd.DataFrame:
        """Persons who moved from each state (rows) to each state (columns) since this
        moment: a table indexed by :data:`BEFORE`'s labels, with :data:`AFTER`'s columns."""
        now = labour_states(persons)
        rows, stayed = persons.locate(self.pids)
        after = np.full(len(self.pids), LabourState.LEFT, dtype=np.int8)
        after[stayed] = now[rows]
        arrived = np.ones(len(persons), dtype=bool)  # everyone now who was not here before
        arrived[rows] = False
        before = np.concatenate([self.states, np.full(arrived.sum(), LabourState.ARRIVED)])
        after = np.concatenate([after, now[arrived]])
        size = len(LabourState)
        counts = np.bincount(before.astype(np.int64) * size + after, minlength=size * size).reshape(
            size, size
        )
        return pd.DataFrame(
            counts[np.ix_(BEFORE, AFTER)] * scale,
            index=[LABELS[state] for state in BEFORE],
            columns=[LABELS[state] for state in AFTER],
        )
