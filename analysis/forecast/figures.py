"""The forecast's heat map: the gap (wanted workers minus those available) by sector and
level, one panel per year, shortages warm and surpluses cool."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from analysis.forecast.balance import ALL_SECTORS, GAP
from simulation.population import CERTIFICATES, SECTORS

THOUSAND = 1000.0
ROWS = (*SECTORS, ALL_SECTORS)

DARK_SHARE = 0.6  # a cell beyond this share of the scale's end is dark: white text


def heat_map(summary: pd.DataFrame, scenario: str, years: list[int]):
    """A matplotlib Figure: ``scenario``'s mean gap by sector and level in each of
    ``years`` (thousand persons; positive = shortage)."""
    from analysis.plots import plt

    gaps = summary[(summary.scenario == scenario) & (summary.measure == GAP)]
    grids = []
    for year in years:
        table = gaps[gaps.year == year].pivot(index="sector", columns="level", values="mean")
        grids.append(table.reindex(index=list(ROWS), columns=list(CERTIFICATES)) / THOUSAND)
    largest = max(float(np.nanmax(np.abs(grid.to_numpy()))) for grid in grids) or 1.0
    figure, axes = plt.subplots(
        1, len(years), figsize=(4.2 * len(years), 3.6), squeeze=False, sharey=True
    )
    for axis, year, grid in zip(axes[0], years, grids, strict=True):
        image = axis.imshow(grid.to_numpy(), cmap="RdBu_r", vmin=-largest, vmax=largest)
        axis.set_xticks(range(len(CERTIFICATES)), CERTIFICATES, rotation=45, ha="right")
        axis.set_yticks(range(len(ROWS)), ROWS)
        axis.set_title(str(year))
        for (row, column), value in np.ndenumerate(grid.to_numpy()):
            if np.isfinite(value):
                # white on the dark ends of the scale, black on the light middle
                dark = abs(value) > DARK_SHARE * largest
                axis.text(
                    column,
                    row,
                    f"{value:+.1f}",
                    ha="center",
                    va="center",
                    fontsize=8,
                    color="white" if dark else "black",
                )
    figure.colorbar(image, ax=list(axes[0]), shrink=0.8, label="thousand persons")
    figure.suptitle(
        f"{scenario}: firms' wanted workers minus those available (+ shortage, - surplus)"
    )
    return figure


def draw_heat_map(summary: pd.DataFrame, scenario: str, years: list[int], out: Path) -> str:
    """Save the heat map as ``forecast_heatmap.png`` in ``out``; its file name."""
    from analysis.plots import save

    return save(heat_map(summary, scenario, years), Path(out) / "forecast_heatmap.png")
