"""Estimation by the simulated method of moments (analysis/estimate.py): the optimiser
recovers known parameters of a hand-made model, the sensitivity table finds which moment
pins which parameter, and bad input is refused in one line."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pandas as pd
import pytest

from analysis import calibrate, estimate, slump
from analysis.moments import Moment, observed_2022
from analysis.stylised_facts import exit_hazards
from simulation import spell_exits
from simulation.build import build_model
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
        return [toy_statistics(values, seed) for values, seed, *_ in items]


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
    # the noise to read it against: each moment's sd across the seeds, in tolerances
    spread = objective.spread[tuple(final)]
    noisy = estimate.sensitivity_table(PARAMETERS, moments, jacobian, spread)
    seed_sd = float(np.std([0.001 * np.sin(seed + 1) for seed in (0, 1)]))
    assert noisy.loc["level", estimate.SEED_SD] == pytest.approx(seed_sd / 0.1)
    assert noisy.loc["mix", estimate.SEED_SD] == pytest.approx(0.0, abs=1e-12)  # no noise
    estimates = estimate.estimate_table(PARAMETERS, values)
    text = estimate.report(fit, estimates, noisy, 10, [0, 1], _Result(), None)
    assert "is pinned most by `level`" in text and "seed_sd" in text


class _Result:
    nfev = 7
    message = "done"


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


def test_the_estimates_are_written_into_the_parameters_and_nothing_else(tmp_path):
    path = tmp_path / "parameters.csv"
    path.write_text(
        "name,value,unit,kind,low,high,status,source\n"
        "first,1.0,months,positive,0.0,4.0,calibrated,a source\n"
        "second,5.0,share,share,0.0,10.0,assumption,another\n",
        encoding="utf-8",
    )
    calibrate.write_parameters({"second": 3.25}, path)
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[1] == "first,1.0,months,positive,0.0,4.0,calibrated,a source"
    assert lines[2] == "second,3.25,share,share,0.0,10.0,assumption,another"
    before = path.read_bytes()
    with pytest.raises(SystemExit, match="parameter third not found once"):
        calibrate.write_parameters({"second": 1.0, "third": 2.0}, path)
    assert path.read_bytes() == before  # nothing half-written


def test_the_slump_split_counts_extra_layoffs_against_the_peak_on_short_time():
    months = ["2022-09", "2022-10", "2022-11", "2022-12"]
    baseline = [{"month": month, "layoffs": 100.0, "short_time_workers": 10.0} for month in months]
    shock = [
        {"month": month, "layoffs": 100.0 + extra, "short_time_workers": 10.0 + short}
        for month, extra, short in zip(months, (0, 5, 10, 0), (90, 60, 30, 0), strict=True)
    ]
    # 15 extra layoffs against 90 more on short time at the peak
    assert slump.laid_off_share(baseline, shock) == pytest.approx(15 / 105)


def test_the_late_2022_slump_is_a_2022_run_of_the_downturn_lever(data):
    overrides = slump.overrides(data)
    assert overrides[0] == "scenario=export_downturn"
    window = [o.split("=")[1] for o in overrides if ".start=" in o or ".end=" in o]
    assert all(month.startswith("2022-") for month in window)  # no data from 2023 on
    statistics = calibrate.statistics_2022(["scale=400", "seed=0"], with_slump=True)
    assert 0 < statistics[slump.STATISTIC] < 1


def test_the_calibrations_table_names_the_parameter_fitted_to_each_figure(data):
    targets = observed_2022(data) | {"vocational_graduates_2022": 27000.0}
    simulated = dict(targets, unemployment_2022=0.0191)
    fitted = {
        "search_value_months": 9.07,
        "adult_course_rate": 0.00057,
        "old_age_exit_scale": 0.7,
        "household_support_ratio": 0.5,
    }
    table = calibrate.result_table(fitted, simulated, targets, "here").splitlines()
    rows = {line.split(" | ")[0].strip("| "): line for line in table if line.startswith("| ")}
    assert set(calibrate.SHOWN) <= set(rows)
    assert "| 1.91 % | 1.87 % | search_value_months | 9.07 |" in rows["unemployment_2022"]
    assert "(check, not fitted) | - | - |" in rows["grdp_growth_2022"]
    assert "| 27,000 (January to mid-November" in rows["vocational_graduates_2022"]


def test_the_long_term_share_is_read_after_a_spin_up_and_only_when_asked(data):
    """The share of the unemployed out of work a year or more is measured on 2022's exit
    hazards after the data's spin-up (estimation.csv), so that those out of work a year or
    more have been selected by their own choices, not taken whole from the synthetic start;
    the statistics of 2022 leave it out unless asked (calibration and history matching do
    not weigh it)."""
    overrides = ["scale=100", "seed=0"]
    assert calibrate.LONG_TERM not in calibrate.statistics_2022(overrides)
    months = int(data.figures.table(calibrate.LONG_TERM_SETTING)["spin_up_months"])
    assert 12 <= months <= 36
    share = calibrate.long_term_unemployed_share(overrides, data)

    def stationary(spin_up: int) -> float:
        model = build_model(*overrides, "end=2022-12", f"spin_up_months={spin_up}")
        model.run()
        hazards = exit_hazards(pd.DataFrame(model.history))
        return spell_exits.stationary_long_term_share(hazards)

    assert share == pytest.approx(stationary(months))
    assert share != pytest.approx(stationary(0))
    assert 0 < share < 1


@pytest.mark.parametrize("months", [6.0, 48.0, 24.5])
def test_a_spin_up_for_the_long_term_share_outside_a_run_is_refused(data, months):
    """Less than a year cannot hold a year-long spell, more than a run allows would fail
    in every worker process: the setting is refused with one line before any run."""
    from dataclasses import replace

    from simulation.data import DataError, Figures

    rows = [
        replace(row, value=months) if row.variable == calibrate.LONG_TERM_SETTING else row
        for row in data.figures.rows
    ]
    with pytest.raises(DataError, match=r"spin_up_months must be a whole number from 12 to 36"):
        calibrate.long_term_spin_up_months(replace(data, figures=Figures(rows)))
    assert calibrate.long_term_spin_up_months(data) == 24
