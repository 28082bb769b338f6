"""Time and memory of building the synthetic base year at full scale (no months run).

python benchmarks/bench_base_year.py
"""

from __future__ import annotations

import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from scenarios import check_levers  # noqa: E402
from simulation.model import ProvinceModel  # noqa: E402
from simulation.preflight import compose_checked  # noqa: E402

if __name__ == "__main__":
    scale = int(sys.argv[1]) if len(sys.argv) > 1 else 1
    settings = compose_checked([f"scale={scale}"], check_levers)
    t0 = time.perf_counter()
    model = ProvinceModel(settings)
    elapsed = time.perf_counter() - t0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"base year at scale {scale}: {len(model.persons):,} persons, {len(model.firms):,} "
        f"firms, {len(model.schools)} schools built in {elapsed:.1f} s; peak memory {peak:.0f} MB"
    )
