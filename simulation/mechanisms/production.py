"""Output, hours, productivity and wages.

- Productivity (value added per unit of labour) grows each month at its sector's yearly
  rate of technical progress; this and the move of workers from farms and household
  businesses into more productive firms make social labour productivity grow.
- Farms share the work they have among their members: when a farm needs fewer hands than
  it has (mechanisation, lost land, a slack month of the crop calendar), everyone works
  fewer hours, and those wanting more are underemployed.  Household-business workers work
  their usual hours.  Wage workers work their usual hours times their enterprise's hours
  factor: below 1 when it has more workers than work (short-time work, see
  :mod:`simulation.short_time`); those cut under 35 hours are underemployed.
- Value added is productivity times labour (skill x hours) times the capital an enterprise
  has put in place of labour (see labour_demand.capital_deepening); household businesses'
  output is valued at their district's demand (see local_economy.household_prices).  GRDP
  adds taxes on products.  Value added without that capital is kept as well, so that the
  productivity growth it brings (capital deepening) is reported as a part of its own.
- Pay is recomputed every month (see :mod:`simulation.wages`), with the minimum wage of
  the month (pro rata to the hours of workers on short time).
"""

from __future__ import annotations

import numpy as np

from simulation.calendar import MONTHS_PER_YEAR
from simulation.firms import Ownership
from simulation.labour_law import full_time_weekly_hours
from simulation.mechanisms.labour_demand import capital_deepening
from simulation.mechanisms.local_economy import household_prices
from simulation.numeric import total
from simulation.population import OUTSIDE_EMPLOYER, SECTORS, Sector, Status
from simulation.wages import labour_units, minimum_wages_in_force, set_outside_wages, set_wages


def technical_progress(model) -> np.ndarray:
    """Yearly growth of value added per unit of labour, by sector: on farms an assumption
    (``farm_productivity_growth``), in industry and services the national growth of labour
    productivity within the sector (data, national proxy)."""
    within = model.data.figures.table("within_sector_productivity_growth")
    return np.array(
        [
            model.params["farm_productivity_growth"],
            within[Sector.INDUSTRY.name.lower()],
            within[Sector.SERVICES.name.lower()],
        ]
    )


class Production:
    """Technical progress, hours of self-employed work, value added and pay."""

    def __init__(self, model):
        self.full_time_hours = full_time_weekly_hours(model.data)
        self.tfp = technical_progress(model)

    def step(self, model) -> None:
        persons, firms = model.persons, model.firms
        if not model.spinning_up:  # no technical progress in the stationary spin-up
            monthly = (1 + self.tfp) ** (1 / MONTHS_PER_YEAR)
            firms.productivity *= monthly[firms.sector].astype(np.float32)
            model.sector_level = model.sector_level * monthly

        workers = np.flatnonzero(
            (persons.status == Status.EMPLOYED.value) & (persons.employer >= 0)
        )
        employer = persons.employer[workers]
        # farms share out the work they have this month (at most full work); enterprises on
        # short time cut their workers' hours (simulation/short_time.py)
        work_per_member = np.minimum(1.0, firms.demand / np.maximum(firms.size, 1))
        share_of_usual = np.where(
            firms.ownership == Ownership.FARM.value, work_per_member, firms.hours_factor
        )
        hours = persons.usual_hours[workers] * share_of_usual[employer]
        persons.hours[workers] = np.rint(hours).astype(np.int8)

        units = labour_units(persons, workers, self.full_time_hours)
        price = household_prices(model, workers, units, employer)
        value = firms.productivity[employer].astype(np.float64) * price
        weighted = np.multiply(value, units, dtype=np.float64)  # without capital deepening
        model.value_added_without_capital = total(weighted)
        weighted *= capital_deepening(firms)[employer]  # each worker's value added
        model.value_added = total(weighted)
        model.value_added_by_sector = np.bincount(
            firms.sector[employer], weights=weighted, minlength=len(SECTORS)
        )

        floor = minimum_wages_in_force(model)
        set_wages(model.data, persons, firms, workers, floor, price, units, employer)
        commuters = np.flatnonzero(
            (persons.status == Status.EMPLOYED.value) & (persons.employer == OUTSIDE_EMPLOYER)
        )
        persons.hours[commuters] = persons.usual_hours[commuters]
        set_outside_wages(model.data, persons, firms, commuters, float(floor.max()))
