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
  and some with one take intermediate courses while they work or look for work.  These
  count as vocational enrolments and graduates, and as continuous training.
- Retraining and continuous training without a certificate (in-firm training, courses
  for the unemployed) raise skills and mark the person as ``retrained``.
"""

from __future__ import annotations

import numpy as np

from simulation.calendar import calendar_month
from simulation.mechanisms.demography import stochastic_round
from simulation.population import Certificate, Status, Track
from simulation.randomness import pick_keyed

LEVEL_NAMES = ("none", "elementary", "intermediate", "college", "university")


class Schooling:
    """Streaming, full-time courses, part-time courses and retraining."""

    def __init__(self, model):
        premium = model.data.figures.table("skill_premium")
        self.premium = np.array([premium[c] for c in LEVEL_NAMES])
        self.duration = {
            Certificate.ELEMENTARY: 4,
            Certificate.INTERMEDIATE: 24,
            Certificate.COLLEGE: 30,
            Certificate.UNIVERSITY: 48,
        }

    # ------------------------------------------------------------------ places

    def enrol(self, model, rows: np.ndarray, level: int) -> np.ndarray:
        """Place ``rows`` in schools offering ``level`` with seats left this year, most often in
        their own district; returns the school of each row (-1 where no seat was found)."""
        school = np.full(len(rows), -1, dtype=np.int16)
        offering = [s for s in model.schools if LEVEL_NAMES[level] in s.levels]
        if len(rows) == 0 or not offering:
            return school
        for round_ in range(2):  # a second round for those turned away by a full school
            waiting = np.flatnonzero(school < 0)
            seats = np.array([s.seats_left() for s in offering], dtype=float)
            if len(waiting) == 0 or seats.sum() == 0:
                break
            district = model.persons.district[rows[waiting]]
            home = np.array([s.district_index for s in offering])
            weight = seats[None, :] * np.where(home[None, :] == district[:, None], 5.0, 1.0)
            weight /= weight.sum(axis=1, keepdims=True)
            u = model.uniform(f"school_choice_{level}_{round_}", rows[waiting])
            choice = (u[:, None] > np.cumsum(weight, axis=1)).sum(axis=1)
            choice = np.minimum(choice, len(offering) - 1)
            order = np.argsort(model.uniform(f"school_queue_{level}_{round_}", rows[waiting]))
            for k, s in enumerate(offering):
                applicants = order[choice[order] == k]
                taken = applicants[: s.seats_left()]
                school[waiting[taken]] = s.index
                s.intake_this_year += len(taken)
        return school

    def _start_course(self, model, rows, track, level, months, school) -> None:
        p = model.persons
        model.set_status(rows, Status.STUDENT)
        p.track[rows] = track
        p.study_level[rows] = level
        p.study_left[rows] = months
        p.school[rows] = school

    def _certify(self, model, rows: np.ndarray, level: np.ndarray) -> None:
        p = model.persons
        new = np.maximum(p.certificate[rows], level)
        p.skill[rows] *= self.premium[new] / self.premium[p.certificate[rows]]
        p.certificate[rows] = new

    # ------------------------------------------------------------------ step

    def step(self, model) -> None:
        if calendar_month(model.month) == 1:
            for s in model.schools:
                s.new_year()
        # courses running since earlier months advance first, so that a course started
        # this month is not shortened by a month
        self._full_time_courses(model)
        self._part_time_courses(model)
        self._lower_secondary_graduates(model)
        self._start_part_time_courses(model)
        self._training_programme(model)
        self._retraining(model)

    def _lower_secondary_graduates(self, model) -> None:
        p, par = model.persons, model.params
        rows = np.flatnonzero((p.status == Status.CHILD) & (p.age_m >= 180))
        model.count("lower_secondary_graduates", len(rows))
        u = model.uniform("lower_secondary_choice", rows)
        vocational = u < par["lower_secondary_vocational_share"]
        upper = ~vocational & (
            u < par["lower_secondary_vocational_share"] + par["lower_secondary_upper_share"]
        )
        voc_rows = rows[vocational]
        school = self.enrol(model, voc_rows, Certificate.INTERMEDIATE)
        placed = school >= 0
        self._start_course(
            model,
            voc_rows[placed],
            Track.VOCATIONAL,
            Certificate.INTERMEDIATE,
            par["vocational_months_after_lower_secondary"],
            school[placed],
        )
        model.count("lower_secondary_to_vocational", placed.sum())
        model.count("vocational_enrolments", placed.sum())
        upper_rows = np.concatenate([rows[upper], voc_rows[~placed]])
        birth_year = (model.month - p.age_m[upper_rows]) // 12
        end = (birth_year + 18) * 12 + 5  # June of the year they turn 18: 30 to 41 months on
        self._start_course(
            model,
            upper_rows,
            Track.UPPER_SECONDARY,
            Certificate.NONE,
            np.clip(end - model.month, 1, 42),
            -1,
        )
        work = rows[~vocational & ~upper]
        seeking = model.uniform("leaver_seeks", work) < par["school_leaver_jobseeker_share"]
        model.set_status(work[seeking], Status.UNEMPLOYED)
        model.set_status(work[~seeking], Status.INACTIVE)

    def _full_time_courses(self, model) -> None:
        p, par = model.persons, model.params
        students = np.flatnonzero(p.status == Status.STUDENT)
        p.study_left[students] -= 1
        done = students[p.study_left[students] <= 0]
        track = p.track[done]
        level = p.study_level[done].copy()
        school = p.school[done]
        p.track[done] = Track.NONE
        p.study_left[done] = 0
        p.school[done] = -1
        p.study_level[done] = Certificate.NONE
        model.set_status(done, Status.UNEMPLOYED)  # default: school leavers look for work

        # vocational and university completions
        finished = done[track != Track.UPPER_SECONDARY]
        fin_level = level[track != Track.UPPER_SECONDARY]
        completion = np.where(
            fin_level == Certificate.UNIVERSITY,
            par["university_completion_rate"],
            par["vocational_completion_rate"],
        )
        passed = model.uniform("completion", finished) < completion
        self._certify(model, finished[passed], fin_level[passed])
        graduated_at = school[track != Track.UPPER_SECONDARY][passed]
        for k, n in zip(
            *np.unique(graduated_at[graduated_at >= 0], return_counts=True), strict=True
        ):
            model.schools[k].graduates_this_year += int(n)
        voc = fin_level[passed] != Certificate.UNIVERSITY
        model.count("vocational_graduates", voc.sum())
        model.count("university_graduates", (~voc).sum())

        # upper-secondary graduates choose what next
        grads = done[track == Track.UPPER_SECONDARY]
        model.count("upper_secondary_graduates", len(grads))
        u = model.uniform("upper_secondary_choice", grads)
        uni = u < par["upper_secondary_university_share"]
        voc = ~uni & (
            u < par["upper_secondary_university_share"] + par["upper_secondary_vocational_share"]
        )
        uni_rows = grads[uni]
        school = self.enrol(model, uni_rows, Certificate.UNIVERSITY)
        ok = school >= 0
        self._start_course(
            model,
            uni_rows[ok],
            Track.UNIVERSITY,
            Certificate.UNIVERSITY,
            self.duration[Certificate.UNIVERSITY],
            school[ok],
        )
        voc_rows = grads[voc]
        college = model.uniform("college", voc_rows) < par["college_share_of_vocational"]
        for level, mask in ((Certificate.COLLEGE, college), (Certificate.INTERMEDIATE, ~college)):
            rows = voc_rows[mask]
            school = self.enrol(model, rows, level)
            ok = school >= 0
            self._start_course(
                model, rows[ok], Track.VOCATIONAL, level, self.duration[level], school[ok]
            )
            model.count("vocational_enrolments", ok.sum())
            model.count("upper_secondary_to_vocational", ok.sum())
        rest = grads[~uni & ~voc]
        inactive = rest[model.uniform("leaver_seeks", rest) >= par["school_leaver_jobseeker_share"]]
        model.set_status(inactive, Status.INACTIVE)

    def _part_time_courses(self, model) -> None:
        """Courses taken by working-age adults while they work or look for work."""
        p, par = model.persons, model.params
        in_course = np.flatnonzero(p.course_left > 0)
        p.course_left[in_course] -= 1
        done = in_course[p.course_left[in_course] == 0]
        passed = done[model.uniform("course_completion", done) < par["vocational_completion_rate"]]
        self._certify(model, passed, p.course_level[passed])
        model.count("vocational_graduates", len(passed))
        p.course_level[done] = Certificate.NONE

    def _start_part_time_courses(self, model) -> None:
        p, par = model.persons, model.params
        age = p.age_m // 12
        active = (p.status == Status.EMPLOYED) | (p.status == Status.UNEMPLOYED)
        eligible = np.flatnonzero(
            active
            & (age >= 18)
            & (age < 50)
            & (p.course_left == 0)
            & (p.certificate <= Certificate.ELEMENTARY)
        )
        rate = np.where(
            p.certificate[eligible] == Certificate.NONE,
            par["adult_course_rate"],
            par["adult_upgrade_rate"],
        )
        rate = rate * np.where(
            p.status[eligible] == Status.UNEMPLOYED, par["unemployed_course_odds"], 1.0
        )
        start = eligible[model.uniform("course_start", eligible) < rate]
        level = np.where(
            p.certificate[start] == Certificate.NONE,
            Certificate.ELEMENTARY,
            Certificate.INTERMEDIATE,
        ).astype(np.int8)
        for lv in (Certificate.ELEMENTARY, Certificate.INTERMEDIATE):
            rows = start[level == lv]
            school = self.enrol(model, rows, lv)
            ok = rows[school >= 0]
            self._start_part_time(model, ok, lv)
            model.count("adult_course_entries", len(ok))

    def _start_part_time(self, model, rows: np.ndarray, level: int) -> None:
        p = model.persons
        p.course_level[rows] = level
        p.course_left[rows] = self.duration[level] if level == Certificate.ELEMENTARY else 18
        p.retrained[rows] = True
        model.count("vocational_enrolments", len(rows))

    def _training_programme(self, model) -> None:
        """Publicly funded seats (the training lever): jobseekers and workers of working age
        take short courses (skill gain at once) or, for ``certified_share`` of those
        without a certificate, an elementary course that certifies on completion."""
        programme = model.policy.training_programme
        if programme is None:
            return
        p = model.persons
        rng = model.stream("training_programme")
        n = stochastic_round(programme.seats_per_month / model.scale, rng)
        age = p.age_m // 12
        free = (age >= 18) & (age < 55) & (p.course_left == 0)
        k_u = stochastic_round(n * programme.unemployed_share, rng)
        chosen = []
        for status, k in ((Status.UNEMPLOYED, k_u), (Status.EMPLOYED, n - k_u)):
            pool = np.flatnonzero(free & (p.status == status))
            weight = np.where(p.retrained[pool], 0.3, 1.0)  # first-timers before repeaters
            take = pick_keyed(model.uniform("programme_pick", pool), weight, k)
            chosen.append(pool[take])
        rows = np.concatenate(chosen)
        long_course = (p.certificate[rows] == Certificate.NONE) & (
            model.uniform("programme_course", rows) < programme.certified_share
        )
        self._start_part_time(model, rows[long_course], Certificate.ELEMENTARY)
        short = rows[~long_course]
        p.skill[short] *= 1.0 + programme.skill_gain
        p.retrained[short] = True
        model.count("retraining_entries", len(rows))
        model.count("programme_trainees", len(rows))

    def _retraining(self, model) -> None:
        """Short retraining and continuous training: in-firm training and courses for the
        unemployed (no certificate)."""
        p, par = model.persons, model.params
        rows = np.flatnonzero((p.status == Status.EMPLOYED) | (p.status == Status.UNEMPLOYED))
        employer = p.employer[rows]
        inside = employer >= 0
        enterprise = np.zeros(len(rows), dtype=bool)
        enterprise[inside] = model.firms.ownership[employer[inside]] <= 2  # FDI, domestic, state
        employed = p.status[rows] == Status.EMPLOYED
        rate = np.select(
            [enterprise, employed],
            [par["retraining_rate_enterprise"], par["retraining_rate_other"]],
            par["retraining_rate_unemployed"],
        )
        rate = rate * model.policy.retraining_multiplier
        trained = rows[model.uniform("retraining", rows) < rate]
        p.skill[trained] *= 1.0 + par["retraining_skill_gain"]
        p.retrained[trained] = True
        model.count("retraining_entries", len(trained))
