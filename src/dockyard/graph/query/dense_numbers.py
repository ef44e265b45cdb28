"""A numeric property as dense arrays over a snapshot's vertex or edge indices.

``dense_numbers(view, "vertex" | "edge", key)``: per index its value (0 where it has none), whether it
has one, and whether the values are integers (every integer width read as int64) or floats (float64,
a Float read as the double it widens to, as the row interpreter reads it); None when the key holds
values of another type, integers and floats both, or several values on one vertex. Built once per
snapshot (``GraphView.derived``).
"""

from __future__ import annotations

import numpy as np

from dockyard.graph.graph_view import GraphView, KeyColumns
from dockyard.graph.query.vector_filters import FLOAT_TYPES, INTEGER_TYPES

Dense = tuple[np.ndarray, np.ndarray, bool]  # values, present, integral


def dense_numbers(view: GraphView, kind: str, key: str) -> Dense | None:
    return view.derived(("dense numbers", kind, key), lambda: _dense(view, kind, key))


def one_kind(found: KeyColumns) -> tuple[np.ndarray, np.ndarray, bool] | None:
    """Owners and values of a key's typed columns when all are integers (as int64) or all floats (as
    float64), and which; None for any other mix."""
    kinds = {vtype in INTEGER_TYPES for vtype in found}
    if len(kinds) != 1 or any(vtype not in INTEGER_TYPES + FLOAT_TYPES for vtype in found):
        return None
    integral = kinds.pop()
    owners = np.concatenate([o for o, _ in found.values()])
    values = np.concatenate([v.astype(np.int64 if integral else np.float64) for _, v in found.values()])
    return owners, values, integral


def _dense(view: GraphView, kind: str, key: str) -> Dense | None:
    element = view.element_key_columns(kind, key)
    if element is None:
        return None
    found, size = element
    if not found:
        return np.zeros(size, np.int64), np.zeros(size, bool), True
    typed = one_kind(found)
    if typed is None:
        return None
    owners, values, integral = typed
    dense = np.zeros(size, values.dtype)
    present = np.zeros(size, bool)
    dense[owners] = values
    present[owners] = True
    return dense, present, integral
