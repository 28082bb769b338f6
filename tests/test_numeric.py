"""The model's sums avoid BLAS (simulation/numeric.py): results that do not depend on the
machine's number of cores, and no threads left spinning on the other cores."""

from __future__ import annotations

import ast

import numpy as np
import pytest

from simulation.config import ROOT
from simulation.numeric import weighted_sum

BLAS_CALLS = {"dot", "matmul", "inner", "vdot", "tensordot", "einsum"}


def test_weighted_sum_is_the_dot_product():
    rng = np.random.default_rng(0)
    values, weights = rng.random(100_000).astype(np.float32), rng.random(100_000)
    assert weighted_sum(values, weights) == pytest.approx(float(np.dot(values, weights)))
    assert weighted_sum(np.array([1, 2]), np.array([3.0, 4.0])) == 11.0


def test_the_model_makes_no_blas_call():
    found = []
    for path in sorted((ROOT / "simulation").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.BinOp) and isinstance(node.op, ast.MatMult):
                found.append(f"{path.name}:{node.lineno} @")
            elif (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr in BLAS_CALLS
            ):
                found.append(f"{path.name}:{node.lineno} {node.func.attr}")
    assert not found, f"use simulation.numeric.weighted_sum instead: {found}"
