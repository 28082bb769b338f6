"""Labour demand of enterprises: the workers an enterprise wants follow its output.

An enterprise (FDI, domestic, state) wants the labour its output needs at its costs:

    wanted workers = output demand / labour productivity x wage response

- *Output demand* is the firm's market.  Domestic and FDI enterprises sell in markets that
  grow with their sector's real value added (the province's GRDP growth by sector in the
  data); since part of a sector's growth comes from new capacity (FDI capital coming into
  operation, new enterprises, less closures), the market of an incumbent grows by the
  sector's growth net of that part, measured in the base year (so that a job is counted
  once: by the incumbent or by the newcomer).  Each firm also has small idiosyncratic
  shocks.  Industrial-zone firms' markets move with export orders
  (``policy.iz_demand_factor``).  State units are not sold in a market: their payrolls
  follow ``demand_growth_state``.
- *Labour productivity* grows at the sector's rate of technical progress (production), so
  that the labour needed per unit of output falls at that rate.
- *Capital* enters through FDI (:mod:`simulation.mechanisms.fdi`): disbursed capital in
  operation adds the workers its project type needs per million USD.
- *Wage response*: an enterprise's labour cost relative to its productivity (wage bill
  over value added: it rises when the minimum wage binds) moves its wanted workers by the
  own-wage elasticity, reached gradually (a share of the gap closed each month).

Everything is decided per firm (columns), not per person.
"""

from __future__ import annotations

import numpy as np

from simulation.calendar import MONTHS_PER_YEAR
from simulation.firms import ENTERPRISES, Ownership
from simulation.population import SECTORS, Status
from simulation.wages import labour_units

# a firm with no value added this month (no workers) keeps its wage response
NO_LABOUR_COST = 0.0


def monthly_market_growth(
    sector_growth: np.ndarray, entry_share: np.ndarray, technical_progress: np.ndarray
) -> np.ndarray:
    """Monthly growth factor of an incumbent enterprise's wanted workers, by sector: its
    market grows with the sector's output less the share new capacity takes (both yearly),
    and each unit of output needs less labour as productivity grows (yearly)."""
    yearly = (1 + sector_growth) / (1 + entry_share) / (1 + technical_progress)
    return yearly ** (1 / MONTHS_PER_YEAR)


def unit_labour_cost(persons, firms) -> np.ndarray:
    """Each firm's wage bill over the value its workers add (0 without paid workers)."""
    workers = np.flatnonzero(
        (persons.status == Status.EMPLOYED) & (persons.employer >= 0) & (persons.wage > 0)
    )
    employer = persons.employer[workers]
    n = len(firms)
    wages = np.bincount(employer, weights=persons.wage[workers], minlength=n)
    value = np.bincount(
        employer,
        weights=firms.productivity[employer].astype(np.float64) * labour_units(persons, workers),
        minlength=n,
    )
    return np.divide(wages, value, out=np.zeros(n), where=value > 0)


def wage_response(
    current: np.ndarray, cost: np.ndarray, base_cost: np.ndarray, elasticity: float, speed: float
) -> np.ndarray:
    """The new wage response of firms: its long-run value is (cost / base cost) ^ elasticity;
    each month the log response closes ``speed`` of the gap to it."""
    target = (cost / base_cost) ** elasticity
    return current * (target / current) ** speed


class LabourDemand:
    """Market growth, technical progress and wage response of enterprises' labour demand."""

    def __init__(self, model, technical_progress: np.ndarray, entry_share: np.ndarray):
        parameters = model.params
        growth = model.data.figures.table("grdp_sector_real_growth")
        self.sector_growth = np.array([growth[sector] for sector in SECTORS])
        self.entry_share = entry_share
        market = monthly_market_growth(self.sector_growth, entry_share, technical_progress)
        # rows: ownership; columns: sector (household businesses and farms: see FirmDynamics)
        self.growth = np.ones((len(Ownership), len(SECTORS)))
        self.growth[Ownership.FDI] = market
        self.growth[Ownership.DOMESTIC] = market
        self.growth[Ownership.STATE] = (1 + parameters["demand_growth_state"]) ** (
            1 / MONTHS_PER_YEAR
        )
        self.enterprise = np.array([o in ENTERPRISES for o in Ownership])

    def step(self, model) -> None:
        """Move enterprises' wanted workers (``capacity``) with their market, productivity,
        idiosyncratic shocks and labour costs."""
        firms, parameters = model.firms, model.params
        enterprise = firms.active & self.enterprise[firms.ownership]
        shock_sd = parameters["demand_shock_sd"]
        shock = np.exp(shock_sd * model.firm_normal("demand_shock") - shock_sd**2 / 2)
        factor = self.growth[firms.ownership, np.maximum(firms.sector, 0)] * shock
        firms.capacity[enterprise] *= factor[enterprise].astype(np.float32)

        cost = unit_labour_cost(model.persons, firms)
        seen = enterprise & (cost > NO_LABOUR_COST)
        first = seen & (firms.labour_cost_base <= NO_LABOUR_COST)
        firms.labour_cost_base[first] = cost[first]
        old = firms.wage_response[seen].astype(np.float64)
        new = wage_response(
            old,
            cost[seen],
            firms.labour_cost_base[seen].astype(np.float64),
            parameters["labour_demand_wage_elasticity"],
            parameters["labour_demand_adjustment_speed"],
        )
        firms.wage_response[seen] = new
        firms.capacity[seen] *= (new / old).astype(np.float32)
