"""Labour-market transitions as a labour force survey's rotating panel measures them: of
the persons in each state at one moment, the shares in each state a quarter (or a month)
later.

    python -m analysis.transitions                  # 2022, quarterly; scale 20, seeds 0-1
    python -m analysis.transitions --year 2024 --months 1 --scale 10 --seeds 3 \
        --out outputs/transitions.csv               # monthly, also written to a CSV

Viet Nam's labour force survey interviews the same households in consecutive quarters, and
transition rates between formal work, informal work, unemployment and inactivity have been
estimated from it for 2011-19 (Samaniego & Viegelahn, *Estimating labour market transitions
from labour force surveys: the case of Viet Nam*, ILO working paper 35, 2021); no such rates
for the province, or read here for the nation, are among the data yet (docs/calibration.md).
This gives the model's side of that comparison.  The states are those of
:mod:`simulation.labour_flows` (formal and informal work as the indicators tell them apart:
employed with or without a formal contract); children, students and contract workers
abroad are "outside", and persons who die or move away between the two moments "left".
Each row of the rates is a state at the first moment, pooled over the year's pairs of
moments (four quarters, or twelve months) and the seeds; its shares add up to one.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import pandas as pd

from analysis.cli import description_of, refuse
from analysis.outputs import write_frame
from simulation.build import build_model
from simulation.calendar import MONTHS_PER_YEAR, year_of
from simulation.config import ConfigError
from simulation.labour_flows import LABELS, LabourState, LabourStates

INTERVALS = (1, 3, 6, 12)  # months between the two moments: a month, a quarter, ...
# the states a rate is given from: the labour force and those outside it of working ages
FROM_STATES = (
    LabourState.FORMAL,
    LabourState.INFORMAL,
    LabourState.UNEMPLOYED,
    LabourState.INACTIVE,
)


def transition_counts(scale: int, seed: int, year: int, months: int) -> pd.DataFrame:
    """Persons (scaled) moving from each state to each, summed over ``year``'s pairs of
    moments ``months`` apart (the first at the start of January)."""
    model = build_model(f"scale={scale}", f"seed={seed}", f"end={year}-12")
    while year_of(model.month) < year:
        model.step()
    counts = None
    before = LabourStates.of(model.persons)
    for step in range(1, MONTHS_PER_YEAR + 1):
        model.step()
        if step % months:
            continue
        flows = before.flows_to(model.persons, model.scale)
        counts = flows if counts is None else counts + flows
        before = LabourStates.of(model.persons)
    return counts


def transition_rates(counts: pd.DataFrame) -> pd.DataFrame:
    """The share of each state's persons (:data:`FROM_STATES`) in each state later."""
    rows = counts.loc[[LABELS[state] for state in FROM_STATES]]
    return rows.div(rows.sum(axis=1), axis=0)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        prog="python -m analysis.transitions", description=description_of(__doc__)
    )
    parser.add_argument("--year", type=int, default=2022, help="the year measured (2022)")
    parser.add_argument(
        "--months", type=int, default=3, help="months between the two moments (3: a quarter)"
    )
    parser.add_argument("--scale", type=int, default=20, help="people per agent (20)")
    parser.add_argument("--seeds", type=int, default=2, help="seeds, from 0 (2)")
    parser.add_argument("--out", help="also write the counts and the rates to this CSV file")
    arguments = parser.parse_args(argv)
    if arguments.months not in INTERVALS:
        refuse(f"--months: one of {', '.join(map(str, INTERVALS))}, got {arguments.months}")
    if arguments.seeds < 1 or arguments.scale < 1:
        refuse("--seeds and --scale: at least 1")
    out = Path(arguments.out) if arguments.out else None
    if out is not None and out.is_dir():
        refuse(f"--out: {out} is a folder; give a CSV file's name")
    try:
        counts = sum(
            transition_counts(arguments.scale, seed, arguments.year, arguments.months)
            for seed in range(arguments.seeds)
        )
    except ConfigError as error:  # the run cannot be made: its end (the year) or its scale
        about_year = str(error).startswith(("start:", "end:"))
        refuse(f"--year {arguments.year}: {error}" if about_year else f"--{error}")
    rates = transition_rates(counts)
    interval = "a quarter" if arguments.months == 3 else f"{arguments.months} month(s)"
    print(
        f"Where persons are {interval} later, by where they were ({arguments.year}; scale "
        f"{arguments.scale}, seeds 0-{arguments.seeds - 1}), per cent of each row:"
    )
    print((rates * 100).round(1).to_string())
    if out is not None:
        tidy = pd.concat(
            [
                counts.stack().rename("persons"),
                rates.stack().rename("share"),
            ],
            axis=1,
        ).rename_axis(["from", "to"])
        out.parent.mkdir(parents=True, exist_ok=True)
        write_frame(tidy.reset_index(), out)
        print(f"wrote {out}")


if __name__ == "__main__":
    main()
