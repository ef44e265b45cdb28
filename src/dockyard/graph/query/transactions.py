"""Running a query against a GraphStore: read queries on a snapshot, write queries as one transaction.

A write query takes the store's single writer slot (waiting as long as its deadline allows, else
:class:`ConcurrentModification`), runs over the transaction's private view and commits only when it
has finished without error: a query that fails or is cancelled changes nothing. Readers meanwhile
keep reading the snapshot they started on.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any

from dockyard.graph.errors import GraphError
from dockyard.graph.query import ast as A
from dockyard.graph.query.errors import ConcurrentModification, constraint_violation
from dockyard.graph.query.executor import Procedure, run
from dockyard.graph.query.gc_pause import paused_gc
from dockyard.graph.query.parser import parse
from dockyard.graph.query.procedure_calls import catalogue
from dockyard.graph.query.wide_matches import wide_match
from dockyard.graph.store import GraphStore, WriteBusy

WRITER_WAIT = 60.0  # seconds a write waits for the running one when it has no deadline


def execute(
    store: GraphStore,
    query: str | A.Query,
    params: dict[str, Any] | None = None,
    deadline: float | None = None,
    procedures: dict[str, Procedure] | None = None,
    cancel: threading.Event | None = None,
    profile: list[Any] | None = None,
    commit: bool = True,
    on_wait: Callable[[bool], None] | None = None,
    row_budget: int | None = None,
) -> list[dict[str, Any]]:
    """Run ``query`` on ``store``; rows as dicts of runtime values. ``commit=False`` runs a write
    query and drops its writes (explain DETAILS); ``on_wait(True/False)`` brackets a wait for the
    graph's running write; ``row_budget`` bounds the rows a clause may hold (``executor.run``)."""
    with paused_gc():
        return _execute(store, query, params, deadline, procedures, cancel, profile, commit, on_wait, row_budget)


def _execute(
    store: GraphStore,
    query: str | A.Query,
    params: dict[str, Any] | None,
    deadline: float | None,
    procedures: dict[str, Procedure] | None,
    cancel: threading.Event | None,
    profile: list[Any] | None,
    commit: bool,
    on_wait: Callable[[bool], None] | None,
    row_budget: int | None,
) -> list[dict[str, Any]]:
    tree = parse(query, catalogue(procedures), list(params or {})) if isinstance(query, str) else query
    if profile is None and store.pending_writes and wide_match(store.query_view().base, tree, params or {}):
        store.merge_writes()  # a scan reads the columns; pending writes would leave it to the row interpreter
    if not tree.is_write:
        return run(store.query_view(), tree, params, deadline, procedures, cancel=cancel, profile=profile,
                   row_budget=row_budget)  # fmt: skip
    wait = WRITER_WAIT if deadline is None else max(deadline - time.monotonic(), 0.0)
    if on_wait is not None:
        on_wait(True)
    try:
        txn = store.begin_write(timeout=wait)
    except WriteBusy as err:
        raise ConcurrentModification(
            "Operation failed due to conflicting concurrent operations (another write to this graph "
            "did not finish in time); retry the query"
        ) from err
    finally:
        if on_wait is not None:
            on_wait(False)
    try:
        rows = run(txn.view, tree, params, deadline, procedures, txn=txn, cancel=cancel, profile=profile,
                   row_budget=row_budget)  # fmt: skip
    except BaseException:
        txn.abort()
        raise
    if not commit:
        txn.abort()
        return rows
    try:
        txn.commit()
    except GraphError as err:
        raise constraint_violation(err) from err
    return rows
