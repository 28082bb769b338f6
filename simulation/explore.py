"""The province model built from keywords, as Mesa's own tools build models.

Mesa's ``batch_run`` and SolaraViz (its Reset button and model-parameter sliders) build a
model by calling its class with keyword arguments.  :class:`LabourMarketModel` takes them
and checks them exactly as ``python run.py`` checks a command line (a bad value raises
:class:`simulation.config.ConfigError` with one line naming it)::

    from simulation.explore import LabourMarketModel
    model = LabourMarketModel(scenario_name="training_retraining", scale=100, seed=1,
                              lever_settings={"training_retraining": {"seats_per_year": 40000}})
    model.run_model()                       # to the end month (``running`` turns False)
    model.datacollector.get_model_vars_dataframe()   # every indicator, month by month

    import mesa
    mesa.batch_run(LabourMarketModel, {"scenario_name": ["baseline", "plan_package"],
                   "scale": 200}, iterations=2, rng=[0, 1], number_processes=1)

As it runs, the model follows a sample of persons and firms month by month
(``model.trace``, :mod:`simulation.trace`: ``model.trace.person_history(pid)``) and measures
the month's flows between formal and informal work, unemployment and inactivity
(``model.labour_flows``, :mod:`simulation.labour_flows`); neither changes what the model does.

The scenario is ``scenario_name``: Mesa's ``Model`` has a ``scenario`` of its own (a
``mesa.Scenario``), which SolaraViz's Reset may pass; it is accepted and not used.  The seed
is ``seed``; an integer ``rng`` (what ``batch_run`` passes for each iteration) stands for it
when ``seed`` is not given.
"""

from __future__ import annotations

import dataclasses
from typing import Any

import numpy as np

from simulation.config import ConfigError
from simulation.labour_flows import LabourStates
from simulation.model import ProvinceModel
from simulation.trace import Trace

DEFAULT_SCALE = 100  # people per agent: a few months a second, for exploring


class LabourMarketModel(ProvinceModel):
    """:class:`simulation.model.ProvinceModel` with a keyword constructor."""

    def __init__(
        self,
        scenario_name: str = "baseline",
        scale: int = DEFAULT_SCALE,
        seed: int | None = None,
        end: str = "2025-12",
        lever_settings: dict[str, dict[str, Any]] | None = None,
        *,
        scenario: Any = None,  # Mesa's own scenario object (SolaraViz): not used
        rng: Any = None,
    ):
        from scenarios import build_levers, check_levers
        from simulation.preflight import compose_checked

        if seed is None:
            seed = int(rng) if isinstance(rng, (int, np.integer)) else 0
        settings = compose_checked(
            [f"scenario={scenario_name}", f"scale={scale}", f"seed={seed}", f"end={end}"],
            check_levers,
        )
        if lever_settings:
            if not isinstance(lever_settings, dict):
                raise ConfigError("lever_settings: expected {lever: {setting: value}}")
            levers = {name: dict(values) for name, values in settings.levers.items()}
            for lever, values in lever_settings.items():
                if not isinstance(values, dict):
                    raise ConfigError(f"lever_settings.{lever}: expected {{setting: value}}")
                levers.setdefault(lever, {}).update(values)
            settings = dataclasses.replace(settings, levers=check_levers(levers))
        super().__init__(settings, build_levers(settings.levers))
        self.trace = Trace(self.persons, self.firms)
        self.labour_flows = None  # the last recorded month's flows (a DataFrame), once stepped

    def step(self) -> None:
        """One month of :class:`ProvinceModel`; a recorded month also records the traced
        panel and the month's flows between labour-market states."""
        if self.spinning_up:  # (the constructor's spin-up: nothing is recorded)
            super().step()
            return
        before = LabourStates.of(self.persons)
        recorded = len(self.history)
        super().step()
        if len(self.history) > recorded:
            self.labour_flows = before.flows_to(self.persons, self.scale)
            self.trace.record(self.history[-1]["month"], self.persons, self.firms, self.scale)
