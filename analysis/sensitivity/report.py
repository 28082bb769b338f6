"""What the sensitivity command writes: the tidy table, a short text of the most
influential assumptions per output, and a heat map."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from analysis.outputs import write_atomic, write_frame
from analysis.plots import plt, save
from analysis.sensitivity.evaluation import EFFECT_SEPARATOR
from analysis.sensitivity.factors import Factors
from analysis.sensitivity.methods import most_influential
from analysis.targets import TARGETS_BY_ID

SHOWN = 5  # assumptions listed per output in the text
MAPPED = 15  # assumptions shown in the heat map
POINTS = 100  # a share's change in percentage points
HEAT_MAP_DPI = 120  # the heat map's long labels need a little more resolution


def label(output: str) -> str:
    """An output's label: the target's, with the scenario for an effect, and a mark on an
    indicator set by inputs."""
    scenario, _, target = output.rpartition(EFFECT_SEPARATOR)
    indicator = TARGETS_BY_ID[target].indicator
    text = indicator.label + ("" if indicator.estimated else " (set by inputs)")
    return f"effect of {scenario} on {text}" if scenario else text


def in_points(output: str, value: float) -> str:
    _, _, target = output.rpartition(EFFECT_SEPARATOR)
    if TARGETS_BY_ID[target].indicator.unit == "share":
        return f"{value * POINTS:.2f} pts"
    return f"{value:.4g}"


def text(table: pd.DataFrame, noise: dict[str, float], settings: str, failures: list[str]) -> str:
    lines = [
        "# Which assumptions matter",
        "",
        settings,
        "",
        "mu*: mean absolute change of the output when the assumption moves across its",
        "plausible range (Morris elementary effects); seed sd: the standard deviation of a",
        "point's output across seeds at the stated values (the model's own noise at this",
        "scale; with several seeds per point, that of their mean).",
        "",
    ]
    if failures:
        lines += [f"{len(failures)} points failed and were left out; the first: {failures[0]}", ""]
    morris = table[table["method"] == "morris"]
    sobol = table[table["method"] == "sobol"]
    for output, rows in morris.groupby("output", sort=False):
        top = rows.sort_values("mu_star", ascending=False, kind="stable").head(SHOWN)
        lines += [
            f"## {label(output)}",
            "",
            f"seed sd {in_points(output, noise.get(output, np.nan))}",
            "",
            "| assumption | mu* | sigma | S1 | ST |",
            "|---|---|---|---|---|",
        ]
        indices = sobol[sobol["output"] == output].set_index("parameter")
        for row in top.itertuples():
            first = indices["S1"].get(row.parameter, np.nan) if len(indices) else np.nan
            total = indices["ST"].get(row.parameter, np.nan) if len(indices) else np.nan
            lines.append(
                f"| {row.parameter} | {in_points(output, row.mu_star)} | "
                f"{in_points(output, row.sigma)} | "
                + " | ".join("" if np.isnan(v) else f"{v:.2f}" for v in (first, total))
                + " |"
            )
        lines.append("")
    return "\n".join(lines)


def heat_map(table: pd.DataFrame) -> plt.Figure:
    """Every output (rows) against the most influential assumptions (columns), each
    output's mu* relative to its largest; blank where nothing moved, a dot where mu* is
    below the output's seed-to-seed standard deviation."""
    morris = table[table["method"] == "morris"]
    factors = most_influential(morris, MAPPED)
    outputs = list(dict.fromkeys(morris["output"]))
    wide = morris.pivot(index="output", columns="parameter", values="mu_star")
    wide = wide.reindex(index=outputs, columns=factors)
    relative = wide.div(wide.max(axis=1).where(lambda largest: largest > 0), axis=0)
    noise = morris.groupby("output")["seed_sd"].first().reindex(outputs).to_numpy()
    below = wide.to_numpy() < noise[:, None]
    figure, axes = plt.subplots(
        figsize=(9 + 0.4 * len(factors), 3 + 0.3 * len(outputs)), layout="constrained"
    )
    colours = plt.get_cmap("viridis").with_extremes(bad="whitesmoke")
    image = axes.imshow(np.ma.masked_invalid(relative.to_numpy()), cmap=colours, vmin=0, vmax=1)
    rows, columns = np.nonzero(below)
    axes.scatter(columns, rows, s=6, c="white", marker="o")
    axes.set_xticks(range(len(factors)), factors, rotation=90)
    axes.set_yticks(range(len(outputs)), [label(output) for output in outputs])
    figure.suptitle(
        "Which assumptions matter: mu* relative to each output's largest "
        "(blank: nothing moved; dot: below the seed-to-seed sd)"
    )
    figure.colorbar(image, ax=axes, shrink=0.6)
    return figure


def write_points(
    path: Path,
    factors: Factors,
    design: np.ndarray,
    values: np.ndarray,
    outputs: list[str],
    failures: list[str],
) -> None:
    """Every point of the Morris design: its parameter values, outputs and error (if any),
    so that a screening can be analysed again without running it."""
    points = pd.DataFrame([factors.values(row) for row in design])
    results = pd.DataFrame(values, columns=outputs)
    write_frame(pd.concat([points, results], axis=1).assign(error=failures), path)


def write(
    out: Path,
    table: pd.DataFrame,
    noise: dict[str, float],
    settings: str,
    failures: list[str],
) -> list[Path]:
    """Write the table, the text and the heat map into ``out``; each file whole or not."""
    out.mkdir(parents=True, exist_ok=True)
    table = table.assign(seed_sd=table["output"].map(noise))
    write_frame(table, out / "sensitivity.csv")
    write_atomic(out / "sensitivity.md", text(table, noise, settings, failures))
    figure = heat_map(table)
    save(figure, out / "sensitivity.png", dpi=HEAT_MAP_DPI, bbox_inches=None)
    names = ("sensitivity.csv", "sensitivity.md", "sensitivity.png", "sensitivity_points.csv")
    return [out / name for name in names]
