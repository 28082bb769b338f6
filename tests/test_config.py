"""Bad input is refused before anything runs: one line naming the key, non-zero exit, no output."""

from __future__ import annotations

import pytest

from simulation.config import RELATIVE_SPREAD, TABLE_SPREAD, ConfigError
from tests.conftest import run_cli, settings

TRAINING_SEATS = "scenario.levers.training_retraining.seats_per_year"


@pytest.mark.parametrize(
    "override, expected",
    [
        (["seed=abc"], "seed"),
        (["scale=1.5"], "scale"),
        (["scale=0"], "scale: people per agent must be at least 1"),
        (["seed=-3"], "seed: must not be negative"),
        (["+colour=blue"], "colour"),
        (["+province.flavour=sweet"], "province.flavour: unknown key"),
        (
            ["+province.params.outside_work_share=1.5"],
            "province.params.outside_work_share: is a share and must be in [0, 1]",
        ),
        (["+province.params.abroad_stock=-5"], "province.params.abroad_stock: is a count"),
        (
            ["+province.params.no_such_parameter=1"],
            "province.params.no_such_parameter: unknown parameter",
        ),
        (
            ["+province.params.farm_productivity_growth=fast"],
            "province.params.farm_productivity_growth",
        ),
        (["+province.params.abroad_stock=nan"], "abroad_stock: must be a finite number"),
        (
            ["+province.params.demand_growth_state=1e300"],
            "demand_growth_state: 1e+300 is outside its plausible range [-0.03, 0.02]",
        ),
        (["scale=1000000"], "scale: at most 1,946 people per agent"),
        (
            ["scenario=training_retraining", "+scenario.levers.training_retraining.start=2024-01"],
            "already in the config; to change it write",
        ),
        (["hydra.run.dir=README.md"], "hydra.run.dir: README.md exists and is not a directory"),
        (["hydra.run.dir=README.md/${scenario.name}"], "cannot create README.md/${scenario.name}"),
        (["hydra.run.dir=/"], "hydra.run.dir: / is the file-system root"),
        (["scenario.name=../../elsewhere"], "scenario.name: letters, digits"),
        (
            ["scenario=baseline,plan_package"],
            "scenario: several values make a grid of runs; add -m",
        ),
        (["-m", "seed=range(0)"], "seed: the sweep has no values"),
        (["-m", "seed=interval(0,1)"], "seed: interval() needs an optimising sweeper"),
        (["-m", "seed=range(-1,999)"], "seed: must not be negative, got -1"),
        (["-m", "seed=range(999)", "scale=100,0"], "scale: people per agent must be at least 1"),
        (
            ["-m", "scenario=training_retraining", "seed=0,1", TRAINING_SEATS + "=100,-1"],
            TRAINING_SEATS + ": must not be negative, got -1",
        ),
        (
            ["-m", "seed=0,1", "+province.params.farm_mechanisation_rate=0.05,0.9"],
            "province.params.farm_mechanisation_rate: 0.9 is outside its plausible range",
        ),
        (["-m", "hydra/launcher=nope"], "hydra/launcher: unknown choice 'nope'"),
        (["--cfg", "job", "scale=abc"], "scale"),
        (["colour=blue"], "colour: unknown key"),
        (["+province.params.abroad_stock=12000.5"], "must be a whole number"),
        (["start=2023-01", "end=2022-12"], "start: 2023-01 is after end 2022-12"),
        (["uncertainty=maybe"], "uncertainty: must be one of stochastic, assumptions"),
        (["start=2021-06"], "before the province's base month"),
        (["end=2031-01"], "end: 2031-01 is after 2030-12, the last month for which"),
        (["end=2022-13"], "end: '2022-13' is not a month"),
        (["scenario=no_such_scenario"], "scenario: unknown scenario 'no_such_scenario'"),
        (["province=atlantis"], "province: unknown province 'atlantis'"),
        (["+scenario.levers.magic_wand.power=9"], "scenario.levers.magic_wand: unknown lever"),
    ],
)
def test_bad_config_is_one_line_naming_the_key(override, expected):
    from scenarios import check_levers
    from simulation.preflight import preflight

    with pytest.raises(ConfigError) as e:
        preflight(override, check_levers)
    message = str(e.value)
    assert "\n" not in message
    assert expected in message


def test_a_glob_sweeps_over_a_config_group():
    from scenarios import check_levers
    from simulation.preflight import preflight

    assert preflight(["-m", "scenario=glob(base*)", "scale=500"], check_levers) == 1
    assert preflight(["-m", "scenario=glob(*)", "scale=500"], check_levers) >= 13


def test_a_sweep_is_checked_value_by_value():
    from scenarios import check_levers
    from simulation.preflight import preflight

    assert preflight(["-m", "seed=0,1,2", "scale=200"], check_levers) == 3
    grid = ["-m", "seed=range(1000)", "scenario=baseline,plan_package", "scale=choice(10,20)"]
    assert preflight(grid, check_levers) == 4000  # each of the 1,000 seeds checked
    assert preflight(["-m", "seed=sort(3,1,2)", "scale=shuffle(10,20)"], check_levers) == 6
    with pytest.raises(ConfigError, match="scale"):
        preflight(["-m", "scale=100,-1"], check_levers)


def test_the_default_config(data):
    s = settings()
    assert (s.seed, s.scale, s.scenario_name) == (0, 1, "baseline")
    assert s.province_name == "Hải Dương"


def test_a_parameter_can_be_overridden():
    s = settings("+province.params.outside_work_share=0.05")
    assert s.province.param("outside_work_share") == 0.05


def test_another_data_folder_is_a_config_value(data_copy):
    s = settings(f"province.data_dir={data_copy}", "scale=500")
    assert s.province.folder == data_copy


def test_a_malformed_data_file_is_a_one_line_config_error(data_copy):
    path = data_copy / "firms.csv"
    path.write_text(
        path.read_text().replace(
            "fdi_workers,,province,2022,200000", "fdi_workers,,province,2022,many"
        )
    )
    with pytest.raises(ConfigError, match="firms.csv, line .*not a number"):
        settings(f"province.data_dir={data_copy}")


@pytest.mark.parametrize(
    "args", [["seed=abc"], ["scenario=nope"], ["+foo=1"], ["+province.params.outside_work_share=2"]]
)
def test_command_line_refuses_without_traceback_or_output(tmp_path, args):
    out = tmp_path / "run"
    result = run_cli(*args, f"hydra.run.dir={out}")
    assert result.returncode != 0
    lines = [x for x in result.stderr.splitlines() if x.strip()]
    assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr
    assert "Traceback" not in result.stderr
    assert not out.exists()


def test_assumption_draws_stay_in_range_depend_on_the_seed_only_and_spare_data():
    a = settings("uncertainty=assumptions", "seed=4").province.parameters
    b = settings("uncertainty=assumptions", "seed=4", "scenario=plan_package").province.parameters
    c = settings("uncertainty=assumptions", "seed=5").province.parameters
    stated = settings("seed=4").province.parameters
    assumed = [n for n, p in stated.items() if p.status == "assumption" and p.low < p.high]
    assert len(assumed) > 50
    for name, p in stated.items():
        assert a[name].value == b[name].value  # same draws in every scenario of a seed
        if name in assumed:
            assert p.low <= a[name].value <= p.high, name
        else:
            assert a[name].value == p.value, name  # calibrated, published, derived: kept
    assert sum(a[n].value != c[n].value for n in assumed) > 0.9 * len(assumed)
    # an explicit override wins over the draw
    d = settings("uncertainty=assumptions", "+province.params.outside_work_share=0.02")
    assert d.province.parameters["outside_work_share"].value == 0.02


def test_the_tables_that_are_estimates_are_drawn_too_within_their_spread():
    stated = settings("seed=4").province.figures
    a = settings("uncertainty=assumptions", "seed=4").province.figures
    b = settings("uncertainty=assumptions", "seed=4", "scenario=plan_package").province.figures
    c = settings("uncertainty=assumptions", "seed=5").province.figures
    spreads = {row.category: row for row in stated.rows if row.variable == TABLE_SPREAD}
    assert {"labour_share", "relative_productivity", "si_compliance"} <= set(spreads)
    drawn = 0
    for table, spread in spreads.items():
        for category, value in stated.table(table).items():
            draw = a.table(table)[category]
            assert draw == b.table(table)[category]  # the same in every scenario of a seed
            width = spread.value * (value if spread.unit == RELATIVE_SPREAD else 1.0)
            if value in (0.0, 1.0):  # definitions (a reference, no contract, all formal)
                assert draw == value == c.table(table)[category], (table, category)
                continue
            assert value - width <= draw <= value + width, (table, category)
            assert draw != c.table(table)[category]
            drawn += 1
    assert drawn >= 15
    # runs that do not draw the assumptions keep the data's tables
    assert stated.table("labour_share") == settings("seed=5").province.figures.table("labour_share")


def test_a_row_of_an_estimated_table_is_set_within_its_spread():
    stated = settings().province.figures.table("labour_share")
    s = settings("+province.tables.labour_share.fdi=0.4")
    assert s.province.figures.table("labour_share") == stated | {"fdi": 0.4}
    # an explicit row wins over the draw of the assumptions, as a parameter does
    drawn = settings("uncertainty=assumptions", "seed=4", "+province.tables.labour_share.fdi=0.4")
    assert drawn.province.figures.table("labour_share")["fdi"] == 0.4
    # and the cached synthetic populations tell the two apart
    from analysis.population_cache import population_key

    assert population_key(s) != population_key(settings())


@pytest.mark.parametrize(
    "override, words",
    [
        ("labour_share.fdi=0.9", "outside its plausible range 0.25-0.45"),
        ("labour_share.nobody=0.4", "not a row of an estimated table"),
        ("employment_share.agriculture=0.3", "not a row of an estimated table"),
        ("relative_productivity.domestic=1.1", "not a row"),  # the reference, held at 1
    ],
)
def test_a_bad_table_row_is_one_line_naming_it(override, words):
    with pytest.raises(ConfigError) as error:
        settings(f"+province.tables.{override}")
    message = str(error.value)
    assert "\n" not in message and words in message
    assert message.startswith(f"province.tables.{override.split('=')[0]}")


def test_a_history_matchs_refits_override_the_draw_of_their_seed(tmp_path):
    path = tmp_path / "kept_draws.csv"
    path.write_text("seed,search_value_months\n3,17.5\n8,4.25\n", encoding="utf-8")
    refitted = f"+refitted={path}"
    for seed, value in ((3, 17.5), (8, 4.25)):
        drawn = settings("uncertainty=assumptions", f"seed={seed}", refitted).province
        assert drawn.parameters["search_value_months"].value == value
        plain = settings("uncertainty=assumptions", f"seed={seed}").province
        for name, parameter in plain.parameters.items():  # the rest of the draw is kept
            if name != "search_value_months":
                assert drawn.parameters[name].value == parameter.value, name
    with pytest.raises(
        ConfigError, match=r"refitted: seed 4 is not a kept draw of .* \(kept: 3, 8\)"
    ):
        settings("uncertainty=assumptions", "seed=4", refitted)
    with pytest.raises(ConfigError, match="refitted: only with uncertainty=assumptions"):
        settings("seed=3", refitted)
    with pytest.raises(ConfigError, match="refitted: cannot read"):
        settings("uncertainty=assumptions", "seed=3", f"+refitted={tmp_path / 'none.csv'}")


@pytest.mark.parametrize(
    "text, expected",
    [
        ("name: mine\nlevers: {fdi_attraction: {\n", "not valid YAML, line 3"),
        ("name: mine\nlevrs: {}\n", "scenario.levrs: unknown key in conf/scenario/"),
        ("name: mine\nlevers:\n  - fdi_attraction\n", "a list where a mapping is expected"),
        ("description: no name\nlevers: {}\n", "scenario.name: missing"),
        ("", "scenario.name: missing"),
    ],
)
def test_a_broken_scenario_file_is_one_line(text, expected):
    from scenarios import check_levers
    from simulation.preflight import CONF_DIR, preflight

    name = f"test_broken_{abs(hash(text)) % 10**8}"
    path = CONF_DIR / "scenario" / f"{name}.yaml"
    path.write_text(text, encoding="utf-8")
    try:
        with pytest.raises(ConfigError) as e:
            preflight([f"scenario={name}"], check_levers)
    finally:
        path.unlink()
    assert expected in str(e.value) and "\n" not in str(e.value)


def test_an_output_directory_that_cannot_be_made_is_refused_and_nothing_is_left(tmp_path):
    from simulation.preflight import preflight

    blocker = tmp_path / "a_file"
    blocker.write_text("x")
    with pytest.raises(ConfigError, match="hydra.run.dir: cannot create"):
        preflight([f"hydra.run.dir={blocker}/run"])
    fine = tmp_path / "new" / "deeper"
    preflight([f"hydra.run.dir={fine}", "scale=500"])
    assert not (tmp_path / "new").exists()  # the check leaves nothing behind


def test_data_missing_for_a_base_month_is_one_line_and_leaves_nothing(tmp_path):
    out = tmp_path / "run"
    completed = run_cli("scale=500", "province.base_month=2020-01", f"hydra.run.dir={out}")
    assert completed.returncode == 2
    assert completed.stderr.strip().splitlines() == [
        "error: education.csv: no 'trained_certified_share' row with category=, "
        "area=province, year=2020"
    ]
    assert not out.exists()
