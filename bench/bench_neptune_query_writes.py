"""Benchmark of openCypher writes through ExecuteQuery (boto3, in-process Dockyard).

Cases: 10,000 single-row parameterised CREATE queries; the same 10,000 through the engine alone
(``dockyard.graph.query.execute``, no boto3/gateway) to separate the client's share; a boto3
``RETURN 1`` round trip and a ``RETURN $id`` one with the same three parameters (the floor of any
query: client, wire and gateway); ``UNWIND $rows AS r CREATE ...`` of 100,000 rows;
the merge of the resulting write delta into the columns (the first GetGraphSummary after the
writes); single-row CREATEs on a persistent store (one fsync per commit). Writes
``bench/results/neptune_query_writes.json``.

    .venv/bin/python bench/bench_neptune_query_writes.py [--singles 10000] [--rows 100000]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

from bench.results_file import RESULTS_DIR, machine_facts, write_results

RESULTS = RESULTS_DIR / "neptune_query_writes.json"
CREATE = "CREATE (n:Person {`~id`: $id, name: $name, age: $age})"
UNWIND = "UNWIND $rows AS r CREATE (n:Person {`~id`: r.id, name: r.name, age: r.age})"


def _client_and_graph():  # type: ignore[no-untyped-def]
    import boto3

    client = boto3.client("neptune-graph", region_name="us-east-1")
    graph_id = client.create_graph(graphName="bench", provisionedMemory=16)["id"]
    client.get_waiter("graph_available").wait(graphIdentifier=graph_id, WaiterConfig={"Delay": 0.05})
    return client, graph_id


def _query(client, graph_id: str, text: str, params: dict | None = None) -> bytes:  # type: ignore[no-untyped-def]
    kwargs = {"parameters": params} if params is not None else {}
    out = client.execute_query(graphIdentifier=graph_id, queryString=text, language="OPEN_CYPHER", **kwargs)
    return out["payload"].read()


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--singles", type=int, default=10_000)
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--durable", type=int, default=1_000)
    args = parser.parse_args(argv)
    import dockyard
    from dockyard.graph import GraphStore
    from dockyard.graph.query import execute

    cases: dict[str, dict] = {}
    with dockyard.mock():
        client, graph_id = _client_and_graph()
        laps = []
        for _ in range(500):
            started = time.perf_counter()
            _query(client, graph_id, "RETURN 1 AS x")
            laps.append(time.perf_counter() - started)
        cases["boto3_return_1"] = {"median_ms": round(statistics.median(laps) * 1000, 3),
                                   "mean_ms": round(statistics.mean(laps) * 1000, 3)}  # fmt: skip
        laps = []
        for i in range(500):
            started = time.perf_counter()
            _query(client, graph_id, "RETURN $id AS x", {"id": f"p{i}", "name": f"name{i}", "age": i % 90})
            laps.append(time.perf_counter() - started)
        cases["boto3_return_parameters"] = {"median_ms": round(statistics.median(laps) * 1000, 3),
                                            "mean_ms": round(statistics.mean(laps) * 1000, 3)}  # fmt: skip

        laps = []
        started = time.perf_counter()
        for i in range(args.singles):
            lap = time.perf_counter()
            _query(client, graph_id, CREATE, {"id": f"p{i}", "name": f"name{i}", "age": i % 90})
            laps.append(time.perf_counter() - lap)
        seconds = time.perf_counter() - started
        # the median call is what the machine's noise (other processes on 2 shared cores) least disturbs
        cases["single_creates_boto3"] = {"queries": args.singles, "seconds": round(seconds, 3),
                                         "per_query_ms": round(seconds / args.singles * 1000, 3),
                                         "median_ms": round(statistics.median(laps) * 1000, 3)}  # fmt: skip

        rows = [{"id": f"u{i}", "name": f"name{i}", "age": i % 90} for i in range(args.rows)]
        started = time.perf_counter()
        _query(client, graph_id, UNWIND, {"rows": rows})
        cases["unwind_create_boto3"] = {"rows": args.rows, "seconds": round(time.perf_counter() - started, 3)}

        started = time.perf_counter()
        summary = client.get_graph_summary(graphIdentifier=graph_id)["graphSummary"]
        cases["merge_on_summary"] = {"vertices": summary["numNodes"],
                                     "seconds": round(time.perf_counter() - started, 3)}  # fmt: skip

    store = GraphStore.in_memory()
    started = time.perf_counter()
    for i in range(args.singles):
        execute(store, CREATE, {"id": f"p{i}", "name": f"name{i}", "age": i % 90})
    seconds = time.perf_counter() - started
    cases["single_creates_engine"] = {"queries": args.singles, "seconds": round(seconds, 3),
                                      "per_query_ms": round(seconds / args.singles * 1000, 3)}  # fmt: skip

    with tempfile.TemporaryDirectory(prefix="dockyard-bench-writes-") as tmp:
        durable = GraphStore.open(tmp)
        started = time.perf_counter()
        for i in range(args.durable):
            execute(durable, CREATE, {"id": f"p{i}", "name": f"name{i}", "age": i % 90})
        seconds = time.perf_counter() - started
        cases["single_creates_engine_fsync"] = {"queries": args.durable, "seconds": round(seconds, 3),
                                                "per_query_ms": round(seconds / args.durable * 1000, 3)}  # fmt: skip

    doc = {
        "cases": cases,
        "goals": {
            "10k_single_creates_under_5s_boto3": cases["single_creates_boto3"]["seconds"] < 5,
            "10k_single_creates_under_5s_engine": cases["single_creates_engine"]["seconds"] < 5,
        },
        "machine": machine_facts(),
    }
    return write_results(RESULTS, doc)


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    main()
