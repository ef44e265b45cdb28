"""Vectorised counts of one node pattern, over the columns.

``MATCH (n[:Label] [{k: const, ...}]) [WHERE n.k OP const [AND ...]] RETURN count(*) | count(n)``
(conditions as ``vector_filters`` reads them). The label index and the property filters give a mask
over vertex indices; vertices the pending query writes touched are taken out of the columns' count
and counted from their new state, the way the row interpreter reads them.
"""

from __future__ import annotations

from collections.abc import Callable
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
    found = _column_count(columns, conditions, label)
    if found is None:
        return None
    total, held = found
    if delta is not None:  # base vertices the writes touched are counted from their new state
        touched = delta.vertices.flat()
        touched_base = touched_rows(columns, touched)
        if len(touched_base):
            total -= held(touched_base)
        total += sum(1 for v in touched.values() if v is not None and matches(v, label, conditions))
    return [{item.alias: total for item in ret.items}]


def _column_count(
    columns: GraphView, conditions: list[Condition], label: str | None
) -> tuple[int, Callable[[np.ndarray], int]] | None:
    """How many vertices of the columns (with ``label``) hold every condition, and a count of how many
    of given vertex indices are among them; None when a condition is not vectorisable. One condition
    is counted from its holders (no mask over every vertex), several from their masks."""
    if len(conditions) == 1:
        hit = owners(columns, *conditions[0])
        if hit is None:
            return None
        if label is not None:
            hit = hit[columns.label_mask(label)[hit]]

        def among_holders(rows: np.ndarray) -> int:  # (hit is sorted: a binary search for each)
            if not len(hit):
                return 0
            at = np.minimum(np.searchsorted(hit, rows), len(hit) - 1)
            return int(np.count_nonzero(hit[at] == rows))

        return len(hit), among_holders
    try:
        keep = conditions_mask(columns, conditions)
    except LookupError:
        return None
    if label is not None:
        keep = columns.label_mask(label) if keep is None else keep & columns.label_mask(label)
    if keep is None:
        return columns.num_vertices, len
    mask = keep
    return int(np.count_nonzero(mask)), lambda rows: int(np.count_nonzero(mask[rows]))
