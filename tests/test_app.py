"""The browser app (app.py) without a browser, as Mesa tests its own apps: render the page
with ``solara.render``, find the sliders, click Step and Reset, read what changed."""

from __future__ import annotations

import importlib.util
import sys

import ipyvuetify as vuetify
import ipywidgets
import numpy as np
import pandas as pd
import pytest
import solara
from solara.components.datatable import DataTableWidget

from scenarios import LEVERS
from simulation.config import ROOT
from simulation.explore import LabourMarketModel
from simulation.labour_flows import BEFORE, LABELS, LabourState, labour_states

SPEC = importlib.util.spec_from_file_location("app", ROOT / "app.py")
app = sys.modules.setdefault("app", importlib.util.module_from_spec(SPEC))
SPEC.loader.exec_module(app)


def render(model=None):
    """The app's page inside solara's AppLayout (as ``solara run`` serves it), rendered."""

    @solara.component
    def Page():
        with solara.AppLayout():
            app.make_page(model)

    return solara.render(Page(), handle_error=False)[1]


def button(rendered, label: str):
    return rendered.find(vuetify.Btn, children=[label]).widget


def images(rendered) -> list[bytes]:
    return [image.value for image in rendered.find(ipywidgets.Image).widgets]


def tables(rendered) -> list[list[dict]]:
    """The rows of every table on the page (solara.DataFrame)."""
    return [widget.items for widget in rendered.find(DataTableWidget).widgets]


def texts(rendered) -> str:
    """The page's lines of text (solara.Text)."""
    return " | ".join(
        str(child)
        for widget in rendered.find(vuetify.Html, tag="span").widgets
        for child in widget.children
    )


def show_page(rendered, index: int) -> None:
    rendered.find(vuetify.Tabs).widget.v_model = index


def alerts(rendered) -> list[str]:
    return [
        "".join(str(child) for child in alert.children)
        for alert in rendered.find(vuetify.Alert).widgets
    ]


def test_the_sidebar_has_a_slider_for_every_levers_first_setting_within_its_range():
    rendered = render()
    sliders = {widget.label: widget for widget in rendered.find(vuetify.Slider).widgets}
    assert len(app.LEVER_SLIDERS) == len(LEVERS)
    for name, lever in LEVERS.items():
        key, setting = next(iter(lever.SETTINGS.items()))
        slider = sliders[f"{name}: {key}".replace("_", " ")]
        assert slider.min <= setting.default <= slider.max
        assert slider.v_model == pytest.approx(setting.default)
        if setting.most is not None:
            assert slider.max <= setting.most
        # every value a slider offers is one the lever accepts
        lever.check({key: slider.max}, prefix=name)
        lever.check({key: slider.min}, prefix=name)
    assert {"Seed", "Play Interval (ms)"} <= set(sliders)
    scenario = next(
        widget for widget in rendered.find(vuetify.Select).widgets if widget.label == "Scenario"
    )
    assert {"baseline", "plan_package", "training_retraining"} <= set(scenario.items)


def test_step_draws_the_targets_and_fills_the_table_then_reset_starts_again():
    rendered = render()
    assert "Press Step" in " ".join(alerts(rendered)) and not images(rendered)
    button(rendered, "Step").click()
    first = images(rendered)
    [targets] = tables(rendered)
    assert len(first) == 1 and len(targets) == len(app.TARGETS_BY_ID)
    unemployment = next(row for row in targets if row["target"] == "Unemployment rate")
    assert unemployment["2025 target"] == "< 3.0 %" and unemployment["this month"].endswith("%")
    assert "after 2022-01" in texts(rendered)
    button(rendered, "Step").click()
    assert images(rendered) != first  # the chart now has two months
    assert "after 2022-02" in texts(rendered)
    button(rendered, "Reset").click()
    assert "Press Step" in " ".join(alerts(rendered)) and not images(rendered)


def test_a_moved_lever_slider_reaches_the_model_at_reset():
    model = app.ExplorerModel()
    rendered = render(model)
    slider = next(
        widget
        for widget in rendered.find(vuetify.Slider).widgets
        if widget.label == "training retraining: seats per year"
    )
    slider.v_model = 120000
    button(rendered, "Reset").click()
    button(rendered, "Step").click()
    # Reset rebuilt the model with the slider's value: the page names it
    assert "training_retraining.seats_per_year=120000, seed 0" in texts(rendered)
    assert model.moved == {}  # (the first model is left as it was)


def test_a_bad_setting_shows_one_line_and_no_traceback():
    rendered = render()
    slider = next(
        widget
        for widget in rendered.find(vuetify.Slider).widgets
        if widget.label == "training retraining: seats per year"
    )
    slider.v_model = -5  # beyond what the slider offers, as a typed-in value would be
    button(rendered, "Reset").click()
    messages = alerts(rendered)
    assert any("seats_per_year: must not be negative" in message for message in messages)
    assert all("\n" not in message and "Traceback" not in message for message in messages)
    button(rendered, "Step").click()  # nothing to step: the button turns off
    assert button(rendered, "Step").disabled
    assert any("seats_per_year: must not be negative" in message for message in alerts(rendered))


def test_the_explorer_model_refuses_bad_settings_with_one_line():
    for keywords, message in (
        ({"scale": 0}, "scale"),
        ({"scenario_name": "nope"}, "unknown scenario 'nope'"),
        ({"no_lever.size": 1.0}, "no_lever.size: unknown setting"),
    ):
        model = app.ExplorerModel(**keywords)
        assert model.simulation is None and not model.running
        assert message in model.problem and "\n" not in model.problem
        model.step()  # does nothing
        assert model.simulation is None


def test_mechanisms_districts_and_followed_worker_and_firm_pages_show_the_months():
    model = app.ExplorerModel(scale=500)
    rendered = render(model)
    for _ in range(3):
        button(rendered, "Step").click()
    show_page(rendered, 1)
    flows, *_ = tables(rendered)
    assert [row["from"] for row in flows] == [LABELS[state] for state in BEFORE]
    assert len(images(rendered)) == 2  # vacancies and job seekers; school intake
    show_page(rendered, 2)
    assert len(images(rendered)) == 1
    show_page(rendered, 3)
    worker, firm = tables(rendered)
    assert [row["month"] for row in worker] == ["2022-01", "2022-02", "2022-03"]
    assert [row["month"] for row in firm] == ["2022-01", "2022-02", "2022-03"]
    person = next(w for w in rendered.find(vuetify.Select).widgets if w.label == "Person")
    person.v_model = person.items[-1]
    worker, _ = tables(rendered)
    assert {row["pid"] for row in worker} == {person.items[-1].split(":")[0].split()[1]}


def test_the_trace_follows_the_same_persons_from_the_first_month():
    model = LabourMarketModel(scale=500, seed=3, end="2022-06")
    model.run_model()
    trace = model.trace
    pid = int(trace.pids[len(trace.pids) // 2])
    history = trace.person_history(pid)
    assert list(history["month"]) == [row["month"] for row in model.history]
    if pid in model.persons.pid:  # the last row is what the model holds now
        now = model.worker(pid)
        assert history["status"].iloc[-1] == now.state
        assert history["hours a week"].iloc[-1] == now.hours
        assert history["wage (million VND a month)"].iloc[-1] == pytest.approx(now.wage)
    firm = int(trace.firm_rows[0])
    assert len(trace.firm_history(firm)) == len(model.history)
    again = LabourMarketModel(scale=500, seed=3, end="2022-06")
    again.run_model()
    assert again.trace.person_history(pid).equals(history)  # deterministic for a seed


def test_the_trace_shows_the_insurance_record_grow_month_by_month_in_insured_work():
    """Students can watch the unemployment-insurance record behind the benefit: a month
    more for every month a traced person holds an insured job."""
    model = LabourMarketModel(scale=500, seed=3, end="2022-06")
    model.run_model()
    rows = pd.concat(model.trace.persons_rows, ignore_index=True)
    rows = rows[rows["status"] != "left"].sort_values(["pid", "month"])
    record = "unemployment-insurance record (months)"
    insured_twice = rows["unemployment insurance"].astype(bool) & rows.groupby("pid")[
        "unemployment insurance"
    ].shift(1).fillna(False).astype(bool)
    growth = rows.groupby("pid")[record].diff()[insured_twice]
    assert len(growth) > 10 and (growth == 1).all()
    assert {"benefit (million VND a month)", "benefit months left"} <= set(rows.columns)


def test_the_months_flows_add_up_to_the_stocks_before_and_after():
    model = LabourMarketModel(scale=500, seed=1, end="2022-03")
    model.step()
    model.step()
    flows = model.labour_flows
    before = flows.sum(axis=1)
    after = flows.sum(axis=0)
    counted = np.bincount(labour_states(model.persons), minlength=len(LabourState))
    for state in (LabourState.FORMAL, LabourState.INFORMAL, LabourState.UNEMPLOYED):
        assert after[LABELS[state]] == counted[state] * model.scale
    assert before[LABELS[LabourState.ARRIVED]] > 0  # births at least
    assert after[LABELS[LabourState.LEFT]] > 0  # deaths at least
    hires_from_unemployment = (
        flows.loc[LABELS[LabourState.UNEMPLOYED], LABELS[LabourState.FORMAL]]
        + flows.loc[LABELS[LabourState.UNEMPLOYED], LABELS[LabourState.INFORMAL]]
    )
    assert 0 < hires_from_unemployment <= model.history[-1]["hires"]
