"""Vectorised property projections: ``MATCH (n[:L] [{k: const}]) [WHERE n.k OP const [AND ...]]
RETURN n.a AS x, n.b AS y, ... [SKIP s] [LIMIT l]`` read straight from the property columns.

The matching vertices come from the label index and the filters (``vector_filters``), in vertex-index
order, the order the row interpreter's label scan yields them; each returned key becomes one Python
list from its typed columns (null where a vertex has no value), and the rows are zipped from them, so
a 100k-row answer costs a few list conversions instead of 100k vertex reads. Vertices the pending
query writes touched are left out of the columns' rows and follow them from their new state, as the
overlay view's scan yields them. Only for keys no vertex of the columns holds several values of.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from dockyard.graph.query import ast as A
from dockyard.graph.query.fast_shape import match_return
from dockyard.graph.query.pending_writes import matches, split_view, touched_rows
from dockyard.graph.query.values import Node
from dockyard.graph.query.vector_filters import (
    conditions_mask,
    constant_window,
    map_conditions,
    stored_property,
    where_conditions,
)
from dockyard.graph.query.vector_projection import element_values


def try_project(view: Any, tree: A.Query, params: dict[str, Any]) -> list[dict[str, Any]] | None:
    """The rows of a vectorisable property projection, or None."""
    shape = match_return(tree)
    if shape is None or shape[1].order:
        return None
    match, ret = shape
    pattern = match.patterns[0]
    node = pattern.nodes[0]
    if pattern.rels or pattern.var is not None or node.var is None or len(node.labels) > 1:
        return None
    keys = []
    for item in ret.items:
        e = item.expr
        if not (stored_property(e) and e.subject.name == node.var):  # type: ignore[attr-defined]
            return None
        keys.append(e.key)
    window = constant_window(ret, params)
    conditions = where_conditions(match.where, node.var, params)
    from_map = map_conditions(node.props, params)
    split = split_view(view)
    if window is None or conditions is None or from_map is None or split is None:
        return None
    columns, delta = split
    conditions += from_map
    try:
        keep = conditions_mask(columns, conditions)
    except LookupError:
        return None
    label = node.labels[0] if node.labels else None
    if label is not None:
        chosen = columns.label_members(label)
        chosen = chosen if keep is None else chosen[keep[chosen]]
    else:
        chosen = np.arange(columns.num_vertices, dtype=np.int64) if keep is None else np.flatnonzero(keep)
    pending: list = []
    if delta is not None:  # touched vertices: out of the columns' rows, after them in their new state
        touched = delta.vertices.flat()
        gone = touched_rows(columns, touched)
        if len(gone):
            chosen = chosen[~np.isin(chosen, gone)]
        pending = [Node(v) for v in touched.values() if v is not None and matches(v, label, conditions)]
    start, limit = window
    end = None if limit is None else start + limit
    values = []
    for key in keys:
        column = element_values(columns, "vertex", key)
        if column is None:
            return None
        values.append(column[chosen[start:end]].tolist())
    aliases = [item.alias for item in ret.items]
    rows = [dict(zip(aliases, row, strict=True)) for row in zip(*values, strict=True)]
    if pending:
        tail = pending[max(start - len(chosen), 0) : None if end is None else max(end - len(chosen), 0)]
        rows += [{alias: n.prop(key) for alias, key in zip(aliases, keys, strict=True)} for n in tail]
    return rows
