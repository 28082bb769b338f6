"""Participation: retirement, leaving and re-entering the labour force, discouragement.

- Formal employees on track for a pension (insured at the start: a pension needs 20 years
  of contributions) retire soon after reaching the statutory retirement age of the
  Labour Code 2019 roadmap, which rises every year: their compulsory insurance ends and
  some stop working; the others keep working without insurance, like older informal
  workers.
- Other workers aged 47+ (``old_age_exit_from_age``) leave the labour force at hazards
  read off the base year's age profile of participation (the decline in participation
  from one age to the next is the share leaving): the province's older workers keep
  farming and trading.
- Below that age, people leave the labour force (care, illness) at small hazards, and inactive
  people return to it, looking for work, at hazards set so that in the base year the two
  flows balance in every age and sex group.
- The unemployed become discouraged and leave the labour force more often the longer
  they search (up to ``discouragement_months_cap`` months).
"""

from __future__ import annotations

import numpy as np

from simulation import jobs
from simulation.calendar import year_of
from simulation.labour_law import WORKING_AGE_FROM_MONTHS, retirement_age_months
from simulation.mechanisms.demography import MAX_AGE, MONTHS_PER_YEAR
from simulation.population import Insurance, Status

WORKING_AGE = WORKING_AGE_FROM_MONTHS // MONTHS_PER_YEAR  # Labour Code 2019: from 15
GROUP_YEARS = 5  # participation in the base year is measured in 5-year age groups
LAST_GROUP_FROM = 95  # groups 15-19 ... 95-99; older ages keep the last group's exit rate


class Participation:
    """Flows between the labour force and inactivity."""

    def __init__(self, model):
        persons, parameters = model.persons, model.params
        old_age = int(parameters["old_age_exit_from_age"])
        age = persons.age_m // MONTHS_PER_YEAR
        labour_force = (persons.status == Status.EMPLOYED.value) | (
            persons.status == Status.UNEMPLOYED.value
        )
        resident_adult = (
            (persons.age_m >= WORKING_AGE_FROM_MONTHS)
            & (persons.status != Status.STUDENT.value)
            & (persons.status != Status.ABROAD.value)
        )
        self.old_exit = np.zeros((2, MAX_AGE))
        self.reentry = np.zeros((2, MAX_AGE))
        for sex in (0, 1):
            mine = resident_adult & (persons.female == bool(sex))
            groups = np.arange(WORKING_AGE, LAST_GROUP_FROM + 1, GROUP_YEARS)
            rate = np.zeros(len(groups))
            for i, group in enumerate(groups):
                cell = mine & (age >= group) & (age < group + GROUP_YEARS)
                rate[i] = labour_force[cell].mean() if cell.any() else 0.0
            # older ages: the fall in participation between the middles of two 5-year
            # groups is the share leaving over the 60 months in between
            for i, group in enumerate(groups[:-1]):
                middle = group + GROUP_YEARS // 2
                if middle + GROUP_YEARS <= old_age or rate[i] <= 0:
                    continue
                ratio = min(1.0, rate[i + 1] / rate[i])
                first = max(old_age, middle)
                self.old_exit[sex, first : middle + GROUP_YEARS] = 1 - ratio ** (
                    1 / (MONTHS_PER_YEAR * GROUP_YEARS)
                )
            last = groups[-1] + GROUP_YEARS // 2
            self.old_exit[sex, last:] = self.old_exit[sex, last - 1]
            # prime ages: re-entry balancing exits in the base year
            exit_rate = parameters["exit_rate_women"] if sex else parameters["exit_rate_men"]
            discouraged = np.maximum(
                exit_rate, self._discouragement(parameters, persons.months_unemployed)
            )
            unemployed = persons.status == Status.UNEMPLOYED.value
            for group in groups[groups < old_age]:
                cell = mine & (age >= group) & (age < min(group + GROUP_YEARS, old_age))
                out_flow = (
                    exit_rate * (cell & (persons.status == Status.EMPLOYED.value)).sum()
                    + discouraged[cell & unemployed].sum()
                )
                inactive = ((persons.status == Status.INACTIVE.value) & cell).sum()
                self.reentry[sex, group : min(group + GROUP_YEARS, old_age)] = (
                    out_flow / inactive if inactive else 0.0
                )

    @staticmethod
    def _discouragement(parameters, months_unemployed: np.ndarray) -> np.ndarray:
        """Monthly chance that the unemployed give up, growing with the months searched."""
        return parameters["discouragement_rate"] + parameters["discouragement_slope"] * np.minimum(
            months_unemployed, int(parameters["discouragement_months_cap"])
        )

    def step(self, model) -> None:
        persons, parameters = model.persons, model.params
        old_age = int(parameters["old_age_exit_from_age"])
        men, women = retirement_age_months(model.data, year_of(model.month))
        status = persons.status
        rows = np.flatnonzero(
            (status == Status.EMPLOYED.value) | (status == Status.UNEMPLOYED.value)
        )
        age_m = persons.age_m[rows]
        # age and sex in numpy's index type: tables read by them take a slower path with a
        # narrower one
        age = np.minimum(age_m // MONTHS_PER_YEAR, MAX_AGE - 1).astype(np.intp)
        female = persons.female[rows]
        sex = female.astype(np.intp)
        employed = status[rows] == Status.EMPLOYED.value
        unemployed = ~employed
        past_legal_age = age_m >= np.array([men, women])[sex]
        # formal employees with a contribution record long enough for a pension
        formal = (
            employed
            & (persons.si[rows] == Insurance.COMPULSORY.value)
            & persons.pension_track[rows]
        )

        # reaching the statutory age: the pension starts and compulsory insurance ends;
        # some stop working, others keep their job
        retiring = formal & past_legal_age
        # each person's draw is their own: only those it could retire need one
        could_retire = np.flatnonzero(retiring)
        retiring[could_retire] = (
            model.uniform("retirement", rows[could_retire]) < parameters["formal_retirement_hazard"]
        )
        # the stationary spin-up holds ages, so also the life-cycle flows that ageing
        # feeds: retirement and older workers' exits
        life_cycle = not model.spinning_up
        retiring &= life_cycle
        retired = rows[retiring]
        persons.si[retired] = Insurance.NONE
        persons.ui[retired] = False
        model.count("retirements", retiring.sum())

        hazard = np.array([parameters["exit_rate_men"], parameters["exit_rate_women"]])[sex]
        # positions rather than masks: indexing with a scattered mask is slow
        older = np.flatnonzero(age >= old_age)
        informal_older = older[~retiring[older] & ~formal[older]]
        hazard[older] = 0.0
        hazard[informal_older] = (
            self.old_exit[sex[informal_older], age[informal_older]]
            * parameters["old_age_exit_scale"]
            * life_cycle
        )
        hazard[retiring] = parameters["retirees_leaving_work"]
        # the unemployed's hazard is at least their discouragement (worked out for them
        # only: a few of the labour force)
        seeking = np.flatnonzero(unemployed)
        discouraged = self._discouragement(parameters, persons.months_unemployed[rows[seeking]])
        hazard[seeking] = np.maximum(hazard[seeking], discouraged)
        leaving = model.uniform("leave_labour_force", rows) < hazard
        jobs.release(model, rows[leaving & employed], Status.INACTIVE)
        model.set_status(rows[leaving & unemployed], Status.INACTIVE)
        model.count("lf_exits", leaving.sum())

        inactive = np.flatnonzero(
            (status == Status.INACTIVE.value)
            & (persons.age_m < old_age * MONTHS_PER_YEAR)  # in whole years: under old_age
            & (persons.age_m >= WORKING_AGE_FROM_MONTHS)
        )
        left_this_month = np.zeros(len(persons), dtype=bool)
        left_this_month[rows[leaving]] = True
        inactive = inactive[~left_this_month[inactive]]
        chance = self.reentry[
            persons.female[inactive].astype(np.intp),
            (persons.age_m[inactive] // MONTHS_PER_YEAR).astype(np.intp),
        ]
        back = inactive[
            model.uniform("reenter", inactive) < chance * model.policy.reentry_multiplier
        ]
        model.set_status(back, Status.UNEMPLOYED)
        persons.months_unemployed[back] = 0
        model.count("lf_entries", len(back))
