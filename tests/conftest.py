"""Shared fixtures: the province data, configs composed like the command line, small models."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from scenarios import check_levers
from simulation.build import build_model
from simulation.config import ROOT
from simulation.data import load_province
from simulation.model import ProvinceModel
from simulation.preflight import compose_checked

DATA = ROOT / "data" / "hai_duong"


def settings(*overrides: str):
    """Checked settings composed from conf/ with command-line style overrides."""
    return compose_checked(list(overrides), check_levers)


def model(*overrides: str) -> ProvinceModel:
    """A model built as run.py builds it, levers of the scenario included."""
    return build_model(*overrides)


def same_history(first: list[dict], second: list[dict]) -> bool:
    """Whether two runs' monthly histories are the same, bit for bit (an indicator that is
    undefined in a month, NaN, equals NaN: ``==`` on lists of dicts would say it differs)."""
    import pandas as pd

    return pd.DataFrame(first).equals(pd.DataFrame(second))


class TinyWorld:
    """Just enough of a model for one mechanism on hand-made persons: the province's data
    and parameters, a policy, a month, common random numbers, flows and no firms.
    Subclasses set ``self.persons``."""

    trait_normal = ProvinceModel.trait_normal
    firm_trait_normal = ProvinceModel.firm_trait_normal

    def __init__(self, data, month: str = "2022-01"):
        from simulation.calendar import parse_month
        from simulation.firms import FIRM_COLUMNS, FirmTable
        from simulation.policy import Policy

        self.data = data
        self.params = {name: p.value for name, p in data.parameters.items()}
        self.policy = Policy()
        self.month = parse_month(month)
        self.spinning_up = False
        self.scale = 1
        self.seed = 0
        self.flows: dict[str, float] = {}
        self.firms = FirmTable(
            {name: np.zeros(0, dtype=kind) for name, kind in FIRM_COLUMNS.items()}
        )

    def uniform(self, purpose, rows):
        from simulation import randomness

        return randomness.person_uniform(self.seed, purpose, self.month, self.persons.pid[rows])

    def count(self, flow, n):
        self.flows[flow] = self.flows.get(flow, 0.0) + float(n)


def run_cli(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    """``python run.py args`` in a subprocess, as a user would type it."""
    return subprocess.run(
        [sys.executable, "run.py", *args], cwd=cwd, capture_output=True, text=True, timeout=600
    )


@pytest.fixture(scope="session")
def data():
    return load_province(DATA)


@pytest.fixture
def data_copy(tmp_path):
    """A writable copy of the province's data folder."""
    target = tmp_path / "province"
    shutil.copytree(DATA, target)
    return target


@pytest.fixture(scope="session")
def base_model():
    """The base year at 50 people per agent (not stepped)."""
    return model("scale=50")


@pytest.fixture(scope="session")
def baseline_run():
    """The baseline at 50 people per agent, 2022-2025."""
    m = model("scale=50")
    m.run()
    return m
