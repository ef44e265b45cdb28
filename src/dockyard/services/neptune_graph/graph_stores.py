"""Each runtime's graph data: one GraphStore per graph id, under ``<data-dir>/graphs`` or in memory."""

from __future__ import annotations

from typing import Any

from dockyard.graph import GraphStore
from dockyard.graph.registry import GraphRegistry

EXTENSION = "neptune-graph.stores"


class GraphStores:
    def __init__(self, runtime: Any) -> None:
        data_dir = runtime.data_dir
        self._registry = GraphRegistry(None if data_dir is None else data_dir / "graphs")

    def get(self, graph_id: str) -> GraphStore:
        return self._registry.get(graph_id)

    def drop(self, graph_id: str) -> None:
        self._registry.drop(graph_id)

    def reset(self) -> None:
        for graph_id in self._registry.graph_ids():
            self._registry.drop(graph_id)


def graph_stores(runtime: Any) -> GraphStores:
    return runtime.extension(EXTENSION, GraphStores)
