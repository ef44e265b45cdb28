"""The row interpreter's order of the binding rows of a pattern the vectorised MATCH walked from its far
end (``vector_nodes.start_rank``: an ``~id``, a label or a bound variable at the last node).

The row interpreter walks a pattern from its first node: per row before the pattern, the first node's
candidates in vertex index order, then per relationship, depth first, the edges of the node reached
(per type in the pattern's order, outgoing before incoming, each list in edge index order, a
self-loop once, going out; a variable-length hop's paths in preorder: a path before its extensions).
``forward_order`` is the permutation of the rows that sorts them by exactly those keys.
"""

from __future__ import annotations

import numpy as np

from dockyard.graph.graph_view import GraphView
from dockyard.graph.query import ast as A

Step = tuple[A.RelPattern, list[np.ndarray]]  # a relationship, its edge columns in the order walked


def forward_order(view: GraphView, position: np.ndarray, first: np.ndarray, steps: list[Step]) -> np.ndarray:
    """The permutation that puts rows in the row interpreter's order: ``position`` each row's table row
    before the pattern, ``first`` its first node's vertex index, ``steps`` the pattern's relationships
    in its written order (a variable-length one's columns by level from the far end, ``-1`` past a
    path's length)."""
    src, dst = view.edge_ends()
    count = len(src)
    keys = [position, first]
    at = first
    for rel, columns in steps:
        rank = _type_rank(view, rel, count)
        for edges in _levels(rel, columns, len(position)):
            has = edges >= 0
            e = np.where(has, edges, 0)
            out = src[e] == at if count else np.zeros(len(e), bool)
            direction = np.where(out, 0, 1) if rel.direction == "both" else 0
            typed = 0 if rank is None else rank[e]
            keys.append(np.where(has, (typed * 2 + direction) * count + e, -1) if count else edges)
            if count:
                at = np.where(has, np.where(out, dst[e], src[e]), at)
    return np.lexsort(keys[::-1])


def _levels(rel: A.RelPattern, columns: list[np.ndarray], rows: int) -> list[np.ndarray]:
    """The relationship's edges per level from its first node (a variable-length path's levels walked
    from the far end are read backwards from its last edge)."""
    if not rel.variable_length or not columns:
        return columns
    stacked = np.stack(columns)
    lengths = (stacked >= 0).sum(axis=0)
    everyone = np.arange(rows)
    levels = []
    for i in range(len(columns)):
        at = lengths - 1 - i
        levels.append(np.where(at >= 0, stacked[np.maximum(at, 0), everyone], -1))
    return levels


def _type_rank(view: GraphView, rel: A.RelPattern, count: int) -> np.ndarray | None:
    """Per edge, the index in the pattern's types of the type it is expanded under (0: at most one
    type: None, no array over every edge)."""
    if len(rel.types or []) < 2:
        return None
    rank = np.zeros(count, np.int64)
    for i, label in reversed(list(enumerate(rel.types or []))):
        edges = view.adjacency("out", label).order
        if edges is not None:
            rank[edges] = i
    return rank
