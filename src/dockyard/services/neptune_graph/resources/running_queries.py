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
from dataclasses import dataclass, field

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


@dataclass
class RunningQuery:
    id: str
    graph_id: str
    query_string: str
    started: float = field(default_factory=time.monotonic)
    cancel: CancelFlag = field(default_factory=CancelFlag)
    waiting: bool = False

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
        self._queries: dict[str, RunningQuery] = {}
        self._lock = threading.Lock()

    @contextmanager
    def running(self, graph_id: str, query_string: str) -> Iterator[RunningQuery]:
        query = RunningQuery(str(uuid.uuid4()), graph_id, query_string)
        with self._lock:
            self._queries[query.id] = query
        try:
            yield query
        finally:
            with self._lock:
                self._queries.pop(query.id, None)

    def get(self, graph_id: str, query_id: str) -> RunningQuery | None:
        query = self._queries.get(query_id)
        return query if query is not None and query.graph_id == graph_id else None

    def of_graph(self, graph_id: str) -> list[RunningQuery]:
        with self._lock:
            return sorted((q for q in self._queries.values() if q.graph_id == graph_id), key=lambda q: q.started)


def running_queries(deps: ServiceDeps) -> RunningQueries:
    return deps.extension(EXTENSION, RunningQueries)
