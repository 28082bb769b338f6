"""Small vectorised sampling and fitting helpers shared by the synthesis and the mechanisms."""

from __future__ import annotations

import numpy as np

# Numerical settings: a guard against dividing by zero, and the steps of the searches
# (each bisection halves the bracket; 60 steps reach machine precision).
DIVISION_GUARD = 1e-12
SMALLEST_WEIGHT = 1e-300  # zero weights divide as this: their items come last
SCALE_BISECTIONS = 60
ODDS_BISECTIONS = 80
ODDS_SEARCH_LIMIT = 1e12  # largest odds multiplier tried when the target cannot be reached
FIT_ITERATIONS = 100
IPF_ITERATIONS = 200


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
    probability = np.asarray(probabilities, dtype=float)
    if target <= 0 or probability.sum() <= 0:
        return np.zeros_like(probability)
    target = min(target, cap * np.count_nonzero(probability))
    low, high = 0.0, target / probability.sum()
    while np.minimum(cap, high * probability).sum() < target:
        high *= 2.0
    for _ in range(SCALE_BISECTIONS):
        middle = 0.5 * (low + high)
        if np.minimum(cap, middle * probability).sum() < target:
            low = middle
        else:
            high = middle
    return np.minimum(cap, high * probability)


def odds_to_total(odds: np.ndarray, target: float) -> np.ndarray:
    """Probabilities ``c*o / (1 + c*o)``, with the one constant ``c`` that makes them sum
    to ``target``."""
    odds = np.asarray(odds, dtype=float)
    if target <= 0:
        return np.zeros_like(odds)
    low, high = 0.0, 1.0
    while (high * odds / (1 + high * odds)).sum() < target:
        high *= 2.0
        if high > ODDS_SEARCH_LIMIT:
            break
    for _ in range(ODDS_BISECTIONS):
        middle = 0.5 * (low + high)
        if (middle * odds / (1 + middle * odds)).sum() < target:
            low = middle
        else:
            high = middle
    return high * odds / (1 + high * odds)


def choice_rows(rng: np.random.Generator, probabilities: np.ndarray) -> np.ndarray:
    """One category per row of a (rows x categories) probability matrix."""
    cumulative = np.cumsum(probabilities, axis=1)
    cumulative /= cumulative[:, -1:]
    uniform = rng.random((len(probabilities), 1))
    return (uniform > cumulative).sum(axis=1)


def fit_shares(
    weights: np.ndarray, targets: np.ndarray, iterations: int = FIT_ITERATIONS
) -> np.ndarray:
    """Per-person category probabilities proportional to ``weights`` (rows x categories),
    rescaled by one factor per category so that the expected counts equal ``targets``."""
    factor = np.ones(weights.shape[1])
    for _ in range(iterations):
        probability = weights * factor
        probability /= probability.sum(axis=1, keepdims=True)
        expected = probability.sum(axis=0)
        factor *= np.where(expected > 0, targets / np.maximum(expected, DIVISION_GUARD), 1.0)
    probability = weights * factor
    return probability / probability.sum(axis=1, keepdims=True)


def ipf(
    seed: np.ndarray,
    row_totals: np.ndarray,
    col_totals: np.ndarray,
    iterations: int = IPF_ITERATIONS,
) -> np.ndarray:
    """Iterative proportional fitting of a 2-D table to its row and column totals."""
    table = np.asarray(seed, dtype=float).copy()
    col_totals = col_totals * (row_totals.sum() / max(col_totals.sum(), DIVISION_GUARD))
    for _ in range(iterations):
        rows = table.sum(axis=1, keepdims=True)
        table *= np.where(rows > 0, row_totals[:, None] / np.maximum(rows, DIVISION_GUARD), 0.0)
        columns = table.sum(axis=0, keepdims=True)
        table *= np.where(
            columns > 0, col_totals[None, :] / np.maximum(columns, DIVISION_GUARD), 0.0
        )
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
        keys = np.log(rng.random(len(weights))) / np.maximum(weights, SMALLEST_WEIGHT)
    return np.argsort(-keys, kind="stable")
