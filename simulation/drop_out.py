"""Students' choice to stay on or leave a vocational or university course.

A full-time student weighs finishing the course against leaving for work now, as pupils
weigh their paths at 15 and 18 (:mod:`simulation.school_choice`): a binary logit on a
constant of the course's level plus ``school_choice_return_weight`` times the log of the
income the certificate leads to over the income of what the student holds now (young
adults' pay times their employment rate, read from the labour market each month).  The
logit gives the chance of completing the whole course; a student leaves in any month with
the monthly hazard that compounds to it over the level's course length.

The constant of each level is set in the base month so that, at the base month's incomes,
the course is completed at the level's completion rate in the data
(``vocational_completion_rate``, ``university_completion_rate``).  From then on completion
is an output: it moves with what the labour market pays to the certificate against work
without it (a market that pays more for work without a certificate draws students out),
and pupils choosing their path at 15 and 18 expect the completion their course has now.
Leaving is final (nobody returns to the same course), and a course longer than its level's
(the intermediate programme taken after lower secondary, with its culture courses) loses
more of its students, at the same monthly hazard.
"""

from __future__ import annotations

import numpy as np
from scipy.special import expit, logit

from simulation.population import CERTIFICATES, Certificate


class DropOut:
    """The constants of the stay-or-leave logit by level (see the module's docstring)."""

    def __init__(self, parameters, income: np.ndarray, course_months: dict[int, int]):
        self.weight = parameters["school_choice_return_weight"]
        # by level (the certificate a course leads to); NaN for levels without a course
        self.course_months = np.full(len(CERTIFICATES), np.nan)
        self.constant = np.full(len(CERTIFICATES), np.nan)
        for level, months in course_months.items():
            rate = parameters[
                "university_completion_rate"
                if level == Certificate.UNIVERSITY.value
                else "vocational_completion_rate"
            ]
            self.course_months[level] = months
            self.constant[level] = logit(rate) - self._return(income, level, Certificate.NONE)

    def _return(self, income: np.ndarray, level, holding) -> np.ndarray:
        """The gain in value of finishing a course to ``level`` over leaving with
        ``holding`` (log incomes, times the weight)."""
        return self.weight * (np.log(income[level]) - np.log(income[holding]))

    def completion(self, income: np.ndarray, level, holding=Certificate.NONE):
        """The chance that a student of a course to ``level`` holding ``holding`` completes
        it, at incomes ``income`` (by certificate); ``level`` and ``holding`` may be arrays."""
        return expit(self.constant[level] + self._return(income, level, holding))

    def monthly_hazard(
        self, income: np.ndarray, level: np.ndarray, holding: np.ndarray
    ) -> np.ndarray:
        """The chance that each student of a course to ``level`` leaves this month."""
        return 1.0 - self.completion(income, level, holding) ** (1.0 / self.course_months[level])
