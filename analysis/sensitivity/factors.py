"""The factors of a sensitivity analysis: the province's assumed parameters and the rows of
its data tables that are estimates, with their plausible ranges, as SALib's problem, and
the values of a point of a design."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from simulation.config import estimated_rows_by_name
from simulation.data import ProvinceData

ASSUMPTION = "assumption"  # the status of a parameter that is a named assumption
COUNT = "count"  # a parameter of this kind is a whole number: a point's value is rounded


class SensitivityError(ValueError):
    """Bad input to the sensitivity command: one line, naming what is wrong."""


@dataclass(frozen=True)
class Factors:
    names: tuple[str, ...]
    bounds: tuple[tuple[float, float], ...]
    whole: tuple[bool, ...]  # counts, rounded to whole numbers

    def problem(self) -> dict:
        """SALib's description of the factors."""
        return {
            "num_vars": len(self.names),
            "names": list(self.names),
            "bounds": [list(bound) for bound in self.bounds],
        }

    def values(self, row: np.ndarray) -> dict[str, float]:
        """The parameter values of one point of a design (a row of SALib's sample), within
        the ranges (a design's top level, low + (high - low) x 1, may round past high)."""
        values = np.clip(row, [low for low, _ in self.bounds], [high for _, high in self.bounds])
        return {
            name: float(round(value)) if whole else float(value)
            for name, value, whole in zip(self.names, values, self.whole, strict=True)
        }

    def subset(self, names: list[str]) -> Factors:
        keep = [self.names.index(name) for name in names]
        return Factors(
            tuple(self.names[i] for i in keep),
            tuple(self.bounds[i] for i in keep),
            tuple(self.whole[i] for i in keep),
        )


TABLE_ROW = ":"  # a factor named <variable>:<category> is a row of an estimated table


def table_rows(data: ProvinceData) -> dict[str, tuple[float, float]]:
    """The rows of the data tables that are estimates (labour shares, relative
    productivity, formal shares, insurance compliance, skill premia), named
    ``<variable>:<category>``, each with its plausible range (its spread around the stated
    value, :func:`simulation.config.estimated_row_ranges`)."""
    # a row set for several years has one value in an override: only single rows are factors
    return {
        f"{variable}{TABLE_ROW}{category}": rows[0][1]
        for (variable, category), rows in estimated_rows_by_name(data).items()
        if len(rows) == 1
    }


def split(values: dict[str, float]) -> tuple[dict[str, float], dict[str, dict[str, float]]]:
    """A point's values as parameter values and table rows (``{variable: {category:
    value}}``)."""
    parameters = {name: value for name, value in values.items() if TABLE_ROW not in name}
    tables: dict[str, dict[str, float]] = {}
    for name, value in values.items():
        if TABLE_ROW in name:
            variable, category = name.split(TABLE_ROW, 1)
            tables.setdefault(variable, {})[category] = value
    return parameters, tables


def stated_values(data: ProvinceData, names: tuple[str, ...]) -> dict[str, float]:
    """The stated value of each factor: the parameter's, or the table row's."""
    values = {}
    for name in names:
        if TABLE_ROW in name:
            variable, category = name.split(TABLE_ROW, 1)
            values[name] = float(data.figures.table(variable)[category])
        else:
            values[name] = data.parameters[name].value
    return values


def assumptions(data: ProvinceData, names: list[str] | None = None) -> Factors:
    """Every assumed parameter with a range and every row of the tables that are estimates
    (or only ``names``, each of which must be one)."""
    varied = {
        name: (parameter.low, parameter.high, parameter.kind == COUNT)
        for name, parameter in data.parameters.items()
        if parameter.status == ASSUMPTION and parameter.low < parameter.high
    } | {name: (low, high, False) for name, (low, high) in table_rows(data).items()}
    for name in names or []:
        if TABLE_ROW in name and name not in varied:
            raise SensitivityError(
                f"--parameters: {name} is not a row of an estimated table (those are: "
                f"{', '.join(sorted(table_rows(data)))})"
            )
        if TABLE_ROW not in name and name not in data.parameters:
            raise SensitivityError(
                f"--parameters: {name} is not a parameter of {data.folder / 'parameters.csv'}"
            )
        if name not in varied:
            parameter = data.parameters[name]
            raise SensitivityError(
                f"--parameters: {name} is {parameter.status} with range "
                f"{parameter.low:g}-{parameter.high:g}, not an assumption with a range"
            )
    chosen = sorted(names) if names else sorted(varied)
    if len(chosen) < 2:
        raise SensitivityError("--parameters: give at least two assumptions to compare")
    return Factors(
        tuple(chosen),
        tuple(varied[name][:2] for name in chosen),
        tuple(varied[name][2] for name in chosen),
    )
