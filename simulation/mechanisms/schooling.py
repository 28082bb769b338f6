"""Schooling and training: streaming after lower and upper secondary, courses, retraining.

- A child turning 15 has finished lower secondary and chooses upper secondary, vocational
  education (intermediate level with culture courses) or work; vocational places are
  limited by the schools' intake capacity, and someone who finds none goes to upper
  secondary instead.
- Upper-secondary graduates (in June of the year they turn 18) choose university,
  vocational education (college or intermediate), or work.
- Full-time students finish when their course ends; completers get the certificate
  (and the skill premium that goes with it), then look for work.
- Working-age adults without a certificate take part-time elementary courses (3+ months)
  and some with one take intermediate courses while they work or look for work, when a
  course is within reach (an assumed or fitted monthly rate) and they choose to
  (:mod:`simulation.training_choice`: its returns against its costs).  These count as
  vocational enrolments and graduates, and as continuous training once completed.
- Retraining and continuous training without a certificate (in-firm training, courses
  for the unemployed, the training lever's seats, which each person offered one takes or
  declines) raise skills and mark the person as ``retrained`` when the course is
  completed: each person counts once, from the month they complete a course.
"""

from __future__ import annotations

import numpy as np

from simulation.calendar import calendar_month
from simulation.firms import IS_ENTERPRISE
from simulation.mechanisms.demography import MONTHS_PER_YEAR, stochastic_round
from simulation.mechanisms.firms import quit_rates
from simulation.policy import NOTHING_EXTRA
from simulation.population import CERTIFICATES, Certificate, Status, Track, per_employer
from simulation.randomness import rank_keyed
from simulation.school_choice import (
    EIGHTEEN_CERTIFICATE,
    AtEighteen,
    AtFifteen,
    SchoolChoice,
    next_best,
)
from simulation.training_choice import (
    course_cost_months,
    firm_course_chance,
    firm_training_chance,
    take_up_chance,
)
from simulation.wages import labour_shares

# Ages fixed by the Education Law 2019 (Art. 28): pupils enter grade 10 at 15, so lower
# secondary ends in the year they turn 15, and upper secondary (grades 10-12, three
# school years) in the year they turn 18.
LOWER_SECONDARY_END_AGE = 15
UPPER_SECONDARY_END_AGE = 18
UPPER_SECONDARY_YEARS = 3
# The school year ends, and upper-secondary graduates leave, in June (calendar month).
SCHOOL_YEAR_END_CALENDAR_MONTH = 6
# Guard: from a 15th birthday to June of the year one turns 18 is 30 to 41 months.
LONGEST_UPPER_SECONDARY_MONTHS = 42
# the enterprise retraining rate read for a worker not at an enterprise of the province:
# never used (np.select takes it only at an enterprise)
NO_ENTERPRISE_RATE = 0.0


def upper_secondary_end(month: int, age_m: np.ndarray) -> np.ndarray:
    """The month (number) in which persons aged ``age_m`` months in ``month`` finish upper
    secondary: June of the year they turn 18."""
    birth_year = (month - age_m) // MONTHS_PER_YEAR
    return (birth_year + UPPER_SECONDARY_END_AGE) * MONTHS_PER_YEAR + (
        SCHOOL_YEAR_END_CALENDAR_MONTH - 1
    )


def _at_enterprise(model, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The positions in ``rows`` of those working for an enterprise (only the employed
    have an employer), and the enterprise's ownership."""
    employer = model.persons.employer[rows]
    inside = np.flatnonzero(employer >= 0)
    ownership = model.firms.ownership[employer[inside]]
    enterprise = IS_ENTERPRISE[ownership]
    return inside[enterprise], ownership[enterprise]


def _end_course(persons, rows: np.ndarray) -> None:
    """``rows`` are no longer on a full-time course."""
    persons.track[rows] = Track.NONE
    persons.study_left[rows] = 0
    persons.school[rows] = -1
    persons.study_level[rows] = Certificate.NONE


class Schooling:
    """Streaming, full-time courses, part-time courses and retraining."""

    def __init__(self, model):
        parameters = model.params
        premium = model.data.figures.table("skill_premium")
        self.premium = np.array([premium[level] for level in CERTIFICATES])
        self.course_months = {  # full-time courses
            Certificate.INTERMEDIATE: int(parameters["intermediate_course_months"]),
            Certificate.COLLEGE: int(parameters["college_course_months"]),
            Certificate.UNIVERSITY: int(parameters["university_course_months"]),
        }
        self.part_time_course_months = {  # courses taken while working or looking for work
            Certificate.ELEMENTARY: int(parameters["part_time_elementary_course_months"]),
            Certificate.INTERMEDIATE: int(parameters["part_time_intermediate_course_months"]),
        }
        # the full-time elementary courses of the base month's students, too
        elementary = {Certificate.ELEMENTARY: int(parameters["full_time_elementary_course_months"])}
        self.choice = SchoolChoice(model, elementary | self.course_months)
        # enterprises' workers quit at their ownership's rate (the others' are not read)
        self.quit_rates = quit_rates(parameters)
        # in-firm training: the mean chance of the base month's enterprise workers, so that
        # their rate is the assumed one at the base year's costs and returns
        self.labour_shares = labour_shares(model.data)  # by ownership
        _, ownership = _at_enterprise(model, np.flatnonzero(model.persons.employer >= 0))
        self.base_firm_chance = float(
            np.mean(self._firm_training_chance(model, NOTHING_EXTRA)[ownership])
        )
        self._income_month, self._income_by_certificate = None, None

    # ------------------------------------------------------------------ places

    def enrol(self, model, rows: np.ndarray, level: int) -> np.ndarray:
        """Place ``rows`` in schools offering ``level`` with seats left this year, most often in
        their own district; returns the school of each row (-1 where no seat was found)."""
        parameters = model.params
        school = np.full(len(rows), -1, dtype=np.int16)
        offering = [each for each in model.schools if CERTIFICATES[level] in each.levels]
        if len(rows) == 0 or not offering:
            return school
        # later rounds for those turned away by a full school
        for round_ in range(int(parameters["school_application_rounds"])):
            waiting = np.flatnonzero(school < 0)
            seats = np.array([each.seats_left() for each in offering], dtype=float)
            if len(waiting) == 0 or seats.sum() == 0:
                break
            district = model.persons.district[rows[waiting]]
            home = np.array([each.district_index for each in offering])
            weight = seats[None, :] * np.where(
                home[None, :] == district[:, None],
                parameters["school_home_district_weight"],
                1.0,
            )
            weight /= weight.sum(axis=1, keepdims=True)
            uniform = model.uniform(f"school_choice_{level}_{round_}", rows[waiting])
            choice = (uniform[:, None] > np.cumsum(weight, axis=1)).sum(axis=1)
            choice = np.minimum(choice, len(offering) - 1)
            order = np.argsort(model.uniform(f"school_queue_{level}_{round_}", rows[waiting]))
            for position, each in enumerate(offering):
                applicants = order[choice[order] == position]
                taken = applicants[: each.seats_left()]
                school[waiting[taken]] = each.index
                each.intake_this_year += len(taken)
        return school

    def _start_course(self, model, rows, track, level, months, school) -> None:
        persons = model.persons
        model.set_status(rows, Status.STUDENT)
        persons.track[rows] = track
        persons.study_level[rows] = level
        persons.study_left[rows] = months
        persons.school[rows] = school

    def _certify(self, model, rows: np.ndarray, level: np.ndarray) -> None:
        persons = model.persons
        new = np.maximum(persons.certificate[rows], level)
        persons.skill[rows] *= self.premium[new] / self.premium[persons.certificate[rows]]
        persons.certificate[rows] = new
        persons.certified_month[rows] = model.month

    # ------------------------------------------------------------------ step

    def step(self, model) -> None:
        if model.spinning_up:  # no ageing into school choices, no courses, no retraining
            return
        if calendar_month(model.month) == 1:
            for school in model.schools:
                school.new_year()
        self.choice.follow_policy(model.policy)  # this month's quota and guidance
        # courses running since earlier months advance first, so that a course started
        # this month is not shortened by a month
        self._full_time_courses(model)
        self._part_time_courses(model)
        self._lower_secondary_graduates(model)
        self._start_part_time_courses(model)
        self._training_programme(model)
        self._retraining(model)

    def _lower_secondary_graduates(self, model) -> None:
        """Lower-secondary graduates sit the grade-10 entrance and choose their path
        (:class:`simulation.school_choice.SchoolChoice`); a pupil who chose vocational
        education and finds no seat takes their next-best path."""
        persons, parameters = model.persons, model.params
        rows = np.flatnonzero(
            (persons.status == Status.CHILD.value)
            & (persons.age_m >= LOWER_SECONDARY_END_AGE * MONTHS_PER_YEAR)
        )
        model.count("lower_secondary_graduates", len(rows))
        if len(rows) == 0:
            return
        path, probabilities = self.choice.at_fifteen(model, rows, self._income(model))
        vocational = np.flatnonzero(path == AtFifteen.VOCATIONAL)
        school = self.enrol(model, rows[vocational], Certificate.INTERMEDIATE)
        unplaced = vocational[school < 0]
        path[unplaced] = next_best(
            model,
            rows[unplaced],
            probabilities[unplaced],
            AtFifteen.VOCATIONAL,
            "school_choice_15_again",
        )
        placed = vocational[school >= 0]
        self._start_course(
            model,
            rows[placed],
            Track.VOCATIONAL,
            Certificate.INTERMEDIATE,
            int(parameters["vocational_months_after_lower_secondary"]),
            school[school >= 0],
        )
        model.count("lower_secondary_to_vocational", len(placed))
        model.count("vocational_enrolments", len(placed))
        upper = (path == AtFifteen.PUBLIC_UPPER) | (path == AtFifteen.OTHER_UPPER)
        upper[placed] = False
        upper_rows = rows[upper]
        model.count(
            "lower_secondary_to_public_upper",
            np.count_nonzero(path[upper] == AtFifteen.PUBLIC_UPPER),
        )
        end = upper_secondary_end(model.month, persons.age_m[upper_rows])
        self._start_course(
            model,
            upper_rows,
            Track.UPPER_SECONDARY,
            Certificate.NONE,
            np.clip(end - model.month, 1, LONGEST_UPPER_SECONDARY_MONTHS),
            -1,
        )
        work = rows[path == AtFifteen.WORK]
        model.count("lower_secondary_to_work", len(work))
        self._leave_school(model, work)

    def _leave_school(self, model, rows: np.ndarray) -> None:
        """School leavers going to work: some look for work, the others wait at home."""
        seeking = (
            model.uniform("leaver_seeks", rows) < model.params["school_leaver_jobseeker_share"]
        )
        model.set_status(rows[seeking], Status.UNEMPLOYED)
        model.set_status(rows[~seeking], Status.INACTIVE)

    def _income(self, model) -> np.ndarray:
        """This month's expected income of young adults by certificate (computed once, when
        the first pupils choose)."""
        if self._income_month != model.month:
            self._income_by_certificate = self.choice.income_by_certificate(model)
            self._income_month = model.month
        return self._income_by_certificate

    def _drop_out(self, model, students: np.ndarray) -> np.ndarray:
        """Of the full-time ``students``, the vocational and university ones who leave their
        course this month (:mod:`simulation.drop_out`); they look for work or wait at home
        like other school leavers.  Returns whether each of ``students`` left."""
        persons = model.persons
        positions = np.flatnonzero(persons.track[students] != Track.UPPER_SECONDARY.value)
        on_course = students[positions]
        hazard = self.choice.drop_out.monthly_hazard(
            self._income(model), persons.study_level[on_course], persons.certificate[on_course]
        )
        left = np.zeros(len(students), dtype=bool)
        left[positions[model.uniform("drop_out", on_course) < hazard]] = True
        leaving = students[left]
        university = persons.track[leaving] == Track.UNIVERSITY.value
        model.count("university_drop_outs", np.count_nonzero(university))
        model.count("vocational_drop_outs", np.count_nonzero(~university))
        _end_course(persons, leaving)
        self._leave_school(model, leaving)
        return left

    def _full_time_courses(self, model) -> None:
        persons = model.persons
        students = np.flatnonzero(persons.status == Status.STUDENT.value)
        students = students[~self._drop_out(model, students)]
        persons.study_left[students] -= 1
        done = students[persons.study_left[students] <= 0]
        track = persons.track[done]
        level = persons.study_level[done].copy()
        school = persons.school[done]
        _end_course(persons, done)
        # vocational and university leavers look for work; upper-secondary graduates
        # choose what next first (below), so that those going on to a course never pass
        # through unemployment on the books
        model.set_status(done[track != Track.UPPER_SECONDARY.value], Status.UNEMPLOYED)

        # vocational and university completions: those who stayed to the end (the others
        # left on the way, _drop_out)
        finished = done[track != Track.UPPER_SECONDARY.value]
        finished_level = level[track != Track.UPPER_SECONDARY.value]
        self._certify(model, finished, finished_level)
        graduated_at = school[track != Track.UPPER_SECONDARY.value]
        for index, graduates in zip(
            *np.unique(graduated_at[graduated_at >= 0], return_counts=True), strict=True
        ):
            model.schools[index].graduates_this_year += int(graduates)
        vocational = finished_level != Certificate.UNIVERSITY.value
        model.count("vocational_graduates", vocational.sum())
        model.count("full_time_vocational_graduates", vocational.sum())
        model.count("university_graduates", (~vocational).sum())

        # upper-secondary graduates choose what next
        graduates = done[track == Track.UPPER_SECONDARY.value]
        model.count("upper_secondary_graduates", len(graduates))
        if len(graduates):
            self._upper_secondary_graduates(model, graduates)

    def _upper_secondary_graduates(self, model, graduates: np.ndarray) -> None:
        """Upper-secondary graduates choose university, college, intermediate vocational
        education or work; one who finds no seat takes their next-best path.  Those who
        go to work look for it or wait at home, as other school leavers do."""
        path, probabilities = self.choice.at_eighteen(model, graduates, self._income(model))
        probabilities = np.array(probabilities, dtype=float)  # closed paths are zeroed below
        for attempt in range(len(AtEighteen) - 1):
            for choice in (AtEighteen.UNIVERSITY, AtEighteen.COLLEGE, AtEighteen.INTERMEDIATE):
                chosen = np.flatnonzero(path == choice)
                if len(chosen) == 0:
                    continue
                level = EIGHTEEN_CERTIFICATE[choice]
                school = self.enrol(model, graduates[chosen], level)
                placed = school >= 0
                track = Track.UNIVERSITY if choice == AtEighteen.UNIVERSITY else Track.VOCATIONAL
                self._start_course(
                    model,
                    graduates[chosen[placed]],
                    track,
                    level,
                    self.course_months[level],
                    school[placed],
                )
                if track == Track.VOCATIONAL.value:
                    model.count("vocational_enrolments", placed.sum())
                    model.count("upper_secondary_to_vocational", placed.sum())
                # the placed are done (-1); the others choose again among the paths left
                path[chosen[placed]] = -1
                unplaced = chosen[~placed]
                probabilities[unplaced, choice] = 0.0
                path[unplaced] = next_best(
                    model,
                    graduates[unplaced],
                    probabilities[unplaced],
                    choice,
                    f"school_choice_18_again_{attempt}_{int(choice)}",
                )
            if not np.isin(
                path, (AtEighteen.UNIVERSITY, AtEighteen.COLLEGE, AtEighteen.INTERMEDIATE)
            ).any():
                break
        work = graduates[path >= 0]  # chose work, or found no seat on any path
        model.count("upper_secondary_to_work", len(work))
        self._leave_school(model, work)

    def _part_time_courses(self, model) -> None:
        """Courses taken by working-age adults while they work or look for work."""
        persons, parameters = model.persons, model.params
        in_course = np.flatnonzero(persons.course_left > 0)
        persons.course_left[in_course] -= 1
        done = in_course[persons.course_left[in_course] == 0]
        passed = done[
            model.uniform("course_completion", done) < parameters["vocational_completion_rate"]
        ]
        self._certify(model, passed, persons.course_level[passed])
        model.count("vocational_graduates", len(passed))
        self._complete_training(model, passed)
        persons.course_level[done] = Certificate.NONE

    def _start_part_time_courses(self, model) -> None:
        persons, parameters = model.persons, model.params
        age = persons.age_m // MONTHS_PER_YEAR
        active = (persons.status == Status.EMPLOYED.value) | (
            persons.status == Status.UNEMPLOYED.value
        )
        eligible = np.flatnonzero(
            active
            & (age >= int(parameters["adult_course_min_age"]))
            & (age < int(parameters["adult_course_age_limit"]))
            & (persons.course_left == 0)
            & (persons.certificate <= Certificate.ELEMENTARY.value)
        )
        rate = np.where(
            persons.certificate[eligible] == Certificate.NONE.value,
            parameters["adult_course_rate"],
            parameters["adult_upgrade_rate"],
        )
        rate = rate * np.where(
            persons.status[eligible] == Status.UNEMPLOYED.value,
            parameters["unemployed_course_odds"],
            1.0,
        )
        # a course within reach (the rate), taken if it is worth it (the choice): the choice
        # is weighed only by those a course reached (u < rate), as u < rate x chance
        # implies it
        uniform = model.uniform("course_start", eligible)
        reached = np.flatnonzero(uniform < rate)
        start = eligible[reached]
        level = np.where(
            persons.certificate[start] == Certificate.NONE.value,
            Certificate.ELEMENTARY,
            Certificate.INTERMEDIATE,
        ).astype(np.int8)
        # taken if the worker wants it, or if their enterprise pays for it
        own = uniform[reached] < rate[reached] * self._course_take_up(model, start, level)
        sponsored = model.uniform("course_sponsor", start) < self._sponsor_chance(
            model, start, level
        )
        chosen = own | sponsored
        start, level, sponsored = start[chosen], level[chosen], sponsored[chosen]
        for course_level in (Certificate.ELEMENTARY, Certificate.INTERMEDIATE):
            rows = start[level == course_level]
            school = self.enrol(model, rows, course_level)
            placed = rows[school >= 0]
            self._start_part_time(model, placed, course_level)
            model.count("adult_course_entries", len(placed))
            model.count(
                "sponsored_course_entries",
                np.count_nonzero(sponsored[level == course_level][school >= 0]),
            )

    def _part_time_course(self, model, rows: np.ndarray, level: np.ndarray):
        """A part-time course to ``level`` for each of ``rows``: its pay premium over their
        certificate's (the gain) and its length in months."""
        gain = self.premium[level] / self.premium[model.persons.certificate[rows]] - 1.0
        months = np.select(
            [level == course_level for course_level in self.part_time_course_months],
            list(self.part_time_course_months.values()),
        )
        return gain, months

    def _course_take_up(self, model, rows: np.ndarray, level: np.ndarray) -> np.ndarray:
        """The chance that each of ``rows`` takes a part-time course to ``level``: the
        course's pay premium over their certificate's, against a course of its length."""
        return take_up_chance(model, rows, *self._part_time_course(model, rows, level))

    def _sponsor_chance(self, model, rows: np.ndarray, level: np.ndarray) -> np.ndarray:
        """The chance that the enterprise employing each of ``rows`` pays for their
        part-time course to ``level`` (:func:`simulation.training_choice.firm_course_chance`:
        the certificate's pay premium over what they hold, against the working time the
        course takes and its fees, less the state's co-funding); 0 for those not employed
        by an enterprise."""
        chance = np.zeros(len(rows))
        at, ownership = _at_enterprise(model, rows)
        if len(at) == 0:
            return chance
        parameters = model.params
        gain, months = self._part_time_course(model, rows[at], level[at])
        chance[at] = firm_course_chance(
            parameters,
            gain,
            course_cost_months(parameters, months, employed=True),
            self.labour_shares[ownership],
            self.quit_rates[ownership],
            model.policy.in_firm_training_support,
        )
        return chance

    def _start_part_time(self, model, rows: np.ndarray, level: int) -> None:
        persons = model.persons
        persons.course_level[rows] = level
        persons.course_left[rows] = self.part_time_course_months[level]
        model.count("vocational_enrolments", len(rows))

    def _complete_training(self, model, rows: np.ndarray) -> None:
        """``rows`` completed a course of retraining or continuous training."""
        model.persons.retrained[rows] = True
        model.count("retraining_completions", len(rows))

    def _short_courses(self, model, rows: np.ndarray, gain: float, purpose: str) -> np.ndarray:
        """``rows`` take a short course (under three months, ended within the month);
        those who complete it gain ``gain`` in skill.  Returns the completers."""
        completed = rows[
            model.uniform(purpose, rows) < model.params["short_course_completion_rate"]
        ]
        model.persons.skill[completed] *= 1.0 + gain
        self._complete_training(model, completed)
        return completed

    def _training_programme(self, model) -> None:
        """Publicly funded seats (the training lever), offered to jobseekers and workers of
        working age, first-timers first: a short course (skill gain on completion) or, for
        ``certified_share`` of those without a certificate, an elementary course that
        certifies on completion.  Each person offered a seat takes it or declines it
        (:mod:`simulation.training_choice`); a declined seat is offered to the next
        candidate, up to ``training_offer_rounds`` candidates a seat."""
        programme = model.policy.training_programme
        if programme is None:
            return
        persons, parameters = model.persons, model.params
        rng = model.stream("training_programme")
        seats = stochastic_round(programme.seats_per_month / model.scale, rng)
        age = persons.age_m // MONTHS_PER_YEAR
        free = (
            (age >= int(parameters["training_programme_min_age"]))
            & (age < int(parameters["training_programme_age_limit"]))
            & (persons.course_left == 0)
        )
        unemployed_seats = stochastic_round(seats * programme.unemployed_share, rng)
        rounds = int(parameters["training_offer_rounds"])
        elementary = Certificate.ELEMENTARY
        certified_gain = self.premium[elementary] / self.premium[Certificate.NONE] - 1.0
        chosen, offered = [], 0
        for status, taken in (
            (Status.UNEMPLOYED, unemployed_seats),
            (Status.EMPLOYED, seats - unemployed_seats),
        ):
            pool = np.flatnonzero(free & (persons.status == status))
            # first-timers before repeaters
            weight = np.where(
                persons.retrained[pool], parameters["training_programme_repeater_weight"], 1.0
            )
            candidates = pool[
                rank_keyed(model.uniform("programme_pick", pool), weight, taken * rounds)
            ]
            long_course = (persons.certificate[candidates] == Certificate.NONE.value) & (
                model.uniform("programme_course", candidates) < programme.certified_share
            )
            chance = np.where(
                long_course,
                take_up_chance(
                    model, candidates, certified_gain, self.part_time_course_months[elementary]
                ),
                take_up_chance(model, candidates, programme.skill_gain, 1.0),
            )
            accepts = np.flatnonzero(model.uniform("programme_accept", candidates) < chance)
            taking = accepts[:taken]
            # offers made: up to the last taker, or to every candidate if seats are left
            if len(taking) < taken:
                offered += len(candidates)
            elif taken > 0:
                offered += int(taking[-1]) + 1
            chosen.append((candidates[taking], long_course[taking]))
        rows = np.concatenate([rows for rows, _ in chosen])
        long_course = np.concatenate([long for _, long in chosen])
        self._start_part_time(model, rows[long_course], elementary)
        self._short_courses(model, rows[~long_course], programme.skill_gain, "programme_completion")
        model.count("retraining_entries", len(rows))
        model.count("programme_trainees", len(rows))
        model.count("programme_offers_declined", offered - len(rows))
        model.record_helped("training_programme", rows)  # the lever's beneficiaries

    def _firm_training_chance(self, model, support: float) -> np.ndarray:
        """Enterprises' chance of training a worker, by ownership
        (:func:`simulation.training_choice.firm_training_chance`)."""
        return firm_training_chance(model.params, self.labour_shares, self.quit_rates, support)

    def in_firm_training_factor(self, model, support: float) -> np.ndarray:
        """Enterprises' chance of training a worker, by ownership, relative to the base
        month's mean."""
        return self._firm_training_chance(model, support) / self.base_firm_chance

    def _retraining(self, model) -> None:
        """Short retraining and continuous training: in-firm training and courses for the
        unemployed (no certificate)."""
        persons, parameters = model.persons, model.params
        rows = np.flatnonzero(
            (persons.status == Status.EMPLOYED.value) | (persons.status == Status.UNEMPLOYED.value)
        )
        # read per firm for everyone (no positions picked out by a scattered mask)
        firms, employer = model.firms, persons.employer[rows]
        enterprise = per_employer(IS_ENTERPRISE[firms.ownership], employer, False)
        employed = persons.status[rows] == Status.EMPLOYED.value
        # enterprises choose whether to train (their returns against the cost, less the
        # state's co-funding): the rate at an enterprise of each ownership, by firm (read
        # where the employer is an enterprise)
        factor = self.in_firm_training_factor(model, model.policy.in_firm_training_support)
        at_enterprise = parameters["retraining_rate_enterprise"] * factor[firms.ownership]
        rate = np.select(
            [enterprise, employed],
            [
                per_employer(at_enterprise, employer, NO_ENTERPRISE_RATE),
                parameters["retraining_rate_other"],
            ],
            parameters["retraining_rate_unemployed"],
        )
        trained = rows[model.uniform("retraining", rows) < rate]
        self._short_courses(
            model, trained, parameters["retraining_skill_gain"], "retraining_completion"
        )
        model.count("retraining_entries", len(trained))
