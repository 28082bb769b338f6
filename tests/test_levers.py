"""Each lever moves its intended indicators the expected way and leaves others alone.

Runs at 50 people per agent over two seeds; scenario and baseline share their random
numbers (same seed), so paired differences isolate the policy.
"""

from __future__ import annotations

import numpy as np
import pytest

from analysis.outputs import annual_values
from scenarios import LEVERS, check_levers
from simulation.config import ConfigError
from simulation.population import UNEMPLOYMENT_DURATIONS
from tests.conftest import model

SEEDS = (0, 1)
SCALE = "scale=50"


def annual(scenario: str, seed: int, *extra: str) -> dict[int, dict[str, float]]:
    m = model(SCALE, f"seed={seed}", f"scenario={scenario}", *extra)
    m.run()
    years = annual_values(m.history, m.reference())
    for values in years.values():  # monthly job-finding rate of the unemployed over the year
        values["job_finding"] = sum(
            values[f"hires_{d.name}"] for d in UNEMPLOYMENT_DURATIONS
        ) / sum(values[f"unemployed_{d.name}"] for d in UNEMPLOYMENT_DURATIONS)
    return years


@pytest.fixture(scope="module")
def baseline():
    return {s: annual("baseline", s) for s in SEEDS}


def effect(runs, base, indicator, year=2025):
    return np.mean([runs[s][year][indicator] - base[s][year][indicator] for s in SEEDS])


# lever -> (expected rises, expected falls, unaffected within a tolerance); (indicator, year)
EXPECTED = {
    "fdi_attraction": (
        [("grdp", 2025), ("productivity_growth", 2025), ("fdi_firms", 2025)],
        [],
        {("lower_secondary_streaming", 2025): 0.01, ("si_voluntary", 2025): 0.002},
    ),
    "vocational_streaming": (
        [("vocational_enrolments", 2024), ("lower_secondary_streaming", 2024), ("students", 2025)],
        [],
        {("si_coverage", 2025): 0.005, ("si_voluntary", 2025): 0.002},
    ),
    "credit_programme": (
        # employment, not household employment: the household jobs the loans fund mostly
        # take the place of jobseekers' own entries into informal work (at scale 50, seeds
        # 0-1: +42 and -46 household workers in 2025, informal entries -3,450 and -2,200)
        # Its effect on unemployment, -0.03 points [-0.039, -0.022] in 2025 at 10 people per
        # agent, seeds 0-9, is below what two seeds resolve at this scale (+0.04 and -0.03
        # points): the grids of the issue notes measure it, not this test.
        [("employed", 2025), ("policy_cost", 2024)],
        [],
        {("lower_secondary_streaming", 2025): 0.01, ("retrained", 2025): 0.005},
    ),
    "training_retraining": (
        [("retrained", 2025), ("trained_certified", 2025), ("retraining_entries", 2024)],
        [],
        {("lower_secondary_streaming", 2025): 0.01, ("si_voluntary", 2025): 0.002},
    ),
    "digital_labour_exchange": (
        [("job_finding", 2024), ("job_finding", 2025)],
        [],
        {("lower_secondary_streaming", 2025): 0.01, ("retrained", 2025): 0.005},
    ),
    "social_insurance": (
        [
            ("si_coverage", 2025),
            ("si_voluntary", 2025),
            ("ui_coverage", 2025),
            ("si_satisfaction", 2025),
        ],
        [],
        {("agri_share", 2025): 0.005, ("retrained", 2025): 0.005},
    ),
    "formalisation": (
        [("si_coverage", 2025), ("enterprises", 2025)],
        [("informal_share", 2025)],
        {("lower_secondary_streaming", 2025): 0.01, ("retrained", 2025): 0.005},
    ),
    "attract_workers": (
        [("population", 2025), ("labour_force", 2025)],
        [],
        {("lower_secondary_streaming", 2025): 0.01, ("si_voluntary", 2025): 0.002},
    ),
    "special_groups": (
        [("employment_fdi", 2025), ("employed", 2025)],
        [],
        {("lower_secondary_streaming", 2025): 0.01, ("retrained", 2025): 0.005},
    ),
    "minimum_wage": (
        # firms at the floor raise their posted pay with it (July 2024 decree raised
        # further); the mean wage's response is smaller than the noise at this scale
        [("minimum_wage_spillovers", 2024)],
        [],
        {("lower_secondary_streaming", 2025): 0.01, ("retrained", 2025): 0.005},
    ),
}


@pytest.mark.parametrize("lever", sorted(EXPECTED))
def test_lever_moves_its_indicators(lever, baseline):
    runs = {s: annual(lever, s) for s in SEEDS}
    rises, falls, unaffected = EXPECTED[lever]
    for indicator, year in rises:
        assert effect(runs, baseline, indicator, year) > 0, (indicator, year)
    for indicator, year in falls:
        assert effect(runs, baseline, indicator, year) < 0, (indicator, year)
    for (indicator, year), tolerance in unaffected.items():
        assert abs(effect(runs, baseline, indicator, year)) <= tolerance, (indicator, year)
    # nothing moves before the lever starts (July 2023): common random numbers
    assert effect(runs, baseline, "employed", 2022) == 0


def test_export_downturn_lays_off_industrial_zone_workers(baseline):
    runs = {s: annual("export_downturn", s) for s in SEEDS}
    assert effect(runs, baseline, "layoffs_iz", 2023) > 0
    assert effect(runs, baseline, "employment_iz", 2023) < 0
    assert effect(runs, baseline, "unemployment", 2023) > 0
    # before the shock, nothing differs: common random numbers
    assert effect(runs, baseline, "employed", 2022) == 0


def test_scenarios_stack():
    from tests.conftest import settings

    s = settings("scenario=plan_package")
    assert len(s.levers) == 9 and "fdi_attraction" in s.levers
    s = settings(
        "scenario=baseline",
        "+scenario.levers.training_retraining.seats_per_year=1000",
        "+scenario.levers.social_insurance.inspection_multiplier=3",
    )
    assert s.levers["training_retraining"]["seats_per_year"] == 1000
    assert s.levers["social_insurance"]["service_quality_gain"] == 0.4  # default filled in


@pytest.mark.parametrize(
    "levers, message",
    [
        ({"no_such_lever": {}}, "scenario.levers.no_such_lever: unknown lever"),
        (
            {"credit_programme": {"budget_bn_vnd_per_year": -5}},
            "scenario.levers.credit_programme.budget_bn_vnd_per_year: must not be negative",
        ),
        (
            {"vocational_streaming": {"vocational_guidance": -0.5}},
            "vocational_streaming.vocational_guidance: must be at least 0",
        ),
        ({"fdi_attraction": {"colour": 1}}, "fdi_attraction.colour: unknown setting"),
        ({"fdi_attraction": {"extra_musd_per_year": "lots"}}, "expected a number"),
        ({"fdi_attraction": {"start": "2024-13"}}, "fdi_attraction.start"),
        (
            {"training_retraining": {"seats_per_year": float("inf")}},
            "training_retraining.seats_per_year: expected a finite number",
        ),
        ({"credit_programme": {"loan_million_vnd": float("nan")}}, "expected a finite number"),
        (
            {"fdi_attraction": {"extra_musd_per_year": 1e12}},
            "fdi_attraction.extra_musd_per_year: must be at most 20,000",
        ),
        ({"minimum_wage": {"increase": -0.9}}, "minimum_wage.increase: must be at least -0.5"),
        ({"credit_programme": {"loan_million_vnd": 0}}, "loan_million_vnd: must be at least 1"),
        ({"formalisation": {"min_size": 0.5}}, "min_size: expected a whole number"),
        ({"formalisation": {"support_years": 0}}, "support_years: must be at least 1"),
        (
            {"formalisation": {"registrations_per_year": 0.02}},
            "formalisation.registrations_per_year: unknown setting",
        ),
    ],
)
def test_bad_lever_settings_are_one_line(levers, message):
    with pytest.raises(ConfigError) as e:
        check_levers(levers)
    assert message in str(e.value) and "\n" not in str(e.value)


def test_every_lever_has_a_yaml_a_doc_and_sources():
    from simulation.config import ROOT

    for name, cls in LEVERS.items():
        assert (ROOT / "conf" / "scenario" / f"{name}.yaml").exists(), name
        assert cls.causal_path and cls.summary
        for key, spec in cls.all_settings().items():
            assert spec.unit and spec.description, (name, key)


def test_every_lever_gives_back_the_knobs_it_turned_when_it_ends():
    from dataclasses import asdict

    from simulation.policy import Policy

    m = model("scale=300", "end=2022-06")
    m.step()
    capacity = [s.intake_capacity for s in m.schools]
    params = dict(m.params)
    for name, cls in LEVERS.items():
        lever = cls(cls.check({"start": "2022-02", "end": "2022-02"}, name))
        m.month = lever.start
        lever.apply(m)  # switch on and act
        m.month = lever.end + 1
        lever.apply(m)  # switch off
        assert asdict(m.policy) == asdict(Policy()), name
        assert [s.intake_capacity for s in m.schools] == capacity, name
        assert m.params == params, name


def test_credit_costs_run_on_while_loans_are_outstanding():
    from scenarios.credit_programme import LOAN_MONTHS, CreditProgramme

    lever = CreditProgramme(
        CreditProgramme.check(
            {
                "start": "2023-01",
                "end": "2023-06",
                "budget_bn_vnd_per_year": 120,
                "cost_share": 0.1,
            },
            "credit_programme",
        )
    )

    class At:
        def __init__(self, month):
            self.month = month

    # 10 bn lent a month for six months; 10 % a year of what is outstanding
    assert lever.monthly_cost(At(lever.start)) == pytest.approx(10 * 0.1 / 12)
    assert lever.monthly_cost(At(lever.end + 1)) == pytest.approx(60 * 0.1 / 12)
    assert lever.monthly_cost(At(lever.start + LOAN_MONTHS)) == pytest.approx(50 * 0.1 / 12)
    assert lever.monthly_cost(At(lever.end + LOAN_MONTHS)) == 0.0


def test_training_seats_are_filled_and_certify_only_on_completion():
    m = model(
        "scale=100",
        "end=2022-08",
        "+scenario.levers.training_retraining.start=2022-01",
        "+scenario.levers.training_retraining.seats_per_year=120000",
        "+scenario.levers.training_retraining.certified_share=1.0",
    )
    m.step()
    trainees = m.flows["programme_trainees"]
    assert trainees == pytest.approx(120000 / 12 / 100, abs=1)
    # cost booked: trainees x 4 million VND, for the whole province
    assert m.history[-1]["policy_cost"] == pytest.approx(trainees * 100 * 4.0 / 1000)
    # the trainees without a certificate are offered the elementary course (certified
    # share 1.0), of four months; those holding one take a short course
    helped = np.concatenate([pids for _, pids in m.helped["training_programme"]])
    trainee_rows = np.flatnonzero(np.isin(m.persons.pid, helped))
    assert len(trainee_rows) == trainees
    uncertified = trainee_rows[m.persons.certificate[trainee_rows] == 0]
    started = uncertified[m.persons.course_left[uncertified] == 4]
    assert len(started) >= 0.9 * len(uncertified) > 0  # seats at schools permitting
    holders = trainee_rows[m.persons.certificate[trainee_rows] > 0]
    assert (m.persons.course_left[holders] == 0).all()
    pids = m.persons.pid[started]
    for _ in range(4):
        m.step()
    rows = np.flatnonzero(np.isin(m.persons.pid, pids))
    certified = (m.persons.certificate[rows] > 0).mean()
    assert 0.6 < certified <= 1.0  # the completion rate of vocational courses


def test_lever_yamls_are_generated_from_the_levers_settings():
    from scenarios.yaml_files import lever_yaml
    from simulation.config import ROOT

    for name in LEVERS:
        path = ROOT / "conf" / "scenario" / f"{name}.yaml"
        assert path.read_text(encoding="utf-8") == lever_yaml(name), (
            f"{path.name} is out of date: run python -m scenarios.yaml_files"
        )
