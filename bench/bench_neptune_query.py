"""Benchmark of the 20 openCypher queries of the engine evaluation, Dockyard against ladybug.

The graph is the import benchmark's (``bench_neptune_import.py``: Person vertices with 5 typed
properties, knows/likes/follows edges with 2). Dockyard imports it through StartImportTask and answers
each query through boto3's ``execute_query`` (in-process); ladybug loads the same CSV files with its
own COPY and answers the same query (``~id`` is ladybug's ``id`` key). Each query runs once in order
(the writes change the graph the later queries see); read queries run a second time ("warm": Dockyard
builds its row-level indices lazily on first use). Answers are compared. Writes
``bench/results/neptune_query.json``.

    .venv/bin/python bench/bench_neptune_query.py [--vertices 100000 --edges 1000000]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.results_file import RESULTS_DIR, machine_facts, write_results
from bench.sample_graph_files import write_csv_graph

RESULTS = RESULTS_DIR / "neptune_query.json"
ID = "`~id`"

# name, query with {ID} for the vertex key, is_write, parameters
QUERIES: list[tuple[str, str, bool, dict]] = [
    ("count", "MATCH (n) RETURN count(n) AS c", False, {}),
    ("match_prop", "MATCH (n:Person {name: 'name 4242'}) RETURN count(n) AS c", False, {}),
    ("match_where", "MATCH (n:Person) WHERE n.age = 33 RETURN count(*) AS c", False, {}),
    ("two_hop", "MATCH (a:Person {{{ID}: 'v1'}})-[:knows]->(b)-[:knows]->(c) RETURN count(DISTINCT c) AS c",
     False, {}),
    ("agg_order", "MATCH (a:Person)-[r]->() RETURN a.name AS n, count(r) AS c ORDER BY c DESC, n LIMIT 5",
     False, {}),
    ("agg_group", "MATCH (n:Person) RETURN n.age AS age, count(*) AS c ORDER BY age LIMIT 5", False, {}),
    ("optional", "MATCH (a:Person {{{ID}: 'v1'}}) OPTIONAL MATCH (a)-[:knows]->(b) WHERE b.age > 50 "
     "RETURN count(b) AS c", False, {}),
    ("optional_none", "MATCH (a:Person {{{ID}: 'v1'}}) OPTIONAL MATCH (a)-[:knows]->(b:Person {{name: 'nobody'}}) "
     "RETURN b.name AS b", False, {}),
    ("unwind", "UNWIND ['v1', 'v2', 'v3'] AS i MATCH (n:Person {{{ID}: i}}) RETURN n.name AS name ORDER BY name",
     False, {}),
    ("by_id_prop", "MATCH (n:Person {{{ID}: 'v1'}}) RETURN n.name AS n", False, {}),
    ("create_node", "CREATE (:Person {{{ID}: 'new1', name: 'x', age: 1}})", True, {}),
    ("match_create_rel", "MATCH (a:Person {{{ID}: 'v1'}}), (b:Person {{{ID}: 'new1'}}) "
     "CREATE (a)-[:knows {{weight: 1.0, since: 2020}}]->(b)", True, {}),
    ("merge_create", "MERGE (n:Person {{{ID}: 'new2'}}) ON CREATE SET n.name = 'm'", True, {}),
    ("merge_match", "MERGE (n:Person {{{ID}: 'new2'}}) ON MATCH SET n.age = 5", True, {}),
    ("set_two", "MATCH (n:Person {{{ID}: 'v2'}}) SET n.age = 1, n.score = 2.0", True, {}),
    ("detach_delete", "MATCH (n:Person {{{ID}: 'new1'}}) DETACH DELETE n", True, {}),
    ("count_after_writes", "MATCH (n:Person) RETURN count(n) AS c", False, {}),
    ("param", "MATCH (n:Person) WHERE n.age = $age RETURN count(n) AS c", False, {"age": 33}),
    ("var_length", "MATCH (a:Person {{{ID}: 'v1'}})-[:knows*1..2]->(b) RETURN count(b) AS c", False, {}),
    ("with_collect", "MATCH (a:Person {{{ID}: 'v1'}})-[:knows]->(b) WITH a, collect(b) AS bs RETURN size(bs) AS c",
     False, {}),
]  # fmt: skip


def _text(query: str, key: str) -> str:
    return query.replace("{ID}", key).replace("{{", "{").replace("}}", "}")


def run_dockyard(files: list[str]) -> dict[str, Any]:
    from bench.bench_neptune_import import imported_graph

    out: dict[str, Any] = {}
    with imported_graph("CSV", files) as (client, _s3, graph_id, _got, _seconds):
        for name, query, is_write, params in QUERIES:
            text = _text(query, ID)
            laps, answer = [], None
            for _ in range(1 if is_write else 2):
                if laps and laps[0] > 10_000:
                    break  # a query that took more than 10 s is not run a second time
                started = time.perf_counter()
                try:
                    payload = client.execute_query(graphIdentifier=graph_id, queryString=text, language="OPEN_CYPHER",
                                                   parameters=params, queryTimeoutMilliseconds=300_000)["payload"]
                    answer = json.loads(payload.read())["results"]
                except Exception as err:
                    answer = f"error: {err}"
                laps.append(round((time.perf_counter() - started) * 1000, 1))
            out[name] = {"cold_ms": laps[0], "warm_ms": laps[-1] if len(laps) > 1 else None, "answer": answer}
    return out


def run_ladybug(vertices: str, edges: str) -> dict[str, Any]:
    import ladybug

    out: dict[str, Any] = {}
    with tempfile.TemporaryDirectory() as tmp:
        conn = ladybug.Connection(ladybug.Database(str(Path(tmp) / "db")))
        conn.execute("CREATE NODE TABLE Person(id STRING, name STRING, age INT32, score DOUBLE, active BOOL, "
                     "joined DATE, PRIMARY KEY(id))")
        for label in ("knows", "likes", "follows"):
            conn.execute(f"CREATE REL TABLE {label}(FROM Person TO Person, weight DOUBLE, since INT32)")
        conn.execute(f"COPY Person FROM (LOAD FROM '{vertices}' (header=true) RETURN `~id`, name, "
                     "age, score, active, joined)")
        for label in ("knows", "likes", "follows"):
            conn.execute(f"COPY {label} FROM (LOAD FROM '{edges}' (header=true) WHERE `~label` = '{label}' "
                         "RETURN `~from`, `~to`, weight, since)")
        for name, query, is_write, params in QUERIES:
            text = _text(query, "id")
            laps, answer = [], None
            for _ in range(1 if is_write else 2):
                started = time.perf_counter()
                try:
                    result = conn.execute(text, params) if params else conn.execute(text)
                    columns = result.get_column_names()
                    rows = []
                    while result.has_next():
                        rows.append(dict(zip(columns, result.get_next(), strict=True)))
                    answer = rows
                except Exception as err:
                    answer = f"error: {err}"
                laps.append(round((time.perf_counter() - started) * 1000, 1))
            out[name] = {"cold_ms": laps[0], "warm_ms": laps[-1] if len(laps) > 1 else None, "answer": answer}
    return out


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--vertices", type=int, default=100_000)
    parser.add_argument("--edges", type=int, default=1_000_000)
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="dockyard-bench-query-") as tmp:
        files = write_csv_graph(Path(tmp), args.vertices, args.edges)
        dockyard_side = run_dockyard(files)
        try:
            lady = run_ladybug(*files)
        except ImportError:
            lady = {}
    queries = {}
    for name, *_ in QUERIES:
        ours, theirs = dockyard_side[name], lady.get(name, {})
        ours_ms = ours["warm_ms"] or ours["cold_ms"]
        theirs_ms = theirs.get("warm_ms") or theirs.get("cold_ms")
        queries[name] = {
            "dockyard_cold_ms": ours["cold_ms"], "dockyard_warm_ms": ours["warm_ms"],
            "ladybug_cold_ms": theirs.get("cold_ms"), "ladybug_warm_ms": theirs.get("warm_ms"),
            "ratio_warm": round(ours_ms / theirs_ms, 2) if theirs_ms else None,
            "dockyard_answer": json.dumps(ours["answer"], default=str)[:200],
            "ladybug_answer": json.dumps(theirs.get("answer"), default=str)[:200],
        }  # fmt: skip
    ratios = sorted(q["ratio_warm"] for q in queries.values() if q["ratio_warm"] is not None)
    doc = {
        "graph": {"vertices": args.vertices, "edges": args.edges},
        "queries": queries,
        "summary": {
            "median_ratio_warm": ratios[len(ratios) // 2] if ratios else None,
            "queries_at_or_below_ladybug": sum(r <= 1 for r in ratios),
        },
        "machine": machine_facts(),
    }
    return write_results(RESULTS, doc)


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    main()
