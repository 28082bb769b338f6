"""Loading the province data, and refusing malformed files with one line naming the problem."""

from __future__ import annotations

import pytest

from simulation.data import STATUSES, DataError, load_province


def test_every_figure_has_unit_year_status_and_source(data):
    for f in data.figures.rows:
        assert f.unit and f.source and f.status in STATUSES, f
        assert 1990 <= f.year <= 2040


def test_published_figures_are_read_as_given(data):
    assert data.figures.value("population", year=2022) == 1_946_820
    assert data.figures.value("labour_force") == 1_070_000
    assert data.figures.table("employment_share") == {
        "agriculture": 0.288,
        "industry": 0.452,
        "services": 0.261,
    }
    assert data.figures.value("grdp_real_growth", year=2022) == pytest.approx(0.0912)
    assert len(data.districts) == 12
    assert sum(s.type != "university" for s in data.schools) == 17


def test_parameters_lie_in_their_plausible_ranges(data):
    for p in data.parameters.values():
        assert p.low <= p.value <= p.high, p.name
        assert p.source, p.name


def _edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _refused(folder) -> str:
    with pytest.raises(DataError) as e:
        load_province(folder)
    message = str(e.value)
    assert "\n" not in message
    return message


def test_missing_column_is_named(data_copy):
    _edit(
        data_copy / "labour.csv",
        "variable,category,area,year,value,",
        "variable,category,area,year,amount,",
    )
    message = _refused(data_copy)
    assert "labour.csv" in message and "missing column 'value'" in message


def test_non_numeric_value_names_file_and_line(data_copy):
    _edit(
        data_copy / "labour.csv",
        "labour_force,,province,2021,1070000,",
        "labour_force,,province,2021,about a million,",
    )
    message = _refused(data_copy)
    assert "labour.csv, line 2" in message and "not a number" in message


def test_shares_that_do_not_add_up_are_refused(data_copy):
    _edit(
        data_copy / "labour.csv",
        "employment_share,agriculture,province,2021,0.288,",
        "employment_share,agriculture,province,2021,0.388,",
    )
    message = _refused(data_copy)
    assert "employment_share" in message and "add up to" in message


def test_unknown_district_is_refused(data_copy):
    _edit(data_copy / "population.csv", "population,,tu_ky,2019,", "population,,atlantis,2019,")
    message = _refused(data_copy)
    assert "population.csv, line" in message and "unknown district 'atlantis'" in message


def test_share_outside_unit_interval_is_refused(data_copy):
    _edit(
        data_copy / "population.csv",
        "urban_share,,chi_linh,2021,0.60,",
        "urban_share,,chi_linh,2021,1.60,",
    )
    assert "outside [0, 1]" in _refused(data_copy)


def test_unknown_status_and_empty_source_are_refused(data_copy):
    _edit(data_copy / "fdi.csv", ",published,", ",rumour,")
    assert "status 'rumour'" in _refused(data_copy)


def test_wrong_number_of_fields_is_refused(data_copy):
    path = data_copy / "output.csv"
    path.write_text(path.read_text() + "grdp_current,,province,2020,1,2,3\n")
    assert "fields, the header has" in _refused(data_copy)


def test_missing_file_and_missing_required_variable(data_copy):
    (data_copy / "wages.csv").unlink()
    assert "wages.csv: file not found" in _refused(data_copy)


def test_parameter_outside_its_range_is_refused(data_copy):
    _edit(data_copy / "parameters.csv", "outside_work_share,0.03,", "outside_work_share,0.5,")
    assert "outside its plausible range" in _refused(data_copy)


def test_another_province_needs_only_a_data_folder(data_copy):
    """Rename a district and move the folder: loading works without code changes."""
    for name in ("districts.csv", "population.csv", "firms.csv", "wages.csv", "schools.csv"):
        path = data_copy / name
        path.write_text(
            path.read_text(encoding="utf-8").replace("tu_ky", "new_district"), encoding="utf-8"
        )
    data = load_province(data_copy)
    assert "new_district" in data.districts


def test_data_documentation_is_generated_from_the_current_data(data):
    """docs/assumptions.md and docs/data_sources.md must match the data folder."""
    from analysis.assumptions import DOC, SOURCES, render, render_sources

    assert DOC.read_text(encoding="utf-8") == render(data), "run python -m analysis.assumptions"
    assert SOURCES.read_text(encoding="utf-8") == render_sources(data)


def test_a_missing_or_unknown_parameter_is_named(data_copy):
    path = data_copy / "parameters.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    gone = [x for x in lines if x.startswith("outside_work_share,")]
    path.write_text("".join(x for x in lines if x not in gone), encoding="utf-8")
    assert "missing parameter 'outside_work_share'" in _refused(data_copy)
    path.write_text(
        "".join(lines) + gone[0].replace("outside_work_share", "outside_work_shaer"),
        encoding="utf-8",
    )
    assert "unknown parameter 'outside_work_shaer'" in _refused(data_copy)


def test_a_repeated_figure_is_refused(data_copy):
    path = data_copy / "firms.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    row = next(x for x in lines if x.startswith("fdi_workers,,province,2022,"))
    path.write_text("".join(lines) + row.replace(",2022,200000", ",2022,250000"), encoding="utf-8")
    message = _refused(data_copy)
    assert "firms.csv" in message and "repeats line" in message


def test_every_parameter_is_used_by_the_code(data):
    """A parameter no code reads would be a number that changes nothing."""
    from simulation.config import ROOT

    code = "".join(
        p.read_text(encoding="utf-8")
        for folder in ("simulation", "scenarios", "analysis")
        for p in (ROOT / folder).rglob("*.py")
    )
    unused = [name for name in data.parameters if f'"{name}"' not in code]
    assert not unused
