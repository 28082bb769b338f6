"""Compare the scenarios of a multirun with the baseline and the 2025 targets.

    python run.py -m scenario=baseline,plan_package seed=0,1,2,3,4 scale=20
    python -m analysis.compare multirun/<date_time>            # writes into that directory
    python -m analysis.compare multirun/<date_time> --out report/

For every scenario and target: the mean in the target year over seeds, a 90 % interval
across seeds, the paired difference from the baseline (runs with the same seed share their
random numbers) with its 95 % confidence interval, the probability of meeting the target
(share of seeds), and the cost per unit of effect where the levers have costs.  Writes
``comparison.csv`` (tidy), ``comparison.md`` (tables), ``report.md`` (a short report with
figures) and the figures (``fan_<indicator>.png``, ``effects.png``,
``productivity_sources.png``).  Runs that failed or
are missing from the grid are listed, not silently dropped.

A sweep over a lever's settings works too: runs of one scenario that differ in other
overrides are labelled by them.  Run the baseline and the sweep as two multiruns under
one directory and compare that directory:

    python run.py -m scenario=baseline seed=0,1,2 hydra.sweep.dir=multirun/sweep/base
    python run.py -m scenario=training_retraining seed=0,1,2 \\
        scenario.levers.training_retraining.seats_per_year=20000,80000 \\
        hydra.sweep.dir=multirun/sweep/seats
    python -m analysis.compare multirun/sweep
    -> baseline, training_retraining [seats_per_year=20000], ... [seats_per_year=80000]

The modules, one job each:

- ``runs``: read the runs under a directory, label the runs of a sweep;
- ``grid``: check the grid: failed, damaged, short, missing and unpaired runs;
- ``statistics``: spreads, paired differences and their intervals, chances, costs per unit;
- ``tables``: ``comparison.csv`` and ``comparison.md``;
- ``figures``: ``effects.png``, the fan charts and ``productivity_sources.png``;
- ``report``: ``report.md``;
- ``formatting``: how numbers and targets are written;
- ``pipeline``: ``compare``, all of the above in order;
- ``cli``: the command line (``__main__``).
"""

from analysis.compare.cli import main
from analysis.compare.grid import Grid, check_grid, expected_grid, missing_runs, unpaired_runs
from analysis.compare.pipeline import compare
from analysis.compare.runs import CompareError, Run, find_runs
from analysis.compare.statistics import confidence_interval, summarise

__all__ = [
    "CompareError",
    "Grid",
    "Run",
    "check_grid",
    "compare",
    "confidence_interval",
    "expected_grid",
    "find_runs",
    "main",
    "missing_runs",
    "summarise",
    "unpaired_runs",
]
