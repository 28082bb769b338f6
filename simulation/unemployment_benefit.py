"""Unemployment-insurance benefit: who draws it, for how long, and the contribution record
that decides both (Law on Employment 2013, Art. 49-50 and 53).

- **The record.**  Each person carries ``ui_record_months``: the months of
  unemployment-insurance contributions not yet used for a benefit.  It grows by one each
  month the person holds an insured job (:func:`count_contributions`).  The law counts, for
  the right to a benefit, the months paid in the ``ui_qualifying_window_months`` (24)
  before the job ends; the model keeps no month-by-month history and approximates the
  window by forgetting a record whose holder has been out of compulsory insurance so long
  (``ui_qualifying_window_months - ui_qualifying_months``, 12 months) that fewer than the
  qualifying months of the window can be left in it.  The law keeps such months for the
  benefit's length once a person qualifies again; the model does not (a shorter benefit
  for people who come back to insured work after a long break).
- **The right.**  A person who loses an insured job and looks for work draws the benefit
  when the record holds at least ``ui_qualifying_months`` (12) months (Art. 49); the others
  are counted as ``unemployment_benefit_denied``.  Every one who qualifies claims it (the
  law requires a claim within 3 months; take-up below one is not modelled).
- **The length** (Art. 50): ``ui_benefit_months`` (3) for a record of up to
  ``ui_benefit_base_record_months`` (36) months, one month more for every further
  ``ui_record_months_per_benefit_month`` (12) months, at most ``ui_benefit_months_max``
  (12).  The months of record the benefit stands for are used up; what is left over
  stays on the record (Art. 53: the months not used are kept for a later claim).
- **The amount** (Art. 50): ``ui_replacement_rate`` of the last pay (the cap at five
  regional minimum wages is not modelled).  It ends when a job starts or runs out.
- **At the start** the base year's insured workers hold records drawn as a stationary
  province would hold them (:func:`start_records`): geometric, with the mean
  ``ui_record_start_mean_months`` (a named assumption).

What the benefit does: it is part of what a jobseeker gives up by taking informal work,
and the floor of the pay they accept (:mod:`simulation.informal_choice`).
"""

from __future__ import annotations

import numpy as np

from simulation.calendar import MONTHS_PER_YEAR
from simulation.population import PersonTable, Status

BENEFIT_STARTS = "unemployment_benefit_starts"  # the flow of insured job losers drawing it
BENEFIT_DENIED = "unemployment_benefit_denied"  # insured job losers whose record is too short
BENEFIT_MONTHS = "unemployment_benefit_months_granted"  # months of benefit the starts give


def forget_after_months(parameters) -> int:
    """Months out of compulsory insurance after which a record can no longer hold the
    qualifying months within the law's window (the window less the qualifying months)."""
    return int(parameters["ui_qualifying_window_months"]) - int(parameters["ui_qualifying_months"])


def entitlement(parameters, record: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Months of benefit for records of ``record`` months (of those who qualify), and the
    months of record the benefit uses up (Law on Employment 2013, Art. 50)."""
    base = int(parameters["ui_benefit_months"])
    base_record = int(parameters["ui_benefit_base_record_months"])
    per_month = int(parameters["ui_record_months_per_benefit_month"])
    longest = int(parameters["ui_benefit_months_max"])
    extra = np.maximum(0, record.astype(np.int64) - base_record) // per_month
    months = np.minimum(longest, base + extra)
    used = np.minimum(record, base_record + (months - base) * per_month)
    return months, used


def start_benefits(model, rows: np.ndarray) -> None:
    """Persons at ``rows`` who lose a job and become jobseekers: those whose job was
    insured against unemployment and whose record qualifies draw the benefit, a share of
    their last pay, for the months their record gives."""
    persons, parameters = model.persons, model.params
    insured = rows[persons.ui[rows]]
    record = persons.ui_record_months[insured]
    qualifies = record >= int(parameters["ui_qualifying_months"])
    drawing = insured[qualifies]
    months, used = entitlement(parameters, record[qualifies])
    persons.benefit[drawing] = parameters["ui_replacement_rate"] * persons.wage[drawing]
    persons.benefit_months[drawing] = months
    persons.ui_record_months[drawing] = record[qualifies] - used
    model.count(BENEFIT_STARTS, len(drawing))
    model.count(BENEFIT_DENIED, len(insured) - len(drawing))
    model.count(BENEFIT_MONTHS, int(months.sum()))


def end_benefits(persons: PersonTable, rows: np.ndarray) -> None:
    """Benefits stop when a job starts."""
    persons.benefit[rows] = 0.0
    persons.benefit_months[rows] = 0


def age_benefits(persons: PersonTable) -> None:
    """A month of benefit used by every jobseeker drawing one; it stops when used up."""
    drawing = np.flatnonzero(
        (persons.benefit_months > 0) & (persons.status == Status.UNEMPLOYED.value)
    )
    persons.benefit_months[drawing] -= 1
    used_up = drawing[persons.benefit_months[drawing] == 0]
    persons.benefit[used_up] = 0.0


def count_contributions(persons: PersonTable, parameters) -> None:
    """A month more on the record of everyone in an insured job; records of those out of
    compulsory insurance too long to qualify within the window are forgotten (call after
    ``si_out_months`` is counted for the month).  In place: it runs over every person."""
    record = persons.ui_record_months
    record += persons.ui
    record *= persons.si_out_months < forget_after_months(parameters)


def start_records(
    people: PersonTable, parameters, base_month: int, rng: np.random.Generator
) -> None:
    """Records of the base year's insured workers: geometric with the mean
    ``ui_record_start_mean_months`` (at least one month: they are paying in), as under a
    constant chance of leaving insured work, and no longer than the scheme has run
    (contributions began in January of ``ui_scheme_start_year``); nobody else holds one.
    ``base_month`` is the first month simulated."""
    mean = parameters["ui_record_start_mean_months"]
    scheme_start = int(parameters["ui_scheme_start_year"]) * MONTHS_PER_YEAR  # its January
    insured = np.flatnonzero(people.ui)
    people.ui_record_months[:] = 0
    records = rng.geometric(1.0 / mean, size=len(insured))
    people.ui_record_months[insured] = np.minimum(records, base_month - scheme_start)
