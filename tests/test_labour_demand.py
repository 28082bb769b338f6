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
    monthly_market_growth,
    unit_labour_cost,
    wage_response,
)
from simulation.mechanisms.production import technical_progress
from simulation.policy import Policy
from simulation.population import PersonTable, Sector, Status
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
