"""Small vectorised sampling and fitting helpers shared by the synthesis and the mechanisms."""

from __future__ import annotations

import numpy as np


def allocate(total: int, weights: np.ndarray) -> np.ndarray:
    """Split ``total`` into integer counts proportional to ``weights`` (largest remainder)."""
    weights = np.asarray(weights, dtype=float)
    if total <= 0 or weights.sum() <= 0:
        return np.zeros(len(weights), dtype=np.int64)
    exact = total * weights / weights.sum()
    counts = np.floor(exact).astype(np.int64)
    short = int(total - counts.sum())
    if short > 0:
        counts[np.argsort(-(exact - counts), kind="stable")[:short]] += 1
    return counts


def scale_to_total(probabilities: np.ndarray, target: float, cap: float = 1.0) -> np.ndarray:
    """Multiply ``probabilities`` by one factor, capped at ``cap``, so they sum to ``target``."""
    p = np.asarray(probabilities, dtype=float)
    if target <= 0 or p.sum() <= 0:
        return np.zeros_like(p)
    target = min(target, cap * np.count_nonzero(p))
    lo, hi = 0.0, target / p.sum()
    while np.minimum(cap, hi * p).sum() < target:
        hi *= 2.0
    for _ in range(60):
        mid = 0.5 * (lo + hi)
        if np.minimum(cap, mid * p).sum() < target:
            lo = mid
        else:
            hi = mid
    return np.minimum(cap, hi * p)


def odds_to_total(odds: np.ndarray, target: float) -> np.ndarray:
    """Probabilities ``c*o / (1 + c*o)``, with the one constant ``c`` that makes them sum
    to ``target``."""
    o = np.asarray(odds, dtype=float)
    if target <= 0:
        return np.zeros_like(o)
    lo, hi = 0.0, 1.0
    while (hi * o / (1 + hi * o)).sum() < target:
        hi *= 2.0
        if hi > 1e12:
            break
    for _ in range(80):
        mid = 0.5 * (lo + hi)
        if (mid * o / (1 + mid * o)).sum() < target:
            lo = mid
        else:
            hi = mid
    return hi * o / (1 + hi * o)


def choice_rows(rng: np.random.Generator, probabilities: np.ndarray) -> np.ndarray:
    """One category per row of a (rows x categories) probability matrix."""
    cumulative = np.cumsum(probabilities, axis=1)
    cumulative /= cumulative[:, -1:]
    u = rng.random((len(probabilities), 1))
    return (u > cumulative).sum(axis=1)


def fit_shares(weights: np.ndarray, targets: np.ndarray, iterations: int = 100) -> np.ndarray:
    """Per-person category probabilities proportional to ``weights`` (rows x categories),
    rescaled by one factor per category so that the expected counts equal ``targets``."""
    factor = np.ones(weights.shape[1])
    for _ in range(iterations):
        p = weights * factor
        p /= p.sum(axis=1, keepdims=True)
        expected = p.sum(axis=0)
        factor *= np.where(expected > 0, targets / np.maximum(expected, 1e-12), 1.0)
    p = weights * factor
    return p / p.sum(axis=1, keepdims=True)


def ipf(
    seed: np.ndarray, row_totals: np.ndarray, col_totals: np.ndarray, iterations: int = 200
) -> np.ndarray:
    """Iterative proportional fitting of a 2-D table to its row and column totals."""
    table = np.asarray(seed, dtype=float).copy()
    col_totals = col_totals * (row_totals.sum() / max(col_totals.sum(), 1e-12))
    for _ in range(iterations):
        rows = table.sum(axis=1, keepdims=True)
        table *= np.where(rows > 0, row_totals[:, None] / np.maximum(rows, 1e-12), 0.0)
        cols = table.sum(axis=0, keepdims=True)
        table *= np.where(cols > 0, col_totals[None, :] / np.maximum(cols, 1e-12), 0.0)
    return table


def pick_weighted(rng: np.random.Generator, weights: np.ndarray, k: int) -> np.ndarray:
    """Indices of ``k`` items drawn without replacement with chance proportional to ``weights``."""
    weights = np.asarray(weights, dtype=float)
    k = min(k, int(np.count_nonzero(weights > 0)))
    if k <= 0:
        return np.zeros(0, dtype=np.int64)
    with np.errstate(divide="ignore"):
        keys = np.log(rng.random(len(weights))) / weights  # Efraimidis-Spirakis
    if k == len(weights):
        return np.arange(len(weights))
    return np.argpartition(-keys, k - 1)[:k]


def weighted_order(rng: np.random.Generator, weights: np.ndarray) -> np.ndarray:
    """A random order of all items in which heavier items tend to come first."""
    weights = np.asarray(weights, dtype=float)
    with np.errstate(divide="ignore"):
        keys = np.log(rng.random(len(weights))) / np.maximum(weights, 1e-300)
    return np.argsort(-keys, kind="stable")
