"""Keep the draws of the assumptions that still reproduce 2022 (history matching).

    python -m analysis.history_match                         # 40 draws at scale 50
    python -m analysis.history_match --draws 100 --min-kept 30 --scale 20 --out outputs/hm

With ``uncertainty=assumptions`` each seed draws every assumed parameter from its plausible
range and each category of the data tables that are estimates within its spread
(``simulation.config.draw_assumptions``) while the calibrated ones stay as fitted, so
a draw may no longer reproduce the province's 2022.  This command simulates 2022 for seeds
0, 1, 2, ... with their draws, compares each with the 2022 figures (``analysis.moments``:
the mean unemployment rate, the certified share in December and its rise, real GRDP
growth, the population, older people's participation, average income and pay by
certificate, each with a tolerance in the data's ``estimation.csv``) and keeps the seeds
within every tolerance.  It draws on, up to ``--max-draws``, until ``--min-kept`` draws
are kept.

**Refits.**  A draw that misses the figure a calibrated parameter is fitted to (2022
unemployment for ``search_value_months``, and so on: ``analysis.calibrate``) first has
that parameter refitted to it, by bisection over its range (``--refit-steps`` halvings,
as the calibration does; 0: no refit), and is then judged on a run at the refitted value.
The refits of the kept draws are written to ``kept_draws.csv``, which a grid reads with
``refitted=<that file>`` so that each seed runs with its own refits.

Writes ``draws.csv`` (one row per draw: its 2022 statistics, distances in tolerances, its
refitted values, kept, and the figures it missed), ``history_match.md`` (how many were
kept, how many refitted, why the others were rejected, and, for the figures missed most,
the assumptions whose draws go most closely with them), ``kept_seeds.txt`` and
``kept_draws.csv`` to ``--out``, and prints the grid command that runs the kept draws,
e.g. ``python run.py -m uncertainty=assumptions refitted=<out>/kept_draws.csv
seed=0,3,4 ...``.  The noise of a run depends on its scale: match at the scale of the
grid.  Exit code 1 when fewer than ``--min-kept`` draws reproduce 2022; 2 on bad
arguments.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from analysis.calibrate import BISECTION_STEPS, Fit, bisect, calibrated_fits, statistics_2022
from analysis.cli import at_least_one, description_of, refuse
from analysis.moments import Moment, moments_2022, observed_2022
from analysis.outputs import out_folder, write_atomic, write_frame
from analysis.parallel import parallel_map
from analysis.sensitivity.factors import assumptions, stated_values
from scenarios import check_levers
from simulation.build import parameter_overrides
from simulation.config import REFITTED_SEED, ConfigError, draw_assumptions
from simulation.data import DataError
from simulation.preflight import compose_checked

EDGE = 1.0  # a statistic this many tolerances from its figure or closer reproduces it


KEPT_DRAWS = "kept_draws.csv"  # the kept seeds and their calibrated parameters
REFITTED = "refitted_"  # draws.csv: the prefix of the refitted values' columns


@dataclass(frozen=True)
class Refit:
    """A calibrated parameter to refit when a draw misses the figure it is fitted to."""

    fit: Fit
    moment: Moment


def simulate_draw(
    item: tuple[int, int, list[Refit], int],
) -> tuple[dict[str, float], dict[str, float]]:
    """The 2022 statistics of the draw of one seed, at one scale, after refitting the
    calibrated parameters whose figures it misses (in order); and the refitted values."""
    seed, scale, refits, steps = item
    base = [f"scale={scale}", f"seed={seed}", "uncertainty=assumptions"]
    statistics = statistics_2022(base)
    values: dict[str, float] = {}
    for refit in refits if steps else []:
        if refit.moment.distance(statistics[refit.fit.statistic]) <= EDGE:
            continue
        values[refit.fit.parameter] = bisect(
            refit.fit,
            lambda value, refit=refit: statistics_2022(
                [*base, *parameter_overrides(values | {refit.fit.parameter: value})]
            ),
            steps,
        )
        statistics = statistics_2022([*base, *parameter_overrides(values)])
    return statistics, values


def refits_of(data, moments: list[Moment]) -> list[Refit]:
    """The calibrated parameters whose figures are among ``moments``."""
    by_statistic = {moment.statistic: moment for moment in moments}
    return [
        Refit(fit, by_statistic[fit.statistic])
        for fit in calibrated_fits(observed_2022(data))
        if fit.statistic in by_statistic
    ]


def judge(seed: int, statistics: dict[str, float], moments: list[Moment]) -> dict:
    """One draw's row: its statistics, their distances and whether it is kept."""
    row: dict = {"seed": seed}
    missed = []
    for moment in moments:
        value = statistics[moment.statistic]
        distance = moment.distance(value)
        row[moment.statistic] = value
        row[f"{moment.statistic}_distance"] = distance
        if distance > EDGE:
            missed.append(moment.statistic)
    return row | {"kept": not missed, "missed": " ".join(missed)}


def match(
    moments: list[Moment],
    scale: int,
    draws: int,
    min_kept: int,
    max_draws: int,
    jobs: int,
    refits: list[Refit] | None = None,
    steps: int = BISECTION_STEPS,
) -> pd.DataFrame:
    """Simulate draws in batches until ``min_kept`` are kept or ``max_draws`` are done."""
    rows: list[dict] = []
    next_seed = 0
    batch = draws
    while batch > 0:
        seeds = list(range(next_seed, next_seed + batch))
        items = [(seed, scale, refits or [], steps) for seed in seeds]
        results = parallel_map(simulate_draw, items, jobs, "2022 draws")
        rows += [
            judge(seed, statistics, moments)
            | {f"{REFITTED}{name}": value for name, value in values.items()}
            for seed, (statistics, values) in zip(seeds, results, strict=True)
        ]
        next_seed += batch
        kept = sum(row["kept"] for row in rows)
        if kept >= min_kept:
            break
        # draw as many again as the kept share says are still needed, within the limit
        share = max(kept / len(rows), 1 / len(rows))
        batch = min(max_draws - next_seed, int((min_kept - kept) / share) + 1)
    return pd.DataFrame(rows)


def refit_lines(frame: pd.DataFrame) -> list[str]:
    """How many draws had each calibrated parameter refitted, and over what range."""
    columns = [column for column in frame.columns if column.startswith(REFITTED)]
    if not columns:
        return ["No draw was refitted."]
    lines = []
    for column in columns:
        values = frame[column].dropna()
        kept = frame.loc[frame["kept"], column].dropna()
        lines.append(
            f"- `{column.removeprefix(REFITTED)}` refitted in {len(values)} draws "
            f"({values.min():.4g} to {values.max():.4g}), {len(kept)} of them kept"
        )
    return lines


def kept_draws(frame: pd.DataFrame, stated: dict[str, float]) -> pd.DataFrame:
    """The kept seeds and the calibrated parameters each runs with: refitted, or as
    stated (the file ``refitted=`` reads)."""
    kept = frame[frame["kept"]]
    out = pd.DataFrame({REFITTED_SEED: kept["seed"].astype(int)})
    for name, value in stated.items():
        column = f"{REFITTED}{name}"
        values = kept[column] if column in kept else pd.Series(index=kept.index, dtype=float)
        out[name] = values.fillna(value)
    return out


DRIVERS = 3  # the assumptions named for each of the most missed figures, and how many figures


def drawn_positions(data, seeds: list[int]) -> pd.DataFrame:
    """Where each seed's draw put each assumption and estimated table row, as a share of
    its range (0 at the low end, 1 at the high end): rows seeds, columns the factors of
    :func:`analysis.sensitivity.factors.assumptions`."""
    factors = assumptions(data)
    low = np.array([bound[0] for bound in factors.bounds])
    high = np.array([bound[1] for bound in factors.bounds])
    rows = []
    for seed in seeds:
        drawn = stated_values(draw_assumptions(data, seed), factors.names)
        rows.append((np.array([drawn[name] for name in factors.names]) - low) / (high - low))
    return pd.DataFrame(rows, index=seeds, columns=list(factors.names))


def driver_lines(
    frame: pd.DataFrame, data, moments: list[Moment], count: int = DRIVERS
) -> list[str]:
    """For the ``count`` figures the draws missed most often, the ``count`` assumptions
    whose drawn values go most closely with the figure (correlation across the draws),
    and where the draws put them on average against their stated value."""
    outside = {
        moment: int((frame[f"{moment.statistic}_distance"] > EDGE).sum()) for moment in moments
    }
    missed = sorted(outside, key=outside.get, reverse=True)[:count]
    missed = [moment for moment in missed if outside[moment] > 0]
    if not missed or len(frame) < 3:
        return []
    positions = drawn_positions(data, frame["seed"].astype(int).tolist())
    positions = positions.loc[:, positions.std() > 0]
    factors = assumptions(data)
    stated = stated_values(data, factors.names)
    bounds = dict(zip(factors.names, factors.bounds, strict=True))
    lines = [
        "Assumptions whose draws go most closely with the figures missed most (correlation "
        "across the draws; where the draws put them on average, and the stated value, as a "
        "share of the range):",
        "",
    ]
    for moment in missed:
        values = pd.Series(frame[moment.statistic].to_numpy(dtype=float), index=positions.index)
        correlation = positions.corrwith(values)
        top = correlation.abs().sort_values(ascending=False).index[:count]
        parts = []
        for name in top:
            low, high = bounds[name]
            at = (stated[name] - low) / (high - low)
            parts.append(
                f"`{name}` r {correlation[name]:+.2f} (drawn {positions[name].mean():.2f}, "
                f"stated {at:.2f})"
            )
        lines.append(f"- {moment.label} (missed by {outside[moment]}): " + "; ".join(parts))
    return [*lines, ""]


def report(frame: pd.DataFrame, moments: list[Moment], scale: int, min_kept: int, data) -> str:
    kept = frame[frame["kept"]]
    lines = [
        "# History matching: the draws of the assumptions that reproduce 2022",
        "",
        f"{len(kept)} of {len(frame)} draws kept (at least {min_kept} wanted), "
        f"at {scale} people per agent.  A draw is kept when each 2022 figure below lies "
        "within its tolerance, after refitting the calibrated parameters whose figures it "
        "missed.",
        "",
        *refit_lines(frame),
        "",
        "| 2022 figure | observed | tolerance | draws outside it | kept draws' range |",
        "|---|---|---|---|---|",
    ]
    for moment in moments:
        outside = int((frame[f"{moment.statistic}_distance"] > EDGE).sum())
        values = kept[moment.statistic]
        span = f"{values.min():.4g} to {values.max():.4g}" if len(values) else "-"
        tolerance = f"{moment.tolerance:.3g}" + (" (relative)" if moment.relative else "")
        lines.append(
            f"| {moment.label} | {moment.observed:.4g} | {tolerance} | {outside} | {span} |"
        )
    only = frame.loc[~frame["kept"], "missed"].value_counts()
    lines += ["", "Rejected draws by the figures they missed:", ""]
    lines += [f"- {missed}: {count}" for missed, count in only.items()] or ["- none"]
    lines += ["", *driver_lines(frame, data, moments)]
    lines += [f"Kept seeds: {', '.join(map(str, kept['seed'])) or 'none'}", ""]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        prog="python -m analysis.history_match", description=description_of(__doc__)
    )
    parser.add_argument("--draws", type=int, default=40, help="first batch of draws (40)")
    parser.add_argument("--min-kept", type=int, default=10, help="draws to keep at least (10)")
    # about 4 % of draws were kept at scale 50 (README): enough for the default ten
    parser.add_argument("--max-draws", type=int, default=600, help="draws at most (600)")
    parser.add_argument("--scale", type=int, default=50, help="people per agent (50)")
    parser.add_argument("--jobs", type=int, default=2, help="processes (2)")
    parser.add_argument(
        "--refit-steps",
        type=int,
        default=BISECTION_STEPS,
        help=f"halvings when refitting a draw ({BISECTION_STEPS}; 0: no refit)",
    )
    parser.add_argument("--out", default="outputs/history_match", help="where to write")
    arguments = parser.parse_args(argv)
    try:
        at_least_one(arguments, ("draws", "min_kept", "scale", "jobs"), ConfigError)
        if arguments.max_draws < arguments.draws:
            raise ConfigError("--max-draws: at least --draws")
        if arguments.max_draws < arguments.min_kept:
            raise ConfigError(
                f"--min-kept {arguments.min_kept} can never be reached in at most "
                f"--max-draws {arguments.max_draws} draws"
            )
        if arguments.refit_steps < 0:
            raise ConfigError(f"--refit-steps: not negative, got {arguments.refit_steps}")
        out_folder(arguments.out, ConfigError)
        data = compose_checked([f"scale={arguments.scale}"], check_levers).province
        moments = moments_2022(data)
        if not moments:
            raise ConfigError(f"{data.folder / 'estimation.csv'}: no history_match_tolerance rows")
        refits = refits_of(data, moments)
    except (ConfigError, DataError) as error:
        refuse(error)
    frame = match(
        moments,
        arguments.scale,
        arguments.draws,
        arguments.min_kept,
        arguments.max_draws,
        arguments.jobs,
        refits,
        arguments.refit_steps,
    )
    out = Path(arguments.out).resolve()
    out.mkdir(parents=True, exist_ok=True)
    kept = frame.loc[frame["kept"], "seed"].tolist()
    write_frame(frame, out / "draws.csv")
    write_atomic(out / "kept_seeds.txt", "".join(f"{seed}\n" for seed in kept))
    stated = {refit.fit.parameter: data.param(refit.fit.parameter) for refit in refits}
    write_frame(kept_draws(frame, stated), out / KEPT_DRAWS)
    text = report(frame, moments, arguments.scale, arguments.min_kept, data)
    write_atomic(out / "history_match.md", text)
    print(text)
    if len(kept) < arguments.min_kept:
        print(
            f"error: only {len(kept)} of {len(frame)} draws reproduce 2022 "
            f"(--min-kept {arguments.min_kept}); see {out / 'history_match.md'}",
            file=sys.stderr,
        )
        sys.exit(1)
    print(
        f"Run the kept draws: python run.py -m uncertainty=assumptions refitted={out / KEPT_DRAWS}"
        f" scale={arguments.scale} seed={','.join(map(str, kept))} scenario=baseline,plan_package"
    )


if __name__ == "__main__":
    main()
