"""History matching (analysis/history_match.py): which draws of the assumptions still
reproduce the province's 2022, and how many are drawn to keep enough."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis import history_match
from analysis.moments import Moment, moments_2022, observed_2022

UNEMPLOYMENT = Moment("unemployment_2022", "unemployment", 0.02, 0.01)
POPULATION = Moment("population_2022", "population", 1_000_000.0, 0.005, relative=True)


def test_a_draw_is_kept_only_within_every_tolerance():
    moments = [UNEMPLOYMENT, POPULATION]
    inside = history_match.judge(
        3, {"unemployment_2022": 0.029, "population_2022": 1.004e6}, moments
    )
    assert inside["kept"] and inside["missed"] == ""
    assert inside["population_2022_distance"] == pytest.approx(0.8)
    outside = history_match.judge(
        4, {"unemployment_2022": 0.031, "population_2022": 0.994e6}, moments
    )
    assert not outside["kept"]
    assert outside["missed"] == "unemployment_2022 population_2022"


def test_every_2022_figure_has_its_tolerance_in_the_data(data):
    moments = moments_2022(data, estimation=True)
    assert {moment.statistic for moment in moments} == set(observed_2022(data))
    # the figures the model is known to miss are weighed by the estimation only
    matched = {moment.statistic for moment in moments_2022(data)}
    assert "long_term_unemployed_2022" not in matched and "unemployment_2022" in matched
    unemployment = next(m for m in moments if m.statistic == "unemployment_2022")
    # rounding of 1.05 and 1.07 million leaves 0.9-2.8 %
    assert unemployment.observed - unemployment.tolerance == pytest.approx(0.0092, abs=0.0002)


def _fake_draws(kept_seeds: set[int]):
    def simulate(item):
        seed, _ = item
        return {"unemployment_2022": 0.02 if seed in kept_seeds else 0.05}

    return simulate


def test_it_draws_on_until_enough_are_kept(monkeypatch):
    monkeypatch.setattr(history_match, "simulate_draw", _fake_draws({1, 7, 12, 13}))
    frame = history_match.match([UNEMPLOYMENT], 50, draws=5, min_kept=3, max_draws=40, jobs=1)
    assert frame["kept"].sum() >= 3
    assert list(frame["seed"]) == list(range(len(frame)))  # seeds 0, 1, 2, ... in order
    assert len(frame) < 40  # it stopped once three were kept


def test_it_stops_at_the_most_draws(monkeypatch):
    monkeypatch.setattr(history_match, "simulate_draw", _fake_draws({2}))
    frame = history_match.match([UNEMPLOYMENT], 50, draws=4, min_kept=3, max_draws=9, jobs=1)
    assert len(frame) == 9 and frame["kept"].sum() == 1


def test_the_command_writes_the_draws_and_says_why_others_were_rejected(tmp_path, capsys):
    out = tmp_path / "hm"
    arguments = ["--draws", "2", "--min-kept", "1", "--max-draws", "2", "--scale", "500"]
    try:
        history_match.main([*arguments, "--jobs", "1", "--out", str(out)])
        code = 0
    except SystemExit as exit_:
        code = exit_.code
    draws = pd.read_csv(out / "draws.csv")
    assert list(draws["seed"]) == [0, 1]
    kept = draws.loc[draws["kept"], "seed"].tolist()
    assert (out / "kept_seeds.txt").read_text().split() == [str(seed) for seed in kept]
    text = (out / "history_match.md").read_text()
    assert f"{len(kept)} of 2 draws kept" in text and "real GRDP growth, 2022" in text
    assert code == (0 if kept else 1)
    if kept:
        assert f"seed={','.join(map(str, kept))}" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("arguments", "named"),
    [
        (["--draws", "0"], "--draws"),
        (["--max-draws", "1"], "--max-draws"),
        (["--scale", "0"], "--scale"),
    ],
)
def test_bad_arguments_are_one_line_and_write_nothing(tmp_path, capsys, arguments, named):
    out = tmp_path / "hm"
    with pytest.raises(SystemExit) as exit_:
        history_match.main([*arguments, "--out", str(out)])
    error = capsys.readouterr().err.strip()
    assert exit_.value.code == 2 and "\n" not in error and named in error
    assert not out.exists()
