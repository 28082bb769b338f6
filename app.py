"""The model in the browser, for students: a Mesa SolaraViz app.

Start it with ``.venv/bin/solara run app.py`` (after ``pip install -e '.[app]'``; it
serves on http://localhost:8765, this machine only).  The sidebar builds a model
(scenario, the main setting of every lever, seed, people per agent) and steps it month by
month; the tabs show

- page 0: the plan's 2025 targets month by month against their target lines, and a table
  of where each target stands;
- page 1: the mechanisms at work: this month's flows between formal and informal work,
  unemployment and inactivity; vacancies and job seekers; school intake against capacity;
- page 2: the districts side by side;
- page 3: one worker's and one firm's history month by month (a traced sample).

A bad setting shows a one-line message in the page, never a traceback.
"""

from __future__ import annotations

import io
import logging
import math
from dataclasses import dataclass
from typing import Any

import matplotlib.pyplot as plt
import mesa
import pandas as pd
import solara
from matplotlib.figure import Figure
from mesa.visualization import SolaraViz

from analysis.outputs import annual_values, monthly_frame, targets_frame
from analysis.plots import (
    plot_districts,
    plot_labour_market,
    plot_school_intake,
    plot_targets,
    wide_indicators,
)
from analysis.targets import TARGETS_BY_ID
from scenarios import LEVERS
from scenarios.lever import Setting
from simulation.config import ConfigError
from simulation.explore import DEFAULT_SCALE, LabourMarketModel
from simulation.preflight import CONF_DIR

LOGGER = logging.getLogger(__name__)

SCALES = (50, DEFAULT_SCALE, 200, 500)  # people per agent offered (coarser runs faster)
SEEDS = 100  # seeds offered: 0 to 99
# A lever's slider runs over the kind's own range (a share: 0 to 1) or from the setting's
# least (else 0) to SLIDER_REACH times its default (or its most, if lower), in SLIDER_STEPS
# steps.  A slider left at the lever's default does not touch the scenario: the scenario's
# own value applies, and a lever the scenario lacks stays off.
SLIDER_REACH = 5
SLIDER_STEPS = 100
PLAY_INTERVAL_MS = 100  # pause between months while playing
FIGURE_DPI = 80  # resolution of the charts sent to the browser
TARGET_CHART_COLUMNS = 2  # panels a row in the targets' chart (it fills half the page)


def scenario_names() -> list[str]:
    """The scenarios of ``conf/scenario/`` (what ``scenario=`` accepts on the command line)."""
    return sorted(path.stem for path in (CONF_DIR / "scenario").glob("*.yaml"))


@dataclass(frozen=True)
class LeverSlider:
    """The slider of a lever's main setting: its first declared one (the lever's size)."""

    lever: str
    key: str
    setting: Setting

    @property
    def name(self) -> str:
        """The model parameter, named as on the command line's ``scenario.levers.``."""
        return f"{self.lever}.{self.key}"

    @property
    def whole(self) -> bool:
        return self.setting.kind == "count"

    @property
    def range(self) -> tuple[float, float]:
        setting = self.setting
        if setting.kind == "share":
            return 0.0, 1.0
        least = 0.0 if setting.least is None else setting.least
        most = setting.default * SLIDER_REACH
        if setting.most is not None:
            most = min(most, setting.most)
        return least, most

    @property
    def step(self) -> float:
        """About 1/SLIDER_STEPS of the range, a power of ten, and fine enough that the
        default is a notch (the browser rounds a slider's value to its step's decimals)."""
        least, most = self.range
        step = 10.0 ** math.floor(math.log10((most - least) / SLIDER_STEPS))
        notches = self.setting.default / step
        while not math.isclose(notches, round(notches)):
            step /= 10
            notches = self.setting.default / step
        return max(1, int(step)) if self.whole else step

    def moved(self, value: float) -> bool:
        """Whether ``value`` is on another notch than the default."""
        return abs(value - self.setting.default) > self.step / 2

    def parameter(self) -> dict[str, Any]:
        """The slider as a SolaraViz model parameter."""
        least, most = self.range
        setting = self.setting
        return {
            "type": "SliderInt" if self.whole else "SliderFloat",
            "label": f"{self.lever}: {self.key}".replace("_", " "),
            "value": int(setting.default) if self.whole else setting.default,
            "min": int(least) if self.whole else least,
            "max": int(most) if self.whole else most,
            "step": self.step,
        }


LEVER_SLIDERS = {
    slider.name: slider
    for slider in (
        LeverSlider(name, key, setting)
        for name, lever in LEVERS.items()
        for key, setting in list(lever.SETTINGS.items())[:1]
    )
}


def moved_sliders(values: dict[str, Any]) -> dict[str, float]:
    """The lever sliders among ``values`` moved from their default; refuses a name that is
    no lever's slider."""
    for name in values:
        if name not in LEVER_SLIDERS:
            raise ConfigError(f"{name}: unknown setting (known: {', '.join(LEVER_SLIDERS)})")
    return {name: value for name, value in values.items() if LEVER_SLIDERS[name].moved(value)}


def lever_settings(moved: dict[str, float]) -> dict[str, dict[str, Any]]:
    """The moved sliders as the model's lever settings: {lever: {key: value}}."""
    settings: dict[str, dict[str, Any]] = {}
    for name, value in moved.items():
        slider = LEVER_SLIDERS[name]
        settings.setdefault(slider.lever, {})[slider.key] = value
    return settings


MODEL_PARAMETERS = {
    "scenario_name": {
        "type": "Select",
        "label": "Scenario",
        "value": "baseline",
        "values": scenario_names(),
    },
    "scale": {
        "type": "Select",
        "label": "People per agent",
        "value": DEFAULT_SCALE,
        "values": list(SCALES),
    },
    "seed": {
        "type": "SliderInt",
        "label": "Seed",
        "value": 0,
        "min": 0,
        "max": SEEDS - 1,
        "step": 1,
    },
} | {name: slider.parameter() for name, slider in LEVER_SLIDERS.items()}


class ExplorerModel(mesa.Model):
    """What the app builds and steps: a :class:`LabourMarketModel` from the sidebar's
    settings, or, if they are refused, none and the one-line reason (``problem``)."""

    def __init__(
        self,
        scenario_name: str = "baseline",
        scale: int = DEFAULT_SCALE,
        seed: int = 0,
        *,
        scenario: Any = None,  # Mesa's own scenario object (SolaraViz's Reset): not used
        rng: Any = None,  # (the seed is ``seed``)
        **lever_values: float,
    ):
        super().__init__()
        self.scenario_name = scenario_name
        self.moved: dict[str, float] = {}
        self.problem: str | None = None
        self.simulation: LabourMarketModel | None = None
        try:
            self.moved = moved_sliders(lever_values)
            self.simulation = LabourMarketModel(
                scenario_name=scenario_name,
                scale=scale,
                seed=seed,
                lever_settings=lever_settings(self.moved),
            )
        except ConfigError as error:
            self.problem = str(error)
        self.running = self.simulation is not None and self.simulation.running

    def step(self) -> None:
        """One month of the simulation (nothing once it has ended or failed)."""
        if not self.running:
            return
        try:
            self.simulation.step()
        except Exception as error:  # the page shows one line, the server's log the traceback
            LOGGER.exception("the month could not be simulated")
            self.problem = f"the month could not be simulated: {error}".splitlines()[0]
        self.running = self.problem is None and self.simulation.running


# --------------------------------------------------------------------------- the views


def chart(figure: Figure):
    """A matplotlib Figure as an image in the page (the figure is closed)."""
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=FIGURE_DPI)
    plt.close(figure)
    return solara.Image(buffer.getvalue(), width="100%")


def title(model: ExplorerModel) -> str:
    """The run in a few words: scenario, the sliders moved, seed, people per agent."""
    simulation = model.simulation
    moved = "".join(f", {name}={value:g}" for name, value in model.moved.items())
    return (
        f"{model.scenario_name}{moved}, seed {simulation.seed}, {simulation.scale} people per agent"
    )


def heading(text: str):
    """A heading (plain HTML: solara's Markdown would fetch KaTeX from a CDN)."""
    return solara.v.Html(tag="h3", children=[text])


def waiting(model: ExplorerModel) -> bool:
    """Show why there is nothing to see yet (a refused setting, no month simulated), if so."""
    if model.problem:
        solara.Error(model.problem)
        return True
    if not model.simulation.history:
        solara.Info(
            f"Press Step (or ▶) to simulate the first month, {model.simulation.current_month}."
        )
        return True
    return False


def percent_or_value(value: float, unit: str) -> str:
    if value is None or math.isnan(value):
        return "-"
    if unit == "share":
        return f"{value * 100:.1f} %"
    return f"{value:,.1f} {unit}"


def targets_table(simulation: LabourMarketModel) -> pd.DataFrame:
    """Where each target stands: its value this month and in the year it is judged in."""
    years = annual_values(simulation.history, simulation.reference())
    latest = simulation.history[-1]
    rows = []
    for row in targets_frame(years).itertuples():
        target = TARGETS_BY_ID[row.indicator]
        unit = target.indicator.unit
        rows.append(
            {
                "target": target.label,
                f"{target.year} target": f"{target.comparison} "
                f"{percent_or_value(target.threshold, unit)}",
                "this month": percent_or_value(latest.get(target.id, math.nan), unit),
                "this year": percent_or_value(row.value, unit),
                "met": {True: "yes", False: "no", "": "-"}[row.met],
            }
        )
    return pd.DataFrame(rows)


def history_wide(simulation) -> pd.DataFrame:
    """The run's monthly indicators as month x indicator (what the plotting functions take)."""
    return wide_indicators(monthly_frame(simulation.history))


def TargetCharts(model: ExplorerModel):
    with solara.Column():
        if waiting(model):
            return
        simulation = model.simulation
        wide = history_wide(simulation)
        years = annual_values(simulation.history, simulation.reference())
        chart(
            plot_targets(wide, years, "The 2025 targets month by month", cols=TARGET_CHART_COLUMNS)
        )


def TargetTable(model: ExplorerModel):
    with solara.Column():
        heading("Where each target stands")
        if waiting(model):
            return
        solara.Text(f"{title(model)}, after {model.simulation.history[-1]['month']}")
        solara.DataFrame(targets_table(model.simulation), items_per_page=len(TARGETS_BY_ID))


def LabourFlows(model: ExplorerModel):
    with solara.Column():
        heading("Flows this month (persons, from the row's state to the column's)")
        if waiting(model):
            return
        flows = model.simulation.labour_flows
        solara.Text(f"{model.simulation.history[-1]['month']}: {title(model)}")
        solara.DataFrame(flows.reset_index(names="from"), items_per_page=len(flows))


def JobsAndSeekers(model: ExplorerModel):
    with solara.Column():
        if waiting(model):
            return
        wide = history_wide(model.simulation)
        chart(plot_labour_market(wide, f"Vacancies and job seekers: {title(model)}"))


def SchoolIntake(model: ExplorerModel):
    with solara.Column():
        if waiting(model):
            return
        simulation = model.simulation
        schools = pd.DataFrame(
            {
                "school": [school.name for school in simulation.schools],
                "intake": [
                    school.intake_this_year * simulation.scale for school in simulation.schools
                ],
                "capacity": [
                    school.intake_capacity * simulation.scale for school in simulation.schools
                ],
            }
        )
        chart(
            plot_school_intake(
                schools, f"School intake in {simulation.history[-1]['month'][:4]} against capacity"
            )
        )


def Districts(model: ExplorerModel):
    with solara.Column():
        if waiting(model):
            return
        chart(plot_districts(pd.DataFrame(model.simulation.district_history), title(model)))


def follow(model: ExplorerModel, what: str, picker: str, options, history) -> None:
    """A picker (labelled ``picker``) of the traced persons or firms (``options``: label ->
    id) and the chosen one's history month by month (``history(id)``)."""
    chosen, choose = solara.use_state(None)
    with solara.Column():
        heading(f"Follow one {what}")
        if waiting(model):
            return
        labels = options(model.simulation.trace)
        label = chosen if chosen in labels else next(iter(labels))
        solara.Select(picker, values=list(labels), value=label, on_value=choose)
        months = history(model.simulation.trace, labels[label])
        solara.DataFrame(months, items_per_page=len(months))


def traced_persons(trace) -> dict[str, int]:
    first = trace.persons_rows[0].set_index("pid")
    return {
        f"person {pid}: {first.at[pid, 'age']} years, {first.at[pid, 'status']} in "
        f"{first.at[pid, 'month']}": int(pid)
        for pid in trace.pids
    }


def traced_firms(trace) -> dict[str, int]:
    first = trace.firms_rows[0].set_index("firm")
    return {
        f"firm {row}: {first.at[row, 'ownership']}, {first.at[row, 'sector']}": int(row)
        for row in trace.firm_rows
    }


@solara.component
def FollowWorker(model: ExplorerModel):
    follow(model, "worker", "Person", traced_persons, lambda trace, pid: trace.person_history(pid))


@solara.component
def FollowFirm(model: ExplorerModel):
    follow(model, "firm", "Firm", traced_firms, lambda trace, row: trace.firm_history(row))


COMPONENTS = [
    (TargetCharts, 0),
    (TargetTable, 0),
    (LabourFlows, 1),
    (JobsAndSeekers, 1),
    (SchoolIntake, 1),
    (Districts, 2),
    (FollowWorker, 3),
    (FollowFirm, 3),
]


def make_page(model: ExplorerModel | None = None):
    """The app's page (SolaraViz) around ``model`` (a new default one if None)."""
    return SolaraViz(
        model if model is not None else ExplorerModel(),
        components=[(lambda model, view=view: view(model), page) for view, page in COMPONENTS],
        model_params=MODEL_PARAMETERS,
        name="Labour market of Hải Dương: the plan's targets",
        play_interval=PLAY_INTERVAL_MS,
        # the model steps in a thread of its own while playing, and the charts show the
        # latest month whenever they are redrawn (drawing them takes longer than a month)
        use_threads=True,
    )


page = make_page()
