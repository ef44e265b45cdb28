"""Vectorised path matching: one linear pattern, counted.

``MATCH (a ...)-[r:T]->(b ...)<-[:U]-(c ...) RETURN count(*) | count(x) | count(DISTINCT x), ...``
runs over batches of index arrays instead of binding rows: a batch holds one numpy column per
pattern node (vertex indices) and per relationship (edge indices); each hop expands every row
through the CSR of its direction and type (``Csr.rows_of``), then keeps the rows whose new node
carries the pattern's labels and property values (``vector_filters``) and whose new edge differs from
the path's earlier ones (relationship uniqueness). The starting end is chosen by cost: an ``~id``
lookup, else labels with properties, else a label, else every vertex; a pattern whose far end is
cheaper is matched from that end (the same paths, reversed).

Only over the columns without pending writes, for fixed-length hops of at most one type and
direction ``->`` or ``<-``, with distinct variables and no WHERE; anything else is the row
interpreter's.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from dockyard.graph.graph_view import GraphView
from dockyard.graph.query import ast as A
from dockyard.graph.query.fast_shape import match_return
from dockyard.graph.query.pending_writes import split_view
from dockyard.graph.query.vector_nodes import NotVectorised, node_mask, start_rank, start_vertices

_FLIP = {"out": "in", "in": "out"}


def _pattern(tree: A.Query) -> tuple[A.PathPattern, A.Projection] | None:
    shape = match_return(tree)
    if shape is None:
        return None
    match, ret = shape
    if match.where is not None or ret.order or ret.skip is not None or ret.limit is not None:
        return None
    p = match.patterns[0]
    if not p.rels or p.var is not None:
        return None
    for rel in p.rels:
        if rel.variable_length or len(rel.types) > 1 or rel.props is not None or rel.direction == "both":
            return None
    names = [n.var for n in p.nodes if n.var] + [r.var for r in p.rels if r.var]
    if len(set(names)) != len(names):
        return None  # a repeated variable is a join condition
    return p, ret


Counted = tuple[str, tuple[str, int] | None]


def _counts(ret: A.Projection, positions: dict[str, tuple[str, int]]) -> list[Counted] | None:
    """Per item, (alias, None for a row count | (kind, column) to count distinct values of)."""
    out: list[Counted] = []
    for item in ret.items:
        e = item.expr
        if not (isinstance(e, A.Call) and e.name == "count"):
            return None
        if e.star:
            out.append((item.alias, None))
            continue
        if len(e.args) != 1 or not isinstance(e.args[0], A.Var) or e.args[0].name not in positions:
            return None
        out.append((item.alias, positions[e.args[0].name] if e.distinct else None))
    return out


def try_path_count(
    view: Any, tree: A.Query, params: dict[str, Any], check: Callable[[], None] | None = None
) -> list[dict[str, Any]] | None:
    """The one row of a vectorisable path count, or None."""
    shape = _pattern(tree)
    split = split_view(view)
    if shape is None or split is None or split[1] is not None:
        return None
    p, ret = shape
    nodes, rels = list(p.nodes), list(p.rels)
    if start_rank(nodes[-1], params) < start_rank(nodes[0], params):
        nodes.reverse()
        rels = [A.RelPattern(r.var, r.types, r.props, _FLIP[r.direction]) for r in reversed(rels)]
    positions = {n.var: ("v", i) for i, n in enumerate(nodes) if n.var}
    positions.update({r.var: ("e", i) for i, r in enumerate(rels) if r.var})
    items = _counts(ret, positions)
    if items is None:
        return None
    columns: GraphView = split[0]
    try:
        vertices = [start_vertices(columns, nodes[0], node_mask(columns, nodes[0], params), params)]
        edges: list[np.ndarray] = []
        src, dst = columns.edge_ends()
        for rel, node in zip(rels, nodes[1:], strict=True):
            if check is not None:
                check()
            csr = columns.adjacency(rel.direction, rel.types[0] if rel.types else None)
            found, source = csr.rows_of(vertices[-1])
            reached = dst[found] if rel.direction == "out" else src[found]
            keep = node_mask(columns, node, params)
            keep = np.ones(len(found), bool) if keep is None else keep[reached]
            for earlier in edges:
                keep &= earlier[source] != found  # relationship uniqueness within the path
            source, found, reached = source[keep], found[keep], reached[keep]
            vertices = [column[source] for column in vertices] + [reached]
            edges = [column[source] for column in edges] + [found]
    except NotVectorised:
        return None
    rows = len(vertices[0])
    row: dict[str, Any] = {}
    for alias, distinct in items:
        if distinct is None:
            row[alias] = rows
        else:
            kind, i = distinct
            row[alias] = len(np.unique((vertices if kind == "v" else edges)[i]))
    return [row]
