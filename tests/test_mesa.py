"""Mesa's conventions: a keyword constructor, ``running``, a DataCollector, table views."""

from __future__ import annotations

import mesa
import pytest

from simulation.config import ConfigError
from simulation.explore import LabourMarketModel
from simulation.indicators import MONTHLY_INDICATORS


def test_a_keyword_model_runs_to_its_end_and_collects_every_indicator():
    model = LabourMarketModel(
        scenario_name="training_retraining",
        scale=500,
        seed=1,
        end="2022-04",
        lever_settings={"training_retraining": {"seats_per_year": 40000}},
    )
    assert model.settings.levers["training_retraining"]["seats_per_year"] == 40000
    assert model.running
    model.run_model()  # stops by itself after the end month
    assert not model.running and model.current_month == "2022-05"
    frame = model.datacollector.get_model_vars_dataframe()
    assert set(MONTHLY_INDICATORS) <= set(frame.columns)
    assert list(frame["month"]) == ["2022-01", "2022-02", "2022-03", "2022-04"]
    assert list(frame["unemployment"]) == [row["unemployment"] for row in model.history]
    with pytest.raises(RuntimeError, match="ended with 2022-04"):
        model.step()


def test_the_keyword_model_is_the_command_lines_model():
    from tests.conftest import model as built
    from tests.conftest import same_history

    keyword = LabourMarketModel(scale=500, seed=2, end="2022-03")
    keyword.run_model()
    command_line = built("scale=500", "seed=2", "end=2022-03")
    command_line.run()
    assert same_history(keyword.history, command_line.history)


def test_bad_keywords_are_one_line_config_errors():
    for keywords, message in (
        ({"scenario_name": "nope"}, "scenario: unknown scenario 'nope'"),
        ({"scale": 0}, "scale"),
        ({"lever_settings": {"training_retraining": {"seats_per_year": -1}}}, "must not be"),
        ({"lever_settings": {"magic": {"power": 1}}}, "magic"),
    ):
        with pytest.raises(ConfigError, match=message) as error:
            LabourMarketModel(**{"scale": 500, **keywords})
        assert "\n" not in str(error.value)


def test_mesa_batch_run_builds_and_runs_it_with_one_seed_per_iteration():
    results = mesa.batch_run(
        LabourMarketModel,
        {"scenario_name": ["baseline", "plan_package"], "scale": 500, "end": "2022-02"},
        rng=[0, 1],
        number_processes=1,
        display_progress=False,
    )
    assert len(results) == 4 and {row["month"] for row in results} == {"2022-02"}
    baseline = [row["unemployment"] for row in results if row["scenario_name"] == "baseline"]
    assert len(set(baseline)) == 2  # two seeds, two outcomes


def test_the_agent_tables_as_data_frames():
    model = LabourMarketModel(scale=1000, end="2022-01")
    persons = model.persons.frame()
    assert len(persons) == len(model.persons) and {"pid", "status", "wage"} <= set(persons)
    persons.loc[0, "wage"] = -1.0  # a copy: the model is untouched
    assert model.persons.wage[0] != -1.0
    assert len(model.firms.frame()) == len(model.firms)
