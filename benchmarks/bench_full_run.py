"""Full-scale timings: the base year and the 2022-2025 run at one agent per person.

    python benchmarks/bench_full_run.py              # scale 1, 48 months
    python benchmarks/bench_full_run.py --scale 100  # any scale

Prints build time, run time, time per month and per mechanism, nanoseconds per
person-month, peak memory, and the time of one month at scale 100 (for interactive use).
Not a test: timings depend on the machine.
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from analysis.cli import description_of  # noqa: E402
from scenarios import build_levers, check_levers  # noqa: E402
from simulation.model import ProvinceModel  # noqa: E402
from simulation.preflight import compose_checked  # noqa: E402


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def bench(scale: int, end: str) -> dict[str, float]:
    settings = compose_checked([f"scale={scale}", f"end={end}"], check_levers)
    t0 = time.perf_counter()
    model = ProvinceModel(settings, build_levers(settings.levers))
    t1 = time.perf_counter()
    mechanism_seconds = {type(mechanism).__name__: 0.0 for mechanism in model.mechanisms}
    for mechanism in model.mechanisms:
        mechanism.step = timed(mechanism.step, type(mechanism).__name__, mechanism_seconds)
    steps, person_months, per_step = 0, 0, []
    while model.month <= model.end:
        n = len(model.persons)
        s = time.perf_counter()
        model.step()
        per_step.append(time.perf_counter() - s)
        steps += 1
        person_months += n
    t2 = time.perf_counter()
    return {
        "agents": len(model.persons),
        "firm_agents": len(model.firms),
        "build_s": t1 - t0,
        "run_s": t2 - t1,
        "months": steps,
        "per_month_s": (t2 - t1) / steps,
        "slowest_month_s": max(per_step),
        "ns_per_person_month": (t2 - t1) / person_months * 1e9,
        "peak_mb": peak_mb(),
        "mechanism_ms": {
            name: seconds / steps * 1000 for name, seconds in mechanism_seconds.items()
        },
    }


def timed(step, name: str, totals: dict[str, float]):
    """``step`` that adds its running time to ``totals[name]``."""

    def run(model) -> None:
        began = time.perf_counter()
        step(model)
        totals[name] += time.perf_counter() - began

    return run


def main() -> None:
    parser = argparse.ArgumentParser(description=description_of(__doc__))
    parser.add_argument("--scale", type=int, default=1)
    parser.add_argument("--end", default="2025-12")
    args = parser.parse_args()
    r = bench(args.scale, args.end)
    print(f"scale {args.scale}: {r['agents']:,} person agents, {r['firm_agents']:,} firm agents")
    print(f"  build (synthetic base year): {r['build_s']:.1f} s")
    print(
        f"  run, {r['months']} months:          {r['run_s']:.1f} s "
        f"({r['per_month_s'] * 1000:.0f} ms a month, slowest {r['slowest_month_s'] * 1000:.0f} ms)"
    )
    for name, milliseconds in r["mechanism_ms"].items():
        print(f"    {name + ':':<32}{milliseconds:.0f} ms a month")
    others = r["per_month_s"] * 1000 - sum(r["mechanism_ms"].values())
    print(f"    {'levers, accounting, indicators:':<32}{others:.0f} ms a month")
    print(f"  per person-month:            {r['ns_per_person_month']:.0f} ns")
    print(f"  total:                       {r['build_s'] + r['run_s']:.1f} s")
    print(f"  peak memory (max RSS):       {r['peak_mb']:.0f} MB")
    small = bench(100, "2022-12")
    print(
        f"scale 100: {small['per_month_s'] * 1000:.1f} ms a month "
        f"(slowest {small['slowest_month_s'] * 1000:.1f} ms), build {small['build_s']:.2f} s"
    )


if __name__ == "__main__":
    main()
