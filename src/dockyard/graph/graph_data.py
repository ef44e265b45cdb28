"""An immutable snapshot of a graph's columns: what a commit publishes and what readers see.

Layout (all integer columns int64):
- ``terms``: the term dictionary (see ``term_dictionary``).
- ``vertex_terms``: per vertex index, the term code of its id.
- ``vertex_labels``: table ``(owner, label)`` of vertex index and label code, sorted, distinct.
- ``vertex_props[type]``: table ``(owner, key, value)`` per value type, sorted by owner and key,
  distinct (set cardinality); String values are term codes.
- ``edges``: table ``(src, dst, label, num, given_id)``; ``num`` numbers server ids, ``given_id`` is a
  caller-given id or null.
- ``edge_props[type]``: table ``(owner, key, value)`` with the edge index as owner.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pyarrow as pa

from dockyard.graph.term_dictionary import empty_terms
from dockyard.graph.value_types import ValueType

EDGE_ID_PREFIX = "neptune_reserved_1_"

LABELS_SCHEMA = pa.schema([("owner", pa.int64()), ("label", pa.int64())])
EDGES_SCHEMA = pa.schema(
    [
        ("src", pa.int64()),
        ("dst", pa.int64()),
        ("label", pa.int64()),
        ("num", pa.int64()),
        ("given_id", pa.large_string()),
    ]
)


def props_schema(vtype: ValueType) -> pa.Schema:
    """Schema of the property table of one value type."""
    return pa.schema([("owner", pa.int64()), ("key", pa.int64()), ("value", vtype.storage_type)])


def empty_props(vtype: ValueType) -> pa.Table:
    return props_schema(vtype).empty_table()


@dataclass(frozen=True)
class GraphData:
    """One published state of a graph (never mutated; a commit builds a new one)."""

    terms: pa.Array = field(default_factory=empty_terms)
    vertex_terms: pa.Array = field(default_factory=lambda: pa.array([], pa.int64()))
    vertex_labels: pa.Table = field(default_factory=LABELS_SCHEMA.empty_table)
    vertex_props: dict[ValueType, pa.Table] = field(
        default_factory=lambda: {t: empty_props(t) for t in ValueType}
    )
    edges: pa.Table = field(default_factory=EDGES_SCHEMA.empty_table)
    edge_props: dict[ValueType, pa.Table] = field(
        default_factory=lambda: {t: empty_props(t) for t in ValueType}
    )
    next_edge_number: int = 1

    @property
    def num_vertices(self) -> int:
        return len(self.vertex_terms)

    @property
    def num_edges(self) -> int:
        return self.edges.num_rows

    @property
    def dictionary_entry_count(self) -> int:
        return len(self.terms)

    def statement_count(self) -> int:
        """Labels + vertex property values + edges + edge property values (see the docs)."""
        return (
            self.vertex_labels.num_rows
            + sum(t.num_rows for t in self.vertex_props.values())
            + self.edges.num_rows
            + sum(t.num_rows for t in self.edge_props.values())
        )

    def is_empty(self) -> bool:
        return self.num_vertices == 0 and self.num_edges == 0
