"""Labour demand of enterprises: the workers an enterprise wants follow its output.

An enterprise (FDI, domestic, state) wants the labour its output needs at its costs:

    wanted workers = output demand / labour productivity x wage response

- *Output demand* is the firm's market.  Domestic and FDI enterprises sell in national
  and export markets, which grow with the country's real value added of their sector (the
  mean of several years up to 2022 in the data, COVID years left out: an input from
  outside the province, not the province's own outcome).  New domestic enterprises take
  part of that market (their output less that of closing domestic firms, measured in the
  base year), so an incumbent's market grows by the sector's growth net of that part and a
  job is counted once: by the incumbent or by the newcomer.  New FDI projects bring their
  own (export) orders: the province's growth above the national one is its FDI
  (:mod:`simulation.mechanisms.fdi`); running FDI firms meet part of their market's growth
  with expansion capital, so their own growth is net of the expansions' expected jobs.
  Each firm also has small idiosyncratic shocks.  Industrial-zone firms' markets move with
  export orders (``policy.iz_demand_factor``).  State units are not sold in a market:
  their payrolls follow ``demand_growth_state``.
- *Labour productivity* grows at the sector's rate of technical progress (production: the
  national growth of labour productivity within the sector, from the data), so that the
  labour needed per unit of output falls at that rate.
- *Capital* enters through FDI (:mod:`simulation.mechanisms.fdi`): disbursed capital in
  operation adds the workers its project type needs per million USD.
- *Wage response*: an enterprise's labour cost relative to its productivity (wage bill and
  the employer's insurance contributions, over value added) moves its wanted workers by
  the own-wage elasticity, reached gradually (a share of the gap closed each month).  The
  elasticity is the constant-output one (Hamermesh 1993): the enterprise keeps its output
  and replaces the workers it no longer wants by capital (or takes on workers in place of
  capital when labour gets cheaper), so its value added per unit of labour moves by the
  inverse of the response (:func:`capital_deepening`, read by production).  The
  minimum wage raises that cost twice: as the floor of pay in formal jobs
  (:func:`simulation.wages.set_wages`), and as the floor of the wage on which insured
  workers' contributions are paid (``employer_insurance_contribution_rate``, 21.5 %, on a
  base no lower than the regional minimum: Law on Social Insurance 2014, Art. 89).
  Enterprises declare only part of pay as the contract wage the contributions are paid on
  (``si_declared_pay_share``), so the base of most insured workers is the minimum itself,
  and a minimum-wage rise raises their contributions even where their pay is well above
  it (:func:`simulation.wages.employer_contributions`).

Everything is decided per firm (columns), not per person.
"""

from __future__ import annotations

import numpy as np

from simulation.calendar import MONTHS_PER_YEAR
from simulation.firms import IS_ENTERPRISE, Ownership
from simulation.labour_law import full_time_weekly_hours
from simulation.population import SECTORS, Insurance, Status
from simulation.wages import employer_contributions, labour_units, minimum_wages_in_force

# a firm with no value added this month (no workers) keeps its wage response
NO_LABOUR_COST = 0.0
NO_GROWTH = 1.0  # a market that does not grow (the stationary spin-up)
NO_CONTRIBUTIONS = 0.0  # no employer contributions counted in the labour cost
ALL_PAY_DECLARED = 1.0  # contributions on the whole of pay


def monthly_market_growth(
    sector_growth: np.ndarray, entry_share: np.ndarray, technical_progress: np.ndarray
) -> np.ndarray:
    """Monthly growth factor of an incumbent enterprise's wanted workers, by sector: its
    market grows with the sector's output less the share new capacity takes (both yearly),
    and each unit of output needs less labour as productivity grows (yearly)."""
    yearly = (1 + sector_growth) / (1 + entry_share) / (1 + technical_progress)
    return yearly ** (1 / MONTHS_PER_YEAR)


def unit_labour_cost(
    persons,
    firms,
    full_time_hours: float,
    minimum_wage: np.ndarray | None = None,
    contribution_rate: float = NO_CONTRIBUTIONS,
    declared_share: float = ALL_PAY_DECLARED,
) -> np.ndarray:
    """Each firm's labour cost over the value its workers add (0 without paid workers):
    the wage bill plus the employer's insurance contributions (``contribution_rate`` on
    each insured worker's base, no lower than ``minimum_wage``, the monthly minimum of each
    district; see :func:`simulation.wages.employer_contributions`)."""
    workers = np.flatnonzero(
        (persons.status == Status.EMPLOYED.value) & (persons.employer >= 0) & (persons.wage > 0)
    )
    employer = persons.employer[workers]
    n = len(firms)
    wages = np.bincount(employer, weights=persons.wage[workers], minlength=n)
    if minimum_wage is not None and contribution_rate > NO_CONTRIBUTIONS:
        # positions rather than a mask: indexing with a scattered mask is slow
        insured = workers[np.flatnonzero(persons.si[workers] == Insurance.COMPULSORY.value)]
        contributions = employer_contributions(
            persons, firms, insured, minimum_wage, contribution_rate, declared_share
        )
        wages += np.bincount(persons.employer[insured], weights=contributions, minlength=n)
    units = labour_units(persons, workers, full_time_hours)
    value = np.bincount(
        employer, weights=firms.productivity[employer].astype(np.float64) * units, minlength=n
    )
    return np.divide(wages, value, out=np.zeros(n), where=value > 0)


def wage_response(
    current: np.ndarray, cost: np.ndarray, base_cost: np.ndarray, elasticity: float, speed: float
) -> np.ndarray:
    """The new wage response of firms: its long-run value is (cost / base cost) ^ elasticity;
    each month the log response closes ``speed`` of the gap to it."""
    target = (cost / base_cost) ** elasticity
    return current * (target / current) ** speed


def capital_deepening(firms) -> np.ndarray:
    """Each firm's value added per unit of labour from the capital it has put in place of
    labour since it was first observed, as a factor on its productivity: the inverse of its
    wage response.  The wage response is the constant-output response of wanted workers to
    labour costs, so the output of the workers it removed is made by capital instead (and
    that of workers taken on in place of capital by them): output over labour moves by
    the inverse.  1 for firms whose labour costs have not moved (farms, household
    businesses, state units and new firms keep a response of 1)."""
    return np.reciprocal(firms.wage_response)


class LabourDemand:
    """Market growth, technical progress and wage response of enterprises' labour demand."""

    def __init__(
        self,
        model,
        technical_progress: np.ndarray,
        entry_share: np.ndarray,
        expansion_share: float,
    ):
        parameters = model.params
        self.full_time_hours = full_time_weekly_hours(model.data)
        self.minimum_wages = minimum_wages_in_force  # this month's floor, by district
        self.sector_growth = np.array(
            [
                np.mean(
                    list(model.data.figures.series("national_sector_real_growth", sector).values())
                )
                for sector in SECTORS
            ]
        )
        self.entry_share = entry_share
        market = monthly_market_growth(self.sector_growth, entry_share, technical_progress)
        # rows: ownership; columns: sector (household businesses and farms: see FirmDynamics)
        self.growth = np.ones((len(Ownership), len(SECTORS)))
        # running FDI firms meet part of their market's growth with expansion capital,
        # whose jobs come when it is disbursed (simulation/mechanisms/fdi.py)
        self.growth[Ownership.FDI] = market / (1 + expansion_share) ** (1 / MONTHS_PER_YEAR)
        self.growth[Ownership.DOMESTIC] = market
        self.growth[Ownership.STATE] = (1 + parameters["demand_growth_state"]) ** (
            1 / MONTHS_PER_YEAR
        )

    def step(self, model) -> None:
        """Move enterprises' wanted workers (``capacity``) with their market, productivity,
        idiosyncratic shocks and labour costs."""
        firms, parameters = model.firms, model.params
        enterprise = firms.active & IS_ENTERPRISE[firms.ownership]
        shock_sd = parameters["demand_shock_sd"]
        shock = np.exp(shock_sd * model.firm_normal("demand_shock") - shock_sd**2 / 2)
        # the stationary spin-up holds the markets' growth (see simulation/model.py)
        market = self.growth[firms.ownership, np.maximum(firms.sector, 0)]
        factor = (NO_GROWTH if model.spinning_up else market) * shock
        firms.capacity[enterprise] *= factor[enterprise].astype(np.float32)

        cost = unit_labour_cost(
            model.persons,
            firms,
            self.full_time_hours,
            self.minimum_wages(model),
            parameters["employer_insurance_contribution_rate"],
            parameters["si_declared_pay_share"],
        )
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
