"""Pending query writes as the vectorised paths read them: the columns and the write delta of a view,
the column rows the writes touched, and whether a written vertex state matches a node pattern."""

from __future__ import annotations

import operator
from typing import Any

import numpy as np

from dockyard.graph.delta import Delta
from dockyard.graph.graph_view import GraphView
from dockyard.graph.overlay_view import OverlayView
from dockyard.graph.query.expressions import compare, equals
from dockyard.graph.query.values import Node
from dockyard.graph.query.vector_filters import Condition

_ORDER = {"<": operator.lt, "<=": operator.le, ">": operator.gt, ">=": operator.ge}


def split_view(view: Any) -> tuple[GraphView, Delta | None] | None:
    """The columns of ``view`` and its pending write delta (None: empty; None overall: a view the
    vectorised paths do not know)."""
    if isinstance(view, GraphView):
        return view, None
    overlay = isinstance(view, OverlayView) and view.frozen
    if overlay and view.split is not None:  # a store's overlay view never changes: computed once
        return view.split
    base, delta = getattr(view, "base", None), getattr(view, "delta", None)
    if isinstance(base, GraphView) and isinstance(delta, Delta):
        pending = any(delta.vertices.layers) or any(delta.edges.layers)  # a layer is a dict of states
        found = (base, delta if pending else None)
        if overlay:
            view.split = found
        return found
    return None


def matches(vertex: Any, label: str | None, conditions: list[Condition]) -> bool:
    """Whether a vertex state satisfies the pattern, read as the row interpreter reads it."""
    if label is not None and label not in vertex.labels:
        return False
    node = Node(vertex)
    for key, op, value in conditions:
        have = node.prop(key)
        if op in ("=", "<>"):
            result = equals(have, value)
            result = result if op == "=" or result is None else not result
        else:
            order = compare(have, value)
            result = None if order is None else _ORDER[op](order, 0)
        if result is not True:
            return False
    return True


def touched_rows(columns: GraphView, touched: dict[str, Any]) -> np.ndarray:
    """The column rows (vertex indices) of the vertices the pending writes ``touched`` that the columns
    hold (a vertex the writes created has none)."""
    index = [columns.vertex_index(vid) for vid in touched]
    return np.array([i for i in index if i is not None], np.int64)
