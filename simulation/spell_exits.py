"""Where unemployment spells begin and end: the moves into unemployment by where people
came from, and the monthly hazard out of it, by months unemployed and by where the
jobseekers went.

Moves in (``unemployment_entries_from_<origin>``) are read from the month's record of
status changes that the books are checked against (``ProvinceModel.transitions``, and
the arrivals among ``ProvinceModel.entries``): every move of the month, so a person laid
off and hired again within it counts once in each direction.

The model counts the unemployed by months of unemployment at each month's matching
(``unemployed_<spell>``) and the hires out of unemployment among them (``hires_<spell>``),
but hires are only one way out: jobseekers also take informal work, go back to their
family's farm, start a business, give up searching, move away or die.  This follows the
persons unemployed at one month's matching to the next month's matching, a full month
later, and counts those no longer unemployed (flows, in the month they are seen gone):

- ``unemployment_exits_<spell>``: by the months they had been unemployed a month before
  (the spells of :data:`simulation.population.UNEMPLOYMENT_DURATIONS`);
- ``unemployment_exits_to_<destination>``: by where they are now
  (:class:`Destination`);
- ``unemployment_exits_<spell>_to_informal``: those of each spell who are now in informal
  work (a household business or the family farm), the choice of
  :mod:`simulation.informal_choice` and the farms' taking back: over the spell's unemployed
  a month before, the hazard into informal work by months unemployed.

A person who left unemployment and is unemployed again a month later (hired, then laid
off) is not counted: as in a survey that asks the same persons a month apart.  The first
recorded month has no month before it and counts no exits.  The monthly exit hazard of a
spell length is ``unemployment_exits_<spell>`` over the month before's
``unemployed_<spell>`` (``analysis/stylised_facts.py``); measuring does not change what
the model does.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum

import numpy as np

from simulation import jobs
from simulation.firms import Ownership
from simulation.population import UNEMPLOYMENT_DURATIONS, PersonTable, Status


class Destination(IntEnum):
    """Where a person unemployed a month before is now."""

    WAGE_JOB = 0  # an enterprise, a state unit or a job in another province
    HOUSEHOLD_BUSINESS = 1  # informal work in a household business, or one's own
    FARM = 2  # work on a family farm
    OUT_OF_LABOUR_FORCE = 3  # inactive, back in school or training, or away abroad
    LEFT = 4  # died or moved out of the province


DESTINATION_NAMES = {
    Destination.WAGE_JOB: "wage_job",
    Destination.HOUSEHOLD_BUSINESS: "household_business",
    Destination.FARM: "farm",
    Destination.OUT_OF_LABOUR_FORCE: "out_of_labour_force",
    Destination.LEFT: "left",
}
DESTINATION_LABELS = {
    Destination.WAGE_JOB: "a wage job (enterprise, state unit or another province)",
    Destination.HOUSEHOLD_BUSINESS: "a household business (informal work or their own)",
    Destination.FARM: "a family farm",
    Destination.OUT_OF_LABOUR_FORCE: "out of the labour force (inactive, school, abroad)",
    Destination.LEFT: "left the province or died",
}


ARRIVED = "arrived"  # the origin of in-migrants who arrive as jobseekers
# where moves into unemployment come from: each other status (by its name), and arrival
ORIGIN_LABELS = {
    Status.CHILD.name.lower(): "those turning 15",
    Status.STUDENT.name.lower(): "school, training or university",
    Status.EMPLOYED.name.lower(): "a job",
    Status.INACTIVE.name.lower(): "outside the labour force",
    Status.ABROAD.name.lower(): "contract work abroad",
    ARRIVED: "another province (in-migrants)",
}


def entry_origins() -> tuple[str, ...]:
    """The origins of moves into unemployment (:data:`ORIGIN_LABELS`)."""
    return tuple(ORIGIN_LABELS)


def entry_flow(origin: str) -> str:
    """The flow counting moves into unemployment from ``origin`` (:func:`entry_origins`)."""
    return f"unemployment_entries_from_{origin}"


def count_entries(model) -> None:
    """Count this month's moves into unemployment by origin, as flows (after every
    mechanism has run: the status changes recorded for the books)."""
    into = model.transitions[:, Status.UNEMPLOYED.value]
    for status in Status:
        if status != Status.UNEMPLOYED:
            model.count(entry_flow(status.name.lower()), int(into[status.value]))
    model.count(entry_flow(ARRIVED), int(model.entries[Status.UNEMPLOYED.value]))


def exit_flow(spell_name: str) -> str:
    """The flow counting exits out of unemployment after a spell of ``spell_name``."""
    return f"unemployment_exits_{spell_name}"


def destination_flow(destination: Destination) -> str:
    """The flow counting exits out of unemployment to ``destination``."""
    return f"unemployment_exits_to_{DESTINATION_NAMES[destination]}"


# informal work: a household business (someone else's or one's own) or the family farm
INFORMAL_DESTINATIONS = (Destination.HOUSEHOLD_BUSINESS, Destination.FARM)


def informal_exit_flow(spell_name: str) -> str:
    """The flow counting exits out of unemployment into informal work
    (:data:`INFORMAL_DESTINATIONS`) after a spell of ``spell_name``."""
    return f"unemployment_exits_{spell_name}_to_informal"


@dataclass(frozen=True)
class UnemployedSnapshot:
    """The ids of the unemployed at one month's matching and their months unemployed."""

    pids: np.ndarray
    months: np.ndarray

    @classmethod
    def of(cls, persons: PersonTable, unemployed: np.ndarray) -> UnemployedSnapshot:
        """The unemployed at rows ``unemployed`` (found already by the caller)."""
        return cls(persons.pid[unemployed].copy(), persons.months_unemployed[unemployed].copy())

    def count_exits(self, model) -> None:
        """Count, as this month's flows, those of the snapshot no longer unemployed now, by
        the spell they had then and by where they are now."""
        persons = model.persons
        rows, stayed = persons.locate(self.pids)
        destination = np.full(len(self.pids), Destination.LEFT, dtype=np.int64)
        status = persons.status[rows]
        present = np.flatnonzero(stayed)
        # still unemployed: not an exit (marked with a code outside Destination)
        destination[present[status == Status.UNEMPLOYED.value]] = len(Destination)
        out = (status != Status.UNEMPLOYED.value) & (status != Status.EMPLOYED.value)
        destination[present[out]] = Destination.OUT_OF_LABOUR_FORCE
        working = np.flatnonzero(status == Status.EMPLOYED.value)
        ownership = jobs.employer_ownership(model, rows[working])
        destination[present[working]] = np.select(
            [ownership == Ownership.HOUSEHOLD.value, ownership == Ownership.FARM.value],
            [Destination.HOUSEHOLD_BUSINESS, Destination.FARM],
            Destination.WAGE_JOB,
        )
        left = destination < len(Destination)
        by_destination = np.bincount(destination[left], minlength=len(Destination))
        for code in Destination:
            model.count(destination_flow(code), int(by_destination[code]))
        months = self.months[left]
        informal = np.isin(destination[left], INFORMAL_DESTINATIONS)
        for spell in UNEMPLOYMENT_DURATIONS:
            holds = spell.holds(months)
            model.count(exit_flow(spell.name), int(np.count_nonzero(holds)))
            model.count(informal_exit_flow(spell.name), int(np.count_nonzero(holds & informal)))


def exit_hazards(
    unemployed: dict[str, np.ndarray], exits: dict[str, np.ndarray]
) -> dict[str, float]:
    """The monthly exit hazard of each spell (pooled over the months): the exits counted
    in each month after the first, over the unemployed of that spell a month before.
    ``unemployed`` and ``exits`` hold, for each spell's name, the monthly series of
    ``unemployed_<spell>`` and ``unemployment_exits_<spell>`` (NaN where a spell had no
    unemployed)."""
    hazards = {}
    for spell in UNEMPLOYMENT_DURATIONS:
        before = float(np.sum(unemployed[spell.name][:-1]))
        after = float(np.sum(exits[spell.name][1:]))
        hazards[spell.name] = after / before if before > 0 else float("nan")
    return hazards


def stationary_long_term_share(hazards: dict[str, float]) -> float:
    """The share of the unemployed in the open-ended spell (12 months or more) when
    jobseekers keep leaving at ``hazards`` (by spell, from :func:`exit_hazards`) and as many
    join each month: each spell length's stock is its survivors, month by month.  A survey
    counts a stock of the unemployed, shaped by the spells of years before; the model's
    first years are shaped by the synthetic start's spells (an assumed mean,
    ``mean_unemployment_duration``), so a year's share of its own stock says more about the
    start than about jobseekers' and employers' choices.  This reads the choices alone."""
    survivors, stocks = 1.0, []
    for spell in UNEMPLOYMENT_DURATIONS:
        hazard = hazards[spell.name]
        if np.isnan(hazard):
            return float("nan")
        if spell.beyond is None:  # the open-ended spell: survivors stay 1 / hazard months
            stocks.append(survivors / hazard if hazard > 0 else float("inf"))
            continue
        months = spell.beyond - spell.lowest
        staying = (1 - hazard) ** months
        stocks.append(survivors * (1 - staying) / hazard if hazard > 0 else survivors * months)
        survivors *= staying
    if np.isinf(stocks[-1]):
        return 1.0
    return float(stocks[-1] / sum(stocks))
