"""Each runtime's graph data: one GraphStore per graph id under ``<data-dir>/graphs``, and the graph
snapshots under ``<data-dir>/graph-snapshots`` (or all in memory)."""

from __future__ import annotations

from dockyard.graph import GraphStore
from dockyard.graph.registry import GraphRegistry
from dockyard.graph.snapshots import SnapshotRegistry
from dockyard.service_kit import ServiceDeps

EXTENSION = "neptune-graph.stores"


class GraphStores:
    def __init__(self, deps: ServiceDeps) -> None:
        data_dir = deps.data_dir
        self._registry = GraphRegistry(None if data_dir is None else data_dir / "graphs")
        self.snapshots = SnapshotRegistry(None if data_dir is None else data_dir / "graph-snapshots")

    def get(self, graph_id: str) -> GraphStore:
        return self._registry.get(graph_id)

    def drop(self, graph_id: str) -> None:
        self._registry.drop(graph_id)

    def reset(self) -> None:
        for graph_id in self._registry.graph_ids():
            self._registry.drop(graph_id)
        for snapshot_id in self.snapshots.snapshot_ids():
            self.snapshots.drop(snapshot_id)


def graph_stores(deps: ServiceDeps) -> GraphStores:
    return deps.extension(EXTENSION, GraphStores)
