"""The write delta: committed query writes layered over the bulk-loaded columns, until they are merged.

A :class:`Delta` is immutable once published. It maps vertex ids to their whole new state (a
:class:`Vertex`, or ``None`` for a tombstone) and edge ids likewise, plus the delta edges of each
vertex (adjacency). Each commit adds one small layer on top of the previous delta's layers
(copy-on-write: nothing a reader holds is ever mutated). Layers are merged like a binary counter: a
new layer at least as large as the one below it is merged with it (into a new dict), so layer sizes
shrink geometrically from the bottom, a map of n entries has at most log2(n) + 1 layers (a lookup
probes that many dicts) and each entry is copied at most log2(n) times: a commit costs about the
size of its own writes times log n, never the size of the whole delta. (Flattening all layers every
16 commits, as before, copied n/16 entries a commit: 1,100 at 18,000 pending single-row CREATEs.)
A write transaction works on a mutable top layer that only it sees.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from dockyard.graph.graph_view import Edge, Vertex

K = TypeVar("K")
V = TypeVar("V")

MAX_LAYERS = 32  # a backstop: the binary-counter merge keeps log2(n) + 1 layers, 18 at 200,000 entries
_MISSING = object()


class LayeredMap(Generic[K, V]):
    """An immutable map made of dict layers, newest first (the top layer may be a transaction's)."""

    __slots__ = ("_below", "_flat", "layers")

    def __init__(self, layers: tuple[dict[K, V], ...] = (), below: LayeredMap[K, V] | None = None) -> None:
        self.layers = layers
        self._flat: dict[K, V] | None = None
        self._below = below  # set when layers[0] is a transaction's mutable layer above ``below``

    def get(self, key: K, default: V | None = None) -> V | None:
        for layer in self.layers:
            value = layer.get(key, _MISSING)
            if value is not _MISSING:
                return value  # type: ignore[return-value]
        return default

    def __contains__(self, key: K) -> bool:
        return any(key in layer for layer in self.layers)

    def flat(self) -> dict[K, V]:
        """All entries as one dict (cached; never mutate it)."""
        if self._below is not None:
            return {**self._below.flat(), **self.layers[0]}
        if self._flat is None:
            if len(self.layers) == 1:
                self._flat = self.layers[0]
            else:
                merged: dict[K, V] = {}
                for layer in reversed(self.layers):
                    merged.update(layer)
                self._flat = merged
        return self._flat

    def __len__(self) -> int:
        return len(self.flat())

    def pushed(self, layer: dict[K, V]) -> LayeredMap[K, V]:
        """A new map with ``layer`` on top, merged into the layers below it as long as it is at least
        as large as the next one (see the module docstring); never mutates a layer."""
        if not layer:
            return self
        top, rest = layer, self.layers
        while rest and len(top) >= len(rest[0]):
            top, rest = {**rest[0], **top}, rest[1:]
        layers = (top, *rest)
        if len(layers) > MAX_LAYERS:
            merged: dict[K, V] = {}
            for part in reversed(layers):
                merged.update(part)
            layers = (merged,)
        return LayeredMap(layers)


@dataclass(frozen=True)
class Delta:
    """Committed writes not yet merged into the columns (see the module docstring)."""

    vertices: LayeredMap[str, Vertex | None] = field(default_factory=LayeredMap)
    edges: LayeredMap[str, Edge | None] = field(default_factory=LayeredMap)
    out_edges: LayeredMap[str, tuple[str, ...]] = field(default_factory=LayeredMap)
    in_edges: LayeredMap[str, tuple[str, ...]] = field(default_factory=LayeredMap)
    next_edge_number: int = 1
    size: int = 0

    def is_empty(self) -> bool:
        return self.size == 0

    def with_changes(self, changes: Changes) -> Delta:
        """The delta after committing ``changes`` (a new object; ``self`` is untouched)."""
        return Delta(
            self.vertices.pushed(changes.vertices),
            self.edges.pushed(changes.edges),
            self.out_edges.pushed(changes.out_edges),
            self.in_edges.pushed(changes.in_edges),
            changes.next_edge_number,
            self.size + len(changes.vertices) + len(changes.edges),
        )

    def on_top(self, changes: Changes) -> Delta:
        """A transaction's private view: ``changes`` (mutable, not copied) above this delta."""
        return Delta(
            LayeredMap((changes.vertices, *self.vertices.layers), self.vertices),
            LayeredMap((changes.edges, *self.edges.layers), self.edges),
            LayeredMap((changes.out_edges, *self.out_edges.layers), self.out_edges),
            LayeredMap((changes.in_edges, *self.in_edges.layers), self.in_edges),
            changes.next_edge_number,
            self.size,
        )

    def live_vertices(self) -> Iterator[Vertex]:
        return (v for v in self.vertices.flat().values() if v is not None)

    def live_edges(self) -> Iterator[Edge]:
        return (e for e in self.edges.flat().values() if e is not None)


@dataclass
class Changes:
    """One transaction's writes: new whole states of the vertices and edges it touched."""

    next_edge_number: int
    vertices: dict[str, Vertex | None] = field(default_factory=dict)
    edges: dict[str, Edge | None] = field(default_factory=dict)
    out_edges: dict[str, tuple[str, ...]] = field(default_factory=dict)
    in_edges: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def is_empty(self) -> bool:
        return not self.vertices and not self.edges
