"""The queries running on each graph: what GetQuery/ListQueries show and CancelQuery flags.

A query is registered when ExecuteQuery starts it and removed when it ends (Neptune lists running
queries only). ``state`` is RUNNING, WAITING (a write waiting for the graph's running write) or
CANCELLING (cancel requested; the query stops at its next check and answers QUERY_CANCELLED).
"""

from __future__ import annotations

import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

from dockyard.service_kit import ServiceDeps

EXTENSION = "neptune-graph.running-queries"


class CancelFlag:
    """What CancelQuery sets and the executor polls (``is_set``), as ``threading.Event`` offers, for
    a fifth of its cost: nothing ever waits on it, and a bool attribute is set atomically."""

    __slots__ = ("_set",)

    def __init__(self) -> None:
        self._set = False

    def set(self) -> None:
        self._set = True

    def is_set(self) -> bool:
        return self._set


class RunningQuery:
    """One running query. Its id (a UUID, as Neptune's) is drawn the first time the registry shows
    the query (ListQueries): most queries end unseen, and drawing a UUID per query is measurable on
    a query that takes a fraction of a millisecond."""

    __slots__ = ("_id", "cancel", "graph_id", "query_string", "started", "waiting")

    def __init__(self, graph_id: str, query_string: str) -> None:
        self._id: str | None = None
        self.graph_id = graph_id
        self.query_string = query_string
        self.started = time.monotonic()
        self.cancel = CancelFlag()
        self.waiting = False

    @property
    def id(self) -> str:
        if self._id is None:
            self._id = str(uuid.uuid4())
        return self._id

    @property
    def state(self) -> str:
        if self.cancel.is_set():
            return "CANCELLING"
        return "WAITING" if self.waiting else "RUNNING"

    def summary(self) -> dict:
        """The QuerySummary / GetQuery output members."""
        return {"id": self.id, "queryString": self.query_string, "waited": 0,
                "elapsed": int((time.monotonic() - self.started) * 1000), "state": self.state}  # fmt: skip


class RunningQueries:
    def __init__(self, deps: ServiceDeps) -> None:
        self._queries: dict[int, RunningQuery] = {}  # by object identity (ids are drawn lazily)
        self._lock = threading.Lock()

    def start(self, graph_id: str, query_string: str) -> RunningQuery:
        """Register a query that starts now; ``end`` removes it."""
        query = RunningQuery(graph_id, query_string)
        with self._lock:
            self._queries[id(query)] = query
        return query

    def end(self, query: RunningQuery) -> None:
        with self._lock:
            self._queries.pop(id(query), None)

    @contextmanager
    def running(self, graph_id: str, query_string: str) -> Iterator[RunningQuery]:
        query = self.start(graph_id, query_string)
        try:
            yield query
        finally:
            self.end(query)

    def get(self, graph_id: str, query_id: str) -> RunningQuery | None:
        with self._lock:  # only a query whose id was drawn can be asked for by it
            return next((q for q in self._queries.values() if q._id == query_id and q.graph_id == graph_id), None)

    def of_graph(self, graph_id: str) -> list[RunningQuery]:
        with self._lock:  # ids drawn under the lock: two readers never see two ids for one query
            found = sorted((q for q in self._queries.values() if q.graph_id == graph_id), key=lambda q: q.started)
            for q in found:
                _ = q.id
            return found


def running_queries(deps: ServiceDeps) -> RunningQueries:
    return deps.extension(EXTENSION, RunningQueries)
