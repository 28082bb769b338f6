"""Social and unemployment insurance beyond what jobs bring.

Compulsory insurance comes and goes with formal jobs (:mod:`simulation.jobs`).  Here:
- enforcement: each month a share of formal jobs not enrolled is brought in (zero in the
  baseline; the social-insurance lever raises it);
- voluntary social insurance: farmers and informal workers of working age join at a
  monthly rate and lapse at another; in the base year uptake balances lapses plus the
  assumed trend of growth in voluntary coverage;
- the satisfaction index (a proxy, see :func:`simulation.indicators.si_satisfaction`)
  moves with the quality of service.
"""

from __future__ import annotations

import numpy as np

from simulation import jobs
from simulation.calendar import MONTHS_PER_YEAR, year_of
from simulation.labour_law import retirement_age_months, working_age
from simulation.population import Insurance, Status


class SocialInsurance:
    """Enforcement of compulsory insurance, voluntary insurance, satisfaction."""

    def __init__(self, model):
        persons, parameters = model.persons, model.params
        self.lapse = parameters["voluntary_si_lapse_rate"] / MONTHS_PER_YEAR
        eligible, labour_force = self._eligible(model)
        voluntary = np.count_nonzero(persons.si == Insurance.VOLUNTARY)
        inflow = (
            self.lapse * voluntary
            + parameters["voluntary_si_trend"] / MONTHS_PER_YEAR * labour_force.sum()
        )
        self.uptake = inflow / max(1, eligible.sum())
        # without the trend: uptake balancing lapses (the stationary spin-up)
        self.stationary_uptake = self.lapse * voluntary / max(1, eligible.sum())

    def _eligible(self, model):
        """Employed persons of working age without insurance (who may join voluntary
        insurance), and the labour force of working age."""
        persons = model.persons
        limits = retirement_age_months(model.data, year_of(model.month))
        working = working_age(persons.age_m, persons.female, limits)
        employed = persons.status == Status.EMPLOYED
        labour_force = (employed | (persons.status == Status.UNEMPLOYED)) & working
        return employed & working & (persons.si == Insurance.NONE), labour_force

    def step(self, model) -> None:
        persons, parameters = model.persons, model.params
        policy = model.policy
        if policy.enforcement_rate > 0:
            # formal jobs of working age without compulsory insurance (past the statutory
            # age a worker draws a pension and is no longer insured)
            limits = retirement_age_months(model.data, year_of(model.month))
            missing = np.flatnonzero(
                (persons.status == Status.EMPLOYED)
                & persons.formal
                & (persons.si != Insurance.COMPULSORY)
                & working_age(persons.age_m, persons.female, limits)
            )
            caught = missing[model.uniform("si_enforcement", missing) < policy.enforcement_rate]
            jobs.insure(model, caught, "si_enforcement_ui")
            model.count("si_enforced", len(caught))

        voluntary = np.flatnonzero(persons.si == Insurance.VOLUNTARY)
        lapsed = voluntary[model.uniform("voluntary_lapse", voluntary) < self.lapse]
        persons.si[lapsed] = Insurance.NONE
        eligible, _ = self._eligible(model)
        rows = np.flatnonzero(eligible)
        joining = rows[
            model.uniform("voluntary_join", rows)
            < (self.stationary_uptake if model.spinning_up else self.uptake)
            * policy.voluntary_si_multiplier
        ]
        persons.si[joining] = Insurance.VOLUNTARY
        model.count("voluntary_si_joins", len(joining))
        # the index is a share: it cannot pass 1
        model.satisfaction = min(
            1.0,
            parameters["satisfaction_base"]
            + parameters["satisfaction_sensitivity"] * policy.service_quality_gain,
        )
