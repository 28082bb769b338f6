"""The monthly model: determinism, accounting every month, calibration year, stylised facts."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from analysis import stylised_facts
from analysis.outputs import annual_values
from simulation.accounting import AccountingError
from simulation.population import Insurance, Status
from tests.conftest import model, run_cli, same_history


def test_same_config_and_seed_give_identical_histories():
    a, b = model("scale=200", "end=2022-06"), model("scale=200", "end=2022-06")
    assert same_history(a.run(), b.run())
    c = model("scale=200", "end=2022-06", "seed=1")
    assert c.run() != a.history


def test_output_files_are_identical_bit_for_bit(tmp_path):
    files = []
    for name in ("a", "b"):
        out = tmp_path / name
        result = run_cli("scale=500", "end=2022-04", f"hydra.run.dir={out}")
        assert result.returncode == 0, result.stderr[-1500:]
        files.append(
            {
                f: (out / f).read_bytes()
                for f in ("indicators.csv", "indicators_annual.csv", "targets.csv")
            }
        )
    assert files[0] == files[1]


def test_books_balance_every_month_and_rates_stay_in_range():
    m = model("scale=100", "end=2023-12")
    for _ in range(24):
        m.step()  # runs accounting.check and the rate check every month
    frame = pd.DataFrame(m.history)
    for key in ("unemployment", "agri_share", "si_coverage", "trained_certified"):
        assert frame[key].between(0, 1).all()


def test_the_check_catches_a_status_changed_behind_its_back():
    m = model("scale=300", "end=2022-03")
    m.step()
    rows = np.flatnonzero(m.persons.status == Status.UNEMPLOYED)[:3]
    m.persons.status[rows] = Status.INACTIVE  # not through set_status: flows not recorded
    with pytest.raises(AccountingError, match="stocks"):
        m.step()


def test_the_check_catches_insurance_without_a_formal_job():
    m = model("scale=300", "end=2022-03")
    m.step()
    rows = np.flatnonzero(m.persons.status == Status.UNEMPLOYED)[:2]
    m.persons.si[rows] = Insurance.COMPULSORY
    with pytest.raises(AccountingError, match="compulsory insurance without a formal job"):
        m.step()


def test_the_check_catches_a_firm_losing_track_of_a_worker():
    m = model("scale=300", "end=2022-03")
    m.step()
    m.firms.size[np.argmax(m.firms.size)] += 1
    with pytest.raises(AccountingError, match="firm sizes"):
        m.step()


@pytest.fixture(scope="module")
def year_2022():
    """2022 at 20 people per agent, two seeds."""
    out = []
    for seed in (0, 1):
        m = model("scale=20", f"seed={seed}", "end=2022-12")
        m.run()
        out.append((m, annual_values(m.history, m.reference())[2022]))
    return out


def test_2022_reproduces_the_calibration_figures(year_2022, data):
    # GRDP growth is no longer fitted (docs/calibration.md): a check of the mean over the
    # two seeds within the tolerance a run of the assumptions must meet to count as
    # reproducing 2022 (estimation.csv: 1.5 points; one seed at this scale varies by about
    # 0.3 points).  Since the certified share rises by its trend of several years, about
    # 1.3 points a year rather than 3, the model's 2022 growth is about 7.9 %, 1.2 points
    # below the published 9.12 %.
    growth = np.mean([y["grdp_growth"] for _, y in year_2022])
    tolerance = data.figures.table("history_match_tolerance")["grdp_growth_2022"]
    assert growth == pytest.approx(data.figures.value("grdp_real_growth", year=2022), abs=tolerance)
    for m, y in year_2022:
        assert y["population"] == pytest.approx(
            data.figures.value("population", year=2022), rel=0.005
        )
        december = m.history[-1]
        assert december["trained_certified"] == pytest.approx(
            data.figures.value("trained_certified_share", year=2022), abs=0.01
        )
        # the published sector shares are of 2020/21 (labour.csv): the model starts from
        # them, so January 2022 must match within a point; by December the shift out of
        # agriculture has gone on for a year (national 2021-22: -1.6 points)
        shares = data.figures.table("employment_share")
        january = m.history[0]
        assert january["agri_share"] == pytest.approx(shares["agriculture"], abs=0.01)
        industry = january["employment_industry"] / january["employed"]
        assert industry == pytest.approx(shares["industry"], abs=0.01)
        fall = january["agri_share"] - december["agri_share"]
        assert 0.003 < fall < 0.025
        # national 2.32 % (2022); the province is believed a little below
        assert 0.01 <= y["unemployment"] <= 0.03


def test_stylised_facts_hold_in_the_baseline(baseline_run):
    monthly = pd.DataFrame(baseline_run.history).set_index("month")
    facts = stylised_facts.facts(monthly)
    assert facts["duration_dependence_holds"], facts["job_finding_by_duration"]
    assert facts["structural_change_plausible"], facts["agri_share_fall_points_per_year"]
    assert facts["beveridge_holds"], facts["beveridge_correlation"]


def test_facts_of_several_runs_are_means_with_confidence_intervals():
    runs = [
        {"wage_curve_elasticity": value, "beveridge_holds": holds, "finding": {"0_2": rate}}
        for value, holds, rate in ((-0.1, True, 0.3), (0.0, True, 0.2), (0.1, False, 0.4))
    ]
    result = stylised_facts.pooled(runs)
    curve = result["wage_curve_elasticity"]
    half = stats.t.ppf(0.975, 2) * 0.1 / np.sqrt(3)  # sd of -0.1, 0, 0.1 is 0.1
    assert curve["mean"] == pytest.approx(0.0, abs=1e-12) and curve["runs"] == 3
    assert (curve["low"], curve["high"]) == pytest.approx((-half, half))
    assert result["beveridge_holds"] == {"share_holding": pytest.approx(2 / 3), "runs": 3}
    assert result["finding"]["0_2"]["mean"] == pytest.approx(0.3)
    single = stylised_facts.pooled(runs[:1])["wage_curve_elasticity"]
    assert single["mean"] == -0.1 and np.isnan(single["low"])


def test_stylised_facts_refuse_a_run_too_short_to_show_them(tmp_path):
    rows = [{"month": f"2022-0{m}", "indicator": "unemployed", "value": 1.0} for m in range(1, 7)]
    pd.DataFrame(rows).to_csv(tmp_path / "indicators.csv", index=False)
    with pytest.raises(SystemExit) as e:
        stylised_facts.main([str(tmp_path)])
    assert e.value.code == 2


def test_the_model_says_when_it_is_and_stops_at_its_end():
    m = model("scale=1000", "end=2022-02")
    assert m.current_month == "2022-01"
    m.run()
    assert m.current_month == "2022-03"
    with pytest.raises(RuntimeError, match="ended with 2022-02"):
        m.step()
    with pytest.raises(IndexError, match="no firm in row -1"):
        m.firm(-1)
    with pytest.raises(TypeError):
        m.firm(1.5)
    assert m.firm(len(m.firms) - 1).index == len(m.firms) - 1


def test_the_wage_curve_recovers_a_known_elasticity():
    """A hand-made panel where log pay = district effect + year effect - 0.1 log
    unemployment: the within regression gives -0.1 exactly."""
    rng = np.random.default_rng(0)
    rows = []
    district_effect = {f"d{i}": rng.normal() for i in range(6)}
    year_effect = {2022: 0.0, 2023: 0.05, 2024: 0.1}
    for name, effect in district_effect.items():
        for year, trend in year_effect.items():
            unemployment = float(np.exp(rng.normal(np.log(0.02), 0.3)))
            pay = float(np.exp(effect + trend - 0.1 * np.log(unemployment)))
            informal = float(np.exp(effect / 2 - 0.04 * np.log(unemployment)))
            for month in range(1, 13):
                rows.append(
                    {
                        "month": f"{year}-{month:02d}",
                        "district": name,
                        "unemployment": unemployment,
                        "full_time_pay": pay,
                        "household_pay": informal,
                    }
                )
    panel = pd.DataFrame(rows)
    assert stylised_facts.wage_curve(panel) == pytest.approx(-0.1)
    # the same regression on household-business income: its own elasticity
    assert stylised_facts.wage_curve(panel, stylised_facts.HOUSEHOLD_PAY) == pytest.approx(-0.04)


def test_okuns_coefficient_reads_a_known_slope():
    """Five years in which the unemployment rate changes by -0.3 points for each point of
    real growth above 5 %: the slope is -0.3."""
    growth = [None, 4.0, 6.0, 9.0, 7.0]  # per cent, years 2 to 5 over the year before
    level, rate = 100.0, 2.0
    rows = []
    for year, percent in enumerate(growth, start=2021):
        if percent is not None:
            level *= 1 + percent / 100
            rate += -0.3 * (percent - 5)
        for month in range(1, 13):
            rows.append(
                {
                    "month": f"{year}-{month:02d}",
                    "unemployed": rate,
                    "labour_force": 100.0,
                    "grdp": level,
                }
            )
    frame = pd.DataFrame(rows).set_index("month")
    assert stylised_facts.okun_coefficient(frame) == pytest.approx(-0.3)


def test_a_run_writes_its_district_panel(baseline_run):
    panel = pd.DataFrame(baseline_run.district_history)
    assert set(panel["district"]) == set(baseline_run.data.districts)
    assert len(panel) == len(baseline_run.history) * len(baseline_run.data.districts)
    # the districts' labour force adds up to the province's working-age labour force
    first = panel[panel["month"] == panel["month"].iloc[0]]
    assert 0 < first["unemployment"].max() < 1
    assert (first["full_time_pay"] > 0).all()
    # household-business workers earn less than enterprise employees, in every district
    assert (first["household_pay"] > 0).all()
    assert (first["household_pay"] < first["full_time_pay"]).all()


def test_duration_dependence_is_split_between_behaviour_and_inputs():
    """Known answers of the decomposition's arithmetic, and its refusal of bad input."""
    from analysis import duration_dependence

    finding = {"0_2": 0.4, "3_5": 0.3, "6_11": 0.2, "12plus": 0.1}
    assert duration_dependence.fall_in_finding(finding) == pytest.approx(0.75)
    falls = {"as it is": 0.8, "behaviour only (neither)": 0.4}
    assert duration_dependence.behaviour_share(falls) == pytest.approx(0.5)
    with pytest.raises(SystemExit) as e:
        duration_dependence.main(["--seeds", "0"])
    assert e.value.code == 2


def test_switching_off_the_duration_inputs_flattens_job_finding():
    """Without fading search effort and the employers' penalty, the long-term unemployed
    find work relatively more often (scale 200, one seed)."""
    from analysis.duration_dependence import VARIANTS, fall_in_finding, run_variant

    def fall(name):
        overrides = dict(VARIANTS[name])
        return fall_in_finding(run_variant(overrides, 200, 0))

    assert fall("behaviour only (neither)") < fall("as it is")
