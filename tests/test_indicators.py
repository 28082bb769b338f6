"""Each indicator on hand-made populations where the answer is known."""

from __future__ import annotations

import math

import numpy as np
import pytest

from analysis.targets import TARGETS
from simulation import indicators as ind
from simulation.firms import FIRM_COLUMNS, FirmTable, Ownership
from simulation.population import Certificate, Insurance, PersonTable, Sector, Status

YEARS = 12


def firms(ownerships, in_iz=None):
    n = len(ownerships)
    cols = {name: np.zeros(n) for name in FIRM_COLUMNS}
    cols["ownership"] = np.array(ownerships)
    cols["active"] = np.ones(n, dtype=bool)
    cols["in_iz"] = np.array(in_iz if in_iz is not None else [False] * n)
    cols["represents"] = np.ones(n)
    cols["fid"] = np.arange(n)
    return FirmTable(cols)


def people(rows):
    """rows: dicts of column values; defaults: 30-year-old man, rural, employed at firm 0."""
    t = PersonTable.empty(len(rows))
    for i, r in enumerate(rows):
        t.age_m[i] = r.get("age", 30) * YEARS
        t.female[i] = r.get("female", False)
        t.urban[i] = r.get("urban", False)
        t.status[i] = r.get("status", Status.EMPLOYED)
        if t.status[i] == Status.EMPLOYED:
            t.sector[i] = r.get("sector", Sector.INDUSTRY)
            t.employer[i] = r.get("employer", 0)
            t.hours[i] = r.get("hours", 48)
        t.wants_more[i] = r.get("wants_more", False)
        t.certificate[i] = r.get("certificate", Certificate.NONE)
        t.si[i] = r.get("si", Insurance.NONE)
        t.ui[i] = r.get("ui", False)
        t.retrained[i] = r.get("retrained", False)
        t.formal[i] = r.get("formal", False)
        t.wage[i] = r.get("wage", 0.0)
    return t


def state(rows, firm_owners=(Ownership.FDI,), **kw):
    return ind.State(
        persons=people(rows),
        firms=firms(list(firm_owners)),
        scale=1,
        retirement_age=(726, 668),
        **kw,
    )


U, INACTIVE = Status.UNEMPLOYED, Status.INACTIVE


def test_agri_share():
    s = state([{"sector": Sector.AGRICULTURE}, {}, {}, {}, {"status": U}])
    assert ind.agri_share(s) == pytest.approx(1 / 4)


def test_trained_certified_counts_elementary_and_above_among_employed():
    s = state(
        [
            {"certificate": Certificate.ELEMENTARY},
            {"certificate": Certificate.UNIVERSITY},
            {},
            {},
            {"status": U, "certificate": Certificate.COLLEGE},
        ]
    )
    assert ind.trained_certified(s) == pytest.approx(2 / 4)


def test_retrained_is_a_share_of_the_labour_force():
    s = state(
        [
            {"retrained": True},
            {"status": U, "retrained": True},
            {},
            {},
            {"status": INACTIVE, "retrained": True},
        ]
    )
    assert ind.retrained(s) == pytest.approx(2 / 4)


def test_unemployment_uses_the_working_age_labour_force():
    rows = [{"status": U}, {}, {}, {}, {"age": 70}, {"status": INACTIVE}]
    s = state(rows)
    assert ind.unemployment(s) == pytest.approx(1 / 4)  # the 70-year-old is past working age
    assert ind.unemployment_15plus(s) == pytest.approx(1 / 5)


def test_urban_and_youth_unemployment():
    rows = [
        {"urban": True, "status": U, "age": 20},
        {"urban": True, "age": 22},
        {"urban": True, "status": U},
        {"urban": True},
        {"status": U, "age": 20},
    ]
    s = state(rows)
    assert ind.unemployment_urban(s) == pytest.approx(2 / 4)
    assert ind.youth_unemployment_urban(s) == pytest.approx(1 / 2)
    assert ind.youth_unemployment(s) == pytest.approx(2 / 3)


def test_underemployment_needs_short_hours_and_wanting_more():
    rows = [
        {"hours": 20, "wants_more": True},
        {"hours": 20},
        {"hours": 40, "wants_more": True},
        {},
        {"status": U},
    ]
    s = state(rows)
    assert ind.underemployment(s) == pytest.approx(1 / 4)


def test_rural_youth_underemployment():
    rows = [
        {"age": 19, "hours": 20, "wants_more": True},
        {"age": 19},
        {"age": 19, "urban": True, "hours": 10, "wants_more": True},
        {"age": 40, "hours": 10, "wants_more": True},
    ]
    assert ind.youth_underemployment_rural(state(rows)) == pytest.approx(1 / 2)


def test_insurance_coverage_over_the_working_age_labour_force():
    rows = [
        {"si": Insurance.COMPULSORY, "ui": True},
        {"si": Insurance.VOLUNTARY},
        {"status": U},
        {},
        {"age": 70, "si": Insurance.VOLUNTARY},
        {"status": INACTIVE, "si": Insurance.VOLUNTARY},
    ]
    s = state(rows)
    assert ind.si_coverage(s) == pytest.approx(2 / 4)
    assert ind.si_voluntary(s) == pytest.approx(1 / 4)
    assert ind.ui_coverage(s) == pytest.approx(1 / 4)


def test_satisfaction_is_the_proxy_carried_by_the_state():
    assert ind.si_satisfaction(state([{}], satisfaction=0.82)) == 0.82


def test_counts_by_ownership_and_industrial_zone():
    rows = [{"employer": 0}, {"employer": 1}, {"employer": 1}, {"employer": -2}, {"status": U}]
    s = ind.State(
        persons=people(rows),
        firms=firms([Ownership.FDI, Ownership.HOUSEHOLD], in_iz=[True, False]),
        scale=10,
        retirement_age=(726, 668),
    )
    assert ind.INDICATORS["employment_fdi"].function(s) == 10
    assert ind.INDICATORS["employment_household"].function(s) == 20
    assert ind.employment_outside(s) == 10
    assert ind.employment_iz(s) == 10
    assert ind.enterprise_employment(s) == 10
    assert ind.employed(s) == 40 and ind.labour_force(s) == 50


def test_grdp_adds_taxes_and_scales():
    s = state([{}], value_added=9_100.0, taxes_share=0.09)
    assert ind.grdp(s) == pytest.approx(9.1 / 0.91)


def test_productivity_growth_is_a_yearly_average_since_the_reference():
    years = {2022: {"productivity": 110.0}, 2023: {"productivity": 121.0}}
    reference = {"productivity": (2021, 100.0)}
    assert ind.productivity_growth(years, 2023, reference) == pytest.approx(0.1)
    assert ind.productivity({2022: {"grdp": 200.0, "employed": 1000.0}}, 2022, {}) == 200.0


def test_sector_grdp_spreads_taxes_in_proportion_to_value_added():
    s = state([{}], value_added=9_100.0, taxes_share=0.09)
    s.value_added_by_sector = np.array([1_000.0, 5_000.0, 3_100.0])
    sectors = [
        ind.INDICATORS[f"grdp_{name}"].function(s)
        for name in ("agriculture", "industry", "services")
    ]
    assert sectors[0] == pytest.approx(1.0 / 0.91)
    assert sum(sectors) == pytest.approx(ind.grdp(s))


def _sector_year(employment, grdp, deepening=1.0) -> dict[str, float]:
    """A year's figures by sector; ``deepening``: GRDP over GRDP without capital deepening."""
    sectors = ("agriculture", "industry", "services")
    return (
        {f"employment_{name}": value for name, value in zip(sectors, employment, strict=True)}
        | {f"grdp_{name}": value for name, value in zip(sectors, grdp, strict=True)}
        | {"grdp": sum(grdp), "grdp_without_capital_deepening": sum(grdp) / deepening}
    )


def test_productivity_growth_splits_into_within_between_and_interaction():
    # productivity by sector 1, 2, 2 then 1.1, 2.2, 2.2 (all +10 %); farm share 50 -> 40 %
    years = {
        2023: _sector_year((50, 30, 20), (50, 60, 40)),
        2024: _sector_year((40, 35, 25), (44, 77, 55)),
    }
    parts = [
        ind.INDICATORS[source].function(years, 2024, {}) for source in ind.PRODUCTIVITY_SOURCES
    ]
    assert parts == pytest.approx([0.15 / 1.5, 0.1 / 1.5, 0.01 / 1.5, 0.0])
    assert sum(parts) == pytest.approx(1.76 / 1.5 - 1)  # the year's productivity growth
    first = ind.productivity_growth_within(years, 2023, {})
    assert math.isnan(first)  # no sector figures of the year before the simulation


def test_capital_deepening_is_taken_out_of_the_growth_within_sectors():
    # the same years, but in 2024 capital put in place of labour adds 4 % to GRDP (4 of
    # the 10 % within the sectors): P1 / P0 = 1.76 / 1.5 and (P1 / P0) (1 - 1 / 1.04)
    years = {
        2023: _sector_year((50, 30, 20), (50, 60, 40)),
        2024: _sector_year((40, 35, 25), (44, 77, 55), deepening=1.04),
    }
    parts = [
        ind.INDICATORS[source].function(years, 2024, {}) for source in ind.PRODUCTIVITY_SOURCES
    ]
    capital = 1.76 / 1.5 * (1 - 1 / 1.04)
    assert parts[3] == pytest.approx(capital) and capital > 0.04
    assert parts[0] == pytest.approx(0.15 / 1.5 - capital)
    assert parts[1:3] == pytest.approx([0.1 / 1.5, 0.01 / 1.5])  # between sectors: unchanged
    assert sum(parts) == pytest.approx(1.76 / 1.5 - 1)
    # labour getting cheaper (capital replaced by workers) is a negative part
    years[2024] = _sector_year((40, 35, 25), (44, 77, 55), deepening=0.98)
    assert ind.productivity_growth_capital(years, 2024, {}) < 0


def test_empty_denominators_give_nan_not_errors():
    s = state([{"status": INACTIVE}])
    assert math.isnan(ind.unemployment(s)) and math.isnan(ind.agri_share(s))


def test_all_thirteen_targets_have_an_indicator():
    ids = {t.id for t in TARGETS}
    assert len(ids) == 13
    assert ids <= set(ind.INDICATORS)
    assert ids - set(ind.MONTHLY_INDICATORS) == {"productivity_growth"}  # computed annually
    for t in TARGETS:
        assert t.met(t.threshold - 1e-9 if t.comparison == "<" else t.threshold) is True
        assert t.met(float("nan")) is None


def test_every_indicator_is_declared_once_with_label_unit_and_definition():
    assert set(ind.INDICATORS) == set(ind.MONTHLY_INDICATORS) | set(ind.ANNUAL_INDICATORS)
    assert not set(ind.MONTHLY_INDICATORS) & set(ind.ANNUAL_INDICATORS)
    for key, declaration in ind.INDICATORS.items():
        assert declaration.id == key
        assert declaration.label and declaration.definition, key
        units = ("share", "persons", "firms", "bn VND", "million VND", "hours/week", "months")
        assert declaration.unit in units, key
        assert declaration.aggregate in ("mean", "last", "sum", "annual"), key
        assert (declaration.aggregate == "annual") == (key in ind.ANNUAL_INDICATORS), key
    # the definition is the function's docstring, not a second text
    assert ind.INDICATORS["unemployment"].definition.startswith("Unemployed as a share")


def test_a_second_declaration_of_an_indicator_is_refused():
    with pytest.raises(ValueError, match="declared twice"):
        ind.indicator("Again", "share", "mean", id="unemployment")(lambda state: 0.0)
    with pytest.raises(ValueError, match="aggregate"):
        ind.indicator("Bad", "share", "median", id="never_declared")


def test_targets_read_labels_and_notes_from_the_indicator_declarations():
    for target in TARGETS:
        assert target.label == ind.INDICATORS[target.id].label
    satisfaction = next(t for t in TARGETS if t.id == "si_satisfaction")
    assert not satisfaction.indicator.estimated and "proxy" in satisfaction.note
    assert ind.INDICATORS["unemployment"].estimated
