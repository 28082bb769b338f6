"""Hours before jobs: short-time work on hand-made firms and workers with known answers,
and the shock's split by margin."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis import stylised_facts
from simulation import indicators as ind
from simulation import jobs, short_time
from simulation.calendar import MONTHS_PER_YEAR
from simulation.firms import FirmTable, Ownership
from simulation.labour_law import UNDEREMPLOYMENT_HOURS
from simulation.population import PersonTable, Sector, Status
from simulation.usual_hours import short_hours_risk
from simulation.wages import set_wages
from tests.conftest import model, run_cli

# the rules' parameters, fixed here so that the known answers do not move with the data
RULES = {
    "short_time_hours_floor": 0.5,
    "short_time_months_before_layoff": 2,
    "short_time_tolerance": 0.05,
    "layoff_speed": 0.6,
}


def one_firm(size: int, demand: float, ownership: Ownership = Ownership.FDI) -> FirmTable:
    """One active firm of ``size`` workers wanting ``demand``; other columns by default."""
    columns = {
        name: np.zeros(1)
        for name in FirmTable.COLUMNS
        if name not in FirmTable.DEFAULTS  # hours factor 1, no month in excess yet
    }
    columns.update(
        ownership=[ownership], active=[True], size=[size], demand=[demand], represents=[1.0]
    )
    return FirmTable(columns)


def month(firms: FirmTable) -> float:
    """One month of the firm's decisions: the share it lays off, then its hours."""
    laid_off = float(short_time.layoff_shares(firms, RULES)[0])
    firms.size[0] = round(firms.size[0] * (1 - laid_off))  # its expected layoffs
    short_time.set_hours_factor(firms, RULES)
    return laid_off


def test_a_firm_whose_market_shrinks_cuts_hours_before_it_lays_off():
    firms = one_firm(100, 85.0)
    assert month(firms) == 0.0
    assert firms.hours_factor[0] == pytest.approx(0.85)
    assert month(firms) == 0.0  # second month: still on short time only
    assert firms.months_in_excess[0] == 2


def test_a_firm_whose_excess_persists_lays_off():
    firms = one_firm(100, 85.0)
    month(firms), month(firms)
    # third month in excess: layoff_speed of the excess
    assert month(firms) == pytest.approx(0.6 * 0.15)
    assert firms.size[0] == 91
    assert firms.hours_factor[0] == pytest.approx(85 / 91)
    assert month(firms) == pytest.approx(0.6 * (1 - 85 / 91))


def test_an_excess_the_hours_floor_cannot_absorb_is_laid_off_at_once():
    firms = one_firm(100, 40.0)  # even at half hours 100 workers are 50 full-timers
    assert month(firms) == pytest.approx(0.2)
    assert firms.size[0] == 80
    assert firms.hours_factor[0] == pytest.approx(0.5)


def test_a_small_excess_is_carried_at_full_hours_and_farms_never_cut():
    firms = one_firm(100, 97.0)
    assert month(firms) == 0.0
    assert firms.hours_factor[0] == 1.0
    farm = one_firm(100, 50.0, Ownership.FARM)
    assert month(farm) == 0.0
    assert farm.hours_factor[0] == 1.0 and farm.months_in_excess[0] == 0


def test_hours_recover_first_when_demand_recovers():
    firms = one_firm(100, 70.0)
    month(firms)
    assert firms.hours_factor[0] == pytest.approx(0.7)
    firms.demand[0] = 90.0  # orders come back in part: longer hours, nobody hired
    assert month(firms) == 0.0
    assert firms.hours_factor[0] == pytest.approx(0.9)
    firms.demand[0] = 104.0  # back above its workforce: full hours; only then a vacancy
    assert month(firms) == 0.0
    assert firms.hours_factor[0] == 1.0 and firms.months_in_excess[0] == 0
    assert firms.size[0] == 100  # no one left on the way


def workers(rows: list[dict]) -> PersonTable:
    people = PersonTable.empty(len(rows))
    for i, row in enumerate(rows):
        people.age_m[i] = 30 * 12
        people.status[i] = Status.EMPLOYED
        people.sector[i] = Sector.INDUSTRY
        people.employer[i] = row["employer"]
        people.usual_hours[i] = row["usual"]
        people.hours[i] = row["hours"]
        people.wants_more[i] = row.get("wants_more", False)
        people.formal[i] = row.get("formal", False)
        people.skill[i] = 1.0
    return people


def two_firms(factors) -> FirmTable:
    firms = one_firm(10, 10.0)
    firms.extend({**firms.columns()})
    firms.hours_factor[:] = factors
    return firms


def test_a_worker_on_cut_hours_below_35_who_wants_more_is_underemployed():
    firms = two_firms([0.7, 1.0])  # firm 0 on short time
    people = workers(
        [
            {"employer": 0, "usual": 45, "hours": 32},  # cut below 35: wants more
            {"employer": 0, "usual": 52, "hours": 36},  # cut, but 35 hours or more
            {"employer": 1, "usual": 30, "hours": 30},  # part-time by choice
            {"employer": 1, "usual": 30, "hours": 30, "wants_more": True},  # wants more
        ]
    )
    state = ind.State(persons=people, firms=firms, scale=1, retirement_age=(726, 668))
    assert ind.underemployment(state) == pytest.approx(2 / 4)
    assert ind.short_time_workers(state) == 2
    rows = np.arange(4)
    assert list(short_time.wants_more_hours(people, firms, rows)) == [True, True, False, True]


def test_the_minimum_wage_applies_pro_rata_on_short_time(data):
    firms = two_firms([0.6, 1.0])
    people = workers(
        [
            {"employer": 0, "usual": 48, "hours": 29, "formal": True},
            {"employer": 1, "usual": 48, "hours": 48, "formal": True},
        ]
    )
    # productivity 0: only the floor pays
    set_wages(data, people, firms, np.arange(2), np.array([4.0] * 20))
    assert people.wage.tolist() == pytest.approx([2.4, 4.0])


def test_firms_on_short_time_post_no_vacancy_in_a_downturn():
    m = model("scale=200", "scenario=export_downturn", "end=2023-06")
    cut = 0
    while m.month <= m.end:
        m.step()
        on_short_time = m.firms.hours_factor < 1
        assert not m.vacancies[on_short_time[: len(m.vacancies)]].any()
        cut = max(cut, m.history[-1]["short_time_workers_iz"])
    assert cut > 0


@pytest.fixture(scope="module")
def shock_runs(tmp_path_factory):
    out = tmp_path_factory.mktemp("shock")
    for scenario in ("baseline", "export_downturn"):
        result = run_cli(
            "scale=50", "seed=0", f"scenario={scenario}", f"hydra.run.dir={out / scenario}"
        )
        assert result.returncode == 0, result.stderr[-1500:]
    return out


def test_the_shock_split_reports_each_margin(shock_runs, capsys):
    shock, baseline = shock_runs / "export_downturn", shock_runs / "baseline"
    stylised_facts.main([str(shock), "--baseline", str(baseline)])
    printed = capsys.readouterr().out
    for margin in stylised_facts.MARGINS:
        assert margin.label in printed
    assert "laid off" in printed and "on cut hours" in printed
    assert (shock / "shock_response.png").is_file()
    response = stylised_facts.shock_response(
        stylised_facts.read_monthly(shock), stylised_facts.read_monthly(baseline)
    )
    # the shock puts workers on short time and lays some off; both runs agree before it
    assert response["workers on short time"]["peak"] > 0
    split = stylised_facts.affected_split(
        stylised_facts.read_monthly(shock), stylised_facts.read_monthly(baseline)
    )
    assert split["laid_off"] > 0 and split["on_cut_hours"] > split["laid_off"]
    assert response["unemployment"]["change"].loc[:"2022-12"].abs().max() == 0
    # the one-run form still works
    stylised_facts.main([str(baseline)])
    assert "beveridge_correlation" in capsys.readouterr().out


def test_the_shock_split_refuses_a_baseline_of_another_seed_or_shorter(
    shock_runs, tmp_path, capsys
):
    import json
    import shutil

    shock = shock_runs / "export_downturn"
    other = tmp_path / "other_seed"
    shutil.copytree(shock_runs / "baseline", other)
    info = json.loads((other / "run_info.json").read_text())
    (other / "run_info.json").write_text(json.dumps({**info, "seed": 7}))
    plot = shock / "shock_response.png"
    before = plot.stat().st_mtime_ns if plot.exists() else None
    with pytest.raises(SystemExit) as e:
        stylised_facts.main([str(shock), "--baseline", str(other)])
    assert e.value.code == 2
    error = capsys.readouterr().err.strip().splitlines()
    assert len(error) == 1 and "seed 7" in error[0] and "same seed and scale" in error[0]
    shorter = tmp_path / "shorter"
    shutil.copytree(shock_runs / "baseline", shorter)
    frame = pd.read_csv(shorter / "indicators.csv")
    frame[frame["month"] <= "2023-12"].to_csv(shorter / "indicators.csv", index=False)
    with pytest.raises(SystemExit) as e:
        stylised_facts.main([str(shock), "--baseline", str(shorter)])
    assert e.value.code == 2 and "lacks months of the shock run" in capsys.readouterr().err
    assert (plot.stat().st_mtime_ns if plot.exists() else None) == before  # nothing written


def test_fewer_layoffs_after_a_shock_do_not_net_out_its_layoffs():
    months = ["2023-01", "2023-02", "2023-03", "2023-04"]
    baseline = pd.DataFrame({"layoffs": [100.0] * 4, "short_time_workers": [0.0] * 4}, index=months)
    shock = baseline.copy()
    shock["layoffs"] += [0.0, 10.0, 5.0, -8.0]  # later, fewer: those laid off already
    shock["short_time_workers"] += [0.0, 20.0, 5.0, 0.0]
    split = stylised_facts.affected_split(shock, baseline)
    assert split["laid_off"] == 15.0 and split["on_cut_hours"] == 20.0


def test_the_shock_split_refuses_a_bad_tolerance(shock_runs):
    with pytest.raises(SystemExit) as e:
        stylised_facts.main(
            [str(shock_runs / "export_downturn"), "--baseline", str(shock_runs), "--tolerance", "2"]
        )
    assert e.value.code == 2


def _short_jobs_off_farm(run) -> float:
    """Share of non-farm workers whose usual hours are under 35 and who want more."""
    persons = run.persons
    off_farm = (persons.status == Status.EMPLOYED) & (persons.sector != Sector.AGRICULTURE)
    short = off_farm & (persons.usual_hours < UNDEREMPLOYMENT_HOURS) & persons.wants_more
    return short.sum() / off_farm.sum()


def test_short_hours_jobs_do_not_wither_with_turnover(base_model, baseline_run):
    """New jobs have short hours as often as the base year's, so turnover alone does not
    empty the short-hours jobs off the farm.  When every new job was full time, the share
    fell to 37 % of its January-2022 level by December 2025 (scale 50, seed 0); with new
    jobs drawn like the base year's it kept 72 %, and 59 % once jobseekers chose between
    informal work and searching on.  What it still loses is behaviour: the underemployed
    search for other work more (``search_rate_underemployed``) and leave short jobs for
    full-time ones faster than others leave theirs."""
    start = _short_jobs_off_farm(base_model)
    end = _short_jobs_off_farm(baseline_run)
    assert start > 0
    assert end / start > 0.5


def test_hires_draw_short_hours_at_the_base_years_level(base_model):
    """Off-farm hires get short hours with the base year's probability per unit of risk."""
    m = base_model
    persons = m.persons
    rows = np.flatnonzero(persons.status == Status.UNEMPLOYED)
    kept = ("usual_hours", "hours", "wants_more")
    saved = {name: getattr(persons, name)[rows].copy() for name in kept}
    try:
        jobs.set_full_time_hours(m, rows, "test_hours")
        jobs.set_short_hours(m, rows)
        risk = short_hours_risk(
            m.params,
            persons.urban[rows],
            persons.age_m[rows] // MONTHS_PER_YEAR,
            np.zeros(len(rows), dtype=bool),
        )
        expected = np.minimum(1.0, m.short_hours_level * risk).mean()
        short = (persons.usual_hours[rows] < UNDEREMPLOYMENT_HOURS) & persons.wants_more[rows]
        spread = np.sqrt(expected * (1 - expected) / len(rows))
        assert expected > 0
        assert abs(short.mean() - expected) < 4 * spread
    finally:
        for name, values in saved.items():
            getattr(persons, name)[rows] = values


def test_facts_of_one_run_warn_of_seed_noise_and_of_several_are_pooled(shock_runs, capsys):
    baseline, shock = shock_runs / "baseline", shock_runs / "export_downturn"
    stylised_facts.main([str(baseline)])
    single = capsys.readouterr().out
    assert "wage_curve_elasticity" in single and "note: one run's wage curve" in single
    stylised_facts.main([str(baseline), str(shock)])
    pooled = capsys.readouterr().out
    assert "wage_curve_elasticity" in pooled and "(95 % CI " in pooled and "2 runs)" in pooled
    assert "beveridge_holds" in pooled and "of 2 runs" in pooled
    assert "note: one run's" not in pooled
