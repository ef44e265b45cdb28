"""OverlayView: the row-level read API of a snapshot's columns with a write delta laid over them.

What queries read: the bulk-loaded columns (through a cached :class:`GraphView`) where the delta does
not mention an id, and the delta's state where it does (tombstones hide a vertex or an edge).
"""

from __future__ import annotations

from collections.abc import Iterator

from dockyard.graph.delta import Delta
from dockyard.graph.graph_view import Edge, GraphView, Vertex


class OverlayView:
    """A consistent read-only view: a snapshot's columns plus a delta (both immutable)."""

    def __init__(self, base: GraphView, delta: Delta, frozen: bool = True) -> None:
        self.base = base
        self.delta = delta
        # False for a write transaction's view, whose top layer grows while its query runs
        self.frozen = frozen
        self.split: tuple[GraphView, Delta | None] | None = None  # the vectorised paths' reading, once

    # -- vertices --------------------------------------------------------------------------------
    def get_vertex(self, vertex_id: str) -> Vertex | None:
        """The vertex with this id, or None."""
        for layer in self.delta.vertices.layers:
            if vertex_id in layer:
                return layer[vertex_id]
        return self.base.get_vertex(vertex_id)

    def has_vertex(self, vertex_id: str) -> bool:
        return self.get_vertex(vertex_id) is not None

    def iter_vertices(self, label: str | None = None) -> Iterator[Vertex]:
        """Every vertex (or those with ``label``): the columns' first, then the delta's."""
        touched = self.delta.vertices
        if not touched.layers:
            yield from self.base.iter_vertices(label)
            return
        changed = touched.flat()
        ids = self.base.vertex_ids().to_pylist() if label is None else self.base.vertices_with_label(label)
        for vid in ids:
            if vid not in changed:
                vertex = self.base.get_vertex(vid)
                if vertex is not None:
                    yield vertex
        for vertex in changed.values():
            if vertex is not None and (label is None or label in vertex.labels):
                yield vertex

    # -- edges -----------------------------------------------------------------------------------
    def get_edge(self, edge_id: str) -> Edge | None:
        for layer in self.delta.edges.layers:
            if edge_id in layer:
                return layer[edge_id]
        return self.base.get_edge(edge_id)

    def iter_edges(self, label: str | None = None) -> Iterator[Edge]:
        touched = self.delta.edges
        changed = touched.flat() if touched.layers else {}
        for edge in self.base.iter_edges(label):
            if edge.id not in changed:
                yield edge
        for edge in changed.values():
            if edge is not None and (label is None or edge.label == label):
                yield edge

    def _adjacent(self, base: list[Edge], ids: tuple[str, ...] | None, label: str | None) -> list[Edge]:
        edges = self.delta.edges
        if not edges.layers:
            return base
        out = [e for e in base if e.id not in edges]
        for edge_id in ids or ():
            edge = edges.get(edge_id)
            if edge is not None and (label is None or edge.label == label):
                out.append(edge)
        return out

    def out_edges(self, vertex_id: str, label: str | None = None) -> list[Edge]:
        """Edges leaving ``vertex_id`` (optionally of one label)."""
        return self._adjacent(
            self.base.out_edges(vertex_id, label), self.delta.out_edges.get(vertex_id), label
        )

    def in_edges(self, vertex_id: str, label: str | None = None) -> list[Edge]:
        """Edges arriving at ``vertex_id`` (optionally of one label)."""
        return self._adjacent(self.base.in_edges(vertex_id, label), self.delta.in_edges.get(vertex_id), label)

    def degree(self, vertex_id: str) -> int:
        return len(self.out_edges(vertex_id)) + len(self.in_edges(vertex_id))
