"""Firms: labour demand, FDI projects, enterprise entry and exit, separations, vacancies.

- Each enterprise wants ``capacity`` workers, which grows at its ownership's yearly rate
  with small idiosyncratic shocks; farms' labour needs fall with mechanisation.  Household
  businesses do not recruit: they grow by the people who join them (see matching) and
  shrink when their members leave.
- FDI arrives as the data's registered capital per year (exogenous), turned into projects
  (capital per project) with jobs (jobs per million USD, fewer for high-tech projects);
  a project starts hiring after a lag and ramps up to full size.  New projects settle in
  the districts with industrial zones.
- Domestic enterprises are founded at the data's yearly rate and close at a yearly
  hazard; closing firms lay off all their workers.
- Workers quit into unemployment at ownership-specific rates; firms with more workers than
  they want lay off part of the excess each month (farms instead cut hours: see
  production).
- Vacancies are the workers a firm wants and does not have.
"""

from __future__ import annotations

import numpy as np

from simulation import jobs
from simulation.calendar import year_of
from simulation.firms import Ownership, new_firm_ids
from simulation.mechanisms.demography import stochastic_round
from simulation.population import Sector, Status


class FirmDynamics:
    """Labour demand, entry and exit of firms, separations and vacancies."""

    def __init__(self, model):
        par, data = model.params, model.data
        self.growth = np.array(
            [
                par["demand_growth_fdi"],
                par["demand_growth_domestic"],
                par["demand_growth_state"],
                0.0,
                -par["farm_mechanisation_rate"],
            ]
        )
        self.quit = np.array(
            [
                par["quit_rate_fdi"],
                par["quit_rate_domestic"],
                par["quit_rate_state"],
                par["quit_rate_household"],
                0.0,
            ]
        )
        self.exit = np.array(
            [par["exit_rate_fdi"], par["exit_rate_domestic"], 0.0, par["exit_rate_household"], 0.0]
        )
        self.fdi_inflow = data.figures.series("fdi_registered_inflow")
        iz = data.figures.by_area("iz_location_share")
        self.iz_weight = np.array([iz.get(d, 0.0) for d in data.districts])
        pop = data.figures.by_area("population")
        self.pop_weight = np.array([pop[d] for d in data.districts], dtype=float)
        self.carry: dict[str, float] = {}
        model.vacancies = np.zeros(len(model.firms), dtype=np.int64)

    def _count(self, key: str, expected: float, rng) -> int:
        """Whole firm agents to create this month, carrying fractions to the next."""
        x = self.carry.get(key, 0.0) + expected
        n = stochastic_round(x, rng) if x < 1 else int(np.floor(x))
        self.carry[key] = x - n if x >= 1 else 0.0
        return n

    def step(self, model) -> None:
        f, par = model.firms, model.params
        active = f.active
        sd = par["demand_shock_sd"]
        shock = np.exp(sd * model.firm_normal("demand_shock") - sd**2 / 2)
        growth = (1 + self.growth[f.ownership] / 12) * shock
        farm = f.ownership == Ownership.FARM
        growth[farm] = (
            1 - par["farm_mechanisation_rate"] * model.policy.mechanisation_multiplier / 12
        )
        f.capacity[active] *= growth[active]

        self._fdi_projects(model)
        self._domestic_entry(model)
        self._exits(model)

        f = model.firms
        ramp = np.clip((model.month - f.ramp_start) / np.maximum(f.ramp_months, 1), 0.0, 1.0)
        factor = np.where(f.in_iz, model.policy.iz_demand_factor, 1.0)
        f.demand[:] = np.where(f.active, f.capacity * ramp * factor, 0.0)
        self._separations(model)
        # household businesses do not recruit: their work is shared by whoever is in them
        household = f.ownership == Ownership.HOUSEHOLD
        f.capacity[household] = f.size[household]
        f.demand[household] = f.size[household]
        gap = np.maximum(0.0, f.demand - f.size)
        gap[f.ownership == Ownership.FARM] = 0.0
        vacancies = np.floor(gap).astype(np.int64)
        # an enterprise may open a post for a fraction of a worker, with that chance
        vacancies += model.firm_uniform("vacancy") < gap - vacancies
        model.vacancies = vacancies

    # ------------------------------------------------------------------ entry and exit

    def _new_firms(
        self,
        model,
        origin: int,
        k: int,
        sector,
        ownership,
        district,
        capacity,
        productivity,
        in_iz,
        high_tech,
        ramp_start,
        ramp_months,
        formal_share,
        compliance,
        represents,
    ) -> None:
        if k == 0:
            return
        model.firms.extend(
            {
                "sector": sector,
                "ownership": np.full(k, ownership),
                "district": district,
                "in_iz": in_iz,
                "active": np.ones(k, dtype=bool),
                "productivity": productivity,
                "size": np.zeros(k),
                "capacity": capacity,
                "demand": np.zeros(k),
                "ramp_start": ramp_start,
                "ramp_months": ramp_months,
                "formal_share": np.full(k, formal_share),
                "si_compliance": np.full(k, compliance),
                "high_tech": high_tech,
                "born": np.full(k, model.month),
                "represents": np.full(k, represents),
                "fid": new_firm_ids(model.month, origin, np.arange(k)),
            }
        )

    def _productivity(self, model, sector: np.ndarray, ownership: int, z: np.ndarray) -> np.ndarray:
        """Productivity of new firms: their sector's level, their ownership's premium, and
        a lognormal spread (``z`` standard normal draws)."""
        rel = model.data.figures.table("relative_productivity")[Ownership(ownership).name.lower()]
        sigma = model.params["firm_productivity_sigma"]
        return model.sector_level[sector] * rel * np.exp(sigma * z - sigma**2 / 2)

    def _fdi_projects(self, model) -> None:
        """New FDI projects of the month; each attribute has its own stream, so that a
        scenario with more projects keeps the baseline's projects as they were."""
        par = model.params
        year = year_of(model.month)
        known = [y for y in self.fdi_inflow if y <= year]
        inflow = self.fdi_inflow[max(known)] if known else 0.0
        musd = inflow / 12 + model.policy.extra_fdi_musd_per_year / 12
        if musd <= 0:
            return
        high_tech_share = (
            model.policy.fdi_high_tech_share
            if model.policy.fdi_high_tech_share is not None
            else par["fdi_high_tech_share"]
        )
        projects = musd / par["fdi_musd_per_project"]
        # each project is its own agent, with its jobs scaled down to worker agents
        k = self._count("fdi", projects, model.stream("firms.fdi.count"))
        if k == 0:
            return

        def draw(name):
            return model.stream(f"firms.fdi.{name}").random(k)

        high_tech = draw("high_tech") < high_tech_share
        jobs_each = (
            par["fdi_musd_per_project"]
            * par["fdi_jobs_per_musd"]
            * np.where(high_tech, par["high_tech_labour_intensity"], 1.0)
        )
        sector = np.where(
            draw("sector") < par["fdi_services_share"], Sector.SERVICES, Sector.INDUSTRY
        ).astype(np.int8)
        z = model.stream("firms.fdi.productivity").standard_normal(k)
        productivity = self._productivity(model, sector, Ownership.FDI, z) * np.where(
            high_tech, par["high_tech_productivity_premium"], 1.0
        )
        weight = np.cumsum(self.iz_weight / self.iz_weight.sum())
        district = np.minimum(
            np.searchsorted(weight, draw("district"), side="right"), len(weight) - 1
        )
        in_iz = draw("in_iz") < par["fdi_new_iz_share"] * model.policy.iz_location_multiplier
        size = jobs_each * np.exp(0.5 * model.stream("firms.fdi.size").standard_normal(k) - 0.125)
        self._new_firms(
            model,
            1,
            k,
            sector,
            Ownership.FDI,
            district,
            size,
            productivity,
            in_iz,
            high_tech,
            np.full(k, model.month + int(par["fdi_hiring_lag_months"])),
            np.full(k, int(par["fdi_ramp_months"])),
            1.0,
            model.data.figures.value("si_compliance", "fdi"),
            1.0,
        )
        model.firms.capacity[-k:] /= model.scale
        # flows are kept in agents (multiplied by scale when measured)
        model.count("new_fdi_projects", k / model.scale)
        model.count("new_enterprises", k / model.scale)
        model.count("fdi_jobs_planned", float(np.sum(size)) / model.scale)

    def _domestic_entry(self, model) -> None:
        par = model.params
        k = self._count(
            "domestic",
            par["enterprise_entry_per_year"]
            / 12
            / model.scale
            * model.policy.enterprise_entry_multiplier,
            model.stream("firms.entry.count"),
        )
        if k == 0:
            return
        shares = np.cumsum(
            [par["new_enterprise_agriculture_share"], par["new_enterprise_industry_share"]]
        )
        sector = np.searchsorted(
            shares, model.stream("firms.entry.sector").random(k), side="right"
        ).astype(np.int8)
        weight = np.cumsum(self.pop_weight / self.pop_weight.sum())
        district = np.minimum(
            np.searchsorted(weight, model.stream("firms.entry.district").random(k), side="right"),
            len(weight) - 1,
        )
        mean = par["new_enterprise_size"]
        capacity = np.exp(np.log(mean) - 0.5 + model.stream("firms.entry.size").standard_normal(k))
        z = model.stream("firms.entry.productivity").standard_normal(k)
        figures = model.data.figures
        self._new_firms(
            model,
            2,
            k,
            sector,
            Ownership.DOMESTIC,
            district,
            capacity,
            self._productivity(model, sector, Ownership.DOMESTIC, z),
            np.zeros(k, dtype=bool),
            np.zeros(k, dtype=bool),
            np.full(k, model.month),
            np.full(k, 6),
            figures.value("formal_share", "domestic"),
            figures.value("si_compliance", "domestic"),
            float(model.scale),
        )
        model.count("new_enterprises", k)

    def _exits(self, model) -> None:
        f = model.firms
        hazard = self.exit[f.ownership] / 12
        small = f.size < 10
        hazard = np.where(small & (f.ownership == Ownership.DOMESTIC), hazard * 1.5, hazard)
        closing = f.active & (model.firm_uniform("exit") < hazard) & (f.born < model.month)
        if not closing.any():
            return
        p = model.persons
        employed = np.flatnonzero(p.employer >= 0)
        laid_off = employed[closing[p.employer[employed]]]
        jobs.release(model, laid_off, Status.UNEMPLOYED)
        model.count("separations", len(laid_off))
        model.count("layoffs", len(laid_off))
        f.active[closing] = False
        f.capacity[closing] = 0.0
        f.demand[closing] = 0.0
        enterprise = closing & (f.ownership <= Ownership.STATE)
        # an FDI agent is one real firm, the others stand for ``scale`` firms each
        model.count("closed_enterprises", f.represents[enterprise].sum() / model.scale)

    # ------------------------------------------------------------------ separations

    def _separations(self, model) -> None:
        p, f, par = model.persons, model.firms, model.params
        workers = np.flatnonzero(p.status == Status.EMPLOYED)
        employer = p.employer[workers]
        inside = employer >= 0
        quit = np.full(len(workers), par["quit_rate_outside"])
        own = f.ownership[employer[inside]]
        quit[inside] = self.quit[own]
        excess = np.zeros(len(workers))
        size = f.size[employer[inside]].astype(float)
        over = np.maximum(0.0, size - f.demand[employer[inside]]) / np.maximum(size, 1)
        speed = np.where(own <= Ownership.STATE, par["layoff_speed"], 0.0)
        excess[inside] = over * speed
        u = model.uniform("separation", workers)
        layoff = u < excess
        quits = ~layoff & (u < excess + quit * (1 - excess))
        leaving = workers[layoff | quits]
        jobs.release(model, leaving, Status.UNEMPLOYED)
        model.count("separations", len(leaving))
        model.count("layoffs", layoff.sum())
        model.count("quits", quits.sum())
        model.count("layoffs_iz", int(np.count_nonzero(layoff[inside] & f.in_iz[employer[inside]])))
