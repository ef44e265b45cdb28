"""ExecuteQuery's limits through boto3 in both front doors: MEMORY_LIMIT_EXCEEDED (intermediate rows
over the graph's budget; the budget lowered by DOCKYARD_NEPTUNE_QUERY_ROW_BUDGET), and
CONCURRENT_MODIFICATION (a write that cannot get the graph's writer slot within its timeout)."""

from __future__ import annotations

import threading
import time

import boto3
import pytest
from botocore.config import Config

from dockyard.mocking.in_process import DockyardMock
from dockyard.services.neptune_graph.resources.graph_compute import ROW_BUDGET_ENV, query_row_budget
from tests.conftest import CREDENTIALS, ServerProcess
from tests.services.neptune_graph.imports.import_helpers import new_graph
from tests.services.neptune_graph.queries.query_helpers import query

BUDGET = "2000"


@pytest.fixture(params=["in_process", pytest.param("server", marks=pytest.mark.server)])
def limited(request, monkeypatch):  # type: ignore[no-untyped-def]
    """A neptune-graph client of a Dockyard whose query row budget is 2,000."""
    if request.param == "server":
        server = ServerProcess(env={ROW_BUDGET_ENV: BUDGET})
        try:
            yield server.client("neptune-graph")
        finally:
            server.stop()
        return
    monkeypatch.setenv(ROW_BUDGET_ENV, BUDGET)
    with DockyardMock():
        yield boto3.client("neptune-graph", config=Config(retries={"max_attempts": 1}), **CREDENTIALS)


def test_memory_limit_exceeded_changes_nothing_and_leaves_the_server_healthy(limited):
    client = limited
    graph_id = new_graph(client)
    query(client, graph_id, "UNWIND range(1, 60) AS i CREATE (:N {i: i})")

    def refused(text: str) -> str:
        with pytest.raises(client.exceptions.UnprocessableException) as err:
            query(client, graph_id, text)
        assert err.value.response["reason"] == "MEMORY_LIMIT_EXCEEDED"
        assert err.value.response["ResponseMetadata"]["HTTPStatusCode"] == 422
        return err.value.response["Error"]["Message"]

    message = refused("MATCH (a:N), (b:N) RETURN count(*) AS c")  # a cartesian product: 3,600 rows
    assert message == "Operation terminated (out of memory): intermediate results exceeded the budget of 2,000 rows"
    refused("UNWIND range(1, 100000000000) AS x RETURN count(*) AS c")  # refused before the list is built
    refused("MATCH (n:N) UNWIND range(1, 50) AS x RETURN collect(x) AS xs")
    # a write that created rows before its intermediate results blew up rolls back
    refused("UNWIND range(1, 10) AS i CREATE (:X {i: i}) WITH i MATCH (a:N), (b:N) RETURN count(*) AS c")
    assert query(client, graph_id, "MATCH (n) RETURN count(n) AS c") == [{"c": 60}]
    assert query(client, graph_id, "MATCH (a:N), (b:N) WHERE a.i < 20 RETURN count(*) AS c") == [{"c": 1140}]
    assert client.list_queries(graphIdentifier=graph_id, maxResults=10)["queries"] == []


def test_the_budget_scales_with_the_graph_memory(monkeypatch):
    monkeypatch.delenv(ROW_BUDGET_ENV, raising=False)
    assert query_row_budget({"provisionedMemory": 16}) == 4_000_000
    assert query_row_budget({"provisionedMemory": 128}) == 32_000_000
    session = {"provisionedMemory": None, "computeConfiguration": {"graphSession": {"minMemory": 4}}}
    assert query_row_budget(session) == 1_000_000
    monkeypatch.setenv(ROW_BUDGET_ENV, "500")
    assert query_row_budget({"provisionedMemory": 16}) == 500
    monkeypatch.setenv(ROW_BUDGET_ENV, "999999999999")  # the variable only lowers it
    assert query_row_budget({"provisionedMemory": 16}) == 4_000_000
    monkeypatch.setenv(ROW_BUDGET_ENV, "lots")
    assert query_row_budget({"provisionedMemory": 16}) == 4_000_000


def _wait_for(client, graph_id, state, timeout=20.0):  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = client.list_queries(graphIdentifier=graph_id, maxResults=10, state=state)["queries"]
        if found:
            return found[0]
        time.sleep(0.01)
    raise TimeoutError(f"no query showed as {state}")


def test_concurrent_modification_while_readers_keep_their_snapshot(aws):
    client = aws("neptune-graph")
    graph_id = new_graph(client)
    query(client, graph_id, "UNWIND range(1, 300) AS i CREATE (:N {i: i})")
    # 27M combinations, none kept (so no memory grows): the writer slot stays held until it is cancelled
    long_write = "MATCH (a:N), (b:N), (c:N) WHERE a.i + b.i + c.i < 0 WITH count(*) AS c CREATE (:Z {c: c})"
    outcome: dict = {}

    def writer() -> None:
        try:
            query(client, graph_id, long_write)
        except client.exceptions.ValidationException as err:
            outcome["error"] = err.response

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        running = _wait_for(client, graph_id, "RUNNING")
        assert running["queryString"] == long_write
        with pytest.raises(client.exceptions.ConflictException) as err:
            query(client, graph_id, "CREATE (:T {v: 1})", queryTimeoutMilliseconds=300)
        assert err.value.response["reason"] == "CONCURRENT_MODIFICATION"
        assert err.value.response["ResponseMetadata"]["HTTPStatusCode"] == 409
        # readers never wait for the writer and see the last committed snapshot
        assert query(client, graph_id, "MATCH (n) RETURN count(n) AS c") == [{"c": 300}]
    finally:
        client.cancel_query(graphIdentifier=graph_id, queryId=_wait_for(client, graph_id, "RUNNING")["id"])
        thread.join(60)
    assert outcome["error"]["reason"] == "QUERY_CANCELLED"
    assert query(client, graph_id, "MATCH (n) RETURN count(n) AS c") == [{"c": 300}]
    assert query(client, graph_id, "CREATE (:T {v: 1}) RETURN 1 AS ok") == [{"ok": 1}]  # the slot is free again
