"""Compressed sparse rows over numpy: the per-owner row ranges every graph index is made of.

An index over ``n`` owners is ``(order, offsets)``: the rows of owner ``i`` are
``order[offsets[i]:offsets[i + 1]]`` (``order`` is None when the rows are already sorted by owner,
as the property and label tables are). Building one is a stable argsort and a bincount, so a 1M-edge
adjacency takes tens of milliseconds, not a Python loop over the edges.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np


class Csr(NamedTuple):
    """Rows grouped by owner: ``rows(i)`` are owner ``i``'s rows, in their original order."""

    order: np.ndarray | None  # row numbers sorted by owner (None: the rows are sorted already)
    offsets: np.ndarray  # int64, length n_owners + 1

    def bounds(self, owner: int) -> tuple[int, int]:
        return int(self.offsets[owner]), int(self.offsets[owner + 1])

    def rows(self, owner: int) -> np.ndarray:
        start, end = self.offsets[owner], self.offsets[owner + 1]
        if self.order is None:
            return np.arange(start, end, dtype=np.int64)
        return self.order[start:end]

    def rows_of(self, owners: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The rows of every owner in ``owners`` (repeats allowed), concatenated in that order, and
        for each row the position in ``owners`` it came from (a vectorised expansion)."""
        starts = self.offsets[owners]
        positions, source = expand_ranges(starts, self.offsets[owners + 1] - starts)
        return (positions if self.order is None else self.order[positions]), source


def expand_ranges(starts: np.ndarray, counts: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Every position of the ranges ``starts[i] .. starts[i] + counts[i] - 1``, concatenated in order,
    and for each the range ``i`` it belongs to (a vectorised loop over the ranges)."""
    total = int(counts.sum())
    source = np.repeat(np.arange(len(starts), dtype=np.int64), counts)
    if total == 0:
        return np.zeros(0, np.int64), source
    # position within each range: a running index minus the start of its block
    block_start = np.repeat(np.cumsum(counts) - counts, counts)
    return np.repeat(starts, counts) + (np.arange(total, dtype=np.int64) - block_start), source


def offsets_of(owners: np.ndarray, n_owners: int) -> np.ndarray:
    """CSR offsets of ``owners`` sorted ascending (each in ``0..n_owners-1``)."""
    offsets = np.zeros(n_owners + 1, np.int64)
    if len(owners):
        np.cumsum(np.bincount(owners, minlength=n_owners), out=offsets[1:])
    return offsets


def group_rows(owners: np.ndarray, n_owners: int) -> Csr:
    """A CSR over rows whose owner column is ``owners`` in any order (stable: a row keeps its rank
    among its owner's rows)."""
    keys = owners.astype(np.int32) if n_owners < 2**31 else owners  # a narrower key sorts faster
    order = np.argsort(keys, kind="stable").astype(np.int64, copy=False)
    return Csr(order, offsets_of(owners[order], n_owners))


def sorted_rows(owners: np.ndarray, n_owners: int) -> Csr:
    """A CSR over rows already sorted by ``owners``."""
    return Csr(None, offsets_of(owners, n_owners))
