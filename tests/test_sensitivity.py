"""The sensitivity command (analysis/sensitivity): Morris screening and Sobol indices over
the province's assumptions, on a few of them, a coarse scale and six months."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis.sensitivity.cli import main
from analysis.sensitivity.evaluation import BASELINE, Runs, evaluate, target_values
from analysis.sensitivity.factors import assumptions
from analysis.targets import TARGETS

SMALL = ["--scale", "500", "--end", "2022-06", "--trajectories", "2", "--noise-seeds", "2"]
# farm_mechanisation_rate moves the agricultural share within months; the credit
# programme's size limit is read by that lever only, so no baseline output can move with it
USED, UNUSED = "farm_mechanisation_rate", "credit_small_enterprise_size"


def _range(name: str) -> tuple[float, float]:
    from simulation.config import ROOT
    from simulation.data import load_province

    parameter = load_province(ROOT / "data" / "hai_duong").parameters[name]
    return parameter.low, parameter.high


def _screen(tmp_path, *extra: str) -> pd.DataFrame:
    main([*SMALL, "--parameters", f"{USED},{UNUSED}", "--effects", "", *extra])
    return pd.read_csv(tmp_path / "sensitivity.csv")


def test_an_assumption_no_run_reads_has_no_influence_and_a_used_one_has(tmp_path):
    table = _screen(tmp_path, "--out", str(tmp_path), "--jobs", "1")
    morris = table[table["method"] == "morris"].set_index(["output", "parameter"])
    assert (morris.xs(UNUSED, level="parameter")["mu_star"] == 0).all()
    assert morris.loc[("agri_share", USED), "mu_star"] > 0
    assert (morris["effects"] == 2).all()  # one step per factor on each of 2 trajectories
    assert (morris["seed_sd"] > 0).any()
    text = (tmp_path / "sensitivity.md").read_text()
    assert "## Agricultural share of employment" in text and USED in text
    assert (tmp_path / "sensitivity.png").stat().st_size > 0
    points = pd.read_csv(tmp_path / "sensitivity_points.csv")
    assert len(points) == 2 * 3 and points["error"].isna().all()  # 2 paths of 2 + 1 points
    levels = np.linspace(*_range(USED), 4)  # the Morris grid of the assumption's range
    assert np.isclose(points[USED].to_numpy()[:, None], levels, rtol=1e-9).any(axis=1).all()


def test_parallel_points_give_the_same_table(tmp_path):
    one, two = tmp_path / "one", tmp_path / "two"
    first = _screen(one, "--out", str(one), "--jobs", "1")
    second = _screen(two, "--out", str(two), "--jobs", "2")
    pd.testing.assert_frame_equal(first, second)


def test_sobol_indices_of_the_most_influential(tmp_path):
    main(
        [
            *SMALL,
            "--parameters",
            f"{USED},{UNUSED},search_decay",
            "--effects",
            "",
            "--sobol",
            "2",
            "--samples",
            "4",
            "--out",
            str(tmp_path),
        ]
    )
    table = pd.read_csv(tmp_path / "sensitivity.csv")
    sobol = table[table["method"] == "sobol"]
    assert set(sobol["parameter"]) == {USED, "search_decay"}  # the unused one is not kept
    assert sobol[["S1", "ST"]].notna().all().all()


def test_an_effect_is_the_scenario_less_the_baseline_with_the_same_seed():
    """The plan package's levers start in July 2023: by September it has trained people."""
    runs = Runs(scale=500, seed=0, end="2023-09", effects=("plan_package",))
    values = {"search_decay": 0.05}
    outputs, error = evaluate((values, runs, 0))
    assert error == ""
    by_name = dict(zip(runs.outputs(), outputs, strict=True))
    alone = dict(
        zip(
            [target.id for target in TARGETS],
            (
                np.subtract(
                    target_values("plan_package", values, runs, 0),
                    target_values(BASELINE, values, runs, 0),
                )
            ),
            strict=True,
        )
    )
    assert by_name["plan_package: retrained"] == alone["retrained"] > 0
    assert all(by_name[f"plan_package: {key}"] == value for key, value in alone.items())


def test_a_point_with_several_seeds_gives_the_mean_of_its_seeds_outputs():
    """Each seed of a point runs as a point of one seed would; the point's outputs are their
    mean, and the seeds differ (the runs are not copies)."""
    values = {"search_decay": 0.05}
    one = Runs(scale=500, seed=0, end="2022-06", effects=("plan_package",))
    two = Runs(scale=500, seed=0, end="2022-06", effects=("plan_package",), seeds_per_point=2)
    assert two.replicates(3) == (3, 4)
    first, error_first = evaluate((values, one, 0))
    second, error_second = evaluate((values, one, 1))
    both, error = evaluate((values, two, 0))
    assert error == error_first == error_second == ""
    assert first != second
    mean = (np.array(first) + np.array(second)) / 2  # NaN where a target has no value yet
    assert np.allclose(both, mean, rtol=0, atol=1e-15, equal_nan=True)


def test_the_screening_names_its_seeds_per_point(tmp_path):
    main(
        [
            *SMALL,
            "--parameters",
            f"{USED},{UNUSED}",
            "--effects",
            "",
            "--seeds-per-point",
            "2",
            "--jobs",
            "1",
            "--out",
            str(tmp_path),
        ]
    )
    text = (tmp_path / "sensitivity.md").read_text()
    assert "seeds 0-1 at every point (outputs their mean)" in text
    table = pd.read_csv(tmp_path / "sensitivity.csv")
    morris = table[table["method"] == "morris"].set_index(["output", "parameter"])
    assert (morris.xs(UNUSED, level="parameter")["mu_star"] == 0).all()
    assert morris.loc[("agri_share", USED), "mu_star"] > 0
    assert (morris["seed_sd"] > 0).any()  # the noise floor's sets of two seeds differ


def test_a_point_the_model_refuses_is_reported_not_fatal():
    runs = Runs(scale=500, seed=0, end="2022-02", effects=())
    outputs, error = evaluate(({"search_decay": -1.0}, runs, 0))
    assert np.isnan(outputs).all() and "search_decay" in error and "\n" not in error


@pytest.mark.parametrize(
    ("arguments", "named"),
    [
        (["--parameters", "no_such_parameter,search_decay"], "no_such_parameter"),
        (["--parameters", "search_value_months,search_decay"], "search_value_months"),
        (["--parameters", "search_decay"], "--parameters"),
        (["--levels", "3"], "--levels"),
        (["--samples", "6"], "--samples"),
        (["--seeds-per-point", "0"], "--seeds-per-point"),
        (["--effects", "no_such_scenario"], "no_such_scenario"),
        (["--end", "2031-01"], "end"),
        (["--parameters", "labour_share:nobody,search_decay"], "labour_share:nobody"),
        (["--parameters", "employment_share:agriculture,search_decay"], "employment_share"),
    ],
)
def test_bad_input_is_one_line_and_writes_nothing(tmp_path, capsys, arguments, named):
    out = tmp_path / "out"
    with pytest.raises(SystemExit) as exit_:
        main([*SMALL, *arguments, "--out", str(out)])
    error = capsys.readouterr().err.strip()
    assert exit_.value.code == 2
    assert "\n" not in error and named in error
    assert not out.exists()


def test_a_design_point_stays_within_the_plausible_ranges(data):
    factors = assumptions(data, ["retraining_rate_enterprise", "search_decay"])
    low, high = factors.bounds[0]
    top = low + (high - low) * 1.0  # 0.001 + 0.009 is 0.010000000000000002
    values = factors.values(np.array([top, factors.bounds[1][0]]))
    assert values["retraining_rate_enterprise"] == high


def test_the_rows_of_the_estimated_tables_are_factors_too(data):
    every = assumptions(data)
    assert {"labour_share:fdi", "relative_productivity:household", "skill_premium:college"} <= set(
        every.names
    )
    assert "relative_productivity:domestic" not in every.names  # the reference, held at 1
    factors = assumptions(data, ["labour_share:fdi", "search_decay"])
    assert factors.bounds[0] == pytest.approx((0.25, 0.45))  # 0.35 and its spread of 0.1
    values = factors.values(np.array([0.3, factors.bounds[1][0]]))
    runs = Runs(scale=500, seed=0, end="2022-06", effects=())
    overrides = runs.overrides(BASELINE, values, seed=0)
    assert "+province.tables.labour_share.fdi=0.3" in overrides
    assert not any("params.labour_share" in override for override in overrides)
    from tests.conftest import settings

    assert settings(*overrides).province.figures.table("labour_share")["fdi"] == 0.3


def test_a_screening_of_a_table_row_runs_and_names_it(tmp_path):
    """relative_productivity:household sets household businesses' output, and so the
    value of informal work against searching: it moves the 2022 targets within months."""
    main(
        [
            *SMALL,
            "--parameters",
            f"relative_productivity:household,{UNUSED}",
            "--effects",
            "",
            "--out",
            str(tmp_path),
            "--jobs",
            "1",
        ]
    )
    morris = pd.read_csv(tmp_path / "sensitivity.csv").set_index(["method", "parameter"])
    assert morris.loc[("morris", "relative_productivity:household"), "mu_star"].max() > 0
    assert (morris.loc[("morris", UNUSED), "mu_star"] == 0).all()
    assert "relative_productivity:household" in (tmp_path / "sensitivity.md").read_text()


def _toy_design(seed: int = 1):
    from analysis.sensitivity import methods
    from analysis.sensitivity.factors import Factors

    factors = Factors(("a", "b", "c"), ((0.0, 1.0), (10.0, 30.0), (-1.0, 1.0)), (False,) * 3)
    design = methods.morris_points(factors, trajectories=6, levels=4, seed=seed)
    a, b, c = design.T
    outputs = (3 * a + 0.1 * b**2 + a * c)[:, None]  # b non-linear, a and c interact
    return factors, design, outputs


def test_elementary_effects_are_salibs_on_complete_trajectories():
    from SALib.analyze import morris as salib

    from analysis.sensitivity import methods

    factors, design, outputs = _toy_design()
    ours = methods.morris_table(factors, design, outputs, ["y"]).set_index("parameter")
    theirs = salib.analyze(factors.problem(), design, outputs[:, 0], num_levels=4, seed=0)
    assert np.allclose(ours.loc[list(factors.names), "mu_star"], theirs["mu_star"])
    assert np.allclose(ours.loc[list(factors.names), "sigma"], theirs["sigma"])
    assert ours.loc["a", "mu_star"] == pytest.approx(3, abs=1)  # 3 + c, c in [-1, 1]


def test_a_failed_point_loses_only_its_own_steps():
    from analysis.sensitivity import methods

    factors, design, outputs = _toy_design()
    outputs[5] = np.nan  # inside the second trajectory (points 4-7)
    table = methods.morris_table(factors, design, outputs, ["y"])
    assert table["effects"].sum() == 6 * 3 - 2  # the steps into and out of point 5
    assert table["mu_star"].notna().all()
