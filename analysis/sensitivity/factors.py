"""The factors of a sensitivity analysis: the province's assumed parameters and their
plausible ranges, as SALib's problem, and the parameter values of a point of a design."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

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


def assumptions(data: ProvinceData, names: list[str] | None = None) -> Factors:
    """Every assumed parameter with a range (or only ``names``, each of which must be one)."""
    varied = {
        name: parameter
        for name, parameter in data.parameters.items()
        if parameter.status == ASSUMPTION and parameter.low < parameter.high
    }
    for name in names or []:
        if name not in data.parameters:
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
        tuple((varied[name].low, varied[name].high) for name in chosen),
        tuple(varied[name].kind == COUNT for name in chosen),
    )
