"""Labour demand on small hand-made situations with known answers."""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np
import pytest

from simulation.firms import FIRM_COLUMNS, FirmTable, Ownership
from simulation.mechanisms.fdi import FdiInvestment, disbursed_this_month
from simulation.mechanisms.firms import FirmDynamics
from simulation.mechanisms.labour_demand import (
    LabourDemand,
    capital_deepening,
    monthly_market_growth,
    unit_labour_cost,
    wage_response,
)
from simulation.mechanisms.production import technical_progress
from simulation.policy import Policy
from simulation.population import Insurance, PersonTable, Sector, Status
from simulation.wages import employer_contributions
from tests.conftest import model as build

ELASTICITY = -0.3
FULL_WEEK = 48  # the workers below work the legal full-time week
SPEED = 0.1


def firms(n, ownership=Ownership.DOMESTIC, sector=Sector.INDUSTRY, size=10.0):
    """``n`` active enterprises of ``size`` workers wanting that many; other columns by
    default (premium 1, full hours, nothing open, no capital, no wage response yet)."""
    cols = {name: np.zeros(n) for name in FIRM_COLUMNS if name not in FirmTable.DEFAULTS}
    cols.update(
        ownership=np.full(n, ownership),
        sector=np.full(n, sector),
        active=np.ones(n, dtype=bool),
        represents=np.ones(n),
        fid=np.arange(n),
        productivity=np.full(n, 10.0),
        size=np.full(n, size),
        capacity=np.full(n, size),
        demand=np.full(n, size),
    )
    return FirmTable(cols)


def workers(employers, wage):
    """Full-time workers of skill 1 at ``employers``, each paid ``wage``."""
    t = PersonTable.empty(len(employers))
    t.status[:] = Status.EMPLOYED
    t.employer[:] = employers
    t.skill[:] = 1.0
    t.hours[:] = 48
    t.wage[:] = wage
    return t


def toy_model(firm_table, persons, **params):
    flows = {}
    return SimpleNamespace(
        firms=firm_table,
        persons=persons,
        params={
            "demand_shock_sd": 1e-12,
            "labour_demand_wage_elasticity": ELASTICITY,
            "labour_demand_adjustment_speed": SPEED,
            "employer_insurance_contribution_rate": 0.215,
            "si_declared_pay_share": 0.5,
            **params,
        },
        firm_normal=lambda purpose: np.zeros(len(firm_table)),
        month=0,
        spinning_up=False,
        scale=1,
        policy=Policy(),
        flows=flows,
        count=lambda flow, n: flows.__setitem__(flow, flows.get(flow, 0.0) + n),
    )


def labour_demand(yearly_factor: float) -> LabourDemand:
    """A LabourDemand whose enterprises' wanted workers grow by ``yearly_factor`` a year."""
    demand = LabourDemand.__new__(LabourDemand)
    demand.growth = np.full((len(Ownership), 3), yearly_factor ** (1 / 12))
    demand.full_time_hours = FULL_WEEK
    demand.minimum_wages = lambda _: np.zeros(1)  # no minimum wage binds
    return demand


def test_market_growth_net_of_productivity_and_new_capacity():
    growth = monthly_market_growth(np.array([0.1]), np.array([0.0]), np.array([0.0]))
    assert growth[0] ** 12 == pytest.approx(1.1)
    # output per worker growing as fast as the market: the same workers suffice
    same = monthly_market_growth(np.array([0.1]), np.array([0.0]), np.array([0.1]))
    assert same[0] == pytest.approx(1.0)
    # newcomers taking the whole growth leave incumbents none
    assert monthly_market_growth(np.array([0.1]), np.array([0.1]), np.array([0.0]))[
        0
    ] == pytest.approx(1.0)


def test_a_firm_whose_market_grows_wants_more_workers():
    table = firms(2)
    model = toy_model(table, workers([0, 1], 5.0))
    demand = labour_demand(1.12)
    for _ in range(12):
        demand.step(model)
    # wage costs unchanged: only the market moves wanted workers, by 12 % in a year
    assert table.capacity[0] == pytest.approx(11.2, rel=1e-4)
    assert table.wage_response[0] == pytest.approx(1.0)


def test_unit_labour_cost_is_the_wage_bill_over_value_added():
    table = firms(2)
    cost = unit_labour_cost(workers([0, 0, 1], np.array([5.0, 5.0, 8.0])), table, FULL_WEEK)
    # productivity 10 per worker: 10 / 20 and 8 / 10
    assert cost == pytest.approx([0.5, 0.8])


def test_a_higher_wage_lowers_wanted_workers_by_the_elasticity():
    table = firms(1)
    persons = workers([0], 5.0)
    model = toy_model(table, persons)
    demand = labour_demand(1.0)
    demand.step(model)  # the base labour cost is observed
    persons.wage[:] = 5.5  # labour cost 10 % higher
    demand.step(model)
    # gradually: the first month closes SPEED of the gap in logs
    assert table.capacity[0] == pytest.approx(10 * 1.1 ** (ELASTICITY * SPEED), rel=1e-5)
    for _ in range(300):
        demand.step(model)
    assert table.capacity[0] == pytest.approx(10 * 1.1**ELASTICITY, rel=1e-4)
    assert wage_response(np.array([1.0]), np.array([1.1]), np.array([1.0]), ELASTICITY, 1.0)[
        0
    ] == pytest.approx(1.1**ELASTICITY)


def test_the_workers_a_dearer_firm_no_longer_wants_are_replaced_by_capital():
    """Constant output: the firm's wanted workers fall with its labour cost, and the value
    each unit of labour adds rises by the capital put in their place, so that its wanted
    workers make what its ten workers made; cheaper labour does the reverse."""
    table = firms(2)
    persons = workers([0, 1], 5.0)
    model = toy_model(table, persons)
    demand = labour_demand(1.0)
    demand.step(model)  # the base labour costs are observed
    assert capital_deepening(table) == pytest.approx([1.0, 1.0])
    persons.wage[:] = [5.5, 4.5]  # labour 10 % dearer at the first, 10 % cheaper at the second
    for _ in range(300):
        demand.step(model)
    deepening = capital_deepening(table)
    assert deepening[0] == pytest.approx(1.1**-ELASTICITY, rel=1e-4) and deepening[0] > 1
    assert deepening[1] == pytest.approx(0.9**-ELASTICITY, rel=1e-4) and deepening[1] < 1
    output = table.productivity * table.capacity * deepening  # at the wanted workers
    assert output == pytest.approx([10 * 10.0, 10 * 10.0], rel=1e-4)


def test_registered_capital_is_disbursed_once_into_jobs():
    pending = np.array([100.0])
    total = 0.0
    for _ in range(600):
        flow = disbursed_this_month(pending, np.array([24.0]))
        pending -= flow
        total += flow[0]
    assert total == pytest.approx(100.0)
    # the first year disburses 1 - exp(-12 / 24) of it
    first_year = 100 * (1 - np.exp(-12 / 24))
    assert first_year == pytest.approx(39.35, abs=0.01)

    # one project with 10 million USD pending next to a running firm
    table = firms(2, ownership=Ownership.FDI, size=0.0)
    table.capacity[:] = [0.0, 50.0]
    table.capital_pending[0] = 10.0
    table.disbursement_months[0] = 24.0
    model = toy_model(
        table,
        workers([], 0.0),
        fdi_jobs_per_musd_disbursed=30.0,
        high_tech_labour_intensity=0.5,
    )
    fdi = FdiInvestment.__new__(FdiInvestment)
    for month in range(600):
        model.month = month
        fdi._disburse(model)
    assert table.capital[0] == pytest.approx(10.0, rel=1e-4)
    assert table.capacity[0] == pytest.approx(300.0, rel=1e-4)  # 10 x 30 jobs, once
    assert model.flows["fdi_jobs_created"] == pytest.approx(300.0, rel=1e-4)
    assert table.capacity[1] == 50.0  # the running firm is untouched


@pytest.fixture(scope="module")
def small_model():
    return build("scale=200", "end=2022-03")


def test_a_high_tech_project_wants_a_more_certified_mix(small_model):
    m = small_model
    dynamics = next(x for x in m.mechanisms if isinstance(x, FirmDynamics))
    before = len(m.firms)
    m.policy.fdi_high_tech_share = 1.0
    dynamics.fdi._projects(m, 500.0, *dynamics.fdi_helpers(m))
    m.policy.fdi_high_tech_share = 0.0
    dynamics.fdi._projects(m, 500.0, *dynamics.fdi_helpers(m))
    m.policy.fdi_high_tech_share = None
    new = np.arange(before, len(m.firms))
    high_tech = new[m.firms.high_tech[new]]
    ordinary = new[~m.firms.high_tech[new]]
    assert len(high_tech) > 0 and len(ordinary) > 0
    assert m.firms.certified_wanted[high_tech] == pytest.approx(
        m.params["high_tech_certified_share"]
    )
    assert m.firms.certified_wanted[ordinary].max() < m.firms.certified_wanted[high_tech].min()
    # registered capital waits for disbursement: no job before the project operates
    assert (m.firms.capacity[new] == 0).all()
    assert m.firms.capital_pending[new].sum() > 0


def test_base_year_incumbents_get_the_national_market_net_of_new_enterprises(small_model):
    """An incumbent's wanted workers grow with the national sector's output (mean of the
    data's years), less new domestic enterprises' share, less technical progress."""
    dynamics = next(x for x in small_model.mechanisms if isinstance(x, FirmDynamics))
    demand = dynamics.labour_demand
    series = small_model.data.figures.series("national_sector_real_growth", "industry")
    assert len(series) >= 3  # several years, not one
    assert demand.sector_growth[Sector.INDUSTRY] == pytest.approx(np.mean(list(series.values())))
    yearly = demand.growth[Ownership.DOMESTIC] ** 12
    expected = (1 + demand.sector_growth) / (1 + demand.entry_share)
    assert yearly * (1 + technical_progress(small_model)) == pytest.approx(expected)
    # running FDI firms meet part of it with expansion capital (counted once, there)
    expansion = dynamics.fdi.expansion_share(small_model)
    assert expansion > 0
    assert demand.growth[Ownership.FDI] ** 12 * (1 + expansion) == pytest.approx(yearly)
    within = small_model.data.figures.table("within_sector_productivity_growth")
    assert technical_progress(small_model)[Sector.INDUSTRY] == pytest.approx(within["industry"])


# ---------------------------------------------------------------- the minimum wage's cost

FLOOR = 4.0  # monthly minimum wage of the toy district
RATE = 0.215  # employer contributions (social, health, unemployment insurance)
DECLARED = 0.5  # share of pay declared as the contract wage contributions are paid on


def insured_workers(employers, wage):
    """Full-time workers of skill 1, all enrolled in compulsory insurance."""
    t = workers(employers, wage)
    t.si[:] = Insurance.COMPULSORY
    t.formal[:] = True
    return t


def test_contributions_are_paid_on_a_base_no_lower_than_the_minimum():
    table = firms(2)
    persons = insured_workers([0, 1], np.array([5.0, 20.0]))
    floor = np.array([FLOOR])
    contributions = employer_contributions(persons, table, np.arange(2), floor, RATE, DECLARED)
    # declared 2.5 is below the minimum: paid on the minimum; declared 10 is above it
    assert contributions == pytest.approx([RATE * FLOOR, RATE * 10.0])
    # not insured: nothing
    persons.si[:] = Insurance.NONE
    assert employer_contributions(
        persons, table, np.arange(2), floor, RATE, DECLARED
    ) == pytest.approx([0.0, 0.0])
    # the labour cost adds them to the wage bill (productivity 10 per worker)
    persons.si[:] = Insurance.COMPULSORY
    cost = unit_labour_cost(persons, table, FULL_WEEK, floor, RATE, DECLARED)
    assert cost == pytest.approx([(5.0 + RATE * FLOOR) / 10, (20.0 + RATE * 10.0) / 10])


def minimum_wage_rise(wage: float, rise: float, months: int = 300):
    """Wanted workers of one firm of insured workers paid ``wage`` (at least the minimum)
    after the minimum rises by ``rise`` and pay follows it where it binds."""
    table = firms(1)
    persons = insured_workers([0], wage)
    model = toy_model(
        table,
        persons,
        employer_insurance_contribution_rate=RATE,
        si_declared_pay_share=DECLARED,
    )
    demand = labour_demand(1.0)
    floor = np.array([FLOOR])
    demand.minimum_wages = lambda _: floor
    demand.step(model)  # the base labour cost is observed
    floor[:] = FLOOR * (1 + rise)
    persons.wage[:] = max(wage, floor[0])  # pay as production sets it
    for _ in range(months):
        demand.step(model)
    return table.capacity[0]


def test_a_firm_paying_the_minimum_cuts_wanted_workers_when_it_rises():
    # pay and the contribution base both rise by 10 %: labour cost 10 % higher
    assert minimum_wage_rise(FLOOR, 0.1) == pytest.approx(10 * 1.1**ELASTICITY, rel=1e-4)


def test_a_firm_paying_far_above_the_minimum_does_not():
    # pay 12: the declared 6 stays above the raised minimum 4.4, nothing changes
    assert minimum_wage_rise(12.0, 0.1) == pytest.approx(10.0, rel=1e-6)


def test_the_contribution_base_carries_a_rise_to_pay_above_the_minimum():
    # pay 6 (declared 3): pay does not move, but contributions on the minimum do
    before = 6.0 + RATE * FLOOR
    after = 6.0 + RATE * FLOOR * 1.1
    assert minimum_wage_rise(6.0, 0.1) == pytest.approx(
        10 * (after / before) ** ELASTICITY, rel=1e-4
    )
    assert minimum_wage_rise(6.0, 0.1) < 10.0
