"""Index-backed node scans for the row interpreter: the candidates of ``(n[:L] {k: v, ...})``.

When a node pattern's property map holds plain values (after evaluation against the row: literals,
parameters, ``UNWIND`` variables), the vertices of the columns holding them come from the typed
property columns (``vector_filters``) instead of a scan of every vertex of the label; this is what
MERGE's match and ``UNWIND ... MATCH (n:L {k: row.k})`` run on. The order is the overlay scan's:
untouched column vertices by index, then the vertices the pending writes touched that match, in their
new state.
The row interpreter still checks every candidate (``node_matches``), so a candidate too many is
harmless; a vertex is never missed.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from dockyard.graph.graph_view import Vertex
from dockyard.graph.query.pending_writes import matches, split_view
from dockyard.graph.query.vector_filters import Condition, conditions_mask


def indexed_vertices(view: Any, label: str | None, props: dict[str, Any]) -> Iterator[Vertex] | None:
    """The candidate vertices of a node pattern with these (evaluated) properties, or None when the
    columns cannot narrow them (no usable property, a list or map value, a multi-valued key)."""
    conditions = [(k, "=", v) for k, v in props.items() if not k.startswith("~")]
    split = split_view(view)
    if not conditions or split is None:
        return None
    columns, delta = split
    try:
        keep = conditions_mask(columns, conditions)
    except LookupError:
        return None
    assert keep is not None
    if label is not None:
        keep = keep & columns.label_mask(label)
    return _candidates(columns, delta, keep.nonzero()[0].tolist(), label, conditions)


def _candidates(
    columns: Any, delta: Any, indices: list[int], label: str | None, conditions: list[Condition]
) -> Iterator[Vertex]:
    if delta is None:
        for i in indices:
            yield columns.vertex_at(i)
        return
    changed = delta.vertices
    ids = columns.vertex_id_list()
    for i in indices:
        if ids[i] not in changed:
            yield columns.vertex_at(i)
    for vertex in changed.flat().values():
        if vertex is not None and matches(vertex, label, conditions):
            yield vertex
