"""Build a model from command-line style overrides, for scripts, notebooks and tests.

    from simulation.build import build_model
    model = build_model("scale=100", "scenario=training_retraining")

The overrides are checked exactly as ``run.py`` checks them (a bad one raises
:class:`simulation.config.ConfigError` with a one-line message).
"""

from __future__ import annotations

from simulation.model import ProvinceModel


def parameter_overrides(values: dict[str, float]) -> list[str]:
    """Command-line overrides that set the province's parameters ``values`` (names and
    ranges in the data's parameters.csv)."""
    return [f"+province.params.{name}={value!r}" for name, value in values.items()]


def table_overrides(tables: dict[str, dict[str, float]]) -> list[str]:
    """Command-line overrides that set rows of the province's estimated tables
    (``{variable: {category: value}}``; see ``province.tables`` in simulation/config.py)."""
    return [
        f"+province.tables.{variable}.{category}={value!r}"
        for variable, categories in tables.items()
        for category, value in categories.items()
    ]


def build_model(*overrides: str) -> ProvinceModel:
    """A model built as ``python run.py <overrides>`` builds it, scenario levers included."""
    from scenarios import build_levers, check_levers
    from simulation.preflight import compose_checked

    settings = compose_checked(list(overrides), check_levers)
    return ProvinceModel(settings, build_levers(settings.levers))
