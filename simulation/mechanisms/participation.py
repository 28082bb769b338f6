"""Participation: retirement, leaving and re-entering the labour force, discouragement.

- Formal employees on track for a pension (insured at the start: a pension needs 20 years
  of contributions) retire soon after reaching the statutory retirement age of the
  Labour Code 2019 roadmap, which rises every year: their compulsory insurance ends and
  some stop working; the others keep working without insurance, like older informal
  workers.
- Other workers aged 47+ leave the labour force at hazards read off the base year's
  age profile of participation (the decline in participation from one age to the next
  is the share leaving): the province's older workers keep farming and trading.
- Below 47, people leave the labour force (care, illness) at small hazards, and inactive
  people return to it, looking for work, at hazards set so that in the base year the two
  flows balance in every age and sex group.
- The unemployed become discouraged and leave the labour force more often the longer
  they search.
"""

from __future__ import annotations

import numpy as np

from simulation import jobs
from simulation.calendar import year_of
from simulation.labour_law import retirement_age_months
from simulation.population import Insurance, Status

GROUP_YEARS = 5
OLD_AGE = 47  # from here on, exits follow the base year's age profile of participation


class Participation:
    """Flows between the labour force and inactivity."""

    def __init__(self, model):
        p, par = model.persons, model.params
        age = p.age_m // 12
        lf = (p.status == Status.EMPLOYED) | (p.status == Status.UNEMPLOYED)
        resident_adult = (age >= 15) & (p.status != Status.STUDENT) & (p.status != Status.ABROAD)
        self.old_exit = np.zeros((2, 121))
        self.reentry = np.zeros((2, 121))
        for sex in (0, 1):
            mine = resident_adult & (p.female == bool(sex))
            groups = np.arange(15, 96, GROUP_YEARS)
            rate = np.zeros(len(groups))
            for i, g in enumerate(groups):
                cell = mine & (age >= g) & (age < g + GROUP_YEARS)
                rate[i] = lf[cell].mean() if cell.any() else 0.0
            # older ages: the fall in participation between the middles of two 5-year
            # groups is the share leaving over the 60 months in between
            for i, g in enumerate(groups[:-1]):
                middle = g + GROUP_YEARS // 2
                if middle + GROUP_YEARS <= OLD_AGE or rate[i] <= 0:
                    continue
                ratio = min(1.0, rate[i + 1] / rate[i])
                lo = max(OLD_AGE, middle)
                self.old_exit[sex, lo : middle + GROUP_YEARS] = 1 - ratio ** (
                    1 / (12 * GROUP_YEARS)
                )
            last = groups[-1] + GROUP_YEARS // 2
            self.old_exit[sex, last:] = self.old_exit[sex, last - 1]
            # prime ages: re-entry balancing exits in the base year
            exit_rate = par["exit_rate_women"] if sex else par["exit_rate_men"]
            discouraged = np.maximum(
                exit_rate,
                par["discouragement_rate"]
                + par["discouragement_slope"] * np.minimum(p.months_unemployed, 24),
            )
            unemployed = p.status == Status.UNEMPLOYED
            for g in groups[groups < OLD_AGE]:
                cell = mine & (age >= g) & (age < min(g + GROUP_YEARS, OLD_AGE))
                out_flow = (
                    exit_rate * (cell & (p.status == Status.EMPLOYED)).sum()
                    + discouraged[cell & unemployed].sum()
                )
                inactive = ((p.status == Status.INACTIVE) & cell).sum()
                self.reentry[sex, g : min(g + GROUP_YEARS, OLD_AGE)] = (
                    out_flow / inactive if inactive else 0.0
                )

    def step(self, model) -> None:
        p, par = model.persons, model.params
        men, women = retirement_age_months(model.data, year_of(model.month))
        status = p.status
        rows = np.flatnonzero((status == Status.EMPLOYED) | (status == Status.UNEMPLOYED))
        age = np.minimum(p.age_m[rows] // 12, 120)
        female = p.female[rows]
        sex = female.astype(np.int8)
        employed = status[rows] == Status.EMPLOYED
        unemployed = ~employed
        past_legal_age = p.age_m[rows] >= np.where(female, women, men)
        # formal employees with a contribution record long enough for a pension
        formal = employed & (p.si[rows] == Insurance.COMPULSORY) & p.pension_track[rows]

        # reaching the statutory age: the pension starts and compulsory insurance ends;
        # some stop working, others keep their job
        retiring = (
            formal
            & past_legal_age
            & (model.uniform("retirement", rows) < par["formal_retirement_hazard"])
        )
        p.si[rows[retiring]] = Insurance.NONE
        p.ui[rows[retiring]] = False
        model.count("retirements", retiring.sum())

        hazard = np.where(female, par["exit_rate_women"], par["exit_rate_men"])
        older = age >= OLD_AGE
        informal_older = older & ~retiring & ~formal
        hazard[older] = 0.0
        hazard[informal_older] = (
            self.old_exit[sex[informal_older], age[informal_older]] * par["old_age_exit_scale"]
        )
        hazard[retiring] = par["retirees_leaving_work"]
        discouraged = par["discouragement_rate"] + par["discouragement_slope"] * np.minimum(
            p.months_unemployed[rows], 24
        )
        hazard = np.where(unemployed, np.maximum(hazard, discouraged), hazard)
        leaving = model.uniform("leave_labour_force", rows) < hazard
        jobs.release(model, rows[leaving & employed], Status.INACTIVE)
        model.set_status(rows[leaving & unemployed], Status.INACTIVE)
        model.count("lf_exits", leaving.sum())

        age_all = p.age_m // 12
        inactive = np.flatnonzero(
            (status == Status.INACTIVE) & (age_all < OLD_AGE) & (age_all >= 15)
        )
        inactive = inactive[~np.isin(inactive, rows[leaving], assume_unique=True)]
        chance = self.reentry[p.female[inactive].astype(np.int8), age_all[inactive]]
        back = inactive[
            model.uniform("reenter", inactive) < chance * model.policy.reentry_multiplier
        ]
        model.set_status(back, Status.UNEMPLOYED)
        p.months_unemployed[back] = 0
        model.count("lf_entries", len(back))
