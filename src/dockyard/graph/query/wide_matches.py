"""Whether a query holds a MATCH whose patterns start from many vertices: worth merging pending writes
into the columns first.

The vectorised MATCH (``vector_match``) reads the columns only while no query writes are pending; with
writes pending, a MATCH is the row interpreter's, which is fine from an ``~id`` or a bound variable
but takes seconds over a label of 100k vertices (a filtered join: 9 s against 1 ms). Merging the
writes costs a fraction of a second on such a graph (and is done once, until the next write), so a
query that scans (a pattern none of whose nodes is an ``~id`` or a variable bound earlier in the
query, starting from more than ``WIDE`` vertices, with at least one relationship) has the store merge
first.
"""

from __future__ import annotations

from typing import Any

from dockyard.graph.graph_view import GraphView
from dockyard.graph.query import ast as A
from dockyard.graph.query.vector_nodes import start_rank

WIDE = 2_000  # start vertices beyond which a pattern scan merges pending writes first


def wide_match(view: GraphView, tree: A.Query, params: dict[str, Any]) -> bool:
    """Whether a MATCH of ``tree`` scans more than ``WIDE`` vertices of ``view`` from an unbound start."""
    for part in tree.parts:
        bound: set[str] = set()
        for clause in part.clauses:
            if isinstance(clause, A.Match):
                for p in clause.patterns:
                    if _scan_size(view, p, bound, params) > WIDE:
                        return True
                    bound.update(p.variables)
            elif isinstance(clause, A.Unwind):
                bound.add(clause.alias)
            elif isinstance(clause, A.Projection):
                bound |= {item.alias for item in clause.items}
    return False


def _scan_size(view: GraphView, p: A.PathPattern, bound: set[str], params: dict[str, Any]) -> int:
    """How many vertices the cheaper end of ``p`` starts from (0: an ``~id`` or a bound variable, or a
    node pattern alone, which the vectorised counts and projections read with pending writes)."""
    if not p.rels:
        return 0
    sizes = []
    for node in (p.nodes[0], p.nodes[-1]):
        if (node.var is not None and node.var in bound) or start_rank(node, params) == 0:
            return 0
        sizes.append(len(view.label_members(node.labels[0])) if node.labels else view.num_vertices)
    return min(sizes)
