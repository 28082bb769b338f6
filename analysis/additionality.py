"""Deadweight, displacement and net effect of the labour-market levers, measured per lever.

    python -m analysis.additionality                      # all four levers, seeds 0-9, scale 10
    python -m analysis.additionality --scenarios credit_programme,special_groups \\
        --seeds 0-9 --scale 10 --out outputs/additionality.csv

Each lever's scenario and the baseline are run in-process with the same seed (common random
numbers: until the lever acts, the two runs are the same run).  A lever records the persons
it helps and the month (``ProvinceModel.record_helped``): the placed (special_groups), the
borrowers who start a business and the jobseekers hired with a loan (credit_programme), the
trainees (training_retraining).  Only persons present at the start are compared: person ids
are stable, but the births and migrants of two runs are different people.

At the horizon (the last month of the runs), per lever and seed:

- ``G``: gross beneficiaries, persons helped (first help only; persons, not agents);
- ``deadweight``: the share of them employed at the horizon in the baseline, that is without
  the lever (``deadweight_12m``: the same 12 months after each was helped, for those helped
  at least 12 months before the horizon);
- ``own_gain``: the beneficiaries' employment in the lever's run less theirs in the baseline
  (``own_effect``: per beneficiary, the effect on their chance of being employed that
  evaluations of programmes comparing participants with non-participants estimate);
- ``N`` (net effect): employment in the lever's run less that in the baseline, over all
  persons present at the start (``N_all``: the model's employment indicator, everybody);
- ``displacement``: (G (1 - deadweight) - N) / G, the jobs the gross count overstates: split
  into ``attrition`` (beneficiaries the lever put in work who are not in work at the
  horizon, (G (1 - deadweight) - own_gain) / G) and ``spillover`` (jobs that non-beneficiaries
  lost, (own_gain - N) / G).

The same for training (the plan's retraining target counts people who completed a course,
each once): ``retrained_G``, the beneficiaries retrained at the horizon in the lever's run;
``retrained_deadweight``, the share of the beneficiaries who completed retraining or
continuous training by the horizon in the baseline too (in-firm training, their own
courses); ``retrained_N``, persons retrained in the lever's run less the baseline, over
all persons present at the start.

The digital labour exchange helps nobody in particular (it raises every searcher's matching
efficiency), so only its net effect is reported.  Prints the mean over seeds with a 95 %
confidence interval (t distribution) and writes one row per lever and seed to a CSV.
"""

from __future__ import annotations

import argparse
import logging
import math
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from analysis.cli import description_of, refuse
from analysis.compare.statistics import confidence_interval
from simulation.build import build_model
from simulation.calendar import MONTHS_PER_YEAR, month_label
from simulation.config import ConfigError
from simulation.data import DataError
from simulation.population import Status

LEVERS = ("special_groups", "digital_labour_exchange", "training_retraining", "credit_programme")
NO_BENEFICIARIES = ("digital_labour_exchange",)  # levers that help nobody in particular
BASELINE = "baseline"
LEVEL = 0.95  # confidence level of the intervals across seeds
NOT_PRESENT = False  # a person who died or left counts as not employed
MEASURES = (
    "G",
    "deadweight",
    "deadweight_12m",
    "own_gain",
    "own_effect",
    "N",
    "N_all",
    "displacement",
    "attrition",
    "spillover",
    "retrained_G",
    "retrained_deadweight",
    "retrained_N",
)
# what each measure is, printed beside it (the module's docstring defines them)
MEASURE_LABELS = {
    "G": "gross beneficiaries (persons helped)",
    "deadweight": "of them employed at the horizon without the lever",
    "deadweight_12m": "the same, 12 months after each was helped",
    "own_gain": "beneficiaries' employment, lever's run less baseline",
    "own_effect": "own_gain per beneficiary",
    "N": "net effect: employment less baseline, persons present at the start",
    "N_all": "net effect on the model's employment indicator, everybody",
    "displacement": "jobs the gross count overstates: attrition + spillover",
    "attrition": "put in work by the lever, not in work at the horizon",
    "spillover": "jobs non-beneficiaries lost",
    "retrained_G": "beneficiaries retrained at the horizon",
    "retrained_deadweight": "of them retrained by the horizon without the lever",
    "retrained_N": "retrained persons, lever's run less baseline",
}
SHARES = (
    "deadweight",
    "deadweight_12m",
    "own_effect",
    "displacement",
    "attrition",
    "spillover",
    "retrained_deadweight",
)
DEFAULT_OUT = Path("outputs") / "additionality.csv"
MEASURE_WIDTH = max(len(name) for name in MEASURES) + 2  # the printed table's first column


@dataclass
class RunRecord:
    """What one run leaves for the accounting: employment by month of the persons present
    at the start (rows: months from the first recorded; columns: person ids), the model's
    employment indicator at the horizon, and the persons the levers helped."""

    first_month: int
    employed: np.ndarray  # bool (months, persons present at the start)
    employed_all: float  # the employment indicator (persons) at the horizon
    retrained: np.ndarray  # bool (persons present at the start): retrained by the horizon
    helped: dict[str, list[tuple[int, np.ndarray]]]
    scale: int


def run(scenario: str, seed: int, scale: int, *extra: str) -> RunRecord:
    """Run ``scenario`` and record employment of the persons present at the start."""
    model = build_model(f"scenario={scenario}", f"seed={seed}", f"scale={scale}", *extra)
    present = int(model.persons.pid.max()) + 1  # new persons get larger ids
    first = model.month
    months = []
    while model.month <= model.end:
        model.step()
        persons = model.persons
        stable = persons.pid < present
        employed = np.full(present, NOT_PRESENT)
        employed[persons.pid[stable]] = persons.status[stable] == Status.EMPLOYED
        months.append(employed)
    retrained = np.full(present, NOT_PRESENT)
    retrained[persons.pid[stable]] = persons.retrained[stable]
    return RunRecord(
        first_month=first,
        employed=np.array(months),
        retrained=retrained,
        employed_all=float(model.history[-1]["employed"]),
        helped=model.helped,
        scale=scale,
    )


def first_help(helped: dict[str, list[tuple[int, np.ndarray]]], present: int):
    """The persons present at the start whom the levers helped, and the month each was
    first helped; also the number of helped persons who were not present at the start."""
    records = [(month, ids) for lists in helped.values() for month, ids in lists]
    if not records:
        return np.array([], dtype=np.int64), np.array([], dtype=np.int64), 0
    months = np.concatenate([np.full(len(ids), month) for month, ids in records])
    ids = np.concatenate([ids for _, ids in records])
    order = np.lexsort((months, ids))
    ids, months = ids[order], months[order]
    first = np.r_[True, ids[1:] != ids[:-1]]
    ids, months = ids[first], months[first]
    new = ids >= present
    return ids[~new], months[~new], int(np.count_nonzero(new))


def accounting(lever: RunRecord, base: RunRecord, has_beneficiaries: bool = True) -> dict:
    """Deadweight, displacement and net effect of one lever run against its baseline run
    (same seed), at the horizon (the last recorded month); see the module's docstring."""
    scale = lever.scale
    horizon = len(base.employed) - 1
    lever_now, base_now = lever.employed[horizon], base.employed[horizon]
    out = {measure: math.nan for measure in MEASURES}
    out["N"] = float(lever_now.sum() - base_now.sum()) * scale
    out["N_all"] = lever.employed_all - base.employed_all
    out["retrained_N"] = float(lever.retrained.sum() - base.retrained.sum()) * scale
    if not has_beneficiaries:
        return out
    ids, months, newcomers = first_help(lever.helped, base.employed.shape[1])
    out["helped_not_present_at_start"] = newcomers * scale
    gross = len(ids)
    out["G"] = gross * scale
    if gross == 0:
        return out
    out["deadweight"] = float(base_now[ids].mean())
    out["retrained_G"] = float(lever.retrained[ids].sum()) * scale
    out["retrained_deadweight"] = float(base.retrained[ids].mean())
    own_gain = float(lever_now[ids].sum() - base_now[ids].sum()) * scale
    out["own_gain"] = own_gain
    G = out["G"]
    out["own_effect"] = own_gain / G
    expected = G * (1 - out["deadweight"])
    out["displacement"] = (expected - out["N"]) / G
    out["attrition"] = (expected - own_gain) / G
    out["spillover"] = (own_gain - out["N"]) / G
    later = months - base.first_month + MONTHS_PER_YEAR
    seen = later <= horizon
    if seen.any():
        out["deadweight_12m"] = float(base.employed[later[seen], ids[seen]].mean())
    return out


def measure(scenarios: list[str], seeds: list[int], scale: int, *extra: str) -> pd.DataFrame:
    """One row per lever and seed."""
    rows = []
    for seed in seeds:
        base = run(BASELINE, seed, scale, *extra)
        for scenario in scenarios:
            lever = run(scenario, seed, scale, *extra)
            result = accounting(lever, base, scenario not in NO_BENEFICIARIES)
            horizon = month_label(base.first_month + len(base.employed) - 1)
            rows.append(
                {"lever": scenario, "seed": seed, "scale": scale, "horizon": horizon, **result}
            )
            print(f"  {scenario}, seed {seed}: done", file=sys.stderr, flush=True)
    return pd.DataFrame(rows)


def summary(table: pd.DataFrame) -> pd.DataFrame:
    """Mean and 95 % confidence interval across seeds of each measure, per lever."""
    rows = []
    for lever, runs in table.groupby("lever", sort=False):
        for name in MEASURES:
            values = runs[name].to_numpy(dtype=float)
            values = values[~np.isnan(values)]
            if len(values) == 0:
                continue
            low, high = confidence_interval(values, LEVEL)
            rows.append(
                {
                    "lever": lever,
                    "measure": name,
                    "seeds": len(values),
                    "mean": values.mean(),
                    "low": low,
                    "high": high,
                }
            )
    return pd.DataFrame(rows)


def parse_seeds(text: str) -> list[int]:
    """Seeds as ``0-9`` (a range, both ends included) or ``0,3,5``."""
    try:
        if "-" in text:
            first, last = (int(part) for part in text.split("-"))
            seeds = list(range(first, last + 1))
        else:
            seeds = [int(part) for part in text.split(",")]
    except ValueError:
        raise ValueError(
            f"--seeds: expected a range like 0-9 or a list like 0,3,5, got {text!r}"
        ) from None
    if not seeds or min(seeds) < 0:
        raise ValueError(f"--seeds: expected seeds 0 or more (a range low-high), got {text!r}")
    return seeds


def parse_scenarios(text: str) -> list[str]:
    names = [name.strip() for name in text.split(",") if name.strip()]
    unknown = [name for name in names if name not in LEVERS]
    if unknown or not names:
        raise ValueError(
            f"--scenarios: unknown lever {', '.join(unknown) or repr(text)} "
            f"(choose from {', '.join(LEVERS)})"
        )
    return names


def print_summary(table: pd.DataFrame, seeds: list[int], scale: int) -> None:
    print(
        f"lever effects at {table['horizon'].iloc[0]} (persons; shares of G), seeds "
        f"{seeds[0]}-{seeds[-1]} ({len(seeds)}), scale {scale}; mean [95 % CI across seeds]"
    )
    for lever, rows in summary(table).groupby("lever", sort=False):
        print(f"\n{lever}")
        if lever in NO_BENEFICIARIES:
            print("  no beneficiaries recorded (it helps every searcher): net effect only")
        for row in rows.itertuples():
            form = "{:>9.1%}" if row.measure in SHARES else "{:>9,.0f}"
            interval = (
                f"[{form.format(row.low).strip()}, {form.format(row.high).strip()}]"
                if not math.isnan(row.low)
                else ""
            )
            label = MEASURE_LABELS.get(row.measure, "")
            print(f"  {row.measure:<{MEASURE_WIDTH}}{form.format(row.mean)}  {interval:<24}{label}")


def main(argv: list[str] | None = None) -> None:
    logging.getLogger("MESA").setLevel(logging.WARNING)
    parser = argparse.ArgumentParser(description=description_of(__doc__))
    parser.add_argument("--scenarios", default=",".join(LEVERS), help="levers, comma-separated")
    parser.add_argument("--seeds", default="0-9", help="seeds: 0-9 or 0,3,5 (default 0-9)")
    parser.add_argument("--scale", type=int, default=10, help="people per agent (default 10)")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="CSV of all runs")
    parser.add_argument(
        "overrides", nargs="*", help="more run settings, e.g. end=2024-12 (as for run.py)"
    )
    args = parser.parse_args(argv)
    try:
        scenarios = parse_scenarios(args.scenarios)
        seeds = parse_seeds(args.seeds)
    except ValueError as error:
        refuse(error)
    try:
        table = measure(scenarios, seeds, args.scale, *args.overrides)
    except (ConfigError, DataError) as error:
        refuse(error)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    table.to_csv(args.out, index=False)
    print_summary(table, seeds, args.scale)
    print(f"\none row per lever and seed in {args.out}")


if __name__ == "__main__":
    main()
