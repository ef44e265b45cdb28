"""Vectorised counts of one node pattern, over the columns.

``MATCH (n[:Label] [{k: const, ...}]) [WHERE n.k OP const [AND ...]] RETURN count(*) | count(n)``
(conditions as ``vector_filters`` reads them). The label index and the property filters give a mask
over vertex indices; vertices the pending query writes touched are taken out of the columns' count
and counted from their new state, the way the row interpreter reads them.
"""

from __future__ import annotations

import operator
from typing import Any

import numpy as np

from dockyard.graph.delta import Delta
from dockyard.graph.graph_view import GraphView
from dockyard.graph.query import ast as A
from dockyard.graph.query.expressions import compare, equals
from dockyard.graph.query.fast_shape import match_return
from dockyard.graph.query.values import Node
from dockyard.graph.query.vector_filters import Condition, conditions_mask, map_conditions, where_conditions

_ORDER = {"<": operator.lt, "<=": operator.le, ">": operator.gt, ">=": operator.ge}
_BIG_DELTA = 50_000  # touched vertices beyond which counting them row by row is not worth it


def split_view(view: Any) -> tuple[GraphView, Delta | None] | None:
    """The columns of ``view`` and its pending write delta (None: empty; None overall: a view the
    vectorised paths do not know)."""
    if isinstance(view, GraphView):
        return view, None
    base, delta = getattr(view, "base", None), getattr(view, "delta", None)
    if isinstance(base, GraphView) and isinstance(delta, Delta):
        pending = any(delta.vertices.layers) or any(delta.edges.layers)  # a layer is a dict of states
        return base, delta if pending else None
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


def _counted_items(ret: A.Projection, var: str | None) -> bool:
    for item in ret.items:
        call = item.expr
        if not (isinstance(call, A.Call) and call.name == "count" and not call.distinct):
            return False
        if not (call.star or (len(call.args) == 1 and isinstance(call.args[0], A.Var) and call.args[0].name == var)):
            return False
    return True


def try_count(view: Any, tree: A.Query, params: dict[str, Any]) -> list[dict[str, Any]] | None:
    """The rows of a vectorisable count query, or None."""
    shape = match_return(tree)
    if shape is None:
        return None
    match, ret = shape
    if ret.order or ret.skip is not None or ret.limit is not None:
        return None
    pattern = match.patterns[0]
    if pattern.rels or pattern.var is not None or len(pattern.nodes[0].labels) > 1:
        return None
    node = pattern.nodes[0]
    if not _counted_items(ret, node.var):
        return None
    conditions = where_conditions(match.where, node.var, params) if node.var or match.where is None else None
    from_map = map_conditions(node.props, params)
    split = split_view(view)
    if conditions is None or from_map is None or split is None:
        return None
    conditions += from_map
    columns, delta = split
    if delta is not None and len(delta.vertices.layers) > 1 and len(delta.vertices) > _BIG_DELTA:
        return None
    try:
        keep = conditions_mask(columns, conditions)
    except LookupError:
        return None
    label = node.labels[0] if node.labels else None
    if label is not None:
        keep = columns.label_mask(label) if keep is None else keep & columns.label_mask(label)
    total = columns.num_vertices if keep is None else int(np.count_nonzero(keep))
    if delta is not None:  # base vertices the writes touched are counted from their new state
        touched = delta.vertices.flat()
        index = [columns.vertex_index(vid) for vid in touched]
        touched_base = np.array([i for i in index if i is not None], np.int64)
        if len(touched_base):
            total -= len(touched_base) if keep is None else int(np.count_nonzero(keep[touched_base]))
        total += sum(1 for v in touched.values() if v is not None and matches(v, label, conditions))
    return [{item.alias: total for item in ret.items}]
