"""Neptune Analytics graph data: a columnar, dictionary-encoded property-graph store built for bulk loads.

Public API: :class:`GraphStore` (``in_memory()``, ``open(dir)``, ``begin_load()``, ``view()``,
``summary()``, ``reset()``, ``is_empty()``), :class:`GraphRegistry`, the batch types fed to a
:class:`BulkLoader`, and the value model (:class:`ValueType`, :class:`TypedValue`).
"""

from dockyard.graph.batches import EdgeBatch, PropertyColumn, VertexBatch
from dockyard.graph.bulk_loader import BulkLoader, CommitStats
from dockyard.graph.errors import CardinalityViolation, GraphError, InvalidBatch, LoaderClosed
from dockyard.graph.graph_view import Edge, GraphView, Vertex
from dockyard.graph.registry import GraphRegistry
from dockyard.graph.store import GraphStore
from dockyard.graph.value_types import TypedValue, ValueType

__all__ = [
    "BulkLoader",
    "CardinalityViolation",
    "CommitStats",
    "Edge",
    "EdgeBatch",
    "GraphError",
    "GraphRegistry",
    "GraphStore",
    "GraphView",
    "InvalidBatch",
    "LoaderClosed",
    "PropertyColumn",
    "TypedValue",
    "ValueType",
    "Vertex",
    "VertexBatch",
]
