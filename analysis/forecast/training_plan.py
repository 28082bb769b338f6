"""The training seats that would close each shortage by a target year.

For a level with shortages (positive gaps of the forecast, by sector) in a target year,
the new certificate holders needed are the sum of the sectors' shortages at that level
(each shortage closed by new graduates, none by moving workers between sectors: an upper
bound when another sector has a surplus at the level).  A seat gives a certificate with
the course's completion rate, and only courses started early enough end by the target
year: a course of ``m`` months started in January of year ``t`` ends by December of the
target year ``Y`` if ``t + m / 12 <= Y + 1``.  Seats a year = certificates needed /
(completion rate x intake years from :data:`FIRST_INTAKE_YEAR` that end in time).  The
course lengths and completion rates are the model's parameters (``parameters.csv``): the
completion of full-time courses at the base month's incomes (in a run students choose to
stay or leave, ``simulation/drop_out.py``, and the runs' completion is in the annual
indicators ``vocational_completion`` and ``university_completion``).

The seats are in addition to the scenario's own enrolments (its shortages are what is left
after them).  The plan is written as seats a year by level, and as a scenario the model can
run (:func:`plan_scenario`): the vocational-streaming lever from 2026 to 2030 with the
intake capacity of vocational schools raised by the plan's vocational seats and the lever's
career guidance, which makes pupils take them.  Whether they close the gaps once pupils
choose their paths, complete their courses and look for work, and firms respond, is for the
model to say: run the scenario beside the baseline and forecast both.
"""

from __future__ import annotations

import math

import pandas as pd

from analysis.forecast.balance import ALL_SECTORS, SHORTAGE
from analysis.forecast.runs import FIRST_FORECAST_YEAR
from simulation.calendar import MONTHS_PER_YEAR
from simulation.data import ProvinceData

FIRST_INTAKE_YEAR = FIRST_FORECAST_YEAR + 1  # the first year a plan made after it can fund
PLAN_TARGET = 2030  # the scenario funds the seats that close the shortages of this year
TARGET_YEARS = (2027, PLAN_TARGET)
PLAN_YEARS = tuple(range(FIRST_INTAKE_YEAR, PLAN_TARGET + 1))  # the years the plan funds
# each certified level: the parameters of its course's length and completion (part-time
# elementary courses for adults; full-time courses for the other levels)
COURSES = {
    "elementary": ("part_time_elementary_course_months", "vocational_completion_rate"),
    "intermediate": ("intermediate_course_months", "vocational_completion_rate"),
    "college": ("college_course_months", "vocational_completion_rate"),
    "university": ("university_course_months", "university_completion_rate"),
}
VOCATIONAL_LEVELS = ("elementary", "intermediate", "college")
PLAN_LEVER = "vocational_streaming"
PLAN_START, PLAN_END = f"{FIRST_INTAKE_YEAR}-01", f"{PLAN_TARGET}-12"


def intake_years(course_months: float, target_year: int) -> int:
    """Years from :data:`FIRST_INTAKE_YEAR` whose January intake ends by December of
    ``target_year``."""
    last = math.floor(target_year + 1 - course_months / MONTHS_PER_YEAR)
    return max(0, last - FIRST_INTAKE_YEAR + 1)


def training_plan(
    summary: pd.DataFrame, scenario: str, data: ProvinceData, targets=TARGET_YEARS
) -> pd.DataFrame:
    """One row per certified level and target year: ``shortage`` (the sum of the sectors'
    shortages at the level, mean across seeds), ``completion``, ``course_months``, ``intake_years``
    and ``seats_per_year`` (NaN where no course started from 2026 ends in time, and where
    the runs did not simulate the target year whole)."""
    shortages = summary[
        (summary.scenario == scenario)
        & (summary.measure == SHORTAGE)
        & (summary.sector == ALL_SECTORS)
    ].set_index(["year", "level"])["mean"]
    rows = []
    for target in targets:
        for level, (months_name, completion_name) in COURSES.items():
            # a year the runs did not simulate whole has no shortage to close: NaN
            shortage = float(shortages.get((target, level), math.nan))
            months = data.param(months_name)
            completion = data.param(completion_name)
            years = intake_years(months, target)
            seats = shortage / (completion * years) if years else math.nan
            rows.append(
                {
                    "target_year": target,
                    "level": level,
                    "shortage": shortage,
                    "course_months": months,
                    "completion": completion,
                    "intake_years": years,
                    "seats_per_year": 0.0 if shortage == 0 else seats,
                }
            )
    return pd.DataFrame(rows)


def vocational_seats(plan: pd.DataFrame, target: int) -> float:
    """Vocational seats a year (elementary, intermediate and college) of the plan for
    ``target`` (levels that cannot end in time left out); NaN if the runs did not
    simulate ``target`` whole."""
    rows = plan[(plan.target_year == target) & plan.level.isin(VOCATIONAL_LEVELS)]
    if rows["shortage"].isna().all():
        return math.nan
    return float(rows["seats_per_year"].fillna(0.0).sum())


def plan_scenario(plan: pd.DataFrame, data: ProvinceData) -> dict | None:
    """The training plan as a scenario (the content of ``conf/scenario/<name>.yaml``): the
    vocational schools' intake capacity raised by the plan's vocational seats a year for
    :data:`PLAN_TARGET`, over :data:`PLAN_YEARS`, with the lever's other settings (career
    guidance) at their defaults; None if the runs did not simulate that year whole."""
    capacity = sum(school.intake_capacity for school in data.schools if school.type != "university")
    seats = vocational_seats(plan, PLAN_TARGET)
    if math.isnan(seats):
        return None
    return {
        "name": "training_plan",
        "description": (
            f"the forecast's training plan: {seats:,.0f} more vocational seats a year"
            f" {PLAN_START} to {PLAN_END}, with career guidance"
        ),
        "levers": {
            PLAN_LEVER: {
                "start": PLAN_START,
                "end": PLAN_END,
                "capacity_increase": round(seats / capacity, 4),
            }
        },
    }
