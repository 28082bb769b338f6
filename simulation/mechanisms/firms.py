"""Firms: labour demand, FDI projects, enterprise entry and exit, separations, vacancies.

- Each enterprise wants ``capacity`` workers, which grows at its ownership's yearly rate
  with small idiosyncratic shocks.  Farms' labour needs (land, mechanisation, the crop
  calendar) and household businesses (who do not recruit) are the local economy's (see
  local_economy).
- FDI arrives as the data's registered capital per year (exogenous), turned into projects
  (capital per project) with jobs (jobs per million USD, fewer for high-tech projects);
  a project starts hiring after a lag and ramps up to full size.  New projects settle in
  the districts with industrial zones.
- Domestic enterprises are founded at the data's yearly rate and close at a yearly
  hazard; closing firms lay off all their workers.
- Workers quit into unemployment at ownership-specific rates.  Enterprises with more
  workers than they want cut hours first and lay off only the excess the hours cut cannot
  absorb or that persists (see :mod:`simulation.short_time`); farms and household
  businesses share out their work (see production).
- Vacancies are the workers a firm wants and does not have.
"""

from __future__ import annotations

import numpy as np

from simulation import jobs, short_time
from simulation.calendar import MONTHS_PER_YEAR, year_of
from simulation.firms import IS_ENTERPRISE, Ownership, new_firm_ids
from simulation.mechanisms.demography import stochastic_round
from simulation.policy import NO_CHANGE
from simulation.population import Sector, Status

# Flows a kind of firm does not have: household businesses' and farms' labour needs are the
# local economy's (see local_economy), farm workers do not quit into unemployment, state
# bodies and farms do not close, farms and household businesses post no vacancies, and
# only enterprises lay off.
NO_FLOW = 0.0
# An ordinary FDI project: high-tech projects' jobs per USD and productivity are relative
# to it.
ORDINARY_PROJECT = 1.0
ONE_FIRM = 1.0  # an FDI agent is one real firm (other agents stand for ``scale`` firms)
# origins of new firms in firms.new_firm_ids
FDI_PROJECT_ORIGIN = 1
ENTERPRISE_ENTRY_ORIGIN = 2


class FirmDynamics:
    """Labour demand, entry and exit of firms, separations and vacancies."""

    def __init__(self, model):
        parameters, data = model.params, model.data
        self.growth = np.array(
            [
                parameters["demand_growth_fdi"],
                parameters["demand_growth_domestic"],
                parameters["demand_growth_state"],
                NO_FLOW,
                NO_FLOW,
            ]
        )
        self.quit = np.array(
            [
                parameters["quit_rate_fdi"],
                parameters["quit_rate_domestic"],
                parameters["quit_rate_state"],
                parameters["quit_rate_household"],
                NO_FLOW,
            ]
        )
        self.exit = np.array(
            [
                parameters["exit_rate_fdi"],
                parameters["exit_rate_domestic"],
                NO_FLOW,
                parameters["exit_rate_household"],
                NO_FLOW,
            ]
        )
        self.fdi_inflow = data.figures.series("fdi_registered_inflow")
        zones = data.figures.by_area("iz_location_share")
        self.iz_weight = np.array([zones.get(district, 0.0) for district in data.districts])
        population = data.figures.by_area("population")
        self.pop_weight = np.array(
            [population[district] for district in data.districts], dtype=float
        )
        self.carry: dict[str, float] = {}
        model.vacancies = np.zeros(len(model.firms), dtype=np.int64)

    def _count(self, key: str, expected: float, rng) -> int:
        """Whole firm agents to create this month, carrying fractions to the next."""
        carried = self.carry.get(key, 0.0) + expected
        whole = stochastic_round(carried, rng) if carried < 1 else int(np.floor(carried))
        self.carry[key] = carried - whole if carried >= 1 else 0.0
        return whole

    def step(self, model) -> None:
        firms, parameters = model.firms, model.params
        # enterprises' labour needs (farms' and household businesses' are the local economy's)
        growing = firms.active & IS_ENTERPRISE[firms.ownership]
        shock_sd = parameters["demand_shock_sd"]
        shock = np.exp(shock_sd * model.firm_normal("demand_shock") - shock_sd**2 / 2)
        # the stationary spin-up holds the trend of demand and the stock of firms
        trend = NO_FLOW if model.spinning_up else self.growth[firms.ownership] / MONTHS_PER_YEAR
        growth = (1 + trend) * shock
        firms.capacity[growing] *= growth[growing]

        if not model.spinning_up:
            self._fdi_projects(model)
            self._domestic_entry(model)
            self._exits(model)

        firms = model.firms
        ramp = np.clip(
            (model.month - firms.ramp_start) / np.maximum(firms.ramp_months, 1), 0.0, 1.0
        )
        factor = np.where(firms.in_iz, model.policy.iz_demand_factor, NO_CHANGE)
        firms.demand[:] = np.where(firms.active, firms.capacity * ramp * factor, 0.0)
        self._separations(model)
        gap = np.maximum(0.0, firms.demand - firms.size)
        gap[firms.ownership >= Ownership.HOUSEHOLD] = NO_FLOW  # household businesses, farms
        vacancies = np.floor(gap).astype(np.int64)
        # an enterprise may open a post for a fraction of a worker, with that chance
        vacancies += model.firm_uniform("vacancy") < gap - vacancies
        model.vacancies = vacancies

    # ------------------------------------------------------------------ entry and exit

    def _new_firms(
        self,
        model,
        origin: int,
        count: int,
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
        if count == 0:
            return
        model.firms.extend(
            {
                "sector": sector,
                "ownership": np.full(count, ownership),
                "district": district,
                "in_iz": in_iz,
                "active": np.ones(count, dtype=bool),
                "productivity": productivity,
                "size": np.zeros(count),
                "capacity": capacity,
                "demand": np.zeros(count),
                "ramp_start": ramp_start,
                "ramp_months": ramp_months,
                "formal_share": np.full(count, formal_share),
                "si_compliance": np.full(count, compliance),
                "high_tech": high_tech,
                "born": np.full(count, model.month),
                "represents": np.full(count, represents),
                "fid": new_firm_ids(model.draw_month, origin, np.arange(count)),
            }
        )

    def _productivity(
        self, model, sector: np.ndarray, ownership: int, normals: np.ndarray
    ) -> np.ndarray:
        """Productivity of new firms: their sector's level, their ownership's premium, and
        a lognormal spread (``normals`` standard normal draws)."""
        relative = model.data.figures.table("relative_productivity")[
            Ownership(ownership).name.lower()
        ]
        sigma = model.params["firm_productivity_sigma"]
        return model.sector_level[sector] * relative * np.exp(sigma * normals - sigma**2 / 2)

    def _fdi_projects(self, model) -> None:
        """New FDI projects of the month; each attribute has its own stream, so that a
        scenario with more projects keeps the baseline's projects as they were."""
        parameters = model.params
        year = year_of(model.month)
        known = [y for y in self.fdi_inflow if y <= year]
        inflow = self.fdi_inflow[max(known)] if known else 0.0
        musd = inflow / MONTHS_PER_YEAR + model.policy.extra_fdi_musd_per_year / MONTHS_PER_YEAR
        if musd <= 0:
            return
        high_tech_share = (
            model.policy.fdi_high_tech_share
            if model.policy.fdi_high_tech_share is not None
            else parameters["fdi_high_tech_share"]
        )
        projects = musd / parameters["fdi_musd_per_project"]
        # each project is its own agent, with its jobs scaled down to worker agents
        count = self._count("fdi", projects, model.stream("firms.fdi.count"))
        if count == 0:
            return

        def draw(name):
            return model.stream(f"firms.fdi.{name}").random(count)

        high_tech = draw("high_tech") < high_tech_share
        jobs_each = (
            parameters["fdi_musd_per_project"]
            * parameters["fdi_jobs_per_musd"]
            * np.where(high_tech, parameters["high_tech_labour_intensity"], ORDINARY_PROJECT)
        )
        sector = np.where(
            draw("sector") < parameters["fdi_services_share"], Sector.SERVICES, Sector.INDUSTRY
        ).astype(np.int8)
        normals = model.stream("firms.fdi.productivity").standard_normal(count)
        productivity = self._productivity(model, sector, Ownership.FDI, normals) * np.where(
            high_tech, parameters["high_tech_productivity_premium"], ORDINARY_PROJECT
        )
        weight = np.cumsum(self.iz_weight / self.iz_weight.sum())
        district = np.minimum(
            np.searchsorted(weight, draw("district"), side="right"), len(weight) - 1
        )
        in_iz = draw("in_iz") < parameters["fdi_new_iz_share"] * model.policy.iz_location_multiplier
        # a lognormal spread of mean one around the expected jobs
        size_sigma = parameters["fdi_project_size_sigma"]
        size = jobs_each * np.exp(
            size_sigma * model.stream("firms.fdi.size").standard_normal(count) - size_sigma**2 / 2
        )
        self._new_firms(
            model,
            FDI_PROJECT_ORIGIN,
            count,
            sector,
            Ownership.FDI,
            district,
            size,
            productivity,
            in_iz,
            high_tech,
            np.full(count, model.month + int(parameters["fdi_hiring_lag_months"])),
            np.full(count, int(parameters["fdi_ramp_months"])),
            model.data.figures.value("formal_share", "fdi"),
            model.data.figures.value("si_compliance", "fdi"),
            ONE_FIRM,
        )
        model.firms.capacity[-count:] /= model.scale
        # flows are kept in agents (multiplied by scale when measured)
        model.count("new_fdi_projects", count / model.scale)
        model.count("new_enterprises", count / model.scale)
        model.count("fdi_jobs_planned", float(np.sum(size)) / model.scale)

    def _domestic_entry(self, model) -> None:
        parameters = model.params
        count = self._count(
            "domestic",
            parameters["enterprise_entry_per_year"]
            / MONTHS_PER_YEAR
            / model.scale
            * model.policy.enterprise_entry_multiplier,
            model.stream("firms.entry.count"),
        )
        if count == 0:
            return
        shares = np.cumsum(
            [
                parameters["new_enterprise_agriculture_share"],
                parameters["new_enterprise_industry_share"],
            ]
        )
        sector = np.searchsorted(
            shares, model.stream("firms.entry.sector").random(count), side="right"
        ).astype(np.int8)
        weight = np.cumsum(self.pop_weight / self.pop_weight.sum())
        district = np.minimum(
            np.searchsorted(
                weight, model.stream("firms.entry.district").random(count), side="right"
            ),
            len(weight) - 1,
        )
        # a lognormal size with the mean of new_enterprise_size
        mean = parameters["new_enterprise_size"]
        size_sigma = parameters["new_enterprise_size_sigma"]
        capacity = np.exp(
            np.log(mean)
            - size_sigma**2 / 2
            + size_sigma * model.stream("firms.entry.size").standard_normal(count)
        )
        normals = model.stream("firms.entry.productivity").standard_normal(count)
        figures = model.data.figures
        self._new_firms(
            model,
            ENTERPRISE_ENTRY_ORIGIN,
            count,
            sector,
            Ownership.DOMESTIC,
            district,
            capacity,
            self._productivity(model, sector, Ownership.DOMESTIC, normals),
            np.zeros(count, dtype=bool),
            np.zeros(count, dtype=bool),
            np.full(count, model.month),
            np.full(count, int(parameters["new_enterprise_ramp_months"])),
            figures.value("formal_share", "domestic"),
            figures.value("si_compliance", "domestic"),
            float(model.scale),
        )
        model.count("new_enterprises", count)

    def _exits(self, model) -> None:
        firms, parameters = model.firms, model.params
        hazard = self.exit[firms.ownership] / MONTHS_PER_YEAR
        small = (firms.size < int(parameters["small_enterprise_size"])) & (
            firms.ownership == Ownership.DOMESTIC
        )
        hazard = np.where(small, hazard * parameters["small_enterprise_exit_multiplier"], hazard)
        closing = firms.active & (model.firm_uniform("exit") < hazard) & (firms.born < model.month)
        if not closing.any():
            return
        persons = model.persons
        employed = np.flatnonzero(persons.employer >= 0)
        laid_off = employed[closing[persons.employer[employed]]]
        jobs.release(model, laid_off, Status.UNEMPLOYED)
        model.count("separations", len(laid_off))
        model.count("layoffs", len(laid_off))
        firms.active[closing] = False
        firms.capacity[closing] = 0.0
        firms.demand[closing] = 0.0
        enterprise = closing & (firms.ownership <= Ownership.STATE)
        # an FDI agent is one real firm, the others stand for ``scale`` firms each
        model.count("closed_enterprises", firms.represents[enterprise].sum() / model.scale)

    # ------------------------------------------------------------------ separations

    def _separations(self, model) -> None:
        persons, firms, parameters = model.persons, model.firms, model.params
        workers = np.flatnonzero(persons.status == Status.EMPLOYED)
        employer = persons.employer[workers]
        inside = employer >= 0
        quit_rate = np.full(len(workers), parameters["quit_rate_outside"])
        ownership = firms.ownership[employer[inside]]
        quit_rate[inside] = self.quit[ownership]
        # enterprises with more workers than they need cut hours first and lay off only
        # what hours cannot absorb or what persists (simulation/short_time.py)
        excess = np.zeros(len(workers))
        excess[inside] = short_time.layoff_shares(firms, parameters)[employer[inside]]
        uniforms = model.uniform("separation", workers)
        layoff = uniforms < excess
        quits = ~layoff & (uniforms < excess + quit_rate * (1 - excess))
        leaving = workers[layoff | quits]
        jobs.release(model, leaving, Status.UNEMPLOYED)
        model.count("separations", len(leaving))
        model.count("layoffs", layoff.sum())
        model.count("quits", quits.sum())
        model.count(
            "layoffs_iz", int(np.count_nonzero(layoff[inside] & firms.in_iz[employer[inside]]))
        )
        short_time.set_hours_factor(firms, parameters)
