"""Choices at 15 and 18: the grade-10 quota, then each pupil's choice by expected returns.

**At 15**, lower-secondary graduates sit the grade-10 entrance examination.  Public
upper-secondary schools admit a quota (``grade_ten_public_quota_share`` of the cohort),
by score: a pupil is admitted when their score (a lasting trait, standard normal) is above
the quota's cut-off.  Each pupil then chooses among the paths open to them: public upper
secondary (if admitted), private upper secondary or a continuing-education centre,
vocational education (intermediate level with culture courses), or work.

**At 18**, upper-secondary graduates choose among university, college, intermediate
vocational education and work.

Both choices are logit choices on the value of each path (Train 2009, *Discrete Choice
Methods with Simulation*, ch. 3-4): a constant of the path, plus
``school_choice_return_weight`` times the log of the income the path leads to, expected
from the labour market as it is this month (the mean pay of the employed aged 20-34 with
that certificate times their employment rate, over the labour force of those ages), with
the chance of completing the path's course at those incomes
(:mod:`simulation.drop_out`).  Upper secondary leads to the choice at 18, so its value is
that choice's expected best (the log-sum of its paths, a nested logit).  The constants
are set in the base month so that the choices reproduce the streaming shares of the data
(``parameters.csv``); from then on the shares move with the quota, with the returns the
labour market pays to each certificate, and with the streaming lever's guidance (a shift
of the vocational paths' value).  Vocational schools admit up to their capacity; a pupil
who chose a vocational path and finds no seat takes their next-best path.
"""

from __future__ import annotations

from enum import IntEnum

import numpy as np
from scipy.optimize import fsolve
from scipy.special import ndtri

from simulation.calendar import MONTHS_PER_YEAR
from simulation.drop_out import DropOut
from simulation.mechanisms.migration import expected_income
from simulation.population import CERTIFICATES, Certificate, Status
from simulation.randomness import TRAIT_MONTH, person_normal

# The ages whose pay and employment pupils look at: young adults who have finished their
# studies (the ages of the labour force survey's 20-24, 25-29 and 30-34 groups).
REFERENCE_AGES_MONTHS = (20 * MONTHS_PER_YEAR, 35 * MONTHS_PER_YEAR)


class AtFifteen(IntEnum):
    """Paths after lower secondary."""

    PUBLIC_UPPER = 0
    OTHER_UPPER = 1  # private upper secondary or a continuing-education centre
    VOCATIONAL = 2
    WORK = 3


class AtEighteen(IntEnum):
    """Paths after upper secondary."""

    UNIVERSITY = 0
    COLLEGE = 1
    INTERMEDIATE = 2
    WORK = 3


# The certificate each path at 18 leads to when completed
EIGHTEEN_CERTIFICATE = {
    AtEighteen.UNIVERSITY: Certificate.UNIVERSITY,
    AtEighteen.COLLEGE: Certificate.COLLEGE,
    AtEighteen.INTERMEDIATE: Certificate.INTERMEDIATE,
    AtEighteen.WORK: Certificate.NONE,
}


def logit_shares(values: np.ndarray) -> np.ndarray:
    """Choice probabilities of a logit over the last axis of ``values`` (-inf: closed)."""
    top = np.max(values, axis=-1, keepdims=True)
    weights = np.exp(values - top)
    return weights / weights.sum(axis=-1, keepdims=True)


def log_sum(values: np.ndarray) -> np.ndarray:
    """Expected best of a logit choice (its inclusive value) over the last axis."""
    top = np.max(values, axis=-1)
    return top + np.log(np.exp(values - top[..., None]).sum(axis=-1))


def choose(probabilities: np.ndarray, uniforms: np.ndarray) -> np.ndarray:
    """Index of the path each person takes, by their uniform draw (rows of probabilities)."""
    cumulative = np.cumsum(probabilities, axis=-1)
    chosen = (uniforms[:, None] >= cumulative[:, :-1]).sum(axis=1)
    return chosen.astype(np.int64)


class SchoolChoice:
    """The grade-10 quota and the choices at 15 and 18 (see the module's docstring)."""

    def __init__(self, model, course_months: dict[int, int]):
        """``course_months``: the length of the full-time course to each level."""
        parameters = model.params
        self.weight = parameters["school_choice_return_weight"]
        self.base_quota_share = parameters["grade_ten_public_quota_share"]
        self.quota_share = self.base_quota_share
        self.guidance = 0.0  # the streaming lever's shift of the vocational paths' value
        income = self.income_by_certificate(model)
        # whether students finish their course: their choice, at this month's incomes
        self.drop_out = DropOut(parameters, income, course_months)
        # constants of the paths at 18: the data's shares in the base month (work is 0)
        vocational = parameters["upper_secondary_vocational_share"]
        college = parameters["college_share_of_vocational"]
        shares = np.array(
            [
                parameters["upper_secondary_university_share"],
                vocational * college,
                vocational * (1 - college),
                1 - parameters["upper_secondary_university_share"] - vocational,
            ]
        )
        returns = self._eighteen_returns(income)
        self.eighteen_constant = np.log(shares / shares[AtEighteen.WORK]) - (
            returns - returns[AtEighteen.WORK]
        )
        # constants of the paths at 15, solved so that the admitted and the others together
        # give the data's shares in the base month
        targets = np.array(
            [
                self.quota_share * parameters["grade_ten_public_take_up"],
                parameters["lower_secondary_other_upper_share"],
                parameters["lower_secondary_vocational_share"],
            ]
        )
        self.fifteen_constant = np.zeros(len(AtFifteen))
        # start from the constants of one logit over the whole cohort (no quota), which
        # the solution is near; from zeros the solver may stall
        returns, _ = self._fifteen_values(income)
        work_share = 1 - targets.sum()
        start = np.log(targets / work_share) - (returns[: len(targets)] - returns[AtFifteen.WORK])

        def gap(constants: np.ndarray) -> np.ndarray:
            self.fifteen_constant[: len(constants)] = constants
            return self._fifteen_shares(income)[: len(constants)] - targets

        solved, _, found, message = fsolve(gap, start, full_output=True)
        if found != 1:
            raise ValueError(f"school choice: the constants at 15 were not found ({message})")
        self.fifteen_constant[: len(solved)] = solved

    # ------------------------------------------------------------------ returns

    def income_by_certificate(self, model) -> np.ndarray:
        """Expected monthly income of a young adult (20-34) in the labour force by
        certificate: mean pay of the employed times the employment rate."""
        persons = model.persons
        status = persons.status
        age = persons.age_m
        rows = np.flatnonzero(
            ((status == Status.EMPLOYED.value) | (status == Status.UNEMPLOYED.value))
            & (age >= REFERENCE_AGES_MONTHS[0])
            & (age < REFERENCE_AGES_MONTHS[1])
        )
        income, _ = expected_income(
            persons.certificate[rows].astype(np.int64),
            persons.wage[rows].astype(float),
            status[rows] == Status.EMPLOYED.value,
            len(CERTIFICATES),
        )
        # a certificate nobody of those ages holds: the next lower one's
        for level in range(1, len(income)):
            if not np.isfinite(income[level]) or income[level] <= 0:
                income[level] = income[level - 1]
        return income

    def _path_return(self, income: np.ndarray, level: Certificate) -> float:
        """Log expected income of a path to ``level``: completed, or left with none."""
        done = 1.0 if level == Certificate.NONE.value else self.drop_out.completion(income, level)
        expected = done * income[level] + (1 - done) * income[Certificate.NONE]
        return self.weight * np.log(expected)

    def _eighteen_returns(self, income: np.ndarray) -> np.ndarray:
        return np.array([self._path_return(income, EIGHTEEN_CERTIFICATE[p]) for p in AtEighteen])

    def _eighteen_values(self, income: np.ndarray) -> np.ndarray:
        values = self.eighteen_constant + self._eighteen_returns(income)
        values[[AtEighteen.COLLEGE, AtEighteen.INTERMEDIATE]] += self.guidance
        return values

    def _fifteen_values(self, income: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Values of the paths at 15 for the admitted and for the others (closed: -inf)."""
        upper = log_sum(self._eighteen_values(income))
        values = self.fifteen_constant + np.array(
            [
                upper,
                upper,
                self._path_return(income, Certificate.INTERMEDIATE) + self.guidance,
                self._path_return(income, Certificate.NONE),
            ]
        )
        others = values.copy()
        others[AtFifteen.PUBLIC_UPPER] = -np.inf
        return values, others

    def _fifteen_shares(self, income: np.ndarray) -> np.ndarray:
        """Expected shares of a cohort taking each path at 15 (before seats run out)."""
        admitted, others = self._fifteen_values(income)
        return self.quota_share * logit_shares(admitted) + (1 - self.quota_share) * logit_shares(
            others
        )

    # ------------------------------------------------------------------ choices

    def follow_policy(self, policy) -> None:
        """This month's quota and guidance (the streaming lever's knobs)."""
        self.quota_share = float(
            np.clip(self.base_quota_share + policy.grade_ten_quota_change, 0.0, 1.0)
        )
        self.guidance = policy.vocational_guidance

    def admitted(self, model, rows: np.ndarray) -> np.ndarray:
        """Whether each pupil's grade-10 score clears the public schools' cut-off."""
        score = person_normal(model.seed, "grade_ten_score", TRAIT_MONTH, model.persons.pid[rows])
        return score >= ndtri(1 - self.quota_share)

    def at_fifteen(self, model, rows: np.ndarray, income: np.ndarray) -> np.ndarray:
        """The path each lower-secondary graduate at ``rows`` chooses, and their
        probabilities of each path (to choose again when a seat is lacking)."""
        admitted, others = self._fifteen_values(income)
        probabilities = np.where(
            self.admitted(model, rows)[:, None],
            logit_shares(admitted)[None, :],
            logit_shares(others)[None, :],
        )
        return choose(probabilities, model.uniform("school_choice_15", rows)), probabilities

    def at_eighteen(self, model, rows: np.ndarray, income: np.ndarray):
        """The path each upper-secondary graduate at ``rows`` chooses, and their
        probabilities of each path."""
        probabilities = np.broadcast_to(
            logit_shares(self._eighteen_values(income)), (len(rows), len(AtEighteen))
        )
        return choose(probabilities, model.uniform("school_choice_18", rows)), probabilities


def next_best(
    model, rows: np.ndarray, probabilities: np.ndarray, closed: int, purpose: str
) -> np.ndarray:
    """The path each person at ``rows`` takes when the one they chose (``closed``) has no
    seat: a choice among the others in proportion to their probabilities."""
    rest = np.array(probabilities, dtype=float)
    rest[:, closed] = 0.0
    rest /= rest.sum(axis=1, keepdims=True)
    return choose(rest, model.uniform(purpose, rows))
