"""Placements by levers: jobseekers referred to the posts employers have left open.

A lever that places people (employment service centres, networks of returnees) does not
create jobs: it fills an enterprise's open post, the same post this month's matching would
otherwise offer to other jobseekers.  A post is open where an active enterprise wants more
workers than it has (``demand - size``, whole workers, as in
:mod:`simulation.mechanisms.firms`); levers act at the start of the month, so these are the
posts the last month's matching left open.  A placed worker raises the firm's size, so the
firm posts one vacancy fewer this month (vacancies are demand above size): the placement
displaces another hire unless that post would have stayed open.

Where a person's district has no open post left, the placement **is not made** (the person
stays a jobseeker): a referral cannot make an employer hire beyond the workforce its market
and costs call for, and a hire forced beyond it would only be laid off again by the firm's
short-time and layoff rule (:mod:`simulation.short_time`), displacing an incumbent instead.
Placements are in the person's own district, as employment service centres refer
jobseekers to the employers of their district.
"""

from __future__ import annotations

import numpy as np

NO_POST = 0.0  # an enterprise with no worker wanted beyond those it has


def open_posts(firms, eligible: np.ndarray) -> np.ndarray:
    """Whole open posts of each firm (0 where not ``eligible`` or not active): the workers
    it wants beyond those it has, rounded down."""
    gap = np.maximum(NO_POST, firms.demand.astype(np.float64) - firms.size)
    return np.where(firms.active & eligible, np.floor(gap), NO_POST).astype(np.int64)


def place_in_open_posts(
    candidates: np.ndarray,
    candidate_district: np.ndarray,
    posts: np.ndarray,
    firm_district: np.ndarray,
    rng: np.random.Generator,
) -> tuple[np.ndarray, np.ndarray]:
    """Pair ``candidates`` (person rows, in the order of priority the lever drew) with the
    open ``posts`` (one count per firm) of their own district: district by district (in
    increasing order), each post taken at most once and drawn uniformly among the
    district's posts (so a firm is chosen in proportion to its open posts).  The first
    candidates of a district take its posts; those beyond its posts are not placed.
    Returns the placed rows and their firms."""
    placed, employers = [], []
    for district in np.unique(candidate_district):
        people = candidates[candidate_district == district]
        firms_here = np.flatnonzero((firm_district == district) & (posts > 0))
        slots = np.repeat(firms_here, posts[firms_here])
        pairs = min(len(people), len(slots))
        if pairs:
            placed.append(people[:pairs])
            employers.append(rng.choice(slots, size=pairs, replace=False))
    if not placed:
        return np.array([], dtype=np.int64), np.array([], dtype=np.int64)
    return np.concatenate(placed), np.concatenate(employers)
