"""GraphStore: one Neptune Analytics graph's data, in memory or persisted under a directory."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc

from dockyard.graph import persistence
from dockyard.graph.bulk_loader import BulkLoader
from dockyard.graph.errors import GraphError
from dockyard.graph.graph_data import GraphData
from dockyard.graph.graph_view import GraphView
from dockyard.graph.term_dictionary import lookup_codes
from dockyard.graph.value_types import TypedValue, ValueType, python_value


class GraphStore:
    """A schemaless property graph with Neptune Analytics' data model.

    Readers take :meth:`view` (a consistent snapshot); writers go through :meth:`begin_load`.
    Commits replace the published snapshot atomically, in memory and on disk.
    """

    def __init__(self, directory: Path | None, data: GraphData) -> None:
        self._directory = directory
        self._data = data
        self._lock = threading.Lock()
        self._view: GraphView | None = None

    # -- construction ----------------------------------------------------------------------------
    @classmethod
    def in_memory(cls) -> GraphStore:
        """A store that lives only as long as the object (tests, in-process mock)."""
        return cls(None, GraphData())

    @classmethod
    def open(cls, directory: str | Path) -> GraphStore:
        """Open (or create) a store persisted under ``directory``."""
        directory = Path(directory)
        directory.mkdir(parents=True, exist_ok=True)
        return cls(directory, persistence.load(directory))

    @property
    def directory(self) -> Path | None:
        return self._directory

    # -- state -----------------------------------------------------------------------------------
    def is_empty(self) -> bool:
        return self._data.is_empty()

    def reset(self) -> None:
        """Empty the graph (and its files)."""
        with self._lock:
            if self._directory is not None:
                persistence.save_empty(self._directory)
            self._data = GraphData()
            self._view = None

    def view(self) -> GraphView:
        """A read-only view of the current snapshot (cached until the next commit)."""
        view = self._view
        if view is None or view.data is not self._data:
            view = self._view = GraphView(self._data)
        return view

    @property
    def data(self) -> GraphData:
        """The current immutable snapshot."""
        return self._data

    def snapshot(self) -> GraphData:
        """A copy of the current contents that later loads, writes and resets never change.

        The Arrow columns are immutable and shared; only the containers are new. Give it to
        :meth:`restore` of any store (``dockyard.graph.snapshots`` keeps them by id).
        """
        with self._lock:
            return _detached(self._data)

    def restore(self, snapshot: GraphData) -> None:
        """Replace the contents with ``snapshot`` (from :meth:`snapshot`), persisted like a commit;
        the store keeps its own containers, so restoring one snapshot twice shares only columns."""
        data = _detached(snapshot)
        with self._lock:
            if self._directory is not None:
                persistence.save(self._directory, data)
            self._data = data
            self._view = None

    # -- loading ---------------------------------------------------------------------------------
    def begin_load(self) -> BulkLoader:
        """Start a staged bulk load on top of the current snapshot."""
        return BulkLoader(self._data, self._publish, self._existing_values)

    def _publish(self, base: GraphData, new: GraphData) -> None:
        with self._lock:
            if self._data is not base:
                raise GraphError("the graph changed while a load was staged; load again")
            if self._directory is not None:
                persistence.save(self._directory, new)
            self._data = new
            self._view = None

    def _existing_values(self, key: str) -> Iterator[tuple[str, TypedValue]]:
        data = self._data
        code = lookup_codes(data.terms, pa.array([key]))[0].as_py()
        if code is None:
            return
        for vtype in ValueType:
            table = data.vertex_props[vtype]
            if table.num_rows == 0:
                continue
            rows = table.filter(pc.equal(table["key"], code))
            owners = data.terms.take(data.vertex_terms.take(rows["owner"])).to_pylist()
            values = rows["value"]
            if vtype is ValueType.STRING:
                values = data.terms.take(values)
            for owner, value in zip(owners, values.to_pylist(), strict=True):
                yield owner, TypedValue(vtype, python_value(vtype, value))

    # -- convenience read API (delegates to the current view) --------------------------------------
    def summary(self, detailed: bool = False) -> dict:
        return self.view().summary(detailed=detailed)

    @property
    def num_vertices(self) -> int:
        return self._data.num_vertices

    @property
    def num_edges(self) -> int:
        return self._data.num_edges


def _detached(data: GraphData) -> GraphData:
    """``data`` with containers of its own (the immutable Arrow columns are shared)."""
    return replace(data, vertex_props=dict(data.vertex_props), edge_props=dict(data.edge_props))
