"""What a bulk load has staged so far: raw (not yet interned) Arrow columns, kept until commit."""

from __future__ import annotations

from dataclasses import dataclass, field

import pyarrow as pa

from dockyard.graph.value_types import ValueType


@dataclass
class StagedProps:
    """Property values of one key and type: owner (vertex id string, or staged edge index) and value."""

    key: str
    vtype: ValueType
    owners: pa.Array
    values: pa.Array


@dataclass
class StagedEdges:
    """One edge batch, its property values owned by row positions within the batch."""

    from_ids: pa.Array
    to_ids: pa.Array
    labels: pa.Array
    given_ids: pa.Array | None
    distinct: bool
    props: list[StagedProps] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.from_ids)


@dataclass
class Staging:
    """Everything added to a load, in the order it arrived."""

    vertex_ids: list[pa.Array] = field(default_factory=list)
    label_owners: list[pa.Array] = field(default_factory=list)
    labels: list[pa.Array] = field(default_factory=list)
    vertex_props: list[StagedProps] = field(default_factory=list)
    edges: list[StagedEdges] = field(default_factory=list)

    @property
    def num_edges(self) -> int:
        return sum(len(e) for e in self.edges)
