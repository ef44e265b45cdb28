"""GraphRegistry: graph id -> GraphStore, under a data directory (or all in memory)."""

from __future__ import annotations

import re
import shutil
import threading
from pathlib import Path

from dockyard.graph.store import GraphStore

_SAFE_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$")


class GraphRegistry:
    """One :class:`GraphStore` per graph id; persistent stores live in ``<data_dir>/<graph_id>/``."""

    def __init__(self, data_dir: str | Path | None = None) -> None:
        self._data_dir = None if data_dir is None else Path(data_dir)
        self._stores: dict[str, GraphStore] = {}
        self._lock = threading.Lock()

    @classmethod
    def in_memory(cls) -> GraphRegistry:
        return cls(None)

    def _directory(self, graph_id: str) -> Path | None:
        if not _SAFE_ID.match(graph_id):
            raise ValueError(f"invalid graph id {graph_id!r}")
        return None if self._data_dir is None else self._data_dir / graph_id

    def get(self, graph_id: str) -> GraphStore:
        """The store of ``graph_id``, opened (or created empty) on first use."""
        with self._lock:
            store = self._stores.get(graph_id)
            if store is None:
                directory = self._directory(graph_id)
                store = GraphStore.in_memory() if directory is None else GraphStore.open(directory)
                self._stores[graph_id] = store
            return store

    def drop(self, graph_id: str) -> None:
        """Forget ``graph_id`` and delete its files (no error if unknown)."""
        with self._lock:
            store = self._stores.pop(graph_id, None)
            if store is not None:
                store.close()
            directory = self._directory(graph_id)
            if directory is not None and directory.exists():
                shutil.rmtree(directory)

    def graph_ids(self) -> list[str]:
        """Ids with a store open or persisted."""
        ids = set(self._stores)
        if self._data_dir is not None and self._data_dir.exists():
            ids.update(p.name for p in self._data_dir.iterdir() if (p / "manifest.json").exists())
        return sorted(ids)
