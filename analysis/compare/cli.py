"""The command line: ``python -m analysis.compare <directory> [--out --baseline --year]``.
A directory that cannot be compared is one line on stderr and exit code 2."""

from __future__ import annotations

import argparse
from pathlib import Path

from analysis.cli import description_of, refuse
from analysis.compare.formatting import grid_point
from analysis.compare.pipeline import compare
from analysis.compare.runs import CompareError


def directory_parser(module, directory_help: str) -> argparse.ArgumentParser:
    """The parser of an analysis command ``python -m <module> <directory> [--out]``, its
    description the first line of the module's docstring."""
    parser = argparse.ArgumentParser(
        prog=f"python -m {module.__name__}", description=description_of(module.__doc__)
    )
    parser.add_argument("directory", help=directory_help)
    parser.add_argument("--out", help="where to write (default: the directory itself)")
    return parser


def main(argv: list[str] | None = None) -> None:
    import analysis.compare

    parser = directory_parser(analysis.compare, "a multirun directory (or any folder of runs)")
    parser.add_argument(
        "--baseline",
        default="baseline",
        help="the scenario to compare with (as labelled in the report; default baseline)",
    )
    parser.add_argument("--year", type=int, default=2025)
    arguments = parser.parse_args(argv)
    try:
        result = compare(
            Path(arguments.directory),
            arguments.out and Path(arguments.out),
            arguments.baseline,
            arguments.year,
        )
    except CompareError as error:
        refuse(error)
    print(
        f"compared {result['runs']} runs; wrote comparison.csv, comparison.md, report.md "
        f"and figures to {result['out']}"
    )
    for directory, reason in result["failed"]:
        print(f"failed run: {directory}: {reason}")
    for point in result["missing"]:
        print(f"missing run: {grid_point(point)}")
    for scenario, seed in result["unpaired"]:
        print(f"no baseline run of seed {seed} to pair {scenario} with")
