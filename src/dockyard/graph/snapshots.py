"""SnapshotRegistry: point-in-time copies of graphs, by snapshot id (in memory or under a directory).

A snapshot is what :meth:`GraphStore.snapshot` returns, kept under its own id: in memory it shares
the source's immutable Arrow columns (no copy); persisted, it is written to
``<directory>/<snapshot-id>/`` in the store's own layout (``persistence.py``), so it survives a
restart and the source's later commits, resets or deletion. Later loads or writes to the source
never reach a snapshot, and restoring one hands the target store its own containers.
"""

from __future__ import annotations

from pathlib import Path

from dockyard.graph.errors import GraphError
from dockyard.graph.registry import GraphRegistry
from dockyard.graph.store import GraphStore


class SnapshotRegistry:
    """Snapshots by id; persistent ones live in ``<directory>/<snapshot_id>/``."""

    def __init__(self, directory: str | Path | None = None) -> None:
        self._stores = GraphRegistry(directory)

    def take(self, snapshot_id: str, source: GraphStore) -> None:
        """Copy the current contents of ``source`` into snapshot ``snapshot_id`` (replacing it)."""
        self._stores.get(snapshot_id).restore(source.snapshot())

    def restore_into(self, snapshot_id: str, target: GraphStore) -> None:
        """Replace the contents of ``target`` with snapshot ``snapshot_id``."""
        if snapshot_id not in self.snapshot_ids():
            raise GraphError(f"snapshot {snapshot_id} has no data")
        target.restore(self._stores.get(snapshot_id).snapshot())

    def drop(self, snapshot_id: str) -> None:
        """Forget the snapshot and delete its files (no error if unknown)."""
        self._stores.drop(snapshot_id)

    def snapshot_ids(self) -> list[str]:
        """Ids of the snapshots taken (and, persisted, not dropped)."""
        return self._stores.graph_ids()
