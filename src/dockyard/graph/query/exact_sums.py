"""Exactly rounded sums of float64 values per group, over numpy: ``math.fsum``'s answers without a
Python loop over the values.

Each finite double is ``m * 2**e`` with ``m`` a 53-bit integer (``np.frexp``). Split ``m`` into a high
and a low 26-bit half: per group and exponent, the halves sum exactly in float64 (``np.bincount``
with weights: at most 2**27 per half and 2**25 rows, under 2**53). The few sums per group are then
combined as Python integers, scaled to the smallest exponent, and divided once: an integer divided by
a power of two is correctly rounded (round half to even), as ``math.fsum`` is. The sign of a zero
sum is ``0.0``, also as ``math.fsum`` gives it.
"""

from __future__ import annotations

import math

import numpy as np

_MAX_ROWS = 2**25  # rows beyond which a half's float64 sum could pass 2**53
_MAX_CELLS = 100_000  # group x exponent cells beyond which each group is math.fsum's own
_MAX_MAGNITUDE = 1e300  # sums of larger values may overflow: math.fsum's own error applies


def exact_sums(values: np.ndarray, group: np.ndarray, groups: int) -> list[float] | None:
    """Per group ``0..groups-1``, ``math.fsum`` of the float64 ``values`` whose ``group`` it is; None
    when a value is not finite or too large, or there are too many rows."""
    if not len(values):
        return [0.0] * groups
    if len(values) >= _MAX_ROWS or not np.isfinite(values).all() or np.abs(values).max() > _MAX_MAGNITUDE:
        return None
    fractions, exponents = np.frexp(values)
    mantissas = (fractions * 2.0**53).astype(np.int64)  # exact: a double's significand has 53 bits
    low_exponent = int(exponents.min())
    offset = exponents - low_exponent  # (exponents span at most ~2,100 values: a lookup, not a sort)
    present = np.flatnonzero(np.bincount(offset))
    distinct = present + low_exponent
    lookup = np.zeros(int(present[-1]) + 1, np.int64)
    lookup[present] = np.arange(len(present))
    exponent_of = lookup[offset]
    cells = groups * len(distinct)
    if cells > _MAX_CELLS:  # many groups: each group's values summed by math.fsum itself
        order = np.argsort(group, kind="stable")
        bounds = np.cumsum(np.bincount(group, minlength=groups))[:-1]
        return [math.fsum(part) for part in np.split(values[order], bounds)]
    cell = group.astype(np.int64) * len(distinct) + exponent_of
    high = mantissas >> 26
    low = mantissas - (high << 26)  # 0 <= low < 2**26, for negative mantissas too
    highs = np.bincount(cell, weights=high, minlength=cells).reshape(groups, len(distinct)).astype(np.int64)
    lows = np.bincount(cell, weights=low, minlength=cells).reshape(groups, len(distinct)).astype(np.int64)
    scale = int(distinct[0]) - 53  # the smallest exponent of a unit in the last place
    shifts = [int(e) - 53 - scale for e in distinct]
    sums = []
    for high_row, low_row in zip(highs.tolist(), lows.tolist(), strict=True):
        total = 0
        for shift, h, lo in zip(shifts, high_row, low_row, strict=True):
            if h or lo:
                total += ((h << 26) + lo) << shift
        sums.append(total / (1 << -scale) if scale < 0 else float(total << scale))
    return sums
