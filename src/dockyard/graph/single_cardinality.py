"""Tracking of ``(single)`` cardinality: which values each vertex already has for a tracked key."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from dockyard.graph.batches import PropertyColumn, VertexBatch
from dockyard.graph.value_types import TypedValue

ExistingValues = Callable[[str], Iterable[tuple[str, TypedValue]]]


class SingleCardinalityTracker:
    """Knows, for every key that has appeared in a ``(single)`` column, the values per vertex id.

    A key starts being tracked the first time a single column names it; its history (committed and
    staged values) is fetched once through ``existing(key)``; from then on every value added for the
    key (single or set column) is recorded.
    """

    def __init__(self, existing: ExistingValues) -> None:
        self._existing = existing
        self._values: dict[str, dict[str, set[TypedValue]]] = {}

    def _track(self, key: str) -> dict[str, set[TypedValue]]:
        known = self._values.get(key)
        if known is None:
            known = {}
            for owner, value in self._existing(key):
                known.setdefault(owner, set()).add(value)
            self._values[key] = known
        return known

    def conflicts(self, batch: VertexBatch) -> list[tuple[int, str]]:
        """Rows of ``batch`` whose single-column value contradicts an earlier value (or an earlier row)."""
        found: dict[int, str] = {}
        for column in batch.properties:
            if not column.single:
                continue
            known = self._track(column.key)
            overlay: dict[str, set[TypedValue]] = {}
            for row, (vid, values) in enumerate(zip(batch.ids.to_pylist(), _row_values(column), strict=True)):
                if not values or row in found:
                    continue
                have = overlay.get(vid) or known.get(vid) or set()
                new = set(values)
                merged = have | new
                if len(merged) > 1:
                    previous = ", ".join(sorted(repr(v.value) for v in have - new)) or repr(values[0].value)
                    found[row] = (
                        f"property '{column.key}' has single cardinality and vertex '{vid}' "
                        f"already has value {previous}"
                    )
                    continue
                overlay[vid] = merged
        return sorted(found.items())

    def record(self, batch: VertexBatch) -> None:
        """Remember the values of ``batch`` for tracked keys (after a conflict-free check)."""
        for column in batch.properties:
            if column.single:
                self._track(column.key)
            known = self._values.get(column.key)
            if known is None:
                continue
            for vid, values in zip(batch.ids.to_pylist(), _row_values(column), strict=True):
                if values:
                    known.setdefault(vid, set()).update(values)


def _row_values(column: PropertyColumn) -> list[list[TypedValue]]:
    out: list[list[TypedValue]] = []
    for item in column.values.to_pylist():
        if item is None:
            out.append([])
        elif column.is_list:
            out.append([TypedValue(column.vtype, v) for v in item if v is not None])
        else:
            out.append([TypedValue(column.vtype, item)])
    return out
