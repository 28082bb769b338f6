"""Taking and leaving a job, keeping firm sizes, contracts and insurance consistent.

Every mechanism that starts or ends a job goes through :func:`hire` or :func:`release`,
so the accounting (firm sizes equal their workers; no job without a worker) holds by
construction and each flow is counted once.
"""

from __future__ import annotations

import numpy as np

from simulation.calendar import MONTHS_PER_YEAR, year_of
from simulation.firms import Ownership
from simulation.informal_choice import keep_last_pay
from simulation.labour_law import UNDEREMPLOYMENT_HOURS, retirement_age_months, working_age
from simulation.population import (
    NO_EMPLOYER,
    OUTSIDE_EMPLOYER,
    Insurance,
    Sector,
    Status,
    per_employer,
)
from simulation.unemployment_benefit import end_benefits, start_benefits
from simulation.usual_hours import draw_short_jobs, short_hours_risk, short_weekly_hours

# Law on Employment 2013, Art. 43: unemployment insurance goes with every labour contract of
# three months or more; only part of state employment (civil servants) is not covered.
UI_SHARE_OUTSIDE_STATE = 1.0


def enrolment_chance(model, compliance: np.ndarray) -> np.ndarray:
    """The chance that a formal job of employers with ``compliance`` is enrolled in
    compulsory insurance under the policy's compliance multiplier (a share: at most one)."""
    return np.minimum(1.0, compliance * model.policy.compliance_multiplier)


def release(model, rows: np.ndarray, new_status: int | np.ndarray | None) -> None:
    """End the jobs of ``rows`` (employed persons) and move them to ``new_status``
    (``None``: leave the status alone, for persons about to be removed)."""
    if len(rows) == 0:
        return
    persons = model.persons
    if new_status is not None:  # an insured job lost: the benefit, from the last pay
        searching = np.broadcast_to(np.asarray(new_status) == Status.UNEMPLOYED.value, rows.shape)
        start_benefits(model, rows[searching])
    keep_last_pay(model, rows)
    employer = persons.employer[rows]
    inside = employer >= 0
    np.subtract.at(model.firms.size, employer[inside], 1)
    persons.employer[rows] = NO_EMPLOYER
    persons.sector[rows] = Sector.NONE
    persons.formal[rows] = False
    persons.hours[rows] = 0
    persons.wage[rows] = 0.0
    compulsory = persons.si[rows] == Insurance.COMPULSORY.value
    persons.si[rows[compulsory]] = Insurance.NONE
    persons.ui[rows] = False
    if new_status is not None:
        model.set_status(rows, new_status)


def hire(model, rows: np.ndarray, firms: np.ndarray) -> None:
    """Give ``rows`` jobs at ``firms`` (one firm per row; OUTSIDE_EMPLOYER for commuters).

    Persons already employed move job to job.  A hire is formal with the firm's formal
    share, and a formal job is enrolled in compulsory insurance with the firm's compliance
    rate.  Hours and wages are set by the production mechanism."""
    if len(rows) == 0:
        return
    persons, parameters = model.persons, model.params
    firm_table = model.firms
    moving = persons.status[rows] == Status.EMPLOYED.value
    movers = rows[moving]
    # Whether someone entering work would want more hours if theirs fell below 35 (as in
    # the base year's synthesis); movers keep theirs.
    entrants = rows[~moving]
    persons.wants_more[entrants] = (
        model.uniform("hire_wants_more", entrants) < parameters["wants_more_hours_share"]
    )
    if len(movers):
        old = persons.employer[movers]
        np.subtract.at(firm_table.size, old[old >= 0], 1)
        compulsory = movers[persons.si[movers] == Insurance.COMPULSORY.value]
        persons.si[compulsory] = Insurance.NONE
        persons.ui[movers] = False
    inside = firms >= 0
    np.add.at(firm_table.size, firms[inside], 1)
    persons.employer[rows] = firms
    sector = np.full(len(rows), Sector.INDUSTRY, dtype=np.int8)
    sector[inside] = firm_table.sector[firms[inside]]
    outside_sector = model.uniform("hire_sector", rows) < parameters["outside_services_share"]
    sector[~inside & outside_sector] = Sector.SERVICES
    persons.sector[rows] = sector

    formal_share = np.full(len(rows), model.data.figures.value("formal_share", "outside"))
    formal_share[inside] = firm_table.formal_share[firms[inside]]
    formal = model.uniform("hire_formal", rows) < formal_share
    persons.formal[rows] = formal
    compliance = np.full(len(rows), model.data.figures.value("si_compliance", "outside"))
    compliance[inside] = firm_table.si_compliance[firms[inside]]
    compliance = enrolment_chance(model, compliance)
    # pensioners (past the statutory age) are not subject to compulsory insurance
    limits = retirement_age_months(model.data, year_of(model.month))
    working = working_age(persons.age_m[rows], persons.female[rows], limits)
    enrolled = formal & working & (model.uniform("hire_insured", rows) < compliance)
    persons.ui[rows] = False
    insure(model, rows[enrolled], "hire_ui")
    # A job's usual hours: full time, or short or part time as often as such jobs are in
    # the province (simulation/usual_hours.py); farm work follows the work available.
    set_full_time_hours(model, rows, "hire_hours")
    off_farm = rows[sector != Sector.AGRICULTURE.value]
    set_short_hours(model, off_farm)
    persons.months_unemployed[rows] = 0
    end_benefits(persons, rows)
    model.set_status(rows, Status.EMPLOYED)


def insure(model, rows: np.ndarray, purpose: str) -> None:
    """Enrol formal jobs at ``rows`` in compulsory social insurance; unemployment insurance
    goes with it except for the part of state employment not covered (civil servants)."""
    if len(rows) == 0:
        return
    persons, firms = model.persons, model.firms
    persons.si[rows] = Insurance.COMPULSORY
    employer = persons.employer[rows]
    state = np.zeros(len(rows), dtype=bool)
    inside = employer >= 0
    state[inside] = firms.ownership[employer[inside]] == Ownership.STATE.value
    ui_share = np.where(
        state,
        model.data.figures.value("ui_share_of_compulsory", "state"),
        UI_SHARE_OUTSIDE_STATE,
    )
    persons.ui[rows] = model.uniform(purpose, rows) < ui_share


def give_contracts(model, workers: np.ndarray, chance: np.ndarray, purpose: str) -> np.ndarray:
    """Give formal contracts to informal ``workers`` (employed at firms of the province),
    each with its ``chance``, and enrol those of working age with their employer's
    compliance; returns the rows given contracts.  ``purpose`` keys the draws
    (``<purpose>_contract``, ``<purpose>_insured``, ``<purpose>_ui``)."""
    persons, firms = model.persons, model.firms
    formal = workers[model.uniform(f"{purpose}_contract", workers) < chance]
    persons.formal[formal] = True
    compliance = enrolment_chance(model, firms.si_compliance[persons.employer[formal]])
    limits = retirement_age_months(model.data, year_of(model.month))
    working = working_age(persons.age_m[formal], persons.female[formal], limits)
    insured = formal[working & (model.uniform(f"{purpose}_insured", formal) < compliance)]
    insure(model, insured, f"{purpose}_ui")
    return formal


def employer_ownership(model, rows: np.ndarray) -> np.ndarray:
    """Ownership of the employers of ``rows``; -1 for commuters to other provinces."""
    return per_employer(model.firms.ownership, model.persons.employer[rows], -1)


def is_outside(model, rows: np.ndarray) -> np.ndarray:
    return model.persons.employer[rows] == OUTSIDE_EMPLOYER


def choose_in_district(
    chooser_district: np.ndarray,
    candidates: np.ndarray,
    candidate_district: np.ndarray,
    weights: np.ndarray,
    uniforms: np.ndarray,
) -> np.ndarray:
    """For each chooser, one of the ``candidates`` (firm rows) in the chooser's own
    district, drawn with probability proportional to ``weights`` (one per candidate) using
    the chooser's ``uniforms``; -1 where the district has no candidate.

    Districts are taken in increasing order and a draw ``u`` picks the first candidate whose
    cumulative weight exceeds ``u`` times the district's total."""
    chosen = np.full(len(chooser_district), -1, dtype=np.int64)
    for district in np.unique(chooser_district):
        choosers = np.flatnonzero(chooser_district == district)
        here = np.flatnonzero(candidate_district == district)
        if len(here) == 0:
            continue
        cumulative = np.cumsum(weights[here])
        pick = np.searchsorted(cumulative, uniforms[choosers] * cumulative[-1], side="right")
        chosen[choosers] = candidates[here[np.minimum(pick, len(here) - 1)]]
    return chosen


def set_short_hours(model, rows: np.ndarray) -> None:
    """Some of the jobs at ``rows`` have short usual hours (their holders want more) or are
    part time by choice, drawn as the base year's jobs were (simulation/usual_hours.py)."""
    if len(rows) == 0:
        return
    persons, parameters = model.persons, model.params
    risk = short_hours_risk(
        parameters,
        persons.urban[rows],
        persons.age_m[rows] // MONTHS_PER_YEAR,
        np.zeros(len(rows), dtype=bool),
    )
    short, part_time = draw_short_jobs(
        parameters,
        np.minimum(1.0, model.short_hours_level * risk),
        model.uniform("hire_short_hours", rows),
        model.uniform("hire_part_time", rows),
    )
    hours = model.uniform("hire_short_length", rows)
    persons.usual_hours[rows[short]] = short_weekly_hours(
        parameters, hours[short], "underemployed_weekly_hours_min"
    )
    persons.usual_hours[rows[part_time]] = short_weekly_hours(
        parameters, hours[part_time], "part_time_weekly_hours_min"
    )
    persons.wants_more[rows[short]] = True
    persons.wants_more[rows[part_time]] = False
    persons.hours[rows] = persons.usual_hours[rows]


def set_full_time_hours(model, rows: np.ndarray, purpose: str) -> None:
    """Give ``rows`` full-time usual hours (and hours this month): a draw around the mean
    week, never under the 35 hours of the underemployment line nor over the longest week."""
    parameters = model.params
    full_time = np.clip(
        parameters["hours_mean"] + parameters["hours_sd"] * model.normal(purpose, rows),
        UNDEREMPLOYMENT_HOURS,
        int(parameters["full_time_hours_max"]),
    )
    model.persons.usual_hours[rows] = np.rint(full_time)
    model.persons.hours[rows] = model.persons.usual_hours[rows]
