"""Random numbers that keep scenarios comparable (common random numbers).

Two runs with the same seed should differ only where the policy makes them differ.  A
plain generator breaks this as soon as one run draws one number more than the other:
everything after shifts.  So:

- :func:`stream` gives each mechanism (and each part of it) its own generator for each
  month, seeded by (seed, name, month);
- :func:`person_uniform` gives each *person* their own uniform number for each purpose and
  month, a hash of (seed, purpose, month, person id): a person's draws do not depend on
  who else exists, how the rows are ordered, or what other mechanisms drew.  Firms draw
  the same way, keyed by their ids (:func:`simulation.firms.new_firm_ids`).
"""

from __future__ import annotations

import functools
import zlib

import numpy as np
from scipy.special import ndtri

# SplitMix64 (Steele, Lea and Flood 2014): the golden-ratio increment and the two
# multipliers of its finaliser
_M1 = np.uint64(0xBF58476D1CE4E5B9)
_M2 = np.uint64(0x94D049BB133111EB)
# a lasting trait (of a person or a firm) is drawn once: keyed by its id and this month
TRAIT_MONTH = 0
_GOLDEN = np.uint64(0x9E3779B97F4A7C15)
# ... and the three shifts of the finaliser
_SHIFT_1, _SHIFT_2, _SHIFT_3 = np.uint64(30), np.uint64(27), np.uint64(31)
# a double has a 53-bit significand: the top 53 bits of a hash, times 2**-53, are uniform
_DOUBLE_BITS = 53
_DOUBLE_SHIFT = np.uint64(64 - _DOUBLE_BITS)
_DOUBLE_UNIT = 1.0 / (1 << _DOUBLE_BITS)
# numerical guards: the inverse normal CDF is infinite at 0 and 1, log at 0
_NORMAL_CLIP = 1e-12
_LOG_FLOOR = 1e-300
# ids hashed at a time: small enough for the working arrays to stay in the CPU cache
_BLOCK = 1 << 15
# keys of (seed, purpose, month) remembered: a month's purposes, many times over
_KEYS_KEPT = 4096


@functools.lru_cache(maxsize=_KEYS_KEPT)
def _key(seed: int, purpose: str, month: int) -> np.uint64:
    text = f"{seed}|{purpose}|{month}".encode()
    return np.uint64((zlib.crc32(text) << 32) | zlib.adler32(text))


def stream(seed: int, name: str, month: int) -> np.random.Generator:
    """A generator for one mechanism (or part of one) in one month."""
    return np.random.default_rng([seed, zlib.crc32(name.encode()), month])


def person_uniform(seed: int, purpose: str, month: int, pids: np.ndarray) -> np.ndarray:
    """Uniform numbers in [0, 1), one per person id, fixed by (seed, purpose, month, id).

    The SplitMix64 finaliser mixes the id with the key; 53 bits make the double.  The ids
    are hashed a block at a time, in place, so that the working arrays stay in the
    processor's cache (the numbers do not depend on the blocks).  Unsigned arithmetic on
    arrays wraps around without a warning (numpy checks overflow of scalars only)."""
    key = _key(seed, purpose, month)
    pids = np.asarray(pids)
    # the ids as unsigned 64-bit integers: the same bits for 64-bit ids (no copy)
    ids = pids.view(np.uint64) if pids.dtype == np.int64 else pids.astype(np.uint64)
    count = len(ids)
    uniforms = np.empty(count, dtype=np.float64)
    hashed = np.empty(min(count, _BLOCK), dtype=np.uint64)
    shifted = np.empty_like(hashed)
    for start in range(0, count, _BLOCK):
        stop = min(start + _BLOCK, count)
        block, scratch = hashed[: stop - start], shifted[: stop - start]
        np.multiply(ids[start:stop], _GOLDEN, out=block)
        block ^= key
        for shift, multiplier in ((_SHIFT_1, _M1), (_SHIFT_2, _M2)):
            np.right_shift(block, shift, out=scratch)
            block ^= scratch
            block *= multiplier
        np.right_shift(block, _SHIFT_3, out=scratch)
        block ^= scratch
        block >>= _DOUBLE_SHIFT
        # 53 bits: the same value as a signed integer, which converts to a double faster
        np.multiply(block.view(np.int64), _DOUBLE_UNIT, out=uniforms[start:stop])
    return uniforms


def person_normal(seed: int, purpose: str, month: int, pids: np.ndarray) -> np.ndarray:
    """Standard normal numbers, one per person id (inverse of the normal CDF)."""
    uniforms = person_uniform(seed, purpose, month, pids)
    return ndtri(np.clip(uniforms, _NORMAL_CLIP, 1 - _NORMAL_CLIP))


def pick_keyed(uniforms: np.ndarray, weights: np.ndarray, count: int) -> np.ndarray:
    """Positions of ``count`` items drawn without replacement, chance proportional to
    ``weights``, using the items' own ``uniforms`` (Efraimidis-Spirakis keys)."""
    count = min(count, int(np.count_nonzero(weights > 0)))
    if count <= 0:
        return np.zeros(0, dtype=np.int64)
    with np.errstate(divide="ignore"):
        keys = np.log(np.maximum(uniforms, _LOG_FLOOR)) / weights
    if count >= len(keys):
        return np.flatnonzero(weights > 0)
    return np.argpartition(-keys, count - 1)[:count]


def rank_keyed(uniforms: np.ndarray, weights: np.ndarray, count: int) -> np.ndarray:
    """Like :func:`pick_keyed`, but in the order drawn: the first is the likeliest pick
    (a weighted random order, for offers made one after another)."""
    chosen = pick_keyed(uniforms, weights, count)
    with np.errstate(divide="ignore"):
        keys = np.log(np.maximum(uniforms[chosen], _LOG_FLOOR)) / weights[chosen]
    return chosen[np.argsort(-keys, kind="stable")]
