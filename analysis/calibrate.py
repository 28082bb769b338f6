"""Calibrate the model on 2022: fit four parameters so the simulated 2022 matches the data.

    python -m analysis.calibrate            # fit at full scale and print (about 20 minutes)
    python -m analysis.calibrate --write    # also write the fitted values into parameters.csv
    python -m analysis.calibrate --scale 5 --seeds 2   # faster, coarser

What is fitted, to what (all figures of 2022 or earlier, see docs/calibration.md):

- ``search_value_months``: mean unemployment rate of 2022 equal to the base level,
  1.87 % (labour force 1.07 million and employment 1.05 million, published): over how many
  months jobseekers count a wage job's gain over informal work, and so how long they
  search before taking informal work (simulation/informal_choice.py);
- ``adult_course_rate``: the rise of the share of employed workers with a certificate over
  2022 equal to its trend, estimated from several years of national figures at the
  province's level (simulation/certified_trend.py: about 1.3 points a year; a run starts
  that far below the provincial estimate of 31.5 % for 2022);
- ``old_age_exit_scale``: participation of 47-69 year-olds in December 2022 equal to its
  base-year level (no trend is assumed in the participation of older people);
- ``household_support_ratio``: youth (15-24) unemployment over working-age unemployment
  in 2022 equal to its national ratio, the mean of 2020 and 2021 (2.80): how much the
  income of a jobseeker's household lets them ask for (simulation/informal_choice.py).

Real GRDP growth in 2022 is not fitted: output follows enterprises' markets (national
sector growth of several years), FDI capital and technical progress from the data, and its
2022 value is printed against the published 9.12 % as a check.

Each parameter is found by bisection, one after the other, in two rounds; each evaluation
simulates 2022 at the chosen scale and seeds.  Nothing after 2022 is simulated or used.
"""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from analysis import slump
from analysis.cli import description_of, refuse
from analysis.moments import observed_2022
from analysis.outputs import write_atomic
from analysis.stylised_facts import exit_hazards
from scenarios import check_levers
from simulation import spell_exits
from simulation.build import build_model, parameter_overrides
from simulation.calendar import MONTHS_PER_YEAR
from simulation.config import MAX_SPIN_UP_MONTHS, ROOT, ConfigError
from simulation.data import DataError, ProvinceData
from simulation.firms import IS_ENTERPRISE, Ownership
from simulation.indicators import trained_certified
from simulation.population import CERTIFICATES, Certificate, Status
from simulation.preflight import compose_checked


@dataclass
class Fit:
    parameter: str
    statistic: str
    target: float
    low: float
    high: float
    increasing: bool  # does the statistic rise with the parameter?


def _older_participation(model) -> float:
    p = model.persons
    age = p.age_m // 12
    older = (age >= 47) & (age < 70) & (p.status != Status.ABROAD)
    lf = (p.status == Status.EMPLOYED) | (p.status == Status.UNEMPLOYED)
    return float(lf[older].mean())


def pay_ratios(model) -> dict[str, float]:
    """Mean monthly pay of enterprise employees (FDI, domestic, state) by certificate,
    relative to those without one (the labour force survey's wage workers); and that of
    FDI employees relative to domestic enterprises' (the enterprise figures by type)."""
    persons = model.persons
    employer = persons.employer
    employed = np.flatnonzero((persons.status == Status.EMPLOYED) & (employer >= 0))
    ownership = model.firms.ownership[employer[employed]]
    employees = employed[IS_ENTERPRISE[ownership]]
    certificate = persons.certificate[employees]
    pay = np.bincount(certificate, weights=persons.wage[employees], minlength=len(CERTIFICATES))
    count = np.bincount(certificate, minlength=len(CERTIFICATES))
    mean = pay / np.maximum(count, 1)
    by_ownership = np.bincount(ownership, weights=persons.wage[employed], minlength=len(Ownership))
    heads = np.maximum(np.bincount(ownership, minlength=len(Ownership)), 1)
    mean_by_ownership = by_ownership / heads
    return {
        f"pay_ratio_{name}_2022": float(mean[level] / mean[Certificate.NONE])
        for level, name in enumerate(CERTIFICATES)
        if level != Certificate.NONE
    } | {
        "pay_ratio_fdi_2022": float(
            mean_by_ownership[Ownership.FDI] / mean_by_ownership[Ownership.DOMESTIC]
        )
    }


LONG_TERM = "long_term_unemployed_2022"  # the statistic of long_term_unemployed_share
LONG_TERM_SETTING = "long_term_moment_setting"  # estimation.csv: the spin-up before 2022


def long_term_spin_up_months(data: ProvinceData) -> int:
    """The months of stationary spin-up before the year whose exit hazards give the share
    of the unemployed out of work a year or more (``long_term_moment_setting`` in the
    data's estimation.csv): at least a year, so that a year-long spell can form in it, and
    no more than a run allows."""
    value = data.figures.table(LONG_TERM_SETTING)["spin_up_months"]
    if value != int(value) or not MONTHS_PER_YEAR <= value <= MAX_SPIN_UP_MONTHS:
        raise DataError(
            f"estimation.csv: {LONG_TERM_SETTING} spin_up_months must be a whole number from "
            f"{MONTHS_PER_YEAR} to {MAX_SPIN_UP_MONTHS}, got {value:g}"
        )
    return int(value)


def long_term_unemployed_share(overrides: list[str], data: ProvinceData) -> float:
    """The share of the unemployed out of work 12 months or more that 2022's exit hazards
    by spell imply when they last (:func:`simulation.spell_exits.
    stationary_long_term_share`), on a run built with ``overrides`` after a stationary
    spin-up of the data's ``long_term_moment_setting`` months (``data``, the province's).
    The published share is of a labour market whose long spells formed over years;
    without a spin-up, 2022's jobseekers out of work a year or more are all the synthetic
    start's, whose spells are an assumption and who have not yet been selected by their
    own choices."""
    months = long_term_spin_up_months(data)
    model = build_model(*overrides, "end=2022-12", f"spin_up_months={months}")
    model.run()
    return spell_exits.stationary_long_term_share(exit_hazards(pd.DataFrame(model.history)))


def statistics_2022(
    overrides: list[str], with_slump: bool = False, with_long_term: bool = False
) -> dict[str, float]:
    """The 2022 statistics of one run built with ``overrides`` (to December 2022): the mean
    unemployment rate and population, real GRDP growth, the certified share in December,
    the change of older people's participation, vocational graduates, the labour market's
    shares and insurance coverage; with ``with_slump`` also the split of the late-2022
    fall in export orders (:mod:`analysis.slump`: a second run, with the fall); with
    ``with_long_term`` also the share of the unemployed out of work a year or more
    (:func:`long_term_unemployed_share`: a run after a spin-up)."""
    model = build_model(*overrides, "end=2022-12")
    base_older = _older_participation(model)
    base_certified = trained_certified(model.state())
    model.run()
    history = model.history
    reference = model.reference()["grdp"][1]

    def mean(name: str) -> float:
        """The indicator's mean over 2022."""
        return float(np.mean([h[name] for h in history]))

    return (
        {
            "grdp_growth_2022": sum(h["grdp"] for h in history) / reference - 1,
            "trained_certified_dec_2022": history[-1]["trained_certified"],
            "trained_certified_rise_2022": history[-1]["trained_certified"] - base_certified,
            "older_participation_change": _older_participation(model) - base_older,
            "vocational_graduates_2022": sum(h["vocational_graduates"] for h in history),
            "average_income_2022": mean("average_wage"),
            "youth_unemployment_ratio_2022": mean("youth_unemployment") / mean("unemployment"),
        }
        | {f"{name}_2022": mean(name) for name in MEANS_OF_2022}
        | pay_ratios(model)
        | (_slump(model, overrides, history) if with_slump else {})
        | ({LONG_TERM: long_term_unemployed_share(overrides, model.data)} if with_long_term else {})
    )


# indicators whose mean over 2022 is a moment (analysis/moments.py)
MEANS_OF_2022 = (
    "unemployment",
    "population",
    "labour_force",
    "agri_share",
    "underemployment",
    "informal_share",
    "si_coverage",
    "ui_coverage",
)


def _slump(model, overrides: list[str], history: list[dict[str, float]]) -> dict[str, float]:
    """The late-2022 fall in export orders: the same run again with the fall."""
    shock = build_model(*overrides, "end=2022-12", *slump.overrides(model.data))
    shock.run()
    return {slump.STATISTIC: slump.laid_off_share(history, shock.history)}


def simulate_2022(params: dict[str, float], scale: int, seeds: list[int]) -> dict[str, float]:
    """Mean 2022 statistics over seeds with the given parameter values."""
    out: dict[str, list[float]] = {}
    for seed in seeds:
        overrides = [f"scale={scale}", f"seed={seed}"]
        overrides += parameter_overrides(params)
        for k, v in statistics_2022(overrides).items():
            out.setdefault(k, []).append(v)
    return {k: float(np.mean(v)) for k, v in out.items()}


def calibrated_fits(observed: dict[str, float]) -> list[Fit]:
    """The calibrated parameters, each with the 2022 statistic it is fitted to and the
    range searched."""
    return [
        Fit(
            "search_value_months",
            "unemployment_2022",
            observed["unemployment_2022"],
            1.0,
            60.0,
            True,
        ),
        Fit(
            "adult_course_rate",
            "trained_certified_rise_2022",
            observed["trained_certified_rise_2022"],
            0.0003,
            0.008,
            True,
        ),
        Fit(
            "old_age_exit_scale",
            "older_participation_change",
            observed["older_participation_change"],
            0.3,
            1.2,
            False,
        ),
        Fit(
            "household_support_ratio",
            "youth_unemployment_ratio_2022",
            observed["youth_unemployment_ratio_2022"],
            0.0,
            2.0,
            True,
        ),
    ]


BISECTION_STEPS = 7  # halvings of a calibrated parameter's range (the calibration, refits)


def bisect(fit: Fit, statistics_at, steps: int = BISECTION_STEPS) -> float:
    """The value of ``fit``'s parameter that brings its statistic to the target, by
    ``steps`` halvings of its range (the middle of the last interval, rounded);
    ``statistics_at(value)`` gives the statistics of a run with the parameter at
    ``value``."""
    low, high = fit.low, fit.high
    for _ in range(steps):
        middle = 0.5 * (low + high)
        if (statistics_at(middle)[fit.statistic] > fit.target) == fit.increasing:
            high = middle
        else:
            low = middle
    return round(0.5 * (low + high), 5)


def calibrate(
    scale: int, seeds: list[int], rounds: int = 2, steps: int = BISECTION_STEPS, log=print
) -> tuple[dict[str, float], dict[str, float]]:
    settings = compose_checked([f"scale={scale}"], check_levers)
    data = settings.province
    fits = calibrated_fits(observed_2022(data))
    params = {f.parameter: data.param(f.parameter) for f in fits}
    for r in range(rounds):
        for fit in fits:
            params[fit.parameter] = bisect(
                fit,
                lambda value, fit=fit: simulate_2022(
                    {**params, fit.parameter: value}, scale, seeds
                ),
                steps,
            )
            log(f"round {r + 1}: {fit.parameter} = {params[fit.parameter]}")
    return params, simulate_2022(params, scale, seeds)


def write_parameters(params: dict[str, float], path: Path | None = None) -> None:
    """Set the values of ``params`` in the data's parameters.csv (``path``; the
    province's by default), leaving every other row and column as it was."""
    path = path or ROOT / "data" / "hai_duong" / "parameters.csv"
    text = path.read_text(encoding="utf-8")
    for name, value in params.items():
        text, n = re.subn(rf"^({re.escape(name)}),[^,]*,", rf"\g<1>,{value},", text, flags=re.M)
        if n != 1:
            sys.exit(f"error: parameter {name} not found once in {path}")
    write_atomic(path, text)  # whole or not at all


# how the fit's table shows each statistic: its format and, for those not fitted, why
# it is shown (the fitted ones are those of calibrated_fits)
SHOWN = {
    "unemployment_2022": ("percent", ""),
    "trained_certified_dec_2022": ("percent", "check, not fitted"),
    "trained_certified_rise_2022": ("points", ""),
    "older_participation_change": ("points", ""),
    "youth_unemployment_ratio_2022": ("ratio", "national, 2020-2021"),
    "grdp_growth_2022": ("percent", "check, not fitted"),
    "vocational_graduates_2022": ("count", "January to mid-November; check, not fitted"),
    "average_income_2022": ("million VND", "check, national, not fitted"),
}
FORMATS = {
    "percent": lambda value: f"{value * 100:.2f} %",
    "points": lambda value: f"{value * 100:+.2f} points",
    "count": lambda value: f"{value:,.0f}",
    "ratio": lambda value: f"{value:.2f}",
    "million VND": lambda value: f"{value:.2f} million VND",
}


def result_table(
    params: dict[str, float], stats: dict[str, float], targets: dict[str, float], how: str
) -> str:
    """The markdown table of the fit that docs/calibration.md shows; ``targets`` are the
    observed figures (:func:`analysis.moments.observed_2022`, and the vocational
    graduates of 2022)."""
    fitted = {fit.statistic: fit.parameter for fit in calibrated_fits(targets)}
    lines = [
        f"Fitted {how}:",
        "",
        "| statistic of 2022 | simulated | target | fitted parameter | value |",
        "|---|---|---|---|---|",
    ]
    for stat, (kind, why) in SHOWN.items():
        show = FORMATS[kind]
        aim = show(targets[stat]) + (f" ({why})" if why else "")
        parameter = fitted.get(stat)
        lines.append(
            f"| {stat} | {show(stats[stat])} | {aim} | {parameter or '-'} | "
            f"{params[parameter] if parameter else '-'} |"
        )
    return "\n".join(lines)


def write_result(table: str, marker: str = "result") -> None:
    """Put ``table`` between the ``marker`` comments of docs/calibration.md."""
    path = ROOT / "docs" / "calibration.md"
    text = path.read_text(encoding="utf-8")
    text, n = re.subn(
        rf"(<!-- {marker}:[^>]*-->\n).*?(<!-- /{marker} -->)",
        lambda m: m.group(1) + table + "\n" + m.group(2),
        text,
        flags=re.S,
    )
    if n != 1:
        sys.exit(f"error: no {marker} markers in {path}")
    path.write_text(text, encoding="utf-8")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=description_of(__doc__))
    parser.add_argument("--scale", type=int, default=1, help="people per agent (default 1)")
    parser.add_argument("--seeds", type=int, default=1, help="seeds per evaluation (default 1)")
    parser.add_argument("--steps", type=int, default=6, help="bisection steps (default 6)")
    parser.add_argument("--write", action="store_true", help="write the values to parameters.csv")
    args = parser.parse_args(argv)
    for name, most in (("seeds", 50), ("steps", 20)):
        if not 1 <= getattr(args, name) <= most:
            refuse(f"--{name}: must be 1 to {most}, got {getattr(args, name)}")
    try:
        params, stats = calibrate(args.scale, list(range(args.seeds)), steps=args.steps)
    except ConfigError as e:
        refuse(e)
    data = compose_checked([], check_levers).province
    targets = observed_2022(data) | {
        "vocational_graduates_2022": data.figures.value("vocational_graduates", year=2022)
    }
    how = (
        f"at {args.scale} people per agent, seeds 0-{args.seeds - 1}, {args.steps} "
        "bisection steps, two rounds"
    )
    table = result_table(params, stats, targets, how)
    print("\n" + table)  # each 2022 figure beside its target and the parameter fitted to it
    print("\nevery 2022 statistic with these values:")
    for k, v in stats.items():
        print(f"  {k:<30} {v:.4f}")
    if args.write:
        write_parameters(params)
        write_result(table)
        print("\nwritten to data/hai_duong/parameters.csv and docs/calibration.md")


if __name__ == "__main__":
    main()
