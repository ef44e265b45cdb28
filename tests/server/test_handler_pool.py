"""Handlers run on a bounded thread pool (``--handler-threads``, default 8): a slow call holds one
thread, not the event loop, so other clients, the control plane and moto's S3 are answered while it
is in flight. The slow call is an injected delay (``POST /_dockyard/faults/delay``), released by
clearing the faults: the tests follow the order of events, not the clock."""

from __future__ import annotations

import json
import time
import urllib.request
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

import boto3
import pytest
from botocore.config import Config

from tests.conftest import CREDENTIALS, ServerProcess


def _control(server: ServerProcess, method: str, path: str, doc: dict[str, Any] | None = None) -> dict[str, Any]:
    data = None if doc is None else json.dumps(doc).encode()
    request = urllib.request.Request(server.endpoint + path, data=data, method=method)
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.loads(response.read())


def _slow_list_graphs(server: ServerProcess, pool: ThreadPoolExecutor) -> Future:
    """A ListGraphs call held by a 600-second delay, returned once the server holds it."""
    _control(server, "POST", "/_dockyard/faults/delay",
             {"service": "neptune-graph", "operation": "ListGraphs", "seconds": 600, "count": 1})
    slow_client = _client(server, "neptune-graph", read_timeout=300)
    slow = pool.submit(slow_client.list_graphs)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        delays = _control(server, "GET", "/_dockyard/faults")["faults"]["delays"]
        if delays and delays[0]["inFlight"] == 1:
            return slow
        time.sleep(0.02)
    raise AssertionError("the slow call never reached its handler")


def _client(server: ServerProcess, service: str, read_timeout: float) -> Any:
    config = Config(inject_host_prefix=False, retries={"max_attempts": 1}, read_timeout=read_timeout)
    return boto3.client(service, endpoint_url=server.endpoint, config=config, **CREDENTIALS)


def _fast_client(server: ServerProcess, service: str) -> Any:
    # generous: a fast call stuck behind the slow one would wait 600 s and fail here
    return _client(server, service, read_timeout=30)


@pytest.fixture(scope="module")
def pooled() -> Iterator[ServerProcess]:
    server = ServerProcess()
    yield server
    server.stop()


def test_a_slow_handler_does_not_hold_up_other_clients(pooled):
    graph_id = pooled.client("neptune-graph").create_graph(graphName="fast", provisionedMemory=16)["id"]
    events: list[str] = []
    with ThreadPoolExecutor(2) as pool:
        slow = _slow_list_graphs(pooled, pool)
        slow.add_done_callback(lambda f: events.append("slow answered"))
        fast = _fast_client(pooled, "neptune-graph").get_graph(graphIdentifier=graph_id)
        events.append("fast answered")
        assert fast["id"] == graph_id and not slow.done()
        jobs = _control(pooled, "GET", "/_dockyard/jobs")  # the control plane answers too
        assert any(j["parentId"] == graph_id for j in jobs["jobs"])
        s3 = _fast_client(pooled, "s3")  # and moto's fall-through
        s3.create_bucket(Bucket="while-slow")
        assert s3.list_objects_v2(Bucket="while-slow")["KeyCount"] == 0
        assert not slow.done()
        _control(pooled, "DELETE", "/_dockyard/faults")  # releases the held call
        assert [g["id"] for g in slow.result(timeout=30)["graphs"]] == [graph_id]
    assert events == ["fast answered", "slow answered"]


def test_concurrent_clients_through_the_pool_all_get_their_answers(pooled):
    """32 clients at once create, read, tag and list graphs: no lost or crossed answers."""
    def one_client(i: int) -> tuple[str, str]:
        client = pooled.client("neptune-graph")
        graph = client.create_graph(graphName=f"pool-{i}", provisionedMemory=16, tags={"n": str(i)})
        for _ in range(5):
            assert client.get_graph(graphIdentifier=graph["id"])["name"] == f"pool-{i}"
        assert client.list_tags_for_resource(resourceArn=graph["arn"])["tags"] == {"n": str(i)}
        return graph["id"], graph["name"]

    with ThreadPoolExecutor(32) as pool:
        made = list(pool.map(one_client, range(32)))
    listed = {g["id"]: g["name"] for g in pooled.client("neptune-graph").list_graphs()["graphs"]}
    assert all(listed.get(graph_id) == name for graph_id, name in made)
    assert len({graph_id for graph_id, _ in made}) == 32


@pytest.mark.slow
def test_inline_handlers_are_still_selectable_and_do_block():
    """``--handler-threads 0`` (the benchmarks' "before"): the event loop runs the handler, so a call
    made while a slow one is held is answered only after it."""
    server = ServerProcess("--handler-threads", "0")
    try:
        graph_id = server.client("neptune-graph").create_graph(graphName="inline", provisionedMemory=16)["id"]
        _control(server, "POST", "/_dockyard/faults/delay",
                 {"service": "neptune-graph", "operation": "ListGraphs", "seconds": 10, "count": 1})
        with ThreadPoolExecutor(2) as pool:
            slow = pool.submit(server.client("neptune-graph").list_graphs)
            held = time.monotonic()
            while not slow.done():  # held once the control plane stops answering (the loop is busy)
                try:
                    urllib.request.urlopen(server.endpoint + "/_dockyard/health", timeout=2).close()
                except OSError:
                    break
                time.sleep(0.05)
            asked = time.monotonic()
            fast = _fast_client(server, "neptune-graph").get_graph(graphIdentifier=graph_id)
            waited = time.monotonic() - asked
            assert fast["id"] == graph_id and slow.result(timeout=30)["graphs"]
        # the fast call waited for the slow one's 10 s on the blocked loop (less what had passed); the
        # order of the two clients' own completions is a race between their threads, not the server's
        assert waited > 10 - (asked - held) - 2, waited
    finally:
        server.stop()
