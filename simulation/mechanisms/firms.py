"""Firms: labour demand, FDI projects, enterprise entry and exit, separations, vacancies.

- Each enterprise wants ``capacity`` workers, which follow its output: its market, its
  productivity, its capital and its labour costs (see
  :mod:`simulation.mechanisms.labour_demand`).  Farms' labour needs (land, mechanisation,
  the crop calendar) and household businesses (who do not recruit) are the local
  economy's (see local_economy).
- FDI arrives as the data's registered capital per year (exogenous): new projects and
  expansions of running ones, disbursed over time; capital in operation becomes jobs by
  project type (see :mod:`simulation.mechanisms.fdi`).  New projects settle in the
  districts with industrial zones.
- Domestic enterprises are founded at the data's yearly rate and close at a yearly
  hazard; closing firms lay off all their workers.
- Workers quit into unemployment at ownership-specific rates.  Enterprises with more
  workers than they want cut hours first and lay off only the excess the hours cut cannot
  absorb or that persists (see :mod:`simulation.short_time`); farms and household
  businesses share out their work (see production).
- Vacancies are the workers a firm wants and does not have.
- Enterprises then post their pay relative to the going rate: raised when their vacancies
  stay open, rarely and slightly cut when they have more workers than they need (see
  :mod:`simulation.wage_posting`).  The decision sits here, with the firm's other
  decisions on its workforce (wanted workers, hours, layoffs, vacancies), once it knows
  this month's vacancies and hours; matching and production only apply it.
"""

from __future__ import annotations

import numpy as np

from simulation import jobs, short_time
from simulation.calendar import MONTHS_PER_YEAR
from simulation.firms import Ownership, is_enterprise, new_firm_ids
from simulation.mechanisms.demography import stochastic_round
from simulation.mechanisms.fdi import FdiInvestment
from simulation.mechanisms.labour_demand import LabourDemand
from simulation.mechanisms.production import technical_progress
from simulation.numeric import weighted_sum
from simulation.policy import NO_CHANGE
from simulation.population import SECTORS, Status, per_employer
from simulation.wage_posting import WagePosting

# Flows a kind of firm does not have: household businesses' and farms' labour needs are the
# local economy's (see local_economy), farm workers do not quit into unemployment, state
# bodies and farms do not close, farms and household businesses post no vacancies, and
# only enterprises lay off.
NO_FLOW = 0.0
# origins of new firms in firms.new_firm_ids
FDI_PROJECT_ORIGIN = 1
ENTERPRISE_ENTRY_ORIGIN = 2
# a sector without enterprises in the base year gives its newcomers no market share
NO_OUTPUT = 1e-12


def quit_rates(parameters) -> np.ndarray:
    """Monthly chance that a worker quits, by the ownership of their employer (farms:
    none; their members leave by the farm's rules)."""
    return np.array(
        [
            parameters["quit_rate_fdi"],
            parameters["quit_rate_domestic"],
            parameters["quit_rate_state"],
            parameters["quit_rate_household"],
            NO_FLOW,
        ]
    )


class FirmDynamics:
    """Labour demand, entry and exit of firms, separations and vacancies."""

    def __init__(self, model):
        parameters, data = model.params, model.data
        self.quit = quit_rates(parameters)
        self.exit = np.array(
            [
                parameters["exit_rate_fdi"],
                parameters["exit_rate_domestic"],
                NO_FLOW,
                parameters["exit_rate_household"],
                NO_FLOW,
            ]
        )
        population = data.figures.by_area("population")
        self.pop_weight = np.array(
            [population[district] for district in data.districts], dtype=float
        )
        self.carry: dict[str, float] = {}
        model.vacancies = np.zeros(len(model.firms), dtype=np.int64)
        self.fdi = FdiInvestment(model)
        domestic = model.firms.ownership == Ownership.DOMESTIC.value
        self.domestic_certified_share = float(
            np.average(model.firms.certified_wanted[domestic], weights=model.firms.size[domestic])
            if model.firms.size[domestic].sum() > 0
            else 0.0
        )
        self.labour_demand = LabourDemand(
            model,
            technical_progress(model),
            self._entry_share(model),
            self.fdi.expansion_share(model),
        )
        self.wage_posting = WagePosting(model)

    def _exit_hazard(self, model) -> np.ndarray:
        """Yearly chance that each firm closes."""
        firms, parameters = model.firms, model.params
        hazard = self.exit[firms.ownership]
        small = (firms.size < int(parameters["small_enterprise_size"])) & (
            firms.ownership == Ownership.DOMESTIC.value
        )
        return np.where(small, hazard * parameters["small_enterprise_exit_multiplier"], hazard)

    def _new_enterprise_sector_shares(self, parameters) -> np.ndarray:
        agriculture = parameters["new_enterprise_agriculture_share"]
        industry = parameters["new_enterprise_industry_share"]
        return np.array([agriculture, industry, 1 - agriculture - industry])

    def _entry_share(self, model) -> np.ndarray:
        """Yearly output of new domestic enterprises less that of closing domestic ones,
        relative to the output of FDI and domestic enterprises in the base year, by sector:
        the part of the sector's market that incumbents do not get.  (New FDI capital
        brings its own export orders: see simulation/mechanisms/fdi.py.)"""
        firms, parameters = model.firms, model.params
        market = firms.active & (
            (firms.ownership == Ownership.FDI.value) | (firms.ownership == Ownership.DOMESTIC.value)
        )
        domestic = firms.active & (firms.ownership == Ownership.DOMESTIC.value)
        output = firms.productivity.astype(float) * firms.size
        sectors = len(SECTORS)
        base = np.bincount(firms.sector[market], weights=output[market], minlength=sectors)
        closing = np.bincount(
            firms.sector[domestic],
            weights=(self._exit_hazard(model) * output)[domestic],
            minlength=sectors,
        )
        relative = model.data.figures.table("relative_productivity")
        domestic_new = (
            parameters["enterprise_entry_per_year"]
            / model.scale
            * parameters["new_enterprise_size"]
            * self._new_enterprise_sector_shares(parameters)
            * model.sector_level
            * relative["domestic"]
        )
        return (domestic_new - closing) / np.maximum(base, NO_OUTPUT)

    def _count(self, key: str, expected: float, rng) -> int:
        """Whole firm agents to create this month, carrying fractions to the next."""
        carried = self.carry.get(key, 0.0) + expected
        whole = stochastic_round(carried, rng) if carried < 1 else int(np.floor(carried))
        self.carry[key] = carried - whole if carried >= 1 else 0.0
        return whole

    def step(self, model) -> None:
        firms = model.firms
        self.labour_demand.step(model)

        # the stationary spin-up holds the stock of firms and FDI capital
        if not model.spinning_up:
            self.fdi.step(model, *self.fdi_helpers(model))
            self._domestic_entry(model)
            self._exits(model)

        firms = model.firms
        ramp = np.clip(
            (model.month - firms.ramp_start) / np.maximum(firms.ramp_months, 1), 0.0, 1.0
        )
        # the market of industrial-zone firms moves with export orders
        factor = np.where(firms.in_iz, model.policy.iz_demand_factor, NO_CHANGE)
        firms.demand[:] = np.where(firms.active, firms.capacity * ramp * factor, 0.0)
        self._separations(model)
        gap = np.maximum(0.0, firms.demand - firms.size)
        gap[firms.ownership >= Ownership.HOUSEHOLD.value] = NO_FLOW  # household businesses, farms
        vacancies = np.floor(gap).astype(np.int64)
        # an enterprise may open a post for a fraction of a worker, with that chance
        vacancies += model.firm_uniform("vacancy") < gap - vacancies
        model.vacancies = vacancies
        # posts for certified workers, by each firm's wanted skill mix (reported)
        model.count("vacancies_certified", weighted_sum(vacancies, firms.certified_wanted))
        self.wage_posting.step(model)

    # ------------------------------------------------------------------ entry and exit

    def fdi_helpers(self, model) -> tuple:
        """What FDI investment needs to create projects: new firm rows, their productivity,
        and whole counts of agents carrying fractions from month to month."""
        return (
            lambda *columns: self._new_firms(model, FDI_PROJECT_ORIGIN, *columns),
            lambda sector, ownership, normals: self._productivity(
                model, sector, ownership, normals
            ),
            lambda key, expected, stream: self._count(key, expected, model.stream(stream)),
        )

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
    ) -> np.ndarray:
        """Append ``count`` new firms; returns their rows."""
        if count == 0:
            return np.zeros(0, dtype=np.int64)
        return model.firms.extend(
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
        shares = np.cumsum(self._new_enterprise_sector_shares(parameters)[:-1])
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
        rows = self._new_firms(
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
        model.firms.certified_wanted[rows] = self.domestic_certified_share
        model.count("new_enterprises", count)

    def _exits(self, model) -> None:
        firms = model.firms
        hazard = self._exit_hazard(model) / MONTHS_PER_YEAR
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
        firms.capital_pending[closing] = 0.0
        firms.demand[closing] = 0.0
        enterprise = closing & is_enterprise(firms)
        # an FDI agent is one real firm, the others stand for ``scale`` firms each
        model.count("closed_enterprises", firms.represents[enterprise].sum() / model.scale)

    # ------------------------------------------------------------------ separations

    def _separations(self, model) -> None:
        persons, firms, parameters = model.persons, model.firms, model.params
        workers = np.flatnonzero(persons.status == Status.EMPLOYED.value)
        employer = persons.employer[workers]
        # rates by firm, read per worker (commuters: the outside rate)
        quit_rate = per_employer(
            self.quit[firms.ownership], employer, parameters["quit_rate_outside"]
        )
        # enterprises with more workers than they need cut hours first and lay off only
        # what hours cannot absorb or what persists (simulation/short_time.py)
        excess = per_employer(
            short_time.layoff_shares(firms, parameters), employer, short_time.NO_LAYOFF
        )
        uniforms = model.uniform("separation", workers)
        layoff = uniforms < excess
        quits = ~layoff & (uniforms < excess + quit_rate * (1 - excess))
        leaving = workers[layoff | quits]
        jobs.release(model, leaving, Status.UNEMPLOYED)
        model.count("separations", len(leaving))
        model.count("layoffs", layoff.sum())
        model.count("quits", quits.sum())
        # the laid off all worked inside (no excess outside)
        laid_off_by = employer[np.flatnonzero(layoff)]
        model.count("layoffs_iz", int(np.count_nonzero(firms.in_iz[laid_off_by])))
        short_time.set_hours_factor(firms, parameters)
