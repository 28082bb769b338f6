"""Short-time work: enterprises cut hours before they cut jobs.

When an enterprise (FDI, domestic, state) needs fewer workers than it has (its ``demand``
below its ``size``), it first shares out the work it has: each of its workers works the
share ``demand / size`` of their usual hours (the firm's ``hours_factor``), down to a floor
(``short_time_hours_floor``).  Cut overtime, shorter weeks, rotation, paid stoppage and
suspended contracts are all this one margin, in hours: the firm buys less labour from the
same workers.  A small excess (under ``short_time_tolerance`` of its workforce) it carries
at full hours, as firms hoard labour through passing dips.  It lays workers off only

- at once, the workers it cannot use even at the floor of hours (an excess the hours cut
  cannot absorb), and
- once the excess has lasted more than ``short_time_months_before_layoff`` months in a
  row, ``layoff_speed`` of the excess each month (a persisting excess).

When demand recovers, hours recover first: a firm on short time has no vacancy (vacancies
are demand above size), so it hires only once its workers are back at their usual hours.

Decisions are per firm; which workers leave is drawn per person in
:mod:`simulation.mechanisms.firms`.  Workers whose hours their firm cut want them back:
under 35 hours they are underemployed (GSO: worked under 35 hours, want and are available
to work more), whatever their own preference for more hours (``wants_more``, which says
whether a worker whose hours fell for other reasons would want more).
"""

from __future__ import annotations

import numpy as np

from simulation.firms import FirmTable, Ownership
from simulation.population import PersonTable

FULL_HOURS = 1.0  # hours factor of a firm that does not cut hours
NO_LAYOFF = 0.0


def _enterprises(firms: FirmTable) -> np.ndarray:
    """Active enterprises (FDI, domestic, state): the firms that put workers on short time."""
    return firms.active & (firms.ownership <= Ownership.STATE.value)


def _work_per_worker(firms: FirmTable) -> np.ndarray:
    """The work a firm has for each of its workers: demand over size (1 without workers)."""
    size = firms.size.astype(np.float64)
    return np.where(size > 0, firms.demand / np.maximum(size, 1.0), FULL_HOURS)


def layoff_shares(firms: FirmTable, parameters) -> np.ndarray:
    """The share of its workers each firm lays off this month; counts each enterprise's
    months in a row with more workers than it needs (``months_in_excess``)."""
    need = _work_per_worker(firms)
    in_excess = _enterprises(firms) & (need < FULL_HOURS)
    firms.months_in_excess[:] = np.where(in_excess, firms.months_in_excess + 1, 0)
    # workers the firm cannot use even at the floor of hours go at once
    floor = parameters["short_time_hours_floor"]
    beyond_floor = np.maximum(0.0, FULL_HOURS - need / floor)
    # an excess that persists is shed gradually
    persisting = firms.months_in_excess > parameters["short_time_months_before_layoff"]
    gradual = np.where(persisting, parameters["layoff_speed"] * (FULL_HOURS - need), NO_LAYOFF)
    return np.where(in_excess, np.maximum(beyond_floor, gradual), NO_LAYOFF)


def set_hours_factor(firms: FirmTable, parameters) -> None:
    """Each enterprise's hours factor once its separations are done: the work it has per
    worker, between the floor of short-time work and full hours; full hours while the
    work per worker is within ``short_time_tolerance`` of full.  Farms and household
    businesses share out their work in production and keep a factor of 1."""
    need = _work_per_worker(firms)
    floor = parameters["short_time_hours_floor"]
    # a small excess is carried at full hours (labour hoarding)
    cutting = _enterprises(firms) & (need < FULL_HOURS - parameters["short_time_tolerance"])
    firms.hours_factor[:] = np.where(cutting, np.clip(need, floor, FULL_HOURS), FULL_HOURS)


def employer_cuts_hours(firms: FirmTable, employer: np.ndarray) -> np.ndarray:
    """For workers of ``employer`` (firm rows; negative for none or a firm in another
    province): whether their employer cut hours this month."""
    if not len(firms):
        return np.zeros(len(employer), dtype=bool)
    # looked up per firm (commuters and the jobless look up firm 0, then are masked out)
    cutting = firms.hours_factor < FULL_HOURS
    return (employer >= 0) & cutting[np.maximum(employer, 0)]


def on_short_time(persons: PersonTable, firms: FirmTable, rows: np.ndarray) -> np.ndarray:
    """For the persons at ``rows``: working fewer hours than usual because their employer
    cut hours (short-time work)."""
    cut = employer_cuts_hours(firms, persons.employer[rows])
    return cut & (persons.hours[rows] < persons.usual_hours[rows])


def wants_more_hours(persons: PersonTable, firms: FirmTable, rows: np.ndarray) -> np.ndarray:
    """For the persons at ``rows``: would work more hours if they could (their own
    preference, or hours their employer cut)."""
    return persons.wants_more[rows] | on_short_time(persons, firms, rows)
