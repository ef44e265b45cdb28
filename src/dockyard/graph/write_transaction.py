"""WriteTransaction: the mutation API of one query; its writes are visible to it alone until commit.

Neptune Analytics' vertex rule is applied at commit: a vertex exists while it has a label, a property
or an edge, so a touched vertex left with none of them vanishes (``CREATE (n)`` changes nothing,
deleting the only edge of two bare vertices deletes them too).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable

from dockyard.graph.delta import Changes, Delta
from dockyard.graph.errors import GraphError
from dockyard.graph.graph_data import EDGE_ID_PREFIX
from dockyard.graph.graph_view import Edge, GraphView, Vertex
from dockyard.graph.overlay_view import OverlayView
from dockyard.graph.value_types import TypedValue


class DuplicateVertexId(GraphError):
    """CREATE with a ``~id`` that a vertex already has."""


class ConnectedVertex(GraphError):
    """DELETE (without DETACH) of a vertex that still has edges."""


class DeletedEntity(GraphError):
    """A write to a vertex or an edge this transaction already deleted."""


class WriteTransaction:
    """Writes of one query over a snapshot; :meth:`commit` publishes them, :meth:`abort` drops them."""

    def __init__(self, base: GraphView, delta: Delta, publish: Callable[[Changes], None],
                 release: Callable[[], None]) -> None:  # fmt: skip
        self.changes = Changes(delta.next_edge_number)
        self._committed = delta
        self._delta = delta.on_top(self.changes)
        self.view = OverlayView(base, self._delta, frozen=False)
        self._publish = publish
        self._release = release
        self._touched: set[str] = set()
        self._must_be_isolated: set[str] = set()
        self._open = True

    # -- vertices --------------------------------------------------------------------------------
    def _vertex(self, vid: str) -> Vertex:
        vertex = self.view.get_vertex(vid)
        if vertex is None:
            raise DeletedEntity(f"vertex {vid!r} was deleted")
        return vertex

    def _put_vertex(self, vertex: Vertex | None, vid: str) -> None:
        self.changes.vertices[vid] = vertex
        self._touched.add(vid)

    def create_vertex(self, vid: str | None, labels: Iterable[str], props: dict[str, list[TypedValue]]) -> Vertex:
        """A new vertex (a generated UUID id unless ``vid`` is given; a taken ``vid`` raises)."""
        if vid is None:
            vid = str(uuid.uuid4())
        elif self.view.get_vertex(vid) is not None:
            raise DuplicateVertexId(f"a vertex with id {vid!r} already exists")
        vertex = Vertex(vid, tuple(sorted(set(labels))), {k: v for k, v in props.items() if v})
        self._put_vertex(vertex, vid)
        return vertex

    def set_vertex_property(self, vid: str, key: str, values: list[TypedValue] | None) -> Vertex:
        """Replace (or, with None/empty, remove) every value of ``key``."""
        vertex = self._vertex(vid)
        props = dict(vertex.properties)
        if values:
            props[key] = values
        elif key in props:
            del props[key]
        else:
            return vertex
        new = Vertex(vertex.id, vertex.labels, props)
        self._put_vertex(new, vid)
        return new

    def set_vertex_labels(self, vid: str, add: Iterable[str] = (), remove: Iterable[str] = ()) -> Vertex:
        vertex = self._vertex(vid)
        labels = (set(vertex.labels) | set(add)) - set(remove)
        if labels == set(vertex.labels):
            return vertex
        new = Vertex(vertex.id, tuple(sorted(labels)), vertex.properties)
        self._put_vertex(new, vid)
        return new

    def delete_vertex(self, vid: str, detach: bool) -> None:
        """Delete a vertex; with ``detach`` its edges too, else it must have none left at commit
        (so a query may delete a vertex and, later, its edges)."""
        if self.view.get_vertex(vid) is None:
            return
        if detach:
            for edge in self.view.out_edges(vid) + self.view.in_edges(vid):
                self.delete_edge(edge.id)
        elif self.view.degree(vid):
            self._must_be_isolated.add(vid)
        self._put_vertex(None, vid)

    # -- edges -----------------------------------------------------------------------------------
    def put_edge_state(self, eid: str, edge: Edge | None) -> None:
        """Record the whole new state of an edge (log replay; the other methods check first)."""
        old = self.view.get_edge(eid)
        ends = edge or old
        self._put_edge(edge, eid, (ends.from_id, ends.to_id) if ends is not None else ())

    def _put_edge(self, edge: Edge | None, eid: str, endpoints: tuple[str, ...]) -> None:
        changes = self.changes
        if edge is not None and eid not in self._delta.edges:
            for name, vid in (("out_edges", edge.from_id), ("in_edges", edge.to_id)):
                table = getattr(changes, name)
                ids = table.get(vid)
                if ids is None:
                    ids = table[vid] = list(getattr(self._committed, name).get(vid) or ())
                ids.append(eid)
        changes.edges[eid] = edge
        self._touched.update(endpoints)

    def create_edge(self, from_id: str, to_id: str, label: str, props: dict[str, TypedValue]) -> Edge:
        self._vertex(from_id)
        self._vertex(to_id)
        eid = f"{EDGE_ID_PREFIX}{self.changes.next_edge_number}"
        self.changes.next_edge_number += 1
        edge = Edge(eid, from_id, to_id, label, dict(props))
        self._put_edge(edge, eid, (from_id, to_id))
        return edge

    def set_edge_property(self, eid: str, key: str, value: TypedValue | None) -> Edge:
        edge = self.view.get_edge(eid)
        if edge is None:
            raise DeletedEntity(f"edge {eid!r} was deleted")
        props = dict(edge.properties)
        if value is not None:
            props[key] = value
        elif key in props:
            del props[key]
        else:
            return edge
        new = Edge(edge.id, edge.from_id, edge.to_id, edge.label, props)
        self._put_edge(new, eid, (edge.from_id, edge.to_id))
        return new

    def delete_edge(self, eid: str) -> None:
        edge = self.view.get_edge(eid)
        if edge is not None:
            self._put_edge(None, eid, (edge.from_id, edge.to_id))

    # -- finishing -------------------------------------------------------------------------------
    def commit(self) -> Changes:
        """Apply the vertex-existence rule, then publish; returns what was published."""
        self._check_open()
        try:
            for vid in sorted(self._must_be_isolated):
                if self.view.degree(vid):
                    raise ConnectedVertex(
                        f"Cannot delete node {vid!r}, because it still has relationships. "
                        "To delete this node, you must first delete its relationships."
                    )
            for vid in self._touched:
                vertex = self.view.get_vertex(vid)
                if vertex is not None and not vertex.labels and not vertex.properties and not self.view.degree(vid):
                    self.changes.vertices[vid] = None
            for vid, vertex in list(self.changes.vertices.items()):
                if vertex is None and self._committed.vertices.get(vid) is None and not self.view.base.has_vertex(vid):
                    del self.changes.vertices[vid]  # created and gone within this transaction
            if not self.changes.is_empty():
                self._publish(self.changes)
        finally:
            self._close()
        return self.changes

    def abort(self) -> None:
        if self._open:
            self._close()

    def _close(self) -> None:
        self._open = False
        self._release()

    def _check_open(self) -> None:
        if not self._open:
            raise GraphError("this write transaction was already committed or aborted")
