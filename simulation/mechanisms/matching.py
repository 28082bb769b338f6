"""Job search and matching: who searches, where they apply, whom firms take.

- Searchers: every unemployed person, and employed people searching on the job (most
  often farm and household workers, above all when short of hours).
- Each searcher sends an application this month with a probability equal to the
  matching efficiency times their search intensity; the unemployed search less the
  longer they have been out of work.  The matching efficiency of jobseekers is the knob
  a digital labour exchange turns.
- An application goes to a firm with vacancies, chosen with weights: the firm's
  vacancies, distance (own district, other districts, another province), and skill fit
  (uncertified applicants rarely get state or high-tech jobs), and the pay the firm posts
  (its premium over the going rate, see simulation/wage_posting.py).
- Enterprises selling in a market (FDI and domestic) do not take an applicant whose job
  would cost more than the value the applicant would add (:meth:`Matching._worth_hiring`):
  pay at least the regional minimum in a formal job, plus the employer's insurance
  contributions on a base no lower than the minimum (Law on Social Insurance 2014, Art.
  89).  A minimum-wage rise thus closes jobs to the least productive applicants, as the
  Vietnamese evidence finds (low-wage workers lose wage jobs and turn to self-employment:
  Nguyen Viet Cuong, Economics of Transition 21(3), 2013; Del Carpio, Nguyen, Nguyen &
  Wang, MPRA 83677, 2013).
- Firms with more applicants than vacancies take the best: skill, with penalties for
  long unemployment and for age past the age employers prefer, plus noise.  On-the-job
  search fades with age.  An employed applicant moves only to a better job.
- Jobseekers who find no wage job fall back on informal work: the rural on family farms
  with room for them (see local_economy); others take work in household businesses, which
  share their district's revenue with them, when that income is worth more to them than
  what it costs their search (see simulation/informal_choice.py).  Some
  start a household business of their own (the knob a job-creation credit turns).
"""

from __future__ import annotations

import numpy as np

from simulation import jobs
from simulation.calendar import MONTHS_PER_YEAR
from simulation.firms import Ownership, new_firm_ids
from simulation.informal_choice import (
    accepts_offers,
    anchor_base_year_jobseekers,
    apply_chance,
    household_support,
    pay_per_unit,
    takes_informal_work,
)
from simulation.labour_law import (
    ADULT_AGE_MONTHS,
    UNDEREMPLOYMENT_HOURS,
    full_time_weekly_hours,
)
from simulation.mechanisms.local_economy import take_back_on_farms
from simulation.population import (
    OUTSIDE_EMPLOYER,
    UNEMPLOYMENT_DURATIONS,
    Certificate,
    Sector,
    Status,
)
from simulation.short_time import wants_more_hours
from simulation.spell_exits import UnemployedSnapshot
from simulation.unemployment_benefit import age_benefits
from simulation.wage_posting import record_open_vacancies
from simulation.wages import (
    expected_job_cost,
    labour_shares,
    minimum_wages_in_force,
    outside_pay_level,
)

# Weights of vacancies, and the on-the-job search rate by age, are relative to a vacancy
# in the searcher's own district that fits them, and to the youngest workers.
REFERENCE_WEIGHT = 1.0
OUTSIDE_FLOORED = 1.0  # commuters' pay is floored in full (wages.set_outside_wages)
HOUSEHOLD_START_UP_ORIGIN = 3  # origin of a household start-up in firms.new_firm_ids
# enterprises that sell in a market and hire only where a job pays for itself; state units'
# payrolls follow their budgets (labour_demand), household businesses share their revenue
MARKET_OWNERSHIPS = np.isin(np.arange(len(Ownership)), (Ownership.FDI, Ownership.DOMESTIC))


class Matching:
    """Applications, selection and hiring, month by month."""

    def __init__(self, model):
        parameters = model.params
        self.full_time_hours = full_time_weekly_hours(model.data)
        anchor_base_year_jobseekers(model)
        self.jobseekers_before: UnemployedSnapshot | None = None  # last month's, at matching
        self.age_factor = self._age_factor(parameters)  # by age in months
        self.on_the_job = np.array(
            [
                parameters["search_rate_fdi"],
                parameters["search_rate_domestic"],
                parameters["search_rate_state"],
                parameters["search_rate_household"],
                parameters["search_rate_farm"],
            ]
        )
        self.support = None  # this month's household_support (set by step when it counts)

    def step(self, model) -> None:
        persons, parameters = model.persons, model.params
        # this month's pay per unit of labour in enterprises and informal work (jobseekers
        # weigh offers and informal work against it; pay changes only in production)
        self.pay = pay_per_unit(model)
        employed = np.flatnonzero(persons.status == Status.EMPLOYED.value)
        # what first-job seekers' households let them hold out for (their reservation floor)
        self.support = (
            household_support(model, employed)
            if parameters["household_support_ratio"] > 0
            else None
        )
        vacancies = model.vacancies.copy()
        model.count("vacancies_open", int(vacancies.sum()))

        # the labour market of neighbouring provinces, as one employer (jobs: migration.py)
        outside_now = np.count_nonzero(persons.employer == OUTSIDE_EMPLOYER)
        outside_vacancies = max(0, int(round(model.outside_jobs - outside_now)))

        unemployed = np.flatnonzero(persons.status == Status.UNEMPLOYED.value)
        ownership = jobs.employer_ownership(model, employed)
        rate = np.where(
            ownership >= 0,
            # (in numpy's index type: a narrower index takes a slower path)
            self.on_the_job[np.maximum(ownership, 0).astype(np.intp)],
            parameters["search_rate_outside"],
        )
        # underemployed: short of hours and wanting more (asked of the few short of hours)
        short_of_hours = persons.hours[employed] < UNDEREMPLOYMENT_HOURS
        short = np.flatnonzero(short_of_hours)
        short_of_hours[short] = wants_more_hours(persons, model.firms, employed[short])
        rate = rate + short_of_hours * parameters["search_rate_underemployed"]
        age = np.minimum(persons.age_m[employed], len(self.age_factor) - 1).astype(np.intp)
        rate = rate * self.age_factor[age]
        # the stationary spin-up holds structural change on both sides: the push off the
        # land (mechanisation, land conversion; local_economy) and this pull off it
        if model.spinning_up:
            rate = np.where(ownership == Ownership.FARM.value, 0.0, rate)
        on_the_job = employed[model.uniform("search_on_the_job", employed) < rate]

        duration = persons.months_unemployed[unemployed]
        for spell in UNEMPLOYMENT_DURATIONS:
            model.count(f"unemployed_{spell.name}", np.count_nonzero(spell.holds(duration)))
        # where last month's jobseekers have gone since (simulation/spell_exits.py)
        if self.jobseekers_before is not None:
            self.jobseekers_before.count_exits(model)
        self.jobseekers_before = UnemployedSnapshot.of(persons, unemployed)
        searchers = np.concatenate([unemployed, on_the_job])
        # on-the-job searchers apply at full intensity and without the exchange's boost
        chance = np.concatenate(
            [
                apply_chance(model, duration),
                np.full(len(on_the_job), min(1.0, parameters["matching_efficiency"])),
            ]
        )
        applying = model.uniform("apply", searchers) < chance
        applicants = searchers[applying]
        model.count("applications", len(applicants))

        target = self._choose_firms(model, applicants, vacancies, outside_vacancies)
        hired, firm = self._select(model, applicants, target, vacancies, outside_vacancies)
        # the posts left open: each enterprise's experience for its wage posting next month
        record_open_vacancies(model.firms, vacancies)
        movers = persons.status[hired] == Status.EMPLOYED.value
        was_unemployed = hired[~movers]
        duration = persons.months_unemployed[was_unemployed]
        for spell in UNEMPLOYMENT_DURATIONS:
            model.count(f"hires_{spell.name}", np.count_nonzero(spell.holds(duration)))
        jobs.hire(model, hired, firm)
        model.count("hires", len(hired))
        model.count("job_to_job", movers.sum())
        model.count("separations", movers.sum())

        self._fallbacks(model, len(hired) / len(applicants) if len(applicants) else 0.0)
        # positions rather than a mask: the mask would be read twice (to read, to write)
        still = np.flatnonzero(persons.status == Status.UNEMPLOYED.value)
        persons.months_unemployed[still] += 1
        age_benefits(persons)
        model.count("vacancies", int(vacancies.sum()))

    @staticmethod
    def _age_factor(parameters) -> np.ndarray:
        """On-the-job search by age (the reference weight until the middle age starts), a
        table by age in months: one entry for each month up to the oldest age group's
        start, whose entry covers everyone older."""
        oldest = int(parameters["on_the_job_search_oldest_age_start"]) * MONTHS_PER_YEAR
        months = np.arange(oldest + 1)
        by_month = np.select(
            [
                months // MONTHS_PER_YEAR < int(parameters["on_the_job_search_middle_age_start"]),
                months // MONTHS_PER_YEAR < int(parameters["on_the_job_search_older_age_start"]),
                months // MONTHS_PER_YEAR < int(parameters["on_the_job_search_oldest_age_start"]),
            ],
            [
                REFERENCE_WEIGHT,
                parameters["on_the_job_search_middle_age_factor"],
                parameters["on_the_job_search_older_age_factor"],
            ],
            parameters["on_the_job_search_oldest_age_factor"],
        )
        return by_month

    # ------------------------------------------------------------------ choices

    def _choose_firms(self, model, applicants, vacancies, outside_vacancies) -> np.ndarray:
        """One firm per applicant (OUTSIDE_EMPLOYER for another province; -1 for none)."""
        persons, firms, parameters = model.persons, model.firms, model.params
        target = np.full(len(applicants), -1, dtype=np.int64)
        open_firms = np.flatnonzero(vacancies > 0)
        ids = np.concatenate([open_firms, [OUTSIDE_EMPLOYER]])
        open_vacancies = np.concatenate([vacancies[open_firms], [outside_vacancies]]).astype(float)
        if open_vacancies.sum() == 0 or len(applicants) == 0:
            return target
        firm_district = np.concatenate([firms.district[open_firms], [-1]])
        demanding = np.concatenate(
            [
                (firms.ownership[open_firms] == Ownership.STATE.value)
                | firms.high_tech[open_firms],
                [False],
            ]
        )
        household = np.concatenate(
            [firms.ownership[open_firms] == Ownership.HOUSEHOLD.value, [False]]
        )
        # better-paying posts draw more applications (wage posting); other provinces' jobs
        # weigh by their pay through the commuting appeal instead
        pay = np.concatenate(
            [
                firms.wage_premium[open_firms].astype(float)
                ** parameters["application_wage_elasticity"],
                [REFERENCE_WEIGHT],
            ]
        )
        # no vacancy weighs more than one in the searcher's own district
        cross = min(
            REFERENCE_WEIGHT,
            parameters["cross_district_weight"] * model.policy.cross_district_multiplier,
        )
        outside = min(
            REFERENCE_WEIGHT,
            parameters["outside_search_weight"] * model.policy.cross_district_multiplier,
        )
        certified = persons.certificate[applicants] >= Certificate.ELEMENTARY.value
        district = persons.district[applicants]
        uniforms = model.uniform("firm_choice", applicants)
        for home in np.unique(district):
            distance = np.where(firm_district == home, REFERENCE_WEIGHT, cross)
            for has_certificate in (False, True):
                group = np.flatnonzero((district == home) & (certified == has_certificate))
                if len(group) == 0:
                    continue
                # jobs next door weigh more when they pay more than local jobs (migration.py)
                appeal = model.commuting_appeal[int(has_certificate)]
                distance[-1] = min(REFERENCE_WEIGHT, outside * appeal)
                demanding_fit = (
                    REFERENCE_WEIGHT if has_certificate else parameters["uncertified_fit"]
                )
                fit = np.where(demanding, demanding_fit, REFERENCE_WEIGHT)
                fit = fit * np.where(
                    household & has_certificate,
                    parameters["certified_household_fit"],
                    REFERENCE_WEIGHT,
                )
                cumulative = np.cumsum(open_vacancies * distance * fit * pay)
                if cumulative[-1] <= 0:
                    continue
                pick = np.searchsorted(cumulative, uniforms[group] * cumulative[-1], side="right")
                target[group] = ids[np.minimum(pick, len(ids) - 1)]
        return target

    def _select(self, model, applicants, target, vacancies, outside_vacancies):
        """Firms take their best applicants up to their vacancies; employed applicants
        accept only better jobs.  Returns (persons hired, their firms)."""
        persons, parameters = model.persons, model.params
        chosen = target != -1
        applicants, target = applicants[chosen], target[chosen]
        employed = persons.status[applicants] == Status.EMPLOYED.value
        # jobseekers apply only where the pay reaches their reservation wage
        seeking = np.flatnonzero(~employed)
        accepts = self._acceptable(model, applicants[seeking], target[seeking])
        model.count("offers_refused", int(np.count_nonzero(~accepts)))
        if not accepts.all():
            keep = np.ones(len(applicants), dtype=bool)
            keep[seeking[~accepts]] = False
            applicants, target, employed = applicants[keep], target[keep], employed[keep]
        # enterprises take only applicants whose job pays for itself
        worth = self._worth_hiring(model, applicants, target)
        model.count("applicants_not_worth_hiring", int(np.count_nonzero(~worth)))
        if not worth.all():
            applicants, target, employed = applicants[worth], target[worth], employed[worth]
        if employed.any():
            movers = applicants[employed]
            better = self._better(model, movers, target[employed])
            better &= target[employed] != persons.employer[movers]  # not their own employer
            keep = np.ones(len(applicants), dtype=bool)
            keep[np.flatnonzero(employed)[~better]] = False
            applicants, target = applicants[keep], target[keep]
        age = persons.age_m[applicants] / MONTHS_PER_YEAR
        score = (
            np.log(persons.skill[applicants])
            - parameters["duration_penalty"] * persons.months_unemployed[applicants]
            - parameters["age_penalty"] * np.maximum(0.0, age - parameters["age_penalty_start_age"])
            + parameters["applicant_score_noise_sd"] * model.normal("applicant_score", applicants)
        )
        order = np.lexsort((-score, target))
        applicants, target = applicants[order], target[order]
        first = np.r_[0, np.flatnonzero(target[1:] != target[:-1]) + 1]
        rank = np.arange(len(target)) - np.repeat(first, np.diff(np.r_[first, len(target)]))
        limit = np.where(target >= 0, vacancies[np.maximum(target, 0)], outside_vacancies)
        take = rank < limit
        hired, firm = applicants[take], target[take]
        inside = firm >= 0
        np.subtract.at(vacancies, firm[inside], 1)
        return hired, firm

    def _offered_pay(self, model, rows, new_firm) -> np.ndarray:
        """What a job at ``new_firm`` (OUTSIDE_EMPLOYER: another province) would pay the
        persons at ``rows`` at the usual full-time week: the firm's going rate times its
        posted premium; the regional minimum wage of the firm's district floors it as often
        as the firm's jobs are formal (as in wages.set_wages)."""
        persons, firms = model.persons, model.firms
        inside = new_firm >= 0
        new_row = np.maximum(new_firm, 0)
        level = np.where(
            inside,
            firms.productivity[new_row]
            * labour_shares(model.data)[firms.ownership[new_row]]
            * firms.wage_premium[new_row],
            outside_pay_level(model.data, firms),
        )
        # pay of the new job at the usual full-time hours (as in wages.labour_units)
        expected = level * persons.skill[rows] * model.params["hours_mean"] / self.full_time_hours
        minimum = minimum_wages_in_force(model)
        # commuters are paid at least the province's highest minimum (wages.set_outside_wages)
        floor = np.where(inside, minimum[firms.district[new_row]], minimum.max())
        formal = np.where(inside, firms.formal_share[new_row], OUTSIDE_FLOORED)
        return formal * np.maximum(expected, floor) + (1 - formal) * expected

    def _worth_hiring(self, model, rows, new_firm) -> np.ndarray:
        """Whether the employer at ``new_firm`` would take each applicant at ``rows``: an
        FDI or domestic enterprise takes only those whose job would cost it (pay with the
        minimum wage in formal jobs and the employer's insurance contributions, as often
        as its jobs are formal and insured: :func:`simulation.wages.expected_job_cost`) no
        more than the value they would add at the usual full-time week; others (state
        units, another province) take anyone."""
        persons, firms, parameters = model.persons, model.firms, model.params
        worth = np.ones(len(rows), dtype=bool)
        inside = new_firm >= 0
        market = np.zeros(len(rows), dtype=bool)
        market[inside] = MARKET_OWNERSHIPS[firms.ownership[new_firm[inside]]]
        if not market.any():
            return worth
        firm = new_firm[market]
        units = persons.skill[rows[market]] * parameters["hours_mean"] / self.full_time_hours
        value = firms.productivity[firm] * units
        going = labour_shares(model.data)[firms.ownership[firm]] * firms.wage_premium[firm] * value
        insured = jobs.enrolment_chance(model, firms.si_compliance[firm])
        cost = expected_job_cost(
            going,
            minimum_wages_in_force(model)[firms.district[firm]],
            firms.formal_share[firm],
            insured,
            parameters["employer_insurance_contribution_rate"],
            parameters["si_declared_pay_share"],
        )
        worth[market] = cost <= value
        return worth

    def _better(self, model, rows, new_firm) -> np.ndarray:
        """Whether each employed person's new job pays more than the current one."""
        return self._offered_pay(model, rows, new_firm) > model.persons.wage[rows] * (
            1 + model.params["job_switch_premium"]
        )

    def _acceptable(self, model, rows, new_firm) -> np.ndarray:
        """Whether each jobseeker accepts the job at ``new_firm``, its pay valued with the
        employer's insurance contributions as often as the firm's jobs are insured (formal
        and enrolled, as at hire: :func:`simulation.jobs.enrolment_chance`;
        :func:`simulation.informal_choice.accepts_offers`)."""
        firms = model.firms
        # an insured job also brings the employer's contributions to the worker's insurance
        inside = new_firm >= 0
        insured = np.zeros(len(rows))
        firm = new_firm[inside]
        insured[inside] = firms.formal_share[firm] * jobs.enrolment_chance(
            model, firms.si_compliance[firm]
        )
        value = self._offered_pay(model, rows, new_firm) * (
            1 + model.params["employer_insurance_contribution_rate"] * insured
        )
        return accepts_offers(model, rows, value, self.pay, self.support)

    # ------------------------------------------------------------------ fallbacks

    def _fallbacks(self, model, success: float) -> None:
        """Family farms with room for the rural jobseekers; informal work, for those who
        prefer it to searching on (``success``: the share of this month's applications
        that became hires); start-ups."""
        persons, parameters = model.persons, model.params
        searched = int(parameters["fallback_search_months"])
        take_back_on_farms(model, searched)

        # jobseekers weigh searching on against informal work (simulation/informal_choice.py)
        unemployed = np.flatnonzero(persons.status == Status.UNEMPLOYED.value)
        deciding = unemployed[
            (persons.months_unemployed[unemployed] >= searched)
            & (persons.age_m[unemployed] >= ADULT_AGE_MONTHS)
        ]
        model.count("informal_candidates", len(deciding))
        taking = deciding[takes_informal_work(model, deciding, success, self.pay)]
        self._informal_work(model, taking)

        unemployed = np.flatnonzero(persons.status == Status.UNEMPLOYED.value)
        age = persons.age_m[unemployed] // MONTHS_PER_YEAR
        rate = parameters["self_employment_rate"] * model.policy.self_employment_multiplier
        founders = unemployed[
            (age >= int(parameters["business_founder_min_age"]))
            & (model.uniform("start_business", unemployed) < rate)
        ]
        self.start_businesses(model, founders)

    def _informal_work(self, model, rows: np.ndarray) -> None:
        """Jobseekers taking informal work in a household business of their district; they
        share the district's household revenue (see local_economy), they add none to it."""
        if len(rows) == 0:
            return
        persons, firms = model.persons, model.firms
        businesses = np.flatnonzero(firms.active & (firms.ownership == Ownership.HOUSEHOLD.value))
        firm = jobs.choose_in_district(
            persons.district[rows],
            businesses,
            firms.district[businesses],
            np.maximum(firms.size[businesses], 1).astype(float),
            model.uniform("informal_pick", rows),
        )
        found = firm >= 0
        jobs.hire(model, rows[found], firm[found])
        model.count("hires", found.sum())
        model.count("informal_fallback", found.sum())

    @staticmethod
    def start_businesses(model, founders: np.ndarray) -> None:
        """Each founder opens a household business in their district and works in it."""
        count = len(founders)
        if count == 0:
            return
        persons, parameters = model.persons, model.params
        sector = np.where(
            model.uniform("business_sector", founders) < parameters["new_household_services_share"],
            Sector.SERVICES,
            Sector.INDUSTRY,
        ).astype(np.int8)
        relative = model.data.figures.table("relative_productivity")["household"]
        sigma = parameters["firm_productivity_sigma"]
        start = len(model.firms)
        model.firms.extend(
            {
                "sector": sector,
                "ownership": np.full(count, Ownership.HOUSEHOLD),
                "district": persons.district[founders],
                "in_iz": np.zeros(count, dtype=bool),
                "active": np.ones(count, dtype=bool),
                "productivity": model.sector_level[sector]
                * relative
                * np.exp(sigma * model.normal("business_productivity", founders) - sigma**2 / 2),
                "size": np.zeros(count),
                # the founder, and an exponential number of other hands
                "capacity": 1
                - parameters["new_household_business_extra_workers"]
                * np.log(1 - model.uniform("business_size", founders)),
                "demand": np.ones(count),
                "ramp_start": np.full(count, model.month),
                "ramp_months": np.ones(count),
                "formal_share": np.full(
                    count, model.data.figures.value("formal_share", "household")
                ),
                "si_compliance": np.full(
                    count, model.data.figures.value("si_compliance", "household")
                ),
                "high_tech": np.zeros(count, dtype=bool),
                "born": np.full(count, model.month),
                "represents": np.full(count, float(model.scale)),
                "fid": new_firm_ids(
                    model.draw_month, HOUSEHOLD_START_UP_ORIGIN, persons.pid[founders]
                ),
            }
        )
        model.vacancies = np.concatenate([model.vacancies, np.zeros(count, dtype=np.int64)])
        jobs.hire(model, founders, np.arange(start, start + count))
        model.count("hires", count)
        model.count("new_household_businesses", count)
