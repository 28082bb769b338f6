"""The command line: ``python -m analysis.forecast <directory> [--out --scenario --years]``.
Input that cannot be forecast from is one line on stderr and exit code 2; runs left out
of a forecast that was written are listed, with exit code 1."""

from __future__ import annotations

import argparse
import sys

from analysis.cli import refuse
from analysis.compare.cli import directory_parser
from analysis.forecast.balance import ForecastError
from analysis.forecast.pipeline import forecast


def _years(text: str) -> list[int]:
    try:
        return [int(part) for part in text.split(",")]
    except ValueError:
        message = f"expected years like 2025,2027,2030, got {text!r}"
        raise argparse.ArgumentTypeError(message) from None


def main(argv: list[str] | None = None) -> None:
    import analysis.forecast

    parser = directory_parser(analysis.forecast, "a run, a folder of runs or a grid (multirun)")
    parser.add_argument(
        "--scenario",
        default="baseline",
        help="the scenario the text, heat map and training plan describe (default baseline,"
        " or the only one)",
    )
    parser.add_argument(
        "--years",
        type=_years,
        default=None,
        help="years the text and heat map show, each simulated whole by the runs (default"
        " those of 2025,2027,2030 the runs simulated)",
    )
    arguments = vars(parser.parse_args(argv))
    try:
        result = forecast(**arguments)
    except ForecastError as error:
        refuse(error)
    print(
        f"forecast from {result['runs']} runs of {', '.join(result['scenarios'])}; wrote "
        f"{', '.join(result['files'])} to {result['out']}"
    )
    for directory, reason in result["unusable"]:
        print(f"left out: {directory}: {reason}")
    if result["unusable"]:
        sys.exit(1)
