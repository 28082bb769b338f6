"""Behaviour-preserving changes keep the outputs bit for bit.

``tests/reference/`` holds the outputs of the baseline and ``plan_package`` at 20 people
per agent, seed 0, as written by the last change that altered behaviour on purpose (issue
#12 item 5: placements of the special_groups lever fill open posts of their district
instead of adding capacity, which changed plan_package only; before it issue #12 item 1:
firms choose their social-insurance compliance, a lasting per-firm draw around
the base year's share by ownership, weighing inspections and fines; before it issue
#11: employer insurance contributions on a base no lower than the minimum wage in
enterprises' labour cost, no hiring where a job costs more than it adds, and reservation
wages anchored on the last pay and falling with the spell; before it
issue #10: hours before jobs, the local economy of household businesses and farms,
migration that responds; the refactoring of issue #9 before it reproduced ebe5c12 bit for
bit).
A change that is meant to preserve behaviour must reproduce them byte for byte.  A change
that is meant to alter behaviour regenerates them, and says so in its commit::

    python -m tests.test_reference --write
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
REFERENCE = ROOT / "tests" / "reference"
FILES = ("indicators.csv", "indicators_annual.csv", "targets.csv")
SCENARIOS = ("baseline", "plan_package")
OVERRIDES = ("seed=0", "scale=20")


def run(scenario: str, directory: Path) -> None:
    completed = subprocess.run(
        [
            sys.executable,
            "run.py",
            f"scenario={scenario}",
            *OVERRIDES,
            f"hydra.run.dir={directory}",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert completed.returncode == 0, completed.stderr[-2000:]


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_outputs_match_reference(scenario, tmp_path):
    run(scenario, tmp_path)
    for name in FILES:
        produced = (tmp_path / name).read_bytes()
        expected = (REFERENCE / f"{scenario}_{name}").read_bytes()
        assert produced == expected, f"{scenario}: {name} differs from tests/reference"


if __name__ == "__main__":
    import shutil
    import tempfile

    if sys.argv[1:] != ["--write"]:
        sys.exit("usage: python -m tests.test_reference --write")
    for scenario in SCENARIOS:
        with tempfile.TemporaryDirectory() as directory:
            run(scenario, Path(directory))
            for name in FILES:
                shutil.copyfile(Path(directory) / name, REFERENCE / f"{scenario}_{name}")
    print(f"reference outputs written to {REFERENCE}")
