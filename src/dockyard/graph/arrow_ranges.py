"""Integer ranges and constant columns as Arrow arrays (pyarrow has no ``arange``)."""

from __future__ import annotations

import pyarrow as pa
import pyarrow.compute as pc


def arange(start: int, stop: int) -> pa.Array:
    """int64 ``start, start+1, ..., stop-1`` built with vectorised compute."""
    n = max(0, stop - start)
    if n == 0:
        return pa.array([], pa.int64())
    ones = pa.nulls(n, pa.int64()).fill_null(1)
    return pc.add(pc.cumulative_sum(ones), start - 1)


def constant(value: int, n: int) -> pa.Array:
    """int64 column of ``n`` copies of ``value``."""
    return pa.nulls(n, pa.int64()).fill_null(value)
