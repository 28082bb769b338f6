"""Job search and matching: who searches, where they apply, whom firms take.

- Searchers: every unemployed person, and employed people searching on the job (most
  often farm and household workers, above all when short of hours).
- Each searcher sends an application this month with a probability equal to the
  matching efficiency times their search intensity; the unemployed search less the
  longer they have been out of work.  The matching efficiency of jobseekers is the knob
  a digital labour exchange turns.
- An application goes to a firm with vacancies, chosen with weights: the firm's
  vacancies, distance (own district, other districts, another province), and skill fit
  (uncertified applicants rarely get state or high-tech jobs).
- Firms with more applicants than vacancies take the best: skill, with penalties for
  long unemployment and for age past 35, plus noise.  On-the-job search fades with age.
  An employed applicant moves only to a better job.
- Jobseekers who find no wage job fall back on informal work: the rural on family farms,
  others in household businesses, which make room for them (in Vietnam few can afford to
  stay unemployed).  Some start a household business of their own (the knob a
  job-creation credit turns).
"""

from __future__ import annotations

import numpy as np

from simulation import jobs
from simulation.firms import Ownership, new_firm_ids
from simulation.labour_law import minimum_wage_table
from simulation.population import OUTSIDE_EMPLOYER, Certificate, Sector, Status

DURATION_BINS = ((0, 3, "0_2"), (3, 6, "3_5"), (6, 12, "6_11"), (12, 10_000, "12plus"))


class Matching:
    """Applications, selection and hiring, month by month."""

    def __init__(self, model):
        par = model.params
        self.on_the_job = np.array(
            [
                par["search_rate_fdi"],
                par["search_rate_domestic"],
                par["search_rate_state"],
                par["search_rate_household"],
                par["search_rate_farm"],
            ]
        )
        self.outside_base = float(np.count_nonzero(model.persons.employer == OUTSIDE_EMPLOYER))
        self.base_month = model.month

    def step(self, model) -> None:
        p, par = model.persons, model.params
        vacancies = model.vacancies.copy()
        model.count("vacancies_open", int(vacancies.sum()))

        # the labour market of neighbouring provinces, as one employer
        months = model.month - self.base_month
        outside_demand = self.outside_base * (1 + par["outside_demand_growth"]) ** (months / 12)
        outside_now = np.count_nonzero(p.employer == OUTSIDE_EMPLOYER)
        outside_vacancies = max(0, int(round(outside_demand - outside_now)))

        unemployed = np.flatnonzero(p.status == Status.UNEMPLOYED)
        employed = np.flatnonzero(p.status == Status.EMPLOYED)
        own = jobs.employer_ownership(model, employed)
        rate = np.where(own >= 0, self.on_the_job[np.maximum(own, 0)], par["search_rate_outside"])
        short_of_hours = (p.hours[employed] < 35) & p.wants_more[employed]
        rate = rate + short_of_hours * par["search_rate_underemployed"]
        age = p.age_m[employed] // 12
        rate = rate * np.select([age < 35, age < 45, age < 55], [1.0, 0.5, 0.2], 0.05)
        on_the_job = employed[model.uniform("search_on_the_job", employed) < rate]

        tightness = vacancies.sum() / max(1, len(unemployed))
        if model.base_tightness is None:
            model.base_tightness = tightness
        model.tightness_ratio = tightness / max(model.base_tightness, 1e-9)
        duration = p.months_unemployed[unemployed]
        for lo, hi, name in DURATION_BINS:
            model.count(f"unemployed_{name}", np.count_nonzero((duration >= lo) & (duration < hi)))
        searchers = np.concatenate([unemployed, on_the_job])
        intensity = np.concatenate(
            [np.exp(-par["search_decay"] * duration), np.ones(len(on_the_job))]
        )
        # the labour exchange serves jobseekers: its boost applies to the unemployed
        boost = np.concatenate(
            [np.full(len(unemployed), model.policy.matching_multiplier), np.ones(len(on_the_job))]
        )
        efficiency = par["matching_efficiency"] * boost
        applying = model.uniform("apply", searchers) < np.minimum(1.0, efficiency * intensity)
        applicants = searchers[applying]
        model.count("applications", len(applicants))

        target = self._choose_firms(model, applicants, vacancies, outside_vacancies)
        hired, firm = self._select(model, applicants, target, vacancies, outside_vacancies)
        movers = p.status[hired] == Status.EMPLOYED
        was_unemployed = hired[~movers]
        d = p.months_unemployed[was_unemployed]
        for lo, hi, name in DURATION_BINS:
            model.count(f"hires_{name}", np.count_nonzero((d >= lo) & (d < hi)))
        jobs.hire(model, hired, firm)
        model.count("hires", len(hired))
        model.count("job_to_job", movers.sum())
        model.count("separations", movers.sum())

        self._fallbacks(model)
        still = p.status == Status.UNEMPLOYED
        p.months_unemployed[still] += 1
        model.count("vacancies", int(vacancies.sum()))

    # ------------------------------------------------------------------ choices

    def _choose_firms(self, model, applicants, vacancies, outside_vacancies) -> np.ndarray:
        """One firm per applicant (OUTSIDE_EMPLOYER for another province; -1 for none)."""
        p, f, par = model.persons, model.firms, model.params
        target = np.full(len(applicants), -1, dtype=np.int64)
        open_firms = np.flatnonzero(vacancies > 0)
        ids = np.concatenate([open_firms, [OUTSIDE_EMPLOYER]])
        v = np.concatenate([vacancies[open_firms], [outside_vacancies]]).astype(float)
        if v.sum() == 0 or len(applicants) == 0:
            return target
        firm_district = np.concatenate([f.district[open_firms], [-1]])
        demanding = np.concatenate(
            [(f.ownership[open_firms] == Ownership.STATE) | f.high_tech[open_firms], [False]]
        )
        household = np.concatenate([f.ownership[open_firms] == Ownership.HOUSEHOLD, [False]])
        cross = min(1.0, par["cross_district_weight"] * model.policy.cross_district_multiplier)
        outside = min(1.0, par["outside_search_weight"] * model.policy.cross_district_multiplier)
        certified = p.certificate[applicants] >= Certificate.ELEMENTARY
        district = p.district[applicants]
        u = model.uniform("firm_choice", applicants)
        for d in np.unique(district):
            distance = np.where(firm_district == d, 1.0, cross)
            distance[-1] = outside
            for c in (False, True):
                group = np.flatnonzero((district == d) & (certified == c))
                if len(group) == 0:
                    continue
                fit = np.where(demanding, 1.0 if c else par["uncertified_fit"], 1.0)
                fit = fit * np.where(household & c, 0.5, 1.0)
                w = np.cumsum(v * distance * fit)
                if w[-1] <= 0:
                    continue
                pick = np.searchsorted(w, u[group] * w[-1], side="right")
                target[group] = ids[np.minimum(pick, len(ids) - 1)]
        return target

    def _select(self, model, applicants, target, vacancies, outside_vacancies):
        """Firms take their best applicants up to their vacancies; employed applicants
        accept only better jobs.  Returns (persons hired, their firms)."""
        p, par = model.persons, model.params
        ok = target != -1
        applicants, target = applicants[ok], target[ok]
        employed = p.status[applicants] == Status.EMPLOYED
        if employed.any():
            movers = applicants[employed]
            better = self._better(model, movers, target[employed])
            better &= target[employed] != p.employer[movers]  # not their own employer
            keep = np.ones(len(applicants), dtype=bool)
            keep[np.flatnonzero(employed)[~better]] = False
            applicants, target = applicants[keep], target[keep]
        age = p.age_m[applicants] / 12.0
        score = (
            np.log(p.skill[applicants])
            - par["duration_penalty"] * p.months_unemployed[applicants]
            - par["age_penalty"] * np.maximum(0.0, age - 35.0) / 10.0
            + 0.3 * model.normal("applicant_score", applicants)
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

    def _better(self, model, rows, new_firm) -> np.ndarray:
        """Whether each employed person's new job pays more than the current one."""
        p, f = model.persons, model.firms
        share = model.data.figures.table("labour_share")
        share_o = np.array([share[o.name.lower()] for o in Ownership])
        iz = f.in_iz & f.active & (f.size > 0)
        outside_level = share["outside"] * (  # as in wages.set_outside_wages
            np.average(f.productivity[iz], weights=f.size[iz]) if iz.any() else 0.0
        )
        level = np.where(
            new_firm >= 0,
            f.productivity[np.maximum(new_firm, 0)] * share_o[f.ownership[np.maximum(new_firm, 0)]],
            outside_level,
        )
        expected = level * p.skill[rows] * model.params["hours_mean"] / 48.0
        floor = (
            minimum_wage_table(model.data, model.month).max() * model.policy.minimum_wage_multiplier
        )
        return np.maximum(expected, floor) > p.wage[rows] * (1 + model.params["job_switch_premium"])

    # ------------------------------------------------------------------ fallbacks

    def _fallbacks(self, model) -> None:
        """Family farming for the rural long-term unemployed; household start-ups."""
        p, f, par = model.persons, model.firms, model.params
        unemployed = np.flatnonzero(p.status == Status.UNEMPLOYED)
        age = p.age_m[unemployed] // 12
        u = model.uniform("farm_fallback", unemployed)
        to_farm = unemployed[
            (~p.urban[unemployed])
            & (age >= 18)
            & (p.months_unemployed[unemployed] >= 1)
            & (u < par["farm_fallback_rate"])
        ]
        if len(to_farm):
            farms = np.flatnonzero(f.active & (f.ownership == Ownership.FARM))
            firm = np.full(len(to_farm), -1, dtype=np.int64)
            for d in np.unique(p.district[to_farm]):
                rows = np.flatnonzero(p.district[to_farm] == d)
                here = farms[f.district[farms] == d]
                if len(here):
                    # farms short of hands first, then any family farm
                    short = np.maximum(f.demand[here] - f.size[here], 0.0)
                    w = np.cumsum(short + 0.05 * np.maximum(f.size[here], 1))
                    pick = np.searchsorted(
                        w, model.uniform("farm_pick", to_farm[rows]) * w[-1], side="right"
                    )
                    firm[rows] = here[np.minimum(pick, len(here) - 1)]
            ok = firm >= 0
            jobs.hire(model, to_farm[ok], firm[ok])
            model.count("hires", ok.sum())
            model.count("farm_fallback", ok.sum())

        unemployed = np.flatnonzero(p.status == Status.UNEMPLOYED)
        taking = unemployed[
            (p.months_unemployed[unemployed] >= 1)
            & (p.age_m[unemployed] >= 216)
            & (model.uniform("informal_fallback", unemployed) < par["informal_fallback_rate"])
        ]
        self._informal_work(model, taking)

        unemployed = np.flatnonzero(p.status == Status.UNEMPLOYED)
        age = p.age_m[unemployed] // 12
        rate = par["self_employment_rate"] * model.policy.self_employment_multiplier
        founders = unemployed[(age >= 22) & (model.uniform("start_business", unemployed) < rate)]
        self.start_businesses(model, founders)

    def _informal_work(self, model, rows: np.ndarray) -> None:
        """Jobseekers taking informal work in a household business of their district; the
        business makes room for them (its labour needs grow by one)."""
        if len(rows) == 0:
            return
        p, f = model.persons, model.firms
        businesses = np.flatnonzero(f.active & (f.ownership == Ownership.HOUSEHOLD))
        firm = np.full(len(rows), -1, dtype=np.int64)
        for d in np.unique(p.district[rows]):
            mine = np.flatnonzero(p.district[rows] == d)
            here = businesses[f.district[businesses] == d]
            if len(here):
                w = np.cumsum(np.maximum(f.size[here], 1).astype(float))
                pick = np.searchsorted(
                    w, model.uniform("informal_pick", rows[mine]) * w[-1], side="right"
                )
                firm[mine] = here[np.minimum(pick, len(here) - 1)]
        ok = firm >= 0
        np.add.at(f.capacity, firm[ok], 1.0)
        np.add.at(f.demand, firm[ok], 1.0)
        jobs.hire(model, rows[ok], firm[ok])
        model.count("hires", ok.sum())
        model.count("informal_fallback", ok.sum())

    @staticmethod
    def start_businesses(model, founders: np.ndarray) -> None:
        """Each founder opens a household business in their district and works in it."""
        k = len(founders)
        if k == 0:
            return
        p, par = model.persons, model.params
        sector = np.where(
            model.uniform("business_sector", founders) < par["new_household_services_share"],
            Sector.SERVICES,
            Sector.INDUSTRY,
        ).astype(np.int8)
        rel = model.data.figures.table("relative_productivity")["household"]
        sigma = par["firm_productivity_sigma"]
        start = len(model.firms)
        model.firms.extend(
            {
                "sector": sector,
                "ownership": np.full(k, Ownership.HOUSEHOLD),
                "district": p.district[founders],
                "in_iz": np.zeros(k, dtype=bool),
                "active": np.ones(k, dtype=bool),
                "productivity": model.sector_level[sector]
                * rel
                * np.exp(sigma * model.normal("business_productivity", founders) - sigma**2 / 2),
                "size": np.zeros(k),
                "capacity": 1 - 0.5 * np.log(1 - model.uniform("business_size", founders)),
                "demand": np.ones(k),
                "ramp_start": np.full(k, model.month),
                "ramp_months": np.ones(k),
                "formal_share": np.full(k, model.data.figures.value("formal_share", "household")),
                "si_compliance": np.full(k, model.data.figures.value("si_compliance", "household")),
                "high_tech": np.zeros(k, dtype=bool),
                "born": np.full(k, model.month),
                "represents": np.full(k, float(model.scale)),
                "fid": new_firm_ids(model.month, 3, p.pid[founders]),
            }
        )
        model.vacancies = np.concatenate([model.vacancies, np.zeros(k, dtype=np.int64)])
        jobs.hire(model, founders, np.arange(start, start + k))
        model.count("hires", k)
        model.count("new_household_businesses", k)
