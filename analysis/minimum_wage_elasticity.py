"""Employment elasticity of a minimum-wage rise, from paired runs (same seed and scale).

    python -m analysis.minimum_wage_elasticity <directory>   # holds baseline-N, minimum_wage-N

For each seed N with both ``baseline-N`` and ``minimum_wage-N`` run directories, the
elasticity of an indicator (by default employment in domestic private enterprises) is

    (mean of 2025 in the lever's run / mean of 2025 in the baseline - 1) / increase

where ``increase`` is the lever's relative rise of the minimum wages (read from the run's
``config_resolved.yaml``).  Prints each seed's value, their mean and the standard error of
the mean; the published Vietnamese estimates for domestic enterprises are about -0.1
(docs/calibration.md).
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import yaml

from analysis.outputs import read_indicators

YEAR = "2025"
INDICATORS = ("employment_domestic", "enterprise_employment", "average_wage", "informal_share")


def year_mean(run: Path, indicator: str, year: str = YEAR) -> float:
    monthly = read_indicators(run / "indicators.csv", "month")
    return float(monthly.loc[monthly.index.str.startswith(year), indicator].mean())


def increase(run: Path) -> float:
    config = yaml.safe_load((run / "config_resolved.yaml").read_text())
    return float(config["scenario"]["levers"]["minimum_wage"]["increase"])


def elasticities(directory: Path, indicator: str) -> dict[int, float]:
    out = {}
    for lever_run in sorted(directory.glob("minimum_wage-*")):
        seed = int(lever_run.name.rsplit("-", 1)[1])
        base = directory / f"baseline-{seed}"
        if not (base / "indicators.csv").exists():
            continue
        change = year_mean(lever_run, indicator) / year_mean(base, indicator) - 1
        out[seed] = change / increase(lever_run)
    return dict(sorted(out.items()))


def main(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else argv
    directory = Path(args[0])
    for indicator in INDICATORS:
        values = elasticities(directory, indicator)
        if not values:
            print(f"{indicator}: no paired runs in {directory}")
            continue
        array = np.array(list(values.values()))
        error = array.std(ddof=1) / np.sqrt(len(array)) if len(array) > 1 else float("nan")
        seeds = " ".join(f"{seed}:{value:+.3f}" for seed, value in values.items())
        print(f"{indicator}: mean {array.mean():+.3f} (s.e. {error:.3f}); {seeds}")


if __name__ == "__main__":
    main()
