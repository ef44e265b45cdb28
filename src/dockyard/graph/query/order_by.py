"""ORDER BY over projected rows: the permutation a stable sort on several keys gives, or only its
first ``k`` places when SKIP/LIMIT keep no more (a top-k: ``heapq.nsmallest`` over the composite key,
which is ``sorted(...)[:k]`` in O(n log k) instead of a full sort of every row)."""

from __future__ import annotations

import heapq
from typing import Any


class _Descending:
    """A sort key compared the other way round (equal keys stay equal, so the sort stays stable)."""

    __slots__ = ("key",)

    def __init__(self, key: Any) -> None:
        self.key = key

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Descending) and self.key == other.key

    def __lt__(self, other: _Descending) -> bool:
        return other.key < self.key

    __hash__ = None  # type: ignore[assignment]


def ordered(keys: list[list[Any]], descending: list[bool], k: int | None = None) -> list[int]:
    """The row indices in ORDER BY order: ``keys[j][i]`` is sort key ``j`` of row ``i`` (most
    significant first), ``descending[j]`` its direction; ties keep the rows' order. With ``k``, only
    the first ``k`` indices (the same as the full order's first ``k``)."""
    n = len(keys[0]) if keys else 0
    if k is not None and k < n:
        columns = [[_Descending(x) for x in col] if desc else col for col, desc in zip(keys, descending, strict=True)]
        if len(columns) == 1:
            only = columns[0]
            return heapq.nsmallest(k, range(n), key=only.__getitem__)
        return heapq.nsmallest(k, range(n), key=lambda i: tuple(col[i] for col in columns))
    order = list(range(n))
    for col, desc in zip(reversed(keys), reversed(descending), strict=True):  # least significant first
        order.sort(key=col.__getitem__, reverse=desc)
    return order
