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

from simulation.calendar import parse_month, year_of
from simulation.config import ConfigError
from simulation.firms import Ownership
from simulation.mechanisms import LocalEconomy
from tests.conftest import model, settings

SEEDS = (0, 1, 2)
SCALE = "scale=50"
K = 3.0
TOLERANCE = 0.001  # a tenth of a percentage point
YEAR = 2022

# Rates without a trend of their own, and whether a 12-month spin-up leaves them as they
# are.  Those marked xfail do NOT agree (strict: the test says so if they come to agree);
# the reasons are in the report of the change and in docs/ODD.md.
AGREE = ("unemployment", "informal_share")
FARMS = (
    "farms lose members during the stationary spin-up and do not take them back: a farm's "
    "work per member may lie anywhere in the band between the release and the room "
    "thresholds, and in a world at rest nothing pushes members out (land and techniques are "
    "held) while enterprises still hire off farms, so the band fills towards the room line. "
    "In the growth world mechanisation and land conversion push against that pull, and the "
    "starting band drifts less there "
    "(test_the_farm_drift_is_the_stationary_worlds_more_than_the_starting_states). "
    "Starting farms on the room line makes this pass but halves the growth world's "
    "structural change (docs/ODD.md, 3.1)"
)
DISAGREE = {
    "underemployment": FARMS + " (more work per remaining member, fewer short hours)",
}
# The same drift lowers the agricultural share, by about as much as the bound: -0.42 points
# against 0.57, then -0.49 against 0.48 once reservation wages anchored on the last pay,
# -0.47 against 0.50 since pupils choose their school paths, and -0.46 against 0.49 at
# 62a8933 (scale 50, seeds 0-2).  Its test checks the direction of the drift rather than a
# side of the bound it straddles.
DRIFTS_DOWN = ("agri_share",)
# Not compared: SI coverage.  The farms' drift above also moves farm workers into insured
# enterprise jobs, and the difference sits at the bound: +0.25 points (bound 0.17) before
# jobseekers chose informal work, within it after, +0.24 (bound 0.23) with wage posting,
# +0.17 (bound 0.42) at 62a8933.
# The farm transient is tested through underemployment.
# Not compared: urban youth unemployment.  The spin-up itself holds school leavers
# (schooling and ageing are held), so young urban jobseekers find work and are not
# replaced; the stock refills during the first half of 2022 (at scale 20, seeds 0-2, the
# 2022 mean is 0.6 points lower after a spin-up, and the 2025 means agree).  That is the
# spin-up's own artefact, not a transient of the starting state.


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
    keys = (*AGREE, *DISAGREE, *DRIFTS_DOWN)
    means = {key: float(np.mean([h[key] for h in months])) for key in keys}
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


@pytest.mark.parametrize(
    "key",
    [
        *AGREE,
        *(
            pytest.param(k, marks=pytest.mark.xfail(reason=r, strict=True))
            for k, r in DISAGREE.items()
        ),
    ],
)
def test_a_spun_up_run_agrees_with_one_without_from_january_2022(runs, key):
    ok, message = agree(runs, key)
    assert ok, message


@pytest.mark.parametrize("key", DRIFTS_DOWN)
def test_the_farm_drift_lowers_the_agricultural_share_in_the_spin_up(runs, key):
    difference = np.mean([runs[12, seed][key] - runs[0, seed][key] for seed in SEEDS])
    assert difference < 0, f"{key}: difference {difference:+.5f} (the farm drift lowers it)"


def test_the_farm_drift_is_the_stationary_worlds_more_than_the_starting_states(runs):
    """Most of the farm transient is the stationary world's: over 2022 the growth world
    moves the share of farms with full-time work per member less than twelve stationary
    months do.  Not all of it: measured at scale 50, seeds 0-2, +1.1 points in 2022 against
    +3.0 in the spin-up (+1.5 against +3.2 at 62a8933), and at scale 10, seed 0, the
    growth world's drift slows from +1.5 points in 2022 to +0.5 in 2024 (the starting band
    is not quite the growth world's steady state either; see docs/ODD.md, 3.1)."""
    growth = np.mean(
        [runs[0, seed]["farms_full_end"] - runs[0, seed]["farms_full_start"] for seed in SEEDS]
    )
    stationary = np.mean(
        [runs[12, seed]["farms_full_start"] - runs[0, seed]["farms_full_start"] for seed in SEEDS]
    )
    assert stationary > 0, f"the stationary spin-up should fill the band: {stationary:+.4f}"
    assert abs(growth) < stationary, f"growth {growth:+.4f}, stationary {stationary:+.4f}"


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
