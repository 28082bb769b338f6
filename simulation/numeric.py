"""Sums the model can repeat on any machine.

``np.dot`` and ``@`` hand long vectors to the BLAS library, which splits a long sum among
as many threads as the machine has cores: the order of the additions, and so the last
digits of the result, then depend on the machine, and the idle threads spin on the
processor's other cores after each call.  The model's weighted sums use numpy's own
pairwise summation instead, on one core, in a fixed order.
"""

from __future__ import annotations

import numpy as np


def weighted_sum(values: np.ndarray, weights: np.ndarray) -> float:
    """The sum of ``values`` times ``weights`` (as ``np.dot``, without BLAS)."""
    return total(np.multiply(values, weights, dtype=np.float64))


def total(values: np.ndarray) -> float:
    """The sum of ``values`` (pairwise, as :func:`weighted_sum` adds its products)."""
    return float(np.add.reduce(values))
