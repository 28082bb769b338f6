"""The forecast's arithmetic: from a run's skills panel (``skills.csv``, month by month) to
the yearly balance of labour demand and supply by sector and level, and across seeds.

Demand, in the manner of Cedefop's skills forecasts, is what firms want: the stock of
wanted workers (``wanted``), and the year's job openings = expansion demand (the change
in wanted workers since the year before) + replacement demand (the employed who left
employment for good: retirement, other exits from the labour force, work abroad, study,
death and out-migration).  Supply is the employed plus, for the province as a whole
(sector ``all``), the jobseekers; new supply is the year's labour-force entrants (school
leavers, returners, in-migrants) and the certificates gained (``graduates``).

The gap of a sector and level is wanted workers minus those available: the employed of
that sector (firms' skill requirements unmet by their own workers), and for ``all``
sectors the employed and jobseekers.  A positive gap is a shortage, a negative one a
surplus (workers at that level beyond what firms ask for: over-qualified, or looking for
work).  The shortage of a sector is its gap where positive; of the province (``all``), the
sum of its sectors' shortages (each closed by new workers, none by moving workers between
sectors).
"""

from __future__ import annotations

import pandas as pd

from simulation.calendar import MONTHS_PER_YEAR
from simulation.skills_panel import (
    FLOW,
    LEVELS,
    NEW_SUPPLY,
    NO_SECTOR,
    QUANTITIES,
    REPLACEMENT,
    SECTORS,
)

ALL_SECTORS = "all"
ENTRANTS = tuple(name for name in NEW_SUPPLY if name != "graduates")
# the measures of the balance, in the order of the tables
MEASURES = (
    "wanted",
    "employed",
    "jobseekers",
    "gap",
    "shortage",
    "expansion",
    "replacement",
    "openings",
    "entrants",
    "graduates",
)
GAP, SHORTAGE = "gap", "shortage"
INTERVAL = (0.05, 0.95)  # the spread across seeds: a 90 % interval


class ForecastError(ValueError):
    """Input the forecast cannot use; the message is one line."""


def yearly_panel(monthly: pd.DataFrame) -> pd.DataFrame:
    """The panel by year (``year``, ``sector``, ``level``, ``quantity``, ``value``): stocks
    averaged over the year's months, flows summed; only whole years (12 months) are kept."""
    frame = monthly.assign(year=monthly["month"].str.slice(0, 4).astype(int))
    months = frame.groupby("year")["month"].nunique()
    whole = months.index[months == MONTHS_PER_YEAR]
    frame = frame[frame.year.isin(whole)]
    flows = frame.quantity.map(lambda name: QUANTITIES[name].kind == FLOW)
    keys = ["year", "sector", "level", "quantity"]
    summed = frame[flows].groupby(keys, observed=True)["value"].sum()
    averaged = frame[~flows].groupby(keys, observed=True)["value"].mean()
    return pd.concat([summed, averaged]).reset_index()


def balance(yearly: pd.DataFrame) -> pd.DataFrame:
    """The balance of one run: one row per year, sector (the model's three and ``all``) and
    level, one column per measure of :data:`MEASURES` (jobseekers, entrants and graduates
    only for ``all``: they have no sector).  Expansion needs the year before: the first
    year's (and so its openings) is missing (NaN)."""
    years = sorted(yearly["year"].unique())
    index = pd.MultiIndex.from_product(
        [years, [*SECTORS, NO_SECTOR], LEVELS], names=["year", "sector", "level"]
    )
    table = (
        yearly.pivot_table(
            index=["year", "sector", "level"], columns="quantity", values="value", aggfunc="sum"
        )
        .reindex(index=index, columns=list(QUANTITIES))
        .fillna(0.0)
    )
    everyone = table.groupby(level=["year", "level"]).sum()
    everyone.index = pd.MultiIndex.from_tuples(
        [(year, ALL_SECTORS, level) for year, level in everyone.index], names=index.names
    )
    sectors = table.drop(index=NO_SECTOR, level="sector")
    frame = pd.concat([sectors, everyone])
    is_all = frame.index.get_level_values("sector") == ALL_SECTORS
    out = pd.DataFrame(index=frame.index)
    out["wanted"] = frame["wanted"]
    out["employed"] = frame["employed"]
    out["jobseekers"] = frame["jobseekers"].where(is_all)
    out["gap"] = frame["wanted"] - frame["employed"] - out["jobseekers"].fillna(0.0)
    out["replacement"] = frame[list(REPLACEMENT)].sum(axis=1)
    out["entrants"] = frame[list(ENTRANTS)].sum(axis=1).where(is_all)
    out["graduates"] = frame["graduates"].where(is_all)
    sector_shortage = out["gap"].clip(lower=0.0).where(~is_all)
    out["shortage"] = sector_shortage
    summed = sector_shortage.groupby(level=["year", "level"]).sum()
    out.loc[is_all, "shortage"] = [summed[(year, level)] for year, _, level in out.index[is_all]]
    out = out.reset_index().sort_values(["sector", "level", "year"])
    by_cell = out.groupby(["sector", "level"])
    consecutive = by_cell["year"].diff() == 1
    out["expansion"] = (out["wanted"] - by_cell["wanted"].shift()).where(consecutive)
    out["openings"] = out["expansion"] + out["replacement"]
    order = {name: number for number, name in enumerate([*SECTORS, ALL_SECTORS])}
    out = out.assign(_sector=out.sector.map(order), _level=out.level.map(LEVELS.index)).sort_values(
        ["year", "_sector", "_level"]
    )
    return out[["year", "sector", "level", *MEASURES]].reset_index(drop=True)


def across_seeds(balances: pd.DataFrame) -> pd.DataFrame:
    """The balances of many runs (columns ``scenario``, ``seed`` and those of
    :func:`balance`) as one tidy table: per scenario, year, sector, level and measure, the
    mean over seeds, a 90 % interval (5th and 95th percentiles) and the number of seeds."""
    long = balances.melt(
        id_vars=["scenario", "seed", "year", "sector", "level"],
        value_vars=list(MEASURES),
        var_name="measure",
    ).dropna(subset=["value"])
    grouped = long.groupby(["scenario", "year", "sector", "level", "measure"], sort=False)
    low, high = INTERVAL
    out = grouped["value"].agg(
        mean="mean",
        low=lambda values: values.quantile(low),
        high=lambda values: values.quantile(high),
        seeds="count",
    )
    return out.reset_index()


def paired_differences(balances: pd.DataFrame, baseline: str) -> pd.DataFrame:
    """Each other scenario's balance less the ``baseline``'s of the same seed (runs of one
    seed share their random numbers), in the form of :func:`across_seeds`, the scenario
    labelled ``<scenario> - <baseline>``; empty without a baseline or another scenario."""
    keys = ["seed", "year", "sector", "level"]
    base = balances[balances.scenario == baseline].set_index(keys)[list(MEASURES)]
    parts = []
    for scenario in sorted(set(balances.scenario) - {baseline}):
        other = balances[balances.scenario == scenario].set_index(keys)[list(MEASURES)]
        common = other.index.intersection(base.index)
        if len(common):
            difference = other.loc[common] - base.loc[common]
            parts.append(difference.reset_index().assign(scenario=f"{scenario} - {baseline}"))
    return across_seeds(pd.concat(parts, ignore_index=True)) if parts else pd.DataFrame()


def extremes(summary: pd.DataFrame, scenario: str, year: int, count: int) -> pd.DataFrame:
    """The ``count`` largest shortages (positive gaps) and surpluses (negative gaps) by
    sector and level (the model's sectors, not ``all``) of ``scenario`` in ``year``, the
    largest first; column ``kind`` says which."""
    gaps = summary[
        (summary.scenario == scenario)
        & (summary.year == year)
        & (summary.measure == GAP)
        & (summary.sector != ALL_SECTORS)
    ]
    shortages = gaps[gaps["mean"] > 0].nlargest(count, "mean").assign(kind="shortage")
    surpluses = gaps[gaps["mean"] < 0].nsmallest(count, "mean").assign(kind="surplus")
    return pd.concat([shortages, surpluses], ignore_index=True)
