"""Runtime values of the row interpreter: nodes and relationships over a GraphView, and Neptune's JSON."""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

from dockyard.graph.graph_view import Edge, Vertex
from dockyard.graph.query.errors import EntityNotFound
from dockyard.graph.value_types import TypedValue


class MultiValue(list):
    """A vertex property holding several values (set cardinality from a bulk load). It reads as a list;
    ordering operators treat it as incomparable (null) rather than refusing it as a list
    (docs/decisions.md)."""


def _plain(values: list[TypedValue] | TypedValue) -> Any:
    if isinstance(values, TypedValue):
        return values.value
    if len(values) == 1:
        return values[0].value
    return MultiValue(v.value for v in values)


class Node:
    __slots__ = ("vertex",)

    def __init__(self, vertex: Vertex) -> None:
        self.vertex = vertex

    @property
    def id(self) -> str:
        return self.vertex.id

    def prop(self, key: str) -> Any:
        values = self.vertex.properties.get(key)
        return None if not values else _plain(values)

    def properties(self) -> dict[str, Any]:
        return {k: _plain(v) for k, v in self.vertex.properties.items()}

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Node) and other.vertex.id == self.vertex.id

    def __hash__(self) -> int:
        return hash(("n", self.vertex.id))


class ColumnNode(Node):
    """A node the vectorised MATCH read at a vertex index of the query's columns, which it keeps: a later
    MATCH of the same query binds it without looking its id up again."""

    __slots__ = ("index",)

    def __init__(self, vertex: Vertex, index: int) -> None:
        super().__init__(vertex)
        self.index = index


class Rel:
    __slots__ = ("edge",)

    def __init__(self, edge: Edge) -> None:
        self.edge = edge

    @property
    def id(self) -> str:
        return self.edge.id

    def prop(self, key: str) -> Any:
        value = self.edge.properties.get(key)
        return None if value is None else value.value

    def properties(self) -> dict[str, Any]:
        return {k: v.value for k, v in self.edge.properties.items()}

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Rel) and other.edge.id == self.edge.id

    def __hash__(self) -> int:
        return hash(("r", self.edge.id))


class _Deleted:
    """The state of a node or relationship a DELETE of this query removed: its id, endpoints and type stay
    readable; its labels and properties are gone (reading them raises EntityNotFound)."""

    __slots__ = ("kind", "state")

    def __init__(self, state: Vertex | Edge, kind: str) -> None:
        self.state = state
        self.kind = kind

    def __getattr__(self, name: str) -> Any:
        if name in self.__slots__:  # not set yet (copying): no recursion through the lookups below
            raise AttributeError(name)
        if name in ("labels", "properties"):
            raise EntityNotFound(
                f"The {self.kind} '{self.state.id}' was deleted earlier in this query: its {name} cannot be read",
                "DeletedEntityAccess",
            )
        return getattr(self.state, name)


class DeletedNode(Node):
    """A node deleted earlier in the query (openCypher's deleted-entity rule): still itself (id, equality;
    returned whole it shows what it held), but ``n.p``, ``labels(n)``, ``n:L``, ``keys(n)`` raise."""

    __slots__ = ("was",)

    def __init__(self, vertex: Vertex) -> None:
        super().__init__(_Deleted(vertex, "node"))  # type: ignore[arg-type]
        self.was = vertex


class DeletedRel(Rel):
    """A relationship deleted earlier in the query: id, type and endpoints stay, properties raise."""

    __slots__ = ("was",)

    def __init__(self, edge: Edge) -> None:
        super().__init__(_Deleted(edge, "relationship"))  # type: ignore[arg-type]
        self.was = edge


class Path:
    __slots__ = ("items",)

    def __init__(self, items: list[Node | Rel]) -> None:
        self.items = items

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Path) and other.items == self.items

    def __hash__(self) -> int:
        return hash(tuple(self.items))


_SCALARS = frozenset({str, int, bool, type(None)})


def to_json(value: Any) -> Any:
    """Neptune's result JSON of a value."""
    if type(value) in _SCALARS:
        return value  # the common case first: a plain value is its own JSON
    if isinstance(value, DeletedNode | DeletedRel):
        return to_json(Node(value.was) if isinstance(value, DeletedNode) else Rel(value.was))
    if isinstance(value, Node):
        return {
            "~id": value.id,
            "~entityType": "node",
            "~labels": list(value.vertex.labels),
            "~properties": {k: to_json(v) for k, v in value.properties().items()},
        }
    if isinstance(value, Rel):
        e = value.edge
        return {
            "~id": e.id,
            "~entityType": "relationship",
            "~start": e.from_id,
            "~end": e.to_id,
            "~type": e.label,
            "~properties": {k: to_json(v) for k, v in value.properties().items()},
        }
    if isinstance(value, Path):
        return [to_json(v) for v in value.items]
    if isinstance(value, list | tuple):
        return [to_json(v) for v in value]
    if isinstance(value, dict):
        return {k: to_json(v) for k, v in value.items()}
    if isinstance(value, dt.datetime):
        value = value.astimezone(dt.UTC) if value.tzinfo else value
        return value.strftime("%Y-%m-%dT%H:%M:%S.") + f"{value.microsecond // 1000:03d}Z"
    if isinstance(value, dt.date):
        return value.isoformat() + "T00:00:00.000Z"
    if isinstance(value, float) and (value != value or value in (math.inf, -math.inf)):
        # Java's JSON writer (Jackson's default) quotes the non-finite doubles: "NaN", "Infinity", "-Infinity".
        return "NaN" if value != value else ("Infinity" if value > 0 else "-Infinity")
    return value
