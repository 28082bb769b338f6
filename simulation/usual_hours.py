"""Usual weekly hours of a job: full time, short (under 35 hours, wanting more) or part time
by choice.

The base year's synthesis and every later hire draw a job's usual hours the same way, so
that the share of short-hours jobs outside farming is a standing feature of the province's
jobs (scaled once, in the base year, to the underemployment rate) and does not decay as the
synthetic workers leave their jobs.  What moves underemployment afterwards is behaviour:
farm work under the crop calendar (:mod:`simulation.mechanisms.local_economy`), short time
in enterprises (:mod:`simulation.short_time`) and who holds which job.
"""

from __future__ import annotations

import numpy as np

from simulation.calendar import MONTHS_PER_YEAR
from simulation.labour_law import UNDEREMPLOYMENT_HOURS
from simulation.population import YOUTH_AGES_MONTHS

NEUTRAL = 1.0  # a risk multiplier that does not apply


def short_hours_risk(parameters, urban: np.ndarray, age_years: np.ndarray, farm: np.ndarray):
    """Relative risk that a worker's job has short hours: higher in rural areas, for the
    young (15-24) and in farming (the multipliers in the data)."""
    return (
        np.where(urban, NEUTRAL, parameters["underemployment_rural_multiplier"])
        * np.where(
            age_years < YOUTH_AGES_MONTHS[1] // MONTHS_PER_YEAR,
            parameters["underemployment_youth_multiplier"],
            NEUTRAL,
        )
        * np.where(farm, parameters["underemployment_agriculture_multiplier"], NEUTRAL)
    )


def short_weekly_hours(parameters, uniform: np.ndarray, least_key: str) -> np.ndarray:
    """Weekly hours under 35, evenly from the data's least (``least_key``) up to 34."""
    least = int(parameters[least_key])
    return least + np.floor(uniform * (UNDEREMPLOYMENT_HOURS - least))


def draw_short_jobs(
    parameters, probability: np.ndarray, short_draw: np.ndarray, part_draw: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Which jobs have short hours (with ``probability``, wanted more) and which are part
    time by choice (the data's share of the rest), from two uniform draws."""
    short = short_draw < probability
    part_time = ~short & (part_draw < parameters["voluntary_part_time_share"])
    return short, part_time
