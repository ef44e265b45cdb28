"""Vectorised counts of one node pattern, over the columns.

``MATCH (n[:Label] [{k: const, ...}]) [WHERE n.k OP const [AND ...]] RETURN count(*) | count(n)``
(conditions as ``vector_filters`` reads them). The label index and the property filters give a mask
over vertex indices; vertices the pending query writes touched are taken out of the columns' count
and counted from their new state, the way the row interpreter reads them.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from dockyard.graph.graph_view import GraphView
from dockyard.graph.query import ast as A
from dockyard.graph.query.fast_shape import match_return
from dockyard.graph.query.pending_writes import matches, split_view, touched_rows
from dockyard.graph.query.vector_filters import Condition, conditions_mask, map_conditions, owners, where_conditions

_BIG_DELTA = 50_000  # touched vertices beyond which counting them row by row is not worth it


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
    label = node.labels[0] if node.labels else None
    if len(conditions) == 1:  # one condition: its holders counted, no mask over every vertex
        found = _one_condition(columns, conditions[0], label, delta)
        if found is None:
            return None
        total = found
        if delta is not None:
            total += sum(1 for v in delta.vertices.flat().values() if v is not None and matches(v, label, conditions))
        return [{item.alias: total for item in ret.items}]
    try:
        keep = conditions_mask(columns, conditions)
    except LookupError:
        return None
    if label is not None:
        keep = columns.label_mask(label) if keep is None else keep & columns.label_mask(label)
    total = columns.num_vertices if keep is None else int(np.count_nonzero(keep))
    if delta is not None:  # base vertices the writes touched are counted from their new state
        touched = delta.vertices.flat()
        touched_base = touched_rows(columns, touched)
        if len(touched_base):
            total -= len(touched_base) if keep is None else int(np.count_nonzero(keep[touched_base]))
        total += sum(1 for v in touched.values() if v is not None and matches(v, label, conditions))
    return [{item.alias: total for item in ret.items}]


def _one_condition(columns: GraphView, condition: Condition, label: str | None, delta: Any) -> int | None:
    """How many vertices of the columns (with ``label``, untouched by ``delta``) hold ``condition``."""
    hit = owners(columns, *condition)
    if hit is None:
        return None
    if label is not None:
        hit = hit[columns.label_mask(label)[hit]]
    total = len(hit)
    if delta is not None:  # base vertices the writes touched are counted from their new state
        touched_base = touched_rows(columns, delta.vertices.flat())
        if len(touched_base) and len(hit):  # (hit is sorted: a binary search for each)
            at = np.minimum(np.searchsorted(hit, touched_base), len(hit) - 1)
            total -= int(np.count_nonzero(hit[at] == touched_base))
    return total
