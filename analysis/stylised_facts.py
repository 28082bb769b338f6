"""Stylised facts a labour economist checks first, measured on a run; and a shock's
response split by margin.

    python -m analysis.stylised_facts <run directory>     # reads its indicators.csv
    python -m analysis.stylised_facts <run> <run> ...     # several seeds: means and 95 % CIs
    python -m analysis.stylised_facts <shock run> --baseline <baseline run> [--tolerance 0.1]

- Beveridge curve: over the path, the unemployment rate and the vacancy rate move in
  opposite directions (negative correlation of their monthly values);
- duration dependence: the monthly job-finding rate of the unemployed falls with the time
  they have been unemployed;
- structural change: the agricultural share of employment falls at a plausible pace
  (0.5 to 3 percentage points a year, the range of Vietnamese provinces since 2010);
- emergent, printed without a verdict: Okun's coefficient (the yearly change in the
  unemployment rate per point of real GRDP growth, over the run's whole years), the
  monthly hazard from unemployment into informal work (an outcome of jobseekers' choices;
  `informal_entry_rate_per_month`: of the adult jobseekers who searched long enough to
  weigh it, and who took work in a household business; the hazards by destination below
  are of all the unemployed, and count the farms' taking back too),
  where unemployment spells end (the monthly hazard out of unemployment by months
  unemployed and by destination: a wage job, a household business, a farm, out of the
  labour force, away; the hazard into informal work, a household business or the farm, by
  months unemployed; insured job losers starting an unemployment benefit a year per
  participant in unemployment insurance, with the share of them denied it (too short a
  contribution record) and its mean length;
  and the moves into unemployment a month per person in the labour
  force, by origin: a job, school, inactivity, abroad, another province;
  simulation/spell_exits.py), the share of the unemployed out of work
  12 months or more (person-months of the run) and the share the run's exit hazards imply
  when they last (the run's own stock keeps for years the spells of the synthetic start)
  and, when the run
  wrote ``districts.csv``, the wage curve (the elasticity of enterprise pay to local
  unemployment across districts and years, district and year effects removed; the
  literature reports about -0.1) and the same for the income of household-business
  workers (informal work, whose income per worker falls as more crowd in).

Facts with a published national figure in the run's province data (the benefit starts, and
the long-term share the exit hazards imply) are followed by that figure and its year.

With several runs (seeds of one scenario, e.g. ``outputs/grid/*scenario=baseline*``), each
fact is measured on each run and printed as its mean over the runs with a t-based 95 %
confidence interval (a check that holds, as the share of runs it holds in): one run's wage
curve or Okun coefficient moves with the seed by more than its size.

With ``--baseline``, the first run is a shock (``export_downturn``) and the second the
baseline of the same seed and scale: it prints and plots (``shock_response.png`` in the
shock run's directory) the shock's effect, month by month, on each margin a labour market
adjusts on: unemployment, underemployment, earnings (average wage), informal work
(informal share), inactivity (1 - participation), migration (net migration), and on the
hours margin itself (workers on short time, average hours, layoffs).  For each: the peak
change (shock minus baseline; earnings in % of the baseline), its month, and the months
from that peak until the change first comes back within ``tolerance`` times the peak (the
months to recover; "not" if it does not within the run).  It also splits the workers the
shock affected into those laid off (extra layoffs summed over the run) and those kept on
cut hours (the peak of extra workers on short time).
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from analysis.cli import refuse
from analysis.outputs import (
    DISTRICTS_FILE,
    UnreadableOutput,
    latest_figure,
    read_indicators,
    read_run_info,
    run_figures,
)
from simulation import spell_exits
from simulation.calendar import MONTHS_PER_YEAR, parse_month, year_of
from simulation.population import UNEMPLOYMENT_DURATIONS
from simulation.spell_exits import (
    DESTINATION_NAMES,
    Destination,
    destination_flow,
    entry_flow,
    entry_origins,
    exit_flow,
    informal_exit_flow,
)
from simulation.unemployment_benefit import BENEFIT_DENIED, BENEFIT_MONTHS, BENEFIT_STARTS

DURATIONS = tuple(duration.name for duration in UNEMPLOYMENT_DURATIONS)


def beveridge_correlation(monthly: pd.DataFrame) -> float:
    """Correlation of the monthly unemployment and vacancy rates (per labour force)."""
    u = monthly["unemployed"] / monthly["labour_force"]
    v = monthly["vacancies"] / monthly["labour_force"]
    return float(np.corrcoef(u, v)[0, 1])


def job_finding_by_duration(monthly: pd.DataFrame) -> dict[str, float]:
    """Hires out of unemployment over the unemployed, by months of unemployment, pooled."""
    return {
        duration: float(
            monthly[f"hires_{duration}"].sum() / monthly[f"unemployed_{duration}"].sum()
        )
        for duration in DURATIONS
    }


def holds_spell_flows(monthly: pd.DataFrame) -> bool:
    """Whether a run's monthly indicators hold the flows out of unemployment by spell
    (runs written before simulation/spell_exits.py measured them do not)."""
    return all(exit_flow(duration) in monthly for duration in DURATIONS)


def holds_informal_flows(monthly: pd.DataFrame) -> bool:
    """Whether a run's monthly indicators count the exits into informal work by spell
    (runs written before they were counted do not)."""
    return all(informal_exit_flow(duration) in monthly for duration in DURATIONS)


def hazards_by_duration(monthly: pd.DataFrame, flow_name) -> dict[str, float]:
    """The monthly hazard of the exits ``flow_name(duration)`` names out of unemployment,
    by months of unemployment, pooled over the run's months (simulation/spell_exits.py)."""
    return spell_exits.exit_hazards(
        {duration: monthly[f"unemployed_{duration}"].to_numpy() for duration in DURATIONS},
        {duration: monthly[flow_name(duration)].to_numpy() for duration in DURATIONS},
    )


def exit_hazards(monthly: pd.DataFrame) -> dict[str, float]:
    """The monthly hazard out of unemployment to anywhere, by months of unemployment."""
    return hazards_by_duration(monthly, exit_flow)


def informal_hazard_by_duration(monthly: pd.DataFrame) -> dict[str, float]:
    """The monthly hazard from unemployment into informal work (a household business or
    the family farm), by months of unemployment, pooled over the run's months: whether
    jobseekers fall back on informal work sooner or later in their spell."""
    return hazards_by_duration(monthly, informal_exit_flow)


def benefit_start_rate(monthly: pd.DataFrame) -> float:
    """Insured job losers starting an unemployment benefit a year per unemployment-insurance
    participant, pooled over the run's months (the national count of benefit recipients
    over participants, insurance.csv's ``ui_benefit_start_rate``)."""
    participants = monthly["ui_participants"].sum()
    starts = monthly[BENEFIT_STARTS].sum()
    return float(starts / participants * MONTHS_PER_YEAR) if participants > 0 else float("nan")


def benefit_denied_share(monthly: pd.DataFrame) -> float:
    """Share of insured job losers looking for work whose contribution record is too short
    for the benefit (under 12 months within the last 24), pooled over the run's months."""
    denied = monthly[BENEFIT_DENIED].sum()
    losers = denied + monthly[BENEFIT_STARTS].sum()
    return float(denied / losers) if losers > 0 else float("nan")


def mean_benefit_months(monthly: pd.DataFrame) -> float:
    """Mean months of benefit the run's benefit starts were granted (by their records)."""
    starts = monthly[BENEFIT_STARTS].sum()
    return float(monthly[BENEFIT_MONTHS].sum() / starts) if starts > 0 else float("nan")


def exits_by_destination(monthly: pd.DataFrame) -> dict[str, float]:
    """The monthly hazard out of unemployment into each destination: the exits to it seen
    in each month after the first, over all the unemployed a month before."""
    unemployed = sum(monthly[f"unemployed_{duration}"] for duration in DURATIONS).to_numpy()
    before = unemployed[:-1].sum()
    return {
        DESTINATION_NAMES[code]: float(monthly[destination_flow(code)].iloc[1:].sum() / before)
        for code in Destination
    }


def inflow_by_origin(monthly: pd.DataFrame) -> dict[str, float]:
    """Moves into unemployment a month, by where people came from, per person in the
    labour force (pooled over the run's months)."""
    labour_force = monthly["labour_force"].sum()
    return {
        origin: float(monthly[entry_flow(origin)].sum() / labour_force)
        for origin in entry_origins()
    }


def long_term_share(monthly: pd.DataFrame) -> float:
    """The unemployed 12 months or more over all the unemployed, person-months of the run."""
    total = sum(monthly[f"unemployed_{duration}"].sum() for duration in DURATIONS)
    return float(monthly[f"unemployed_{DURATIONS[-1]}"].sum() / total)


def agri_share_fall_per_year(monthly: pd.DataFrame) -> float:
    """Average fall of the agricultural share, percentage points a year (first to last month)."""
    years = (len(monthly) - 1) / 12
    return float((monthly["agri_share"].iloc[0] - monthly["agri_share"].iloc[-1]) * 100 / years)


def okun_coefficient(monthly: pd.DataFrame) -> float:
    """Okun's law: the slope of the year-on-year change in the unemployment rate (points,
    annual means) on real GRDP growth (per cent, annual sums), over the run's years."""
    years = [year_of(parse_month(month)) for month in monthly.index]
    frame = pd.DataFrame(
        {
            "unemployment": (monthly["unemployed"] / monthly["labour_force"]).to_numpy() * 100,
            "grdp": monthly["grdp"].to_numpy(),
            "year": years,
        }
    )
    counts = frame.groupby("year").size()
    whole = counts[counts == MONTHS_PER_YEAR].index
    annual = (
        frame[frame["year"].isin(whole)]
        .groupby("year")
        .agg(unemployment=("unemployment", "mean"), grdp=("grdp", "sum"))
    )
    change = annual["unemployment"].diff().dropna()
    growth = (annual["grdp"].pct_change() * 100).dropna()
    if len(change) < 2 or growth.std() == 0:
        return float("nan")
    return float(np.polyfit(growth, change, 1)[0])


def informal_entry_rate(monthly: pd.DataFrame) -> float:
    """Mean monthly hazard from unemployment into informal work (an outcome of choices): of
    the adult jobseekers who had searched long enough to weigh it, those who took work in a
    household business (the indicator ``informal_entry_rate``); the hazards by destination
    (:func:`exits_by_destination`) are over all the unemployed."""
    return float(monthly["informal_entry_rate"].mean())


ENTERPRISE_PAY = "full_time_pay"  # districts.csv: enterprise employees' pay
HOUSEHOLD_PAY = "household_pay"  # districts.csv: household-business workers' income


def wage_curve(districts: pd.DataFrame, pay: str = ENTERPRISE_PAY) -> float:
    """The wage curve: the elasticity of pay (the district panel's column ``pay``, at
    full-time hours: enterprise employees' by default, or household-business workers')
    to local unemployment across districts and years, with district and year effects
    removed (a two-way within regression of log annual pay on log annual unemployment).
    The literature reports about -0.1 (Blanchflower and Oswald; Nijkamp and Poot's
    meta-analysis)."""
    frame = districts.assign(year=[year_of(parse_month(m)) for m in districts["month"]])
    annual = frame.groupby(["district", "year"])[["unemployment", pay]].mean().dropna()
    annual = annual[(annual["unemployment"] > 0) & (annual[pay] > 0)]
    if annual.index.get_level_values("year").nunique() < 2:
        return float("nan")
    logs = np.log(annual)

    def within(column: pd.Series) -> pd.Series:
        by_district = column.groupby(level="district").transform("mean")
        by_year = column.groupby(level="year").transform("mean")
        return column - by_district - by_year + column.mean()

    x, y = within(logs["unemployment"]), within(logs[pay])
    return float((x * y).sum() / (x * x).sum()) if (x * x).sum() > 0 else float("nan")


def facts(monthly: pd.DataFrame, districts: pd.DataFrame | None = None) -> dict[str, object]:
    finding = job_finding_by_duration(monthly)
    rates = list(finding.values())
    fall = agri_share_fall_per_year(monthly)
    corr = beveridge_correlation(monthly)
    emergent: dict[str, object] = {}
    if "grdp" in monthly:
        emergent["okun_coefficient"] = okun_coefficient(monthly)
    if "informal_entry_rate" in monthly:
        emergent["informal_entry_rate_per_month"] = informal_entry_rate(monthly)
    if BENEFIT_STARTS in monthly and "ui_participants" in monthly:
        emergent["unemployment_benefit_starts_per_participant_a_year"] = benefit_start_rate(monthly)
    if BENEFIT_DENIED in monthly and BENEFIT_MONTHS in monthly:
        emergent["unemployment_benefit_denied_share"] = benefit_denied_share(monthly)
        emergent["unemployment_benefit_mean_months"] = mean_benefit_months(monthly)
    if districts is not None:
        emergent["wage_curve_elasticity"] = wage_curve(districts)
        if HOUSEHOLD_PAY in districts:
            emergent["informal_wage_curve_elasticity"] = wage_curve(districts, HOUSEHOLD_PAY)
    if holds_spell_flows(monthly):
        hazards = exit_hazards(monthly)
        emergent["unemployment_exit_hazard_by_duration"] = hazards
        emergent["unemployment_exit_hazard_by_destination"] = exits_by_destination(monthly)
        if holds_informal_flows(monthly):
            emergent["informal_exit_hazard_by_duration"] = informal_hazard_by_duration(monthly)
        emergent["unemployment_inflow_by_origin"] = inflow_by_origin(monthly)
        emergent["long_term_unemployed_share"] = long_term_share(monthly)
        emergent["long_term_unemployed_share_stationary"] = spell_exits.stationary_long_term_share(
            hazards
        )
    return {
        **emergent,
        "beveridge_correlation": corr,
        "beveridge_holds": corr < 0,
        "job_finding_by_duration": finding,
        "duration_dependence_holds": all(a > b for a, b in zip(rates, rates[1:], strict=False)),
        "agri_share_fall_points_per_year": fall,
        "structural_change_plausible": 0.5 <= fall <= 3.0,
    }


MIN_MONTHS = 24  # fewer months cannot show a trend or a Beveridge curve
FACT_WIDTH = 60  # characters of a fact's name when printed (the longest, with its entry)


def read_monthly(run_dir: Path) -> pd.DataFrame:
    return read_indicators(Path(run_dir) / "indicators.csv", "month")


# --------------------------------------------------------------------------- shock split


@dataclass(frozen=True)
class Margin:
    """A margin of adjustment: how to read it off the monthly indicators."""

    label: str
    unit: str  # of the change: "points" (percentage points), "%", "persons" or "hours"
    needs: tuple[str, ...]  # indicators it reads
    read: Callable[[pd.DataFrame], pd.Series]


POINTS = 100.0  # a share in percentage points
MARGINS = (
    Margin("unemployment", "points", ("unemployment",), lambda m: m["unemployment"] * POINTS),
    Margin(
        "underemployment", "points", ("underemployment",), lambda m: m["underemployment"] * POINTS
    ),
    Margin("earnings (average wage)", "%", ("average_wage",), lambda m: m["average_wage"]),
    Margin(
        "informal work (informal share)",
        "points",
        ("informal_share",),
        lambda m: m["informal_share"] * POINTS,
    ),
    Margin(
        "inactivity (1 - participation)", "points", ("lfpr",), lambda m: (1 - m["lfpr"]) * POINTS
    ),
    Margin(
        "migration (net migration)", "persons", ("net_migration",), lambda m: m["net_migration"]
    ),
    Margin(
        "workers on short time",
        "persons",
        ("short_time_workers",),
        lambda m: m["short_time_workers"],
    ),
    Margin("average weekly hours", "hours", ("average_hours",), lambda m: m["average_hours"]),
    Margin("layoffs", "persons", ("layoffs",), lambda m: m["layoffs"]),
)
SHOCK_NEEDS = tuple(sorted({name for margin in MARGINS for name in margin.needs}))
RECOVERY_TOLERANCE = 0.1  # back within this share of the peak change counts as recovered


def shock_response(
    shock: pd.DataFrame, baseline: pd.DataFrame, tolerance: float = RECOVERY_TOLERANCE
) -> dict[str, dict[str, object]]:
    """For each margin: the change of the shock run from the baseline month by month
    (``change``), its peak (largest in size, signed) and month, and the months from the
    peak until the change is first back within ``tolerance`` times the peak (None if never)."""
    months = shock.index.intersection(baseline.index)
    shock, baseline = shock.loc[months], baseline.loc[months]
    out: dict[str, dict[str, object]] = {}
    for margin in MARGINS:
        ours, theirs = margin.read(shock), margin.read(baseline)
        change = (ours / theirs - 1) * POINTS if margin.unit == "%" else ours - theirs
        change = change.fillna(0.0)
        position = int(np.argmax(np.abs(change.to_numpy())))
        peak = float(change.iloc[position])
        recovered = None
        if peak != 0:
            after = np.abs(change.to_numpy()[position + 1 :]) <= tolerance * abs(peak)
            if after.any():
                recovered = int(np.argmax(after)) + 1
        out[margin.label] = {
            "unit": margin.unit,
            "peak": peak,
            "peak_month": str(change.index[position]),
            "months_to_recover": recovered,
            "change": change,
        }
    return out


def affected_split(shock: pd.DataFrame, baseline: pd.DataFrame) -> dict[str, float]:
    """Workers the shock affected, split: laid off (the peak of the extra layoffs summed
    month by month, so that fewer layoffs later, of workers the shock laid off already, do
    not net them out) against kept on cut hours (the peak number of extra workers on short
    time)."""
    months = shock.index.intersection(baseline.index)
    extra_layoffs = shock.loc[months, "layoffs"] - baseline.loc[months, "layoffs"]
    laid_off = max(0.0, float(extra_layoffs.cumsum().max()))
    extra_short = (
        shock.loc[months, "short_time_workers"] - baseline.loc[months, "short_time_workers"]
    )
    on_hours = max(0.0, float(extra_short.max()))
    affected = laid_off + on_hours
    return {
        "laid_off": laid_off,
        "on_cut_hours": on_hours,
        "laid_off_share": laid_off / affected if affected else float("nan"),
        "cut_hours_share": on_hours / affected if affected else float("nan"),
    }


def plot_shock_response(response: dict[str, dict[str, object]], path: Path, title: str) -> str:
    from analysis.plots import plt, save

    columns = 3
    rows = -(-len(response) // columns)
    fig, axes = plt.subplots(rows, columns, figsize=(4.5 * columns, 3 * rows), squeeze=False)
    for ax, (label, result) in zip(axes.flat, response.items(), strict=False):
        change = result["change"]
        ax.plot(range(len(change)), change.to_numpy())
        ax.axhline(0, color="grey", lw=0.8)
        ticks = list(range(0, len(change), 12))
        ax.set_xticks(ticks, [str(change.index[i])[:4] for i in ticks])
        ax.set_title(label, fontsize=9)
        ax.set_ylabel(
            {"points": "points", "%": "% of baseline"}.get(result["unit"], result["unit"])
        )
        ax.grid(alpha=0.3)
    for ax in list(axes.flat)[len(response) :]:
        ax.set_visible(False)
    fig.suptitle(title)
    fig.tight_layout()
    return save(fig, path)


def _print_shock(response: dict[str, dict[str, object]], split: dict[str, float]) -> None:
    print(f"{'margin':<34} {'peak change':>14} {'unit':<8} {'peak month':<10} months to recover")
    for label, result in response.items():
        recover = result["months_to_recover"]
        print(
            f"{label:<34} {result['peak']:>14.3f} {result['unit']:<8} "
            f"{result['peak_month']:<10} {recover if recover is not None else 'not'}"
        )
    print(
        f"affected workers: {split['laid_off']:,.0f} laid off ({split['laid_off_share']:.1%}),"
        f" {split['on_cut_hours']:,.0f} on cut hours ({split['cut_hours_share']:.1%})"
    )


def _read_run(directory: str, needed: list[str] | tuple[str, ...]) -> pd.DataFrame:
    path = Path(directory) / "indicators.csv"
    if not path.is_file():
        refuse(f"{path} not found")
    try:
        monthly = read_monthly(Path(directory))
    except UnreadableOutput as e:
        refuse(f"{path.parent}: {e}")
    absent = [name for name in needed if name not in monthly.columns]
    if absent:
        refuse(f"{path}: no indicator '{absent[0]}'")
    return monthly


def _run_key(directory: str) -> tuple[object, object] | None:
    """The seed and scale a run's ``run_info.json`` records (None where it has none)."""
    try:
        info = read_run_info(Path(directory))
    except UnreadableOutput:
        return None
    return info.get("seed"), info.get("scale")


def _shock_main(shock_dir: str, baseline_dir: str, tolerance: float) -> None:
    shock = _read_run(shock_dir, SHOCK_NEEDS)
    baseline = _read_run(baseline_dir, SHOCK_NEEDS)
    shock_key, baseline_key = _run_key(shock_dir), _run_key(baseline_dir)
    if shock_key and baseline_key and shock_key != baseline_key:
        refuse(
            f"{baseline_dir} is seed {baseline_key[0]}, scale {baseline_key[1]}; the shock run "
            f"{shock_dir} is seed {shock_key[0]}, scale {shock_key[1]}: give the baseline of "
            "the same seed and scale"
        )
    missing = shock.index.difference(baseline.index)
    if len(missing):
        refuse(
            f"{baseline_dir} lacks months of the shock run {shock_dir} "
            f"({missing[0]} to {missing[-1]}): give a baseline over the same months"
        )
    response = shock_response(shock, baseline, tolerance)
    split = affected_split(shock, baseline)
    _print_shock(response, split)
    name = plot_shock_response(
        response,
        Path(shock_dir) / "shock_response.png",
        f"{Path(shock_dir).name} against {Path(baseline_dir).name}",
    )
    print(f"plot: {Path(shock_dir) / name}")


CONFIDENCE = 0.95  # of the interval around a fact's mean over several runs
# facts whose value in one run is mostly the run's noise (baseline, scale 10: the wage
# curve ranges from -0.04 to +0.05 across seeds 0-9, about a mean of +0.007)
SEED_SENSITIVE = {"wage_curve_elasticity", "informal_wage_curve_elasticity", "okun_coefficient"}


def pooled(per_run: list[dict[str, object]]) -> dict[str, object]:
    """Facts measured on several runs: each number's mean with its t-based confidence
    interval (``{"mean", "low", "high", "runs"}``; the interval NaN with one run), each
    check's share of runs in which it holds, and a table of numbers (job finding by
    duration) entry by entry."""
    from scipy import stats

    def summary(values: list[float]) -> dict[str, float]:
        numbers = np.array([value for value in values if not np.isnan(value)], dtype=float)
        count = len(numbers)
        mean = float(numbers.mean()) if count else float("nan")
        half = float("nan")
        if count > 1:
            half = float(
                stats.t.ppf(0.5 + CONFIDENCE / 2, count - 1) * numbers.std(ddof=1) / np.sqrt(count)
            )
        return {"mean": mean, "low": mean - half, "high": mean + half, "runs": count}

    out: dict[str, object] = {}
    for key, first in per_run[0].items():
        values = [run[key] for run in per_run]
        if isinstance(first, bool | np.bool_):
            out[key] = {"share_holding": float(np.mean(values)), "runs": len(values)}
        elif isinstance(first, dict):
            out[key] = {entry: summary([run[entry] for run in values]) for entry in first}
        else:
            out[key] = summary([float(value) for value in values])
    return out


def _print_pooled(result: dict[str, object]) -> None:
    def line(values: dict[str, float]) -> str:
        return (
            f"{values['mean']:.4f} (95 % CI {values['low']:.4f} to {values['high']:.4f}, "
            f"{values['runs']} runs)"
        )

    for key, value in result.items():
        if "share_holding" in value:
            share, runs = value["share_holding"], value["runs"]
            print(f"{key:<{FACT_WIDTH}} holds in {share:.0%} of {runs} runs")
        elif "mean" in value:
            print(f"{key:<{FACT_WIDTH}} {line(value)}")
        else:
            for entry, values in value.items():
                print(f"{key + '[' + entry + ']':<{FACT_WIDTH}} {line(values)}")


# facts with a published national figure in the province data (variable of its files;
# the latest year is read), printed beside them from the runs' own data
PUBLISHED_LONG_TERM = "long_term_unemployed_share"  # labour.csv
PUBLISHED_FIGURES = {
    "unemployment_benefit_starts_per_participant_a_year": "ui_benefit_start_rate",
    "long_term_unemployed_share_stationary": PUBLISHED_LONG_TERM,
}


def published_beside(directory: str, found: dict[str, object]) -> list[str]:
    """Lines setting each fact of :data:`PUBLISHED_FIGURES` the runs gave beside the
    latest published figure of the province data the run at ``directory`` was made with
    (none where the run's data cannot be read or hold no such figure)."""
    figures = run_figures(Path(directory))
    lines = []
    for fact, variable in PUBLISHED_FIGURES.items():
        value, year = latest_figure(figures, variable)
        if fact in found and value is not None:
            lines.append(f"{'published: ' + variable:<{FACT_WIDTH}} {value:.4f} ({year})")
    return lines


def _run_facts(directory: str) -> dict[str, object]:
    """The facts of one run directory (refused if it cannot show them)."""
    path = Path(directory) / "indicators.csv"
    needed = ["unemployed", "labour_force", "vacancies", "agri_share"]
    needed += [f"{kind}_{duration}" for duration in DURATIONS for kind in ("hires", "unemployed")]
    monthly = _read_run(directory, needed)
    if len(monthly) < MIN_MONTHS:
        refuse(f"{path}: {len(monthly)} months; the facts need at least {MIN_MONTHS}")
    panel = Path(directory) / DISTRICTS_FILE
    districts = pd.read_csv(panel) if panel.is_file() else None
    return facts(monthly, districts)


def main(argv: list[str] | None = None) -> None:
    args = list(sys.argv[1:] if argv is None else argv)
    if any(a in ("-h", "--help") for a in args):
        print(__doc__)
        return
    options = {}
    for option in ("--baseline", "--tolerance"):
        if option in args:
            at = args.index(option)
            if at + 1 >= len(args):
                refuse(f"{option} needs a value")
            options[option] = args[at + 1]
            del args[at : at + 2]
    usage = (
        "usage: python -m analysis.stylised_facts <run directory> [<run directory> ...]"
        " | <shock run> --baseline <baseline run directory> [--tolerance share]"
    )
    if not args or any(a.startswith("-") for a in args):
        refuse(usage)
    if "--baseline" in options:
        if len(args) != 1:
            refuse(f"--baseline compares one shock run; {usage}")
        try:
            tolerance = float(options.get("--tolerance", RECOVERY_TOLERANCE))
        except ValueError:
            refuse(f"--tolerance: expected a number, got {options['--tolerance']!r}")
        if not 0 <= tolerance < 1:
            refuse(f"--tolerance: expected a share in [0, 1), got {tolerance}")
        _shock_main(args[0], options["--baseline"], tolerance)
        return
    if "--tolerance" in options:
        refuse("--tolerance needs --baseline")
    if len(args) > 1:
        result = pooled([_run_facts(directory) for directory in args])
        _print_pooled(result)
        for line in published_beside(args[0], result):
            print(line)
        return
    found = _run_facts(args[0])
    for key, value in found.items():
        print(f"{key:<{FACT_WIDTH}} {value}")
    for line in published_beside(args[0], found):
        print(line)
    if SEED_SENSITIVE.intersection(found):
        print(
            "note: one run's wage curves and Okun coefficient move with the seed by more than"
            " their size; give several runs (seeds) for their means and 95 % intervals"
        )


if __name__ == "__main__":
    main()
