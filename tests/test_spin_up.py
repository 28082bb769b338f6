"""The stationary spin-up (run setting ``spin_up_months``, see simulation/model.py).

A run that first steps 12 stationary months from the synthetic base state and one that
does not should agree, from January 2022 on, in the rates that have no trend of their own.
"Agree within noise": over a few seeds, the mean paired difference of the two runs' 2022
means lies within ``K`` standard errors of the seed-to-seed spread (the standard deviation
across seeds of the 2022 means without spin-up, over the square root of the number of
seeds: what a comparison of the two runs' means over these seeds can resolve), plus
``TOLERANCE``, a tenth of a percentage point: the precision (one decimal) to which the
province's statistics report these rates.
"""

from __future__ import annotations

import numpy as np
import pytest

from simulation import jobs
from simulation.calendar import parse_month, year_of
from simulation.config import ConfigError
from simulation.firms import Ownership
from simulation.mechanisms import LocalEconomy
from simulation.population import Status
from tests.conftest import model, settings

SEEDS = (0, 1, 2)
SCALE = "scale=50"
K = 3.0
TOLERANCE = 0.001  # a tenth of a percentage point
YEAR = 2022

# Rates without a trend of their own: a 12-month spin-up leaves them as they are.  Until
# the spin-up held farm workers' search off the farm (the pull off the land) as it holds
# mechanisation and land conversion (the push), farms lost members in it and took none
# back, and underemployment differed by -0.27 points against a bound of 0.12 (strict xfail)
# and the agricultural share by -0.46 against 0.49, SI coverage +0.17 against 0.42 (scale
# 50, seeds 0-2, at 62a8933); with both held, -0.09 against 0.18, -0.16 against 0.67 and
# +0.10 against 0.35 (at 3b370b8; docs/ODD.md, 3.1).
AGREE = ("unemployment", "informal_share", "underemployment", "agri_share", "si_coverage")
# Not compared: urban youth unemployment.  The spin-up itself holds school leavers
# (schooling and ageing are held), so young urban jobseekers find work and are not
# replaced; the stock refills during the first half of 2022 (at scale 20, seeds 0-2, the
# 2022 mean was 0.6 points lower after a spin-up, and the 2025 means agree; at scale 50,
# seeds 0-2, at 3b370b8, +0.61 points against a bound of 1.30).  That is the spin-up's own
# artefact, not a transient of the starting state.


def _farms_above_full_time(m) -> float:
    """Share of the farms with members whose land gives each member full-time work or more
    over the year (work per member at or above the room threshold)."""
    economy = next(x for x in m.mechanisms if isinstance(x, LocalEconomy))
    farms = np.flatnonzero(m.firms.active & (m.firms.ownership == Ownership.FARM))
    farms = farms[m.firms.size[farms] > 0]
    work = economy.land[farms] * economy.labour_per_ha / m.firms.size[farms]
    return float(np.mean(work >= m.params["farm_room_work_share"]))


def _annual_means(spin: int, seed: int) -> dict[str, float]:
    m = model(SCALE, f"seed={seed}", f"spin_up_months={spin}", f"end={YEAR}-12")
    start = _farms_above_full_time(m)
    m.run()
    months = [h for h in m.history if year_of(parse_month(h["month"])) == YEAR]
    assert len(months) == 12
    means = {key: float(np.mean([h[key] for h in months])) for key in AGREE}
    return means | {"farms_full_start": start, "farms_full_end": _farms_above_full_time(m)}


@pytest.fixture(scope="module")
def runs():
    return {(spin, seed): _annual_means(spin, seed) for spin in (0, 12) for seed in SEEDS}


def agree(runs, key: str) -> tuple[bool, str]:
    without = np.array([runs[0, seed][key] for seed in SEEDS])
    spun = np.array([runs[12, seed][key] for seed in SEEDS])
    difference = float(np.mean(spun - without))
    standard_error = float(np.std(without, ddof=1) / np.sqrt(len(SEEDS)))
    bound = K * standard_error + TOLERANCE
    return abs(difference) <= bound, f"{key}: difference {difference:+.5f}, bound {bound:.5f}"


@pytest.mark.parametrize("key", AGREE)
def test_a_spun_up_run_agrees_with_one_without_from_january_2022(runs, key):
    ok, message = agree(runs, key)
    assert ok, message


def test_the_stationary_spin_up_leaves_the_farms_band_where_the_growth_world_moves_it(runs):
    """Farms' work per member lies anywhere between the release and the room thresholds,
    a band with no restoring force.  The spin-up holds both the push off the land and the
    pull: twelve stationary months move the share of farms whose land gives each member
    full-time work less than the growth world's 2022 does (at scale 50, seeds 0-2, at
    3b370b8: +0.7 points against +1.6; +3.0 in the spin-up when it held the push only)."""
    growth = np.mean(
        [runs[0, seed]["farms_full_end"] - runs[0, seed]["farms_full_start"] for seed in SEEDS]
    )
    stationary = np.mean(
        [runs[12, seed]["farms_full_start"] - runs[0, seed]["farms_full_start"] for seed in SEEDS]
    )
    assert growth > 0, f"the growth world's farms should fill the band: {growth:+.4f}"
    assert abs(stationary) < growth, f"stationary {stationary:+.4f}, growth {growth:+.4f}"


NO_RELEASE = 1e-9  # a release threshold of work per member that no farm falls below


def _farm_workers_moved(spinning: bool) -> int:
    """Farm workers of the base month working for another employer a month later, with
    farms releasing nobody (so that none passes through unemployment on the way)."""
    m = model("scale=200", "seed=0")
    m.params["farm_release_work_share"] = NO_RELEASE
    persons = m.persons
    farm = np.flatnonzero(persons.status == Status.EMPLOYED)
    farm = farm[jobs.employer_ownership(m, farm) == Ownership.FARM]
    pids, employers = persons.pid[farm].copy(), persons.employer[farm].copy()
    m.spin_up_left = 1 if spinning else 0
    m.step()
    rows, present = m.persons.locate(pids)
    employers = employers[present]
    still = m.persons.status[rows] == Status.EMPLOYED
    return int(np.count_nonzero(still & (m.persons.employer[rows] != employers)))


def test_the_spin_up_holds_farm_workers_search_off_the_farm():
    """In a month of the growth world farm workers move to enterprises on the job; in a
    spin-up month none does."""
    assert _farm_workers_moved(spinning=False) > 0
    assert _farm_workers_moved(spinning=True) == 0


def test_the_spin_up_holds_the_clock_ages_trends_and_counts():
    fresh = model(SCALE, "seed=0")
    spun = model(SCALE, "seed=0", "spin_up_months=3")
    assert spun.current_month == fresh.current_month == "2022-01"
    assert spun.history == [] and not spun.spinning_up and spun.draw_month == spun.month
    ages = dict(zip(fresh.persons.pid.tolist(), fresh.persons.age_m.tolist(), strict=True))
    assert len(spun.persons) == len(fresh.persons)  # no births, deaths or migrants
    assert all(
        ages[p] == a
        for p, a in zip(spun.persons.pid.tolist(), spun.persons.age_m.tolist(), strict=True)
    )
    assert not spun.persons.retrained.any()
    assert np.array_equal(
        spun.persons.certificate,
        fresh.persons.certificate[np.searchsorted(fresh.persons.pid, spun.persons.pid)],
    )
    assert np.array_equal(spun.sector_level, fresh.sector_level)  # no technical progress
    assert len(spun.firms) >= len(fresh.firms)  # household start-ups only
    assert spun.firms.active[: len(fresh.firms)].all() == fresh.firms.active.all()
    # the spin-up changed who works where
    assert not np.array_equal(spun.persons.employer, fresh.persons.employer)


def test_no_spin_up_is_the_default():
    assert settings("scale=500").spin_up_months == 0


@pytest.mark.parametrize("value", ["-1", "37", "1.5", "abc"])
def test_a_bad_spin_up_is_one_line_naming_the_key(value):
    with pytest.raises(ConfigError) as e:
        settings(f"spin_up_months={value}")
    assert "\n" not in str(e.value) and "spin_up_months" in str(e.value)
