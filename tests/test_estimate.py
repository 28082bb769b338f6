"""Estimation by the simulated method of moments (analysis/estimate.py): the optimiser
recovers known parameters of a hand-made model, the sensitivity table finds which moment
pins which parameter, and bad input is refused in one line."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest

from analysis import estimate
from analysis.moments import Moment
from simulation.config import ConfigError

PARAMETERS = [
    estimate.Estimated("first", start=1.0, low=0.0, high=4.0),
    estimate.Estimated("second", start=5.0, low=0.0, high=10.0),
]
TRUE = {"first": 2.5, "second": 3.0}


def toy_statistics(values: dict[str, float], seed: int) -> dict[str, float]:
    """A model whose moments are known functions of two parameters, with a noise of its
    seed (common random numbers: the same seed gives the same noise at every point)."""
    noise = 0.001 * np.sin(seed + 1)
    return {
        "level": values["first"] + noise,
        "ratio": values["second"] / 10.0 + noise,
        "mix": values["first"] * 0.1 + values["second"] * 0.01,
    }


class ToyPool:
    def map(self, function, items, chunksize=1):
        return [toy_statistics(values, seed) for values, seed, _ in items]


def moments_of(values: dict[str, float]) -> list[Moment]:
    observed = toy_statistics(values, seed=-1)  # sin(0): no noise
    return [
        Moment("level", "level", observed["level"], 0.1),
        Moment("ratio", "ratio", observed["ratio"], 0.05, relative=True),
        Moment("mix", "mix", observed["mix"], 0.05),
    ]


def test_the_optimiser_recovers_the_parameters_that_made_the_moments():
    moments = moments_of(TRUE)
    objective = estimate.Objective(PARAMETERS, moments, [0, 1], 10, ToyPool(), log=lambda _: 0)
    start, final, before, after, jacobian, _ = estimate.estimate(objective, 0.05, 30)
    values = objective.values(final)
    # plain floats: they become command-line overrides (no numpy repr)
    assert all(type(value) is float for value in values.values())
    assert values["first"] == pytest.approx(TRUE["first"], abs=0.01)
    assert values["second"] == pytest.approx(TRUE["second"], abs=0.05)
    fit = estimate.fit_table(moments, before, after)
    assert (fit["estimate_distance"] < 0.1).all()
    assert (fit["start_distance"] > fit["estimate_distance"]).any()
    # which moment pins which parameter: level pins first, ratio pins second
    table = estimate.sensitivity_table(PARAMETERS, moments, jacobian)
    pins = table.abs().idxmax()
    assert pins["first"] == "level" and pins["second"] == "ratio"
    # a tenth of first's range (0.4) moves level by 0.4, four tolerances
    assert table.loc["level", "first"] == pytest.approx(4.0, rel=1e-3)


def test_the_statistics_of_a_point_are_simulated_once():
    calls = []

    class CountingPool(ToyPool):
        def map(self, function, items, chunksize=1):
            calls.append(len(items))
            return super().map(function, items, chunksize)

    objective = estimate.Objective(
        PARAMETERS, moments_of(TRUE), [0, 1, 2], 10, CountingPool(), log=lambda _: 0
    )
    point = np.array([0.5, 0.5])
    objective.residuals(point)
    objective.residuals(point)
    assert calls == [3]  # one point, three seeds, once


def test_unknown_estimated_parameters_are_refused(data):
    from dataclasses import replace

    from simulation.data import Figure, Figures

    rows = [row for row in data.figures.rows if row.variable != estimate.ESTIMATED]
    rows.append(
        Figure(
            "estimation.csv",
            estimate.ESTIMATED,
            "no_such_thing",
            "province",
            2022,
            1.0,
            "flag",
            "assumption",
            "test",
        )
    )
    with pytest.raises(ConfigError, match="no_such_thing: no such parameter"):
        estimate.estimated_parameters(replace(data, figures=Figures(rows)))


def test_the_data_name_parameters_with_ranges(data):
    parameters = estimate.estimated_parameters(data)
    assert len(parameters) >= 1
    for parameter in parameters:
        assert parameter.low < parameter.high
        assert parameter.value(parameter.unit(parameter.start)) == pytest.approx(parameter.start)


@pytest.mark.parametrize(
    "arguments, message",
    [
        (["--step", "0.9"], "error: --step: between 0 and 0.5 of a range, got 0.9"),
        (["--seeds", "0"], "error: --seeds: at least 1"),
    ],
)
def test_bad_arguments_are_one_line_and_exit_2(tmp_path, arguments, message):
    out = tmp_path / "estimate"
    done = subprocess.run(
        [sys.executable, "-m", "analysis.estimate", *arguments, "--out", str(out)],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == [message]
    assert not out.exists()
