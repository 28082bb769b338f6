"""How much of duration dependence comes from behaviour, and how much from the inputs.

    python -m analysis.duration_dependence                 # scale 20, seeds 0-1 (about a minute)
    python -m analysis.duration_dependence --scale 50 --seeds 3

The monthly job-finding rate of the unemployed falls with the months they have been out of
work (a stylised fact, see analysis/stylised_facts.py).  Two inputs make it fall directly:
search effort that fades with the spell (``search_decay``) and employers who rank long-term
jobseekers lower (``duration_penalty``).  The rest is behaviour: dynamic selection (the
more employable find work first, so those left are less employable), and jobseekers who
weigh informal work against searching on (simulation/informal_choice.py), which takes some
out of the pool sooner than others.

The baseline is run four times with common random numbers: as it is, without the fading
search effort, without the employers' penalty, and without either.  For each, the fall in
job finding is one minus the ratio of the finding rate of the unemployed 12 months or more
to that of those unemployed 0-2 months, pooled over 2022-2025.  The share that behaviour
alone produces is the fall without either input over the fall of the model as it is.
"""

from __future__ import annotations

import argparse

import numpy as np
import pandas as pd

from analysis.cli import description_of, refuse
from analysis.stylised_facts import job_finding_by_duration
from simulation.build import build_model, parameter_overrides
from simulation.config import ConfigError
from simulation.population import UNEMPLOYMENT_DURATIONS

SHORTEST, LONGEST = UNEMPLOYMENT_DURATIONS[0].name, UNEMPLOYMENT_DURATIONS[-1].name
NO_EFFECT = 0.0  # an input switched off
VARIANTS = {
    "as it is": {},
    "no fading search effort": {"search_decay": NO_EFFECT},
    "no employers' penalty": {"duration_penalty": NO_EFFECT},
    "behaviour only (neither)": {"search_decay": NO_EFFECT, "duration_penalty": NO_EFFECT},
}


def fall_in_finding(finding: dict[str, float]) -> float:
    """One minus the finding rate of the longest spells over that of the shortest."""
    return 1.0 - finding[LONGEST] / finding[SHORTEST]


def behaviour_share(falls: dict[str, float]) -> float:
    """The fall that behaviour alone produces, as a share of the model's fall."""
    return falls["behaviour only (neither)"] / falls["as it is"]


def run_variant(changes: dict[str, float], scale: int, seed: int) -> dict[str, float]:
    """Job finding by duration, pooled over the run, of the baseline with ``changes``."""
    overrides = [f"scale={scale}", f"seed={seed}"]
    overrides += parameter_overrides(changes)
    model = build_model(*overrides)
    model.run()
    return job_finding_by_duration(pd.DataFrame(model.history))


def decompose(scale: int, seeds: list[int]) -> dict[str, dict[str, float]]:
    """Finding rates by duration (mean over seeds) and the fall, for each variant."""
    out = {}
    for name, changes in VARIANTS.items():
        runs = [run_variant(changes, scale, seed) for seed in seeds]
        finding = {key: float(np.mean([run[key] for run in runs])) for key in runs[0]}
        out[name] = {**finding, "fall": fall_in_finding(finding)}
    return out


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=description_of(__doc__))
    parser.add_argument("--scale", type=int, default=20, help="people per agent (default 20)")
    parser.add_argument("--seeds", type=int, default=2, help="seeds per variant (default 2)")
    args = parser.parse_args(argv)
    if not 1 <= args.seeds <= 50:
        refuse(f"--seeds: must be 1 to 50, got {args.seeds}")
    try:
        result = decompose(args.scale, list(range(args.seeds)))
    except ConfigError as error:
        refuse(error)
    bins = [duration.name for duration in UNEMPLOYMENT_DURATIONS]
    print(
        f"monthly job finding by months unemployed (scale {args.scale}, seeds 0-{args.seeds - 1})"
    )
    print(f"{'variant':<28}" + "".join(f"{b:>9}" for b in bins) + f"{'fall':>9}")
    for name, row in result.items():
        print(f"{name:<28}" + "".join(f"{row[b]:>9.3f}" for b in bins) + f"{row['fall']:>9.1%}")
    falls = {name: row["fall"] for name, row in result.items()}
    print(f"\nshare of the fall that behaviour alone produces: {behaviour_share(falls):.0%}")


if __name__ == "__main__":
    main()
