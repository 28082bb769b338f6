"""Compare the scenarios of a multirun with the baseline and the 2025 targets.

    python run.py -m scenario=baseline,plan_package seed=0,1,2,3,4 scale=20
    python -m analysis.compare multirun/<date_time>            # writes into that directory
    python -m analysis.compare multirun/<date_time> --out report/

For every scenario and target: the mean in the target year over seeds, a 90 % interval
across seeds, the paired difference from the baseline (runs with the same seed share their
random numbers) with its 95 % confidence interval, the probability of meeting the target
(share of seeds), and the cost per unit of effect where the levers have costs.  Writes
``comparison.csv`` (tidy), ``comparison.md`` (tables), ``report.md`` (a short report with
figures) and the figures (``fan_<indicator>.png``, ``effects.png``).  Runs that failed or
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
"""

from __future__ import annotations

import argparse
import itertools
import json
import math
import sys
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
import yaml
from scipy import stats

from analysis.outputs import (
    UnreadableOutput,
    failure_reason,
    read_indicators,
    write_atomic,
    write_frame,
)
from analysis.targets import TARGETS, TARGETS_BY_ID

EXTRA = ("employed", "grdp", "average_wage", "informal_share")
COST = "policy_cost"


class CompareError(ValueError):
    """The directory cannot be compared; one line."""


@dataclass
class Run:
    directory: Path
    scenario: str
    seed: int
    scale: int
    annual: pd.DataFrame  # year x indicator
    monthly: pd.DataFrame  # month x indicator
    uncertainty: str = "stochastic"  # "assumptions": the seed also drew the assumed parameters
    overrides: dict[str, str] = field(default_factory=dict)  # command-line overrides but seed


def find_runs(root: Path) -> tuple[list[Run], list[tuple[Path, str]]]:
    """Complete runs under ``root``, and (directory, reason) of the failed or damaged ones."""
    runs, failed = [], []
    for config in sorted(root.rglob(".hydra/config.yaml")):
        directory = config.parent.parent
        try:
            runs.append(_load_run(directory))
        except _Unusable as e:
            failed.append((directory, str(e)))
    _label_sweeps(runs)
    return runs, failed


class _Unusable(Exception):
    """A run directory that cannot be used; the message says why, in one line."""


def _load_run(directory: Path) -> Run:
    info_path = directory / "run_info.json"
    if not info_path.exists():
        raise _Unusable(failure_reason(directory) or "no run_info.json (run did not finish)")
    try:
        info = json.loads(info_path.read_text(encoding="utf-8"))
    except (ValueError, OSError) as e:
        raise _Unusable(f"run_info.json is not readable JSON ({e})") from None
    if not isinstance(info, dict):
        raise _Unusable("run_info.json is not a JSON object")
    if not info.get("complete"):
        raise _Unusable("run_info.json says the run is not complete")
    try:
        scenario, seed, scale = str(info["scenario"]), int(info["seed"]), int(info["scale"])
    except KeyError as e:
        raise _Unusable(f"run_info.json has no {e}") from None
    except (TypeError, ValueError):
        raise _Unusable("run_info.json: seed or scale is not a whole number") from None
    if seed < 0 or scale < 1:
        raise _Unusable(f"run_info.json: seed {seed} or scale {scale} out of range")
    try:
        annual = read_indicators(directory / "indicators_annual.csv", "year")
        monthly = read_indicators(directory / "indicators.csv", "month")
    except UnreadableOutput as e:
        raise _Unusable(str(e)) from None
    return Run(
        directory,
        scenario,
        seed,
        scale,
        annual,
        monthly,
        str(info.get("uncertainty", "stochastic")),
        _overrides(directory),
    )


def _overrides(directory: Path, keep_seed: bool = False) -> dict[str, str]:
    """The run's command-line overrides (``key: value``), without Hydra's own (and without
    the seed unless ``keep_seed``)."""
    path = directory / ".hydra" / "overrides.yaml"
    try:
        items = (yaml.safe_load(path.read_text()) or []) if path.exists() else []
    except yaml.YAMLError:
        raise _Unusable(".hydra/overrides.yaml is not valid YAML") from None
    if not isinstance(items, list):
        raise _Unusable(".hydra/overrides.yaml is not a list of overrides")
    out = {}
    for item in items:
        key, _, value = str(item).partition("=")
        key = key.lstrip("+~")
        if (keep_seed or key != "seed") and not key.startswith("hydra"):
            out[key] = value
    return out


def _label_sweeps(runs: list[Run]) -> None:
    """Runs of one scenario with different settings (a sweep, e.g. over a lever's size)
    are different scenarios: label them by the overrides that vary across the grid, e.g.
    ``training_retraining [seats_per_year=20000]``."""
    keys = {k for r in runs for k in r.overrides if k != "scenario"}
    varying = sorted(k for k in keys if len({r.overrides.get(k) for r in runs}) > 1)
    for r in runs:
        extra = [f"{k.split('.')[-1]}={r.overrides[k]}" for k in varying if k in r.overrides]
        if extra:
            r.scenario = f"{r.scenario} [{', '.join(extra)}]"


def expected_grid(path: Path) -> list[dict[str, str]] | None:
    """The runs a multirun asked for, from its Hydra ``multirun.yaml``."""
    from hydra.core.override_parser.overrides_parser import OverridesParser

    try:
        content = yaml.safe_load(path.read_text()) or {}
        task = content.get("hydra", {}).get("overrides", {}).get("task", [])
        parsed = OverridesParser.create().parse_overrides(task)
    except Exception:  # noqa: BLE001 - a damaged grid file: say so, do not guess the grid
        raise CompareError(
            f"{path}: not a readable Hydra multirun file; delete it to compare the runs "
            "without checking the grid for missing runs"
        ) from None
    axes = []
    for o in parsed:
        key = o.get_key_element().lstrip("+~")
        if key.startswith("hydra") or not o.is_sweep_override():
            continue
        axes.append([(key, str(v)) for v in o.sweep_string_iterator()])
    return [dict(combo) for combo in itertools.product(*axes)] if axes else None


def missing_runs(
    runs: list[Run], grid: list[dict[str, str]], failed: list[Path] = ()
) -> list[dict[str, str]]:
    """The points of the grid that neither a finished run nor a failed run (already
    reported as failed) stands for."""
    defaults = {"scenario": "baseline", "seed": "0"}
    have = [{**r.overrides, "seed": str(r.seed)} for r in runs]
    for directory in failed:
        try:
            have.append(_overrides(directory, keep_seed=True))
        except _Unusable:
            pass

    def matches(given: dict[str, str], point: dict[str, str]) -> bool:
        return all(given.get(k, defaults.get(k)) == v for k, v in point.items())

    return [point for point in grid if not any(matches(g, point) for g in have)]


def _value(run: Run, indicator: str, year: int) -> float:
    if year not in run.annual.index or indicator not in run.annual.columns:
        return math.nan
    return float(run.annual.loc[year, indicator])


def _total_cost(run: Run) -> float:
    return float(run.annual[COST].sum()) if COST in run.annual.columns else 0.0


def _interval(values: np.ndarray, level: float) -> tuple[float, float]:
    """Confidence interval of the mean of ``values`` (t distribution)."""
    n = len(values)
    if n < 2:
        return math.nan, math.nan
    half = stats.t.ppf(0.5 + level / 2, n - 1) * values.std(ddof=1) / math.sqrt(n)
    return float(values.mean() - half), float(values.mean() + half)


def summarise(runs: list[Run], baseline: str = "baseline", year: int = 2025) -> pd.DataFrame:
    """One row per scenario and indicator: distribution, paired difference, chance, cost."""
    by_scenario: dict[str, dict[int, Run]] = {}
    for r in runs:
        by_scenario.setdefault(r.scenario, {})[r.seed] = r
    base = by_scenario.get(baseline, {})
    rows = []
    for scenario, seeds in sorted(by_scenario.items(), key=lambda kv: (kv[0] != baseline, kv[0])):
        cost = np.array([_total_cost(r) for r in seeds.values()])
        for indicator in [t.id for t in TARGETS] + list(EXTRA):
            values = np.array([_value(r, indicator, year) for r in seeds.values()])
            values = values[~np.isnan(values)]
            row = {"scenario": scenario, "indicator": indicator, "year": year, "runs": len(values)}
            if len(values):
                row.update(
                    mean=values.mean(), p05=np.percentile(values, 5), p95=np.percentile(values, 95)
                )
            paired = [
                (_value(r, indicator, year), _value(base[s], indicator, year))
                for s, r in seeds.items()
                if s in base
            ]
            diff = np.array([a - b for a, b in paired if not (math.isnan(a) or math.isnan(b))])
            if scenario != baseline and len(diff):
                lo, hi = _interval(diff, 0.95)
                row.update(diff_mean=diff.mean(), diff_lo=lo, diff_hi=hi, pairs=len(diff))
            target = TARGETS_BY_ID.get(indicator)
            if target is not None and len(values):
                row.update(
                    target=target.threshold,
                    comparison=target.comparison,
                    p_met=float(np.mean([target.met(v) for v in values])),
                )
            row["cost_bn_vnd"] = float(cost.mean()) if len(cost) else 0.0
            rows.append(row)
    frame = pd.DataFrame(rows)
    _add_cost_effectiveness(frame)
    return frame


def _add_cost_effectiveness(frame: pd.DataFrame) -> None:
    """VND per job created and per point of unemployment avoided, where the cost is known
    and the effect is distinguishable from zero (its 95 % CI excludes zero): dividing by
    an effect that may be noise would give a meaningless, often huge, figure."""
    frame["vnd_per_job"] = math.nan
    frame["vnd_per_unemployment_point"] = math.nan
    for column in ("diff_mean", "diff_lo", "diff_hi"):
        if column not in frame:
            frame[column] = math.nan
    for scenario, group in frame.groupby("scenario"):
        cost = group["cost_bn_vnd"].iloc[0] * 1e9
        if cost <= 0:
            continue
        jobs = group[group.indicator == "employed"]
        if len(jobs) and jobs.diff_lo.iloc[0] > 0:
            frame.loc[frame.scenario == scenario, "vnd_per_job"] = cost / jobs.diff_mean.iloc[0]
        fall = group[group.indicator == "unemployment"]
        if len(fall) and fall.diff_hi.iloc[0] < 0:
            frame.loc[frame.scenario == scenario, "vnd_per_unemployment_point"] = cost / (
                -fall.diff_mean.iloc[0] * 100
            )


# --------------------------------------------------------------------------- writing


def _pct(x: float) -> str:
    return "n/a" if x is None or (isinstance(x, float) and math.isnan(x)) else f"{x * 100:.2f}"


def _signed(x: float) -> str:
    return "n/a" if x is None or (isinstance(x, float) and math.isnan(x)) else f"{x * 100:+.2f}"


def _share(x: float | None) -> str:
    """A probability as a whole percentage, n/a when unknown."""
    return "n/a" if x is None or (isinstance(x, float) and math.isnan(x)) else f"{x * 100:.0f} %"


def markdown_tables(frame: pd.DataFrame, baseline: str) -> str:
    lines = []
    for t in TARGETS:
        g = frame[frame.indicator == t.id]
        if g.empty:
            continue
        lines += [
            f"### {t.label} (`{t.id}`, target {t.comparison} {t.threshold * 100:g} % by {t.year})",
            "",
            *([f"*Note: {t.note}.*", ""] if t.note else []),
            "| scenario | runs | mean % | 90 % interval | difference from baseline, points "
            "(95 % CI) | chance of meeting |",
            "|---|---|---|---|---|---|",
        ]
        for _, r in g.iterrows():
            diff = (
                ""
                if r.scenario == baseline or pd.isna(r.get("diff_mean"))
                else (f"{_signed(r.diff_mean)} ({_signed(r.diff_lo)} to {_signed(r.diff_hi)})")
            )
            lines.append(
                f"| {r.scenario} | {r.runs} | {_pct(r.get('mean'))} | "
                f"{_pct(r.get('p05'))} - {_pct(r.get('p95'))} | {diff} | "
                f"{_share(r.get('p_met'))} |"
            )
        lines.append("")
    costs = frame.drop_duplicates("scenario")
    costs = costs[costs.cost_bn_vnd > 0]
    if len(costs):
        lines += [
            "### Costs",
            "",
            "| scenario | public cost 2022-2025, bn VND | VND per job created "
            "| VND per point of unemployment avoided |",
            "|---|---|---|---|",
        ]
        for _, r in costs.iterrows():
            per_job = "n/a" if pd.isna(r.vnd_per_job) else f"{r.vnd_per_job / 1e6:,.0f} million"
            per_point = (
                "n/a"
                if pd.isna(r.vnd_per_unemployment_point)
                else f"{r.vnd_per_unemployment_point / 1e9:,.0f} bn"
            )
            lines.append(f"| {r.scenario} | {r.cost_bn_vnd:,.0f} | {per_job} | {per_point} |")
        lines.append("")
    return "\n".join(lines)


def fan_charts(runs: list[Run], out: Path) -> list[str]:
    """One chart per target: each scenario's median path and 5-95 % band across seeds."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from analysis.plots import save, years_axis

    scenarios = sorted({r.scenario for r in runs}, key=lambda s: (s != "baseline", s))
    colours = plt.get_cmap("tab10")
    files = []
    for t in TARGETS:
        fig, ax = plt.subplots(figsize=(7, 3.6))
        for i, scenario in enumerate(scenarios):
            mine = [r for r in runs if r.scenario == scenario]
            if t.id in mine[0].monthly.columns:
                paths = pd.DataFrame({r.seed: r.monthly[t.id] for r in mine})
                x = pd.PeriodIndex(paths.index, freq="M").to_timestamp()
            else:
                paths = pd.DataFrame({r.seed: r.annual[t.id] for r in mine}).dropna()
                x = pd.to_datetime([f"{y}-07-01" for y in paths.index])
            if paths.empty:
                continue
            q = paths.quantile([0.05, 0.5, 0.95], axis=1).T * 100
            ax.fill_between(x, q[0.05], q[0.95], color=colours(i % 10), alpha=0.2)
            ax.plot(x, q[0.5], color=colours(i % 10), lw=1.6, label=scenario)
        ax.axhline(t.threshold * 100, color="black", ls="--", lw=1, label="target")
        ax.set_title(
            f"{t.label} (target {t.comparison} {t.threshold * 100:g} % by {t.year})", fontsize=9
        )
        ax.set_ylabel("%")
        ax.grid(alpha=0.3)
        years_axis(ax)
        ax.legend(fontsize=7, ncol=2)
        files.append(save(fig, out / f"fan_{t.id}.png"))
    return files


def effects_chart(frame: pd.DataFrame, out: Path, baseline: str) -> str | None:
    """Each lever's effect on each target: paired difference from the baseline with 95 % CI."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from analysis.plots import save

    diffs = frame[(frame.scenario != baseline) & frame.indicator.isin([t.id for t in TARGETS])]
    if diffs.empty or diffs["diff_mean"].isna().all():
        return None
    scenarios = sorted(diffs.scenario.unique())
    cols = 4
    rows = math.ceil(len(TARGETS) / cols)
    fig, axes = plt.subplots(
        rows, cols, figsize=(4.4 * cols, 0.32 * len(scenarios) * rows + 2.2 * rows)
    )
    for ax, t in zip(axes.flat, TARGETS, strict=False):
        g = diffs[diffs.indicator == t.id].set_index("scenario").reindex(scenarios)
        y = np.arange(len(scenarios))
        err = np.vstack([(g.diff_mean - g.diff_lo).fillna(0), (g.diff_hi - g.diff_mean).fillna(0)])
        toward = (g.diff_mean > 0) == (t.comparison == ">=")
        clear = (g.diff_lo > 0) | (g.diff_hi < 0)  # the 95 % CI excludes zero
        good = np.where(clear, np.where(toward, "tab:green", "tab:red"), "lightgrey")
        ax.barh(y, g.diff_mean * 100, xerr=err * 100, color=good, alpha=0.8)
        ax.axvline(0, color="black", lw=0.8)
        ax.set_yticks(y, scenarios, fontsize=7)
        ax.set_title(f"{t.label}\n(points, {t.comparison} {t.threshold * 100:g} %)", fontsize=8)
        ax.tick_params(axis="x", labelsize=7)
    for ax in list(axes.flat)[len(TARGETS) :]:
        ax.axis("off")
    fig.suptitle(
        "Effect of each scenario on each 2025 target: difference from the baseline "
        "(green: toward the target, red: away from it, grey: not distinguishable from zero; "
        "lines: 95 % CI)",
        fontsize=10,
    )
    fig.tight_layout(rect=(0, 0, 1, 0.97))
    return save(fig, out / "effects.png")


def report(
    frame: pd.DataFrame,
    runs: list[Run],
    failed,
    missing,
    out: Path,
    baseline: str,
    year: int,
    figures: list[str],
    unpaired: list[tuple[str, int]] = (),
) -> str:
    scenarios = sorted({r.scenario for r in runs}, key=lambda s: (s != baseline, s))
    seeds = sorted({r.seed for r in runs})
    scales = sorted({r.scale for r in runs})
    lines = [
        f"# Scenarios against the {year} targets",
        "",
        f"{len(runs)} runs: scenarios {', '.join(scenarios)}; seeds {seeds[0]}-{seeds[-1]} "
        f"({len(seeds)}); scale {', '.join(map(str, scales))} people per agent.  Runs "
        "with the same seed share their random numbers, so differences from the baseline "
        "measure the policy, not noise.",
        "",
    ]
    if failed or missing:
        lines += ["**Incomplete grid.**"]
        for d, reason in failed:
            lines.append(f"- failed: `{d}`: {reason}")
        for m in missing:
            lines.append(f"- missing: {', '.join(f'{k}={v}' for k, v in m.items())}")
        lines.append("")
    if unpaired:
        lines += [
            "**Runs without a baseline of the same seed** (in the spread, not in the "
            "difference from the baseline): "
            + ", ".join(f"{s} seed {seed}" for s, seed in unpaired),
            "",
        ]
    lines += ["## In short", ""]
    for t in TARGETS:
        g = frame[frame.indicator == t.id].set_index("scenario")
        if baseline not in g.index:
            continue
        b = g.loc[baseline]
        text = (
            f"- **{t.label}** (target {t.comparison} {t.threshold * 100:g} %): baseline "
            f"{_pct(b.get('mean'))} % (90 % of runs {_pct(b.get('p05'))}-{_pct(b.get('p95'))}), "
            f"met in {_share(b.get('p_met'))} of runs."
        )
        others = g.drop(index=baseline)
        others = others[others.diff_mean.notna()]
        if len(others):
            sign = 1 if t.comparison == ">=" else -1
            toward = others[others.diff_mean * sign > 0]
            if toward.empty:
                text += " No scenario moves it toward the target."
            else:
                best = (toward.diff_mean * sign).idxmax()
                r = toward.loc[best]
                significant = not (r.diff_lo <= 0 <= r.diff_hi)
                text += (
                    f" Largest move toward it: {best}, {_signed(r.diff_mean)} points "
                    f"(95 % CI {_signed(r.diff_lo)} to {_signed(r.diff_hi)}"
                    f"{'' if significant else ', not distinguishable from zero'}); "
                    f"met in {_share(r.get('p_met'))} of its runs."
                )
        lines.append(text)
    lines += ["", "## Tables", "", markdown_tables(frame, baseline), "## Figures", ""]
    for name in figures:
        lines.append(f"![{name}]({name})")
    lines += [
        "",
        "## How to read this",
        "",
        *_interval_note({r.uncertainty for r in runs}),
        "- *Difference from baseline*: mean over seeds of the scenario minus the baseline "
        "run with the same seed, with a t-based 95 % confidence interval.",
        "- *Chance of meeting*: share of runs in which the target is met.",
        "- Costs are public spending of the levers (bn VND, 2022-2025) as each lever's "
        "settings define them; per job and per point use the mean differences in "
        f"{year}, and are given only where that difference is distinguishable from zero "
        "(n/a otherwise).",
    ]
    return "\n".join(lines) + "\n"


def _interval_note(modes: set[str]) -> list[str]:
    if modes == {"assumptions"}:
        return [
            "- *90 % interval*: the 5th to 95th percentile of the target-year value across "
            "seeds, where each seed drew chance *and* every assumed parameter from its "
            "plausible range (`uncertainty=assumptions`): the spread of what the model's "
            "assumptions leave open, not only of chance.  Calibrated parameters were not "
            "refitted to each draw."
        ]
    note = [
        "- *90 % interval*: the 5th to 95th percentile of the target-year value across "
        "seeds: the model's stochastic spread, not the uncertainty of its assumptions.  "
        "Rerun the grid with `uncertainty=assumptions` to include those (see "
        "docs/assumptions.md)."
    ]
    if len(modes) > 1:
        note.append(
            "- **Warning**: the runs mix `uncertainty` modes "
            f"({', '.join(sorted(modes))}); their spreads are not comparable."
        )
    return note


def compare(
    root: Path, out: Path | None = None, baseline: str = "baseline", year: int = 2025
) -> dict:
    root = Path(root)
    if not root.is_dir():
        raise CompareError(f"{root}: not a directory")
    out = Path(out) if out else root
    if out.exists() and not out.is_dir():
        raise CompareError(f"--out {out}: exists and is not a directory")
    runs, failed = find_runs(root)
    if not runs:
        raise CompareError(f"{root}: no finished runs found (looked for */run_info.json)")
    labels = sorted({r.scenario for r in runs})
    if baseline not in labels:
        raise CompareError(
            f"{root}: no run of the baseline '{baseline}' (scenarios found: "
            f"{'; '.join(labels)}; choose one with --baseline)"
        )
    runs, short = _covering(runs, year)
    failed += short
    missing = []  # grids may be nested: several multiruns under one directory
    for grid_file in sorted(root.rglob("multirun.yaml")):
        here = [r for r in runs if grid_file.parent in r.directory.parents]
        gone = [d for d, _ in failed if grid_file.parent in d.parents]
        missing += missing_runs(here, expected_grid(grid_file) or [], gone)
    unpaired = unpaired_runs(runs, baseline)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise CompareError(f"--out {out}: cannot create it ({e.strerror})") from None
    if not out.is_dir():
        raise CompareError(f"--out {out}: exists and is not a directory")
    frame = summarise(runs, baseline, year)
    write_frame(frame, out / "comparison.csv")
    write_atomic(
        out / "comparison.md", f"# Comparison in {year}\n\n" + markdown_tables(frame, baseline)
    )
    figures = fan_charts(runs, out)
    effects = effects_chart(frame, out, baseline)
    if effects:
        figures.insert(0, effects)
    else:  # none this time: do not leave one from an earlier comparison beside these tables
        (out / "effects.png").unlink(missing_ok=True)
    write_atomic(
        out / "report.md",
        report(frame, runs, failed, missing, out, baseline, year, figures, unpaired),
    )
    return {
        "runs": len(runs),
        "failed": failed,
        "missing": missing,
        "unpaired": unpaired,
        "out": out,
    }


def months_in(run: Run, year: int) -> int:
    """How many months of ``year`` the run simulated."""
    if year not in run.annual.index or "months_simulated" not in run.annual.columns:
        return 0
    return int(run.annual.loc[year, "months_simulated"])


def _covering(runs: list[Run], year: int) -> tuple[list[Run], list[tuple[Path, str]]]:
    """The runs that simulated all twelve months of ``year``, and why the others are left
    out; refuses the comparison when no run covers the year."""
    whole = [r for r in runs if months_in(r, year) == 12]
    if not whole:
        years = sorted({int(y) for r in runs for y in r.annual.index if months_in(r, y) == 12})
        ends = sorted({str(r.monthly.index.max()) for r in runs})
        choose = (
            f"choose --year from {', '.join(map(str, years))}"
            if years
            else "no year is simulated whole"
        )
        raise CompareError(
            f"no run simulated all of {year} (the runs end in {', '.join(ends)}; {choose})"
        )
    short = [
        (r.directory, f"simulated {months_in(r, year)} of the 12 months of {year}")
        for r in runs
        if months_in(r, year) != 12
    ]
    usable = []
    for r in whole:  # a whole year without a target's value is a damaged file
        gaps = [t.id for t in TARGETS if math.isnan(_value(r, t.id, year))]
        if gaps:
            short.append(
                (r.directory, f"indicators_annual.csv has no value of {gaps[0]} in {year}")
            )
        else:
            usable.append(r)
    if not usable:
        raise CompareError(f"no run has every target's value for {year}: {short[0][1]}")
    return usable, short


def unpaired_runs(runs: list[Run], baseline: str) -> list[tuple[str, int]]:
    """(scenario, seed) of the runs with no baseline run of the same seed to pair with:
    they count in the scenario's spread but not in its difference from the baseline."""
    base = {r.seed for r in runs if r.scenario == baseline}
    return sorted(
        {(r.scenario, r.seed) for r in runs if r.scenario != baseline and r.seed not in base}
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("directory", help="a multirun directory (or any folder of runs)")
    parser.add_argument("--out", help="where to write (default: the directory itself)")
    parser.add_argument(
        "--baseline",
        default="baseline",
        help="the scenario to compare with (as labelled in the report; default baseline)",
    )
    parser.add_argument("--year", type=int, default=2025)
    args = parser.parse_args(argv)
    try:
        result = compare(
            Path(args.directory), args.out and Path(args.out), args.baseline, args.year
        )
    except CompareError as e:
        print(f"error: {e}", file=sys.stderr)
        sys.exit(2)
    print(
        f"compared {result['runs']} runs; wrote comparison.csv, comparison.md, report.md "
        f"and figures to {result['out']}"
    )
    for d, reason in result["failed"]:
        print(f"failed run: {d}: {reason}")
    for m in result["missing"]:
        print("missing run: " + ", ".join(f"{k}={v}" for k, v in m.items()))
    for scenario, seed in result["unpaired"]:
        print(f"no baseline run of seed {seed} to pair {scenario} with")


if __name__ == "__main__":
    main()
