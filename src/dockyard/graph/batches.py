"""The batches a bulk load is fed with: columns of vertex rows and edge rows, as Arrow arrays."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import pyarrow as pa

from dockyard.graph.value_types import ValueType


@dataclass(frozen=True)
class PropertyColumn:
    """One property of a batch: ``values`` is flat (one value or null per row) or ``list<...>``
    (several values per row, set cardinality; vertices only). Values use ``vtype.arrow_type``.
    ``single`` marks ``(single)`` cardinality: a second different value for a vertex is an error."""

    key: str
    vtype: ValueType
    values: pa.Array
    single: bool = False

    @property
    def is_list(self) -> bool:
        return pa.types.is_list(self.values.type) or pa.types.is_large_list(self.values.type)

    def filter(self, mask: pa.Array) -> PropertyColumn:
        return PropertyColumn(self.key, self.vtype, self.values.filter(mask), self.single)


@dataclass(frozen=True)
class VertexBatch:
    """Vertex rows: ``ids`` (strings, no nulls), ``labels`` (``list<string>`` per row, or None),
    and property columns. A row without labels and without property values only names a vertex
    and is ignored (unless an edge references the id)."""

    ids: pa.Array
    labels: pa.Array | None = None
    properties: Sequence[PropertyColumn] = field(default_factory=tuple)

    def __len__(self) -> int:
        return len(self.ids)

    def filter(self, mask: pa.Array) -> VertexBatch:
        """The rows where ``mask`` is true."""
        return VertexBatch(
            self.ids.filter(mask),
            None if self.labels is None else self.labels.filter(mask),
            tuple(p.filter(mask) for p in self.properties),
        )


@dataclass(frozen=True)
class EdgeBatch:
    """Edge rows: endpoint ids, one label per row (strings, no nulls), single-valued property columns,
    optional caller-given edge ids (null = the store generates one). ``distinct`` asks the store to
    drop duplicate (from, to, label) rows among the distinct-marked rows of one load (RDF semantics:
    a triple stated twice is one edge); such batches carry no properties."""

    from_ids: pa.Array
    to_ids: pa.Array
    labels: pa.Array
    properties: Sequence[PropertyColumn] = field(default_factory=tuple)
    ids: pa.Array | None = None
    distinct: bool = False

    def __len__(self) -> int:
        return len(self.from_ids)

    def filter(self, mask: pa.Array) -> EdgeBatch:
        """The rows where ``mask`` is true."""
        return EdgeBatch(
            self.from_ids.filter(mask),
            self.to_ids.filter(mask),
            self.labels.filter(mask),
            tuple(p.filter(mask) for p in self.properties),
            None if self.ids is None else self.ids.filter(mask),
            self.distinct,
        )
