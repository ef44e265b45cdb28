"""A vertex read by its id: ``MATCH (n[:L...] {`~id`: 'v1'}) RETURN n.a AS x, n.b AS y``.

The row interpreter answers it from one ``get_vertex`` too, but through the MATCH and RETURN clauses'
general machinery (scopes, candidate generators, expression evaluation per item): ~20 µs of a ~25 µs
query. Here the vertex is read (pending writes first, as the overlay view reads it), its labels
checked and each item read with ``Node.prop``, the row interpreter's own property read. Only for a
string id (constant or parameter), no other map entry, no WHERE, items that are properties of the
node (no ``~`` key), and no ORDER BY, SKIP or LIMIT.
"""

from __future__ import annotations

from typing import Any

from dockyard.graph.query import ast as A
from dockyard.graph.query.fast_shape import match_return
from dockyard.graph.query.values import Node
from dockyard.graph.query.vector_filters import constant


def try_lookup(view: Any, tree: A.Query, params: dict[str, Any]) -> list[dict[str, Any]] | None:
    """The rows of a by-id property read, or None when the query is not of the shape."""
    shape = match_return(tree)
    if shape is None:
        return None
    match, ret = shape
    pattern = match.patterns[0]
    node = pattern.nodes[0]
    if match.where is not None or pattern.rels or pattern.var is not None or node.var is None:
        return None
    if ret.order or ret.skip is not None or ret.limit is not None:
        return None
    props = node.props
    if not isinstance(props, A.MapExpr) or list(props.items) != ["~id"]:
        return None
    vertex_id = constant(props.items["~id"], params)
    if not isinstance(vertex_id, str):
        return None
    keys = []
    for item in ret.items:
        e = item.expr
        if not (isinstance(e, A.Prop) and isinstance(e.subject, A.Var) and e.subject.name == node.var):
            return None
        if e.key.startswith("~"):
            return None
        keys.append((item.alias, e.key))
    vertex = view.get_vertex(vertex_id)
    if vertex is None or any(label not in vertex.labels for label in node.labels):
        return []
    found = Node(vertex)
    return [{alias: found.prop(key) for alias, key in keys}]
