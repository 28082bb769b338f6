"""How each scenario moves unemployment (analysis/compare/flows.py), on hand-made runs with
known answers."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from analysis.compare.flows import (
    EXIT_HAZARD,
    INFLOW,
    flow_differences,
    flow_lines,
    run_flows,
)
from analysis.compare.runs import Run
from simulation.population import UNEMPLOYMENT_DURATIONS
from simulation.spell_exits import (
    DESTINATION_NAMES,
    Destination,
    destination_flow,
    entry_flow,
    entry_origins,
    exit_flow,
)

MONTHS = [f"2025-{month:02d}" for month in range(1, 13)]
STOCK = 100.0  # unemployed in each spell, every month
LABOUR_FORCE = 10_000.0


def run(scenario: str, seed: int, to_wage_jobs: float, from_jobs: float = 30.0) -> Run:
    """A run whose every month has ``STOCK`` unemployed in each spell, ``to_wage_jobs`` of
    them leaving for a wage job and 10 for a household business, and ``from_jobs`` moving
    in from a job and 5 from school."""
    columns = {"labour_force": LABOUR_FORCE}
    for spell in UNEMPLOYMENT_DURATIONS:
        columns[f"unemployed_{spell.name}"] = STOCK
        columns[exit_flow(spell.name)] = 0.0
    for code in Destination:
        columns[destination_flow(code)] = 0.0
    columns[destination_flow(Destination.WAGE_JOB)] = to_wage_jobs
    columns[destination_flow(Destination.HOUSEHOLD_BUSINESS)] = 10.0
    for origin in entry_origins():
        columns[entry_flow(origin)] = 0.0
    columns[entry_flow("employed")] = from_jobs
    columns[entry_flow("student")] = 5.0
    monthly = pd.DataFrame([columns] * len(MONTHS), index=MONTHS)
    return Run(Path(f"{scenario}{seed}"), scenario, seed, 10, pd.DataFrame(), monthly)


def test_a_runs_flows_are_its_hazards_out_and_moves_in():
    flows = run_flows(run("baseline", 0, to_wage_jobs=30.0), 2025)
    unemployed = STOCK * len(UNEMPLOYMENT_DURATIONS)
    wage_job = f"exit_to_{DESTINATION_NAMES[Destination.WAGE_JOB]}"
    assert flows[wage_job] == pytest.approx(30.0 / unemployed)
    assert flows[EXIT_HAZARD] == pytest.approx(40.0 / unemployed)
    assert flows["inflow_from_employed"] == pytest.approx(30.0 / LABOUR_FORCE)
    assert flows[INFLOW] == pytest.approx(35.0 / LABOUR_FORCE)
    assert run_flows(run("baseline", 0, 30.0), 2024) is None  # no month of that year


def test_each_scenario_is_paired_with_the_baseline_of_its_seed():
    runs = [
        run("baseline", 0, 30.0),
        run("baseline", 1, 34.0),
        run("baseline", 2, 26.0),
        run("exchange", 0, 38.0),
        run("exchange", 1, 43.0),
        run("exchange", 2, 36.0),
        run("exchange", 3, 50.0),  # no baseline of its seed: left out
    ]
    table = flow_differences(runs, "baseline", 2025).set_index("measure")
    unemployed = STOCK * len(UNEMPLOYMENT_DURATIONS)
    # differences of 8, 9 and 10 exits a month: mean 9
    assert table.loc[EXIT_HAZARD, "diff_mean"] == pytest.approx(9.0 / unemployed)
    assert table.loc[EXIT_HAZARD, "baseline_mean"] == pytest.approx(40.0 / unemployed)
    assert table.loc[INFLOW, "diff_mean"] == pytest.approx(0.0)
    assert (table["pairs"] == 3).all()
    lines = "\n".join(flow_lines(table.reset_index(), 2025))
    assert "| exchange | +2.25 * |" in lines  # 9 of 400 a month, clearly above zero
    assert "| +0.000 | +0.000 |" in lines  # no change in the moves in, and no star


def test_runs_without_the_flows_give_no_section():
    bare = Run(Path("b"), "baseline", 0, 10, pd.DataFrame(), pd.DataFrame(index=MONTHS))
    assert flow_differences([bare], "baseline", 2025).empty
    assert flow_lines(pd.DataFrame(), 2025) == []
