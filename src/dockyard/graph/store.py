"""GraphStore: one Neptune Analytics graph's data, in memory or persisted under a directory.

Two write paths: bulk loads (``begin_load``) build a new columnar snapshot; query writes
(``begin_write``) commit small transactions into a :class:`Delta` over the columns, logged to a
write-ahead log, and merged into a new columnar snapshot (``merge_writes``) when the delta reaches
``MERGE_THRESHOLD`` records or when a caller asks for the columns (``view``, ``data``, ``summary``,
``begin_load``): exports, summaries and copies of the store always see every committed write.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc

from dockyard.graph import persistence
from dockyard.graph.bulk_loader import BulkLoader
from dockyard.graph.delta import Changes, Delta
from dockyard.graph.delta_merge import merge_delta
from dockyard.graph.errors import GraphError
from dockyard.graph.graph_data import GraphData
from dockyard.graph.graph_view import GraphView
from dockyard.graph.overlay_view import OverlayView
from dockyard.graph.term_dictionary import lookup_codes
from dockyard.graph.value_types import TypedValue, ValueType, python_value
from dockyard.graph.write_log import WriteLog, decode_edge, decode_vertex, encode_edge, encode_vertex, read_log
from dockyard.graph.write_transaction import WriteTransaction

MERGE_THRESHOLD = 200_000


class WriteBusy(GraphError):
    """Another write transaction held the graph for longer than the caller would wait."""


class GraphStore:
    """A schemaless property graph with Neptune Analytics' data model.

    Readers take :meth:`view` (columns) or :meth:`query_view` (columns plus un-merged query writes),
    both consistent snapshots; writers go through :meth:`begin_load` or :meth:`begin_write` (one
    writer at a time). Commits replace the published state atomically, in memory and on disk.
    """

    def __init__(self, directory: Path | None, data: GraphData) -> None:
        self._directory = directory
        self._data = data
        self._lock = threading.Lock()  # guards publishing the state
        self._writer = threading.RLock()  # one write transaction (or merge) at a time
        self._view: GraphView | None = None
        self._delta = Delta(next_edge_number=data.next_edge_number)
        self._log: WriteLog | None = None
        if directory is not None:
            self._replay_log()

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
        if self._delta.is_empty():
            return self._data.is_empty()
        view = self.query_view()
        return next(iter(view.iter_vertices()), None) is None

    def reset(self) -> None:
        """Empty the graph (and its files)."""
        with self._writer, self._lock:
            self._close_log()
            if self._directory is not None:
                persistence.save_empty(self._directory)
            self._data = GraphData()
            self._view = None
            self._delta = Delta()

    def _columns_view(self) -> GraphView:
        view = self._view
        if view is None or view.data is not self._data:
            view = self._view = GraphView(self._data)
        return view

    def view(self) -> GraphView:
        """A read-only view of the columns, every committed query write merged in first."""
        self.merge_writes()
        return self._columns_view()

    def query_view(self) -> OverlayView:
        """The row-level view queries read: the columns plus the un-merged query writes (no merge)."""
        with self._lock:
            return OverlayView(self._columns_view(), self._delta)

    @property
    def data(self) -> GraphData:
        """The current immutable columnar snapshot, every committed query write merged in first."""
        self.merge_writes()
        return self._data

    @property
    def pending_writes(self) -> int:
        """How many vertex and edge states the un-merged query writes hold."""
        return self._delta.size

    def snapshot(self) -> GraphData:
        """A copy of the current contents (every committed query write merged in first) that later
        loads, writes and resets never change.

        The Arrow columns are immutable and shared; only the containers are new. Give it to
        :meth:`restore` of any store (``dockyard.graph.snapshots`` keeps them by id).
        """
        self.merge_writes()
        with self._lock:
            return _detached(self._data)

    def restore(self, snapshot: GraphData) -> None:
        """Replace the contents with ``snapshot`` (from :meth:`snapshot`), persisted like a commit; any
        un-merged query writes are dropped with the old contents. The store keeps its own containers,
        so restoring one snapshot twice shares only columns."""
        data = _detached(snapshot)
        with self._writer, self._lock:
            self._install_locked(data)

    # -- loading ---------------------------------------------------------------------------------
    def begin_load(self) -> BulkLoader:
        """Start a staged bulk load on top of the current snapshot."""
        self.merge_writes()
        return BulkLoader(self._data, self._publish, self._existing_values)

    def _publish(self, base: GraphData, new: GraphData) -> None:
        with self._writer, self._lock:
            if self._data is not base or not self._delta.is_empty():
                raise GraphError("the graph changed while a load was staged; load again")
            self._install_locked(new)

    def _install_locked(self, data: GraphData) -> None:
        """Publish ``data`` as the columns (persisted first) with an empty delta and a fresh log; the
        caller holds the writer and publishing locks."""
        self._close_log()
        if self._directory is not None:
            persistence.save(self._directory, data)
        self._data = data
        self._view = None
        self._delta = Delta(next_edge_number=data.next_edge_number)

    # -- query writes ----------------------------------------------------------------------------
    def begin_write(self, timeout: float | None = None) -> WriteTransaction:
        """Start a write transaction (waits up to ``timeout`` s for the running one; WriteBusy after)."""
        if not self._writer.acquire(timeout=-1 if timeout is None else max(timeout, 0)):
            raise WriteBusy("another write to this graph is in progress")
        try:
            with self._lock:
                base, delta = self._columns_view(), self._delta
            return WriteTransaction(base, delta, self._commit_changes, self._writer.release)
        except BaseException:
            self._writer.release()
            raise

    def _commit_changes(self, changes: Changes) -> None:
        """Publish a transaction's changes: logged (durably) first, then visible; merge at the threshold."""
        if self._directory is not None:
            if self._log is None:
                self._log = WriteLog(persistence.log_path(self._directory))
            self._log.append(
                {
                    "v": {vid: encode_vertex(v) for vid, v in changes.vertices.items()},
                    "e": {eid: encode_edge(e) for eid, e in changes.edges.items()},
                    "n": changes.next_edge_number,
                }
            )
        with self._lock:
            self._delta = self._delta.with_changes(_frozen(changes))
        if self._delta.size >= MERGE_THRESHOLD:
            self.merge_writes()

    def merge_writes(self) -> None:
        """Merge the committed query writes into a new columnar snapshot (persisted; the log restarts)."""
        if self._delta.is_empty():
            return
        with self._writer:
            delta = self._delta
            if delta.is_empty():
                return
            new = merge_delta(self._data, delta)
            with self._lock:
                self._install_locked(new)

    def close(self) -> None:
        """Release the open write-ahead log (the store stays usable; the log reopens on the next write)."""
        with self._writer:
            self._close_log()

    def _close_log(self) -> None:
        if self._log is not None:
            self._log.close()
            self._log = None

    def _replay_log(self) -> None:
        assert self._directory is not None
        delta = self._delta
        base = self._columns_view()
        for record in read_log(persistence.log_path(self._directory)):
            txn = WriteTransaction(base, delta, lambda c: None, lambda: None)
            for vid, item in record["v"].items():
                txn.changes.vertices[vid] = decode_vertex(vid, item)
            for eid, item in record["e"].items():
                txn.put_edge_state(eid, decode_edge(eid, item))
            txn.changes.next_edge_number = int(record["n"])
            delta = delta.with_changes(_frozen(txn.changes))
        self._delta = delta

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
        return self.data.num_vertices

    @property
    def num_edges(self) -> int:
        return self.data.num_edges


def _detached(data: GraphData) -> GraphData:
    """``data`` with containers of its own (the immutable Arrow columns are shared)."""
    return replace(data, vertex_props=dict(data.vertex_props), edge_props=dict(data.edge_props))


def _frozen(changes: Changes) -> Changes:
    """The committed form of a transaction's changes (adjacency lists become tuples)."""
    changes.out_edges = {k: tuple(v) for k, v in changes.out_edges.items()}
    changes.in_edges = {k: tuple(v) for k, v in changes.in_edges.items()}
    return changes
