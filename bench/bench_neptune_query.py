"""Benchmark of the 20 openCypher queries of the engine evaluation, Dockyard against ladybug.

The graph is the import benchmark's (``bench_neptune_import.py``: Person vertices with 5 typed
properties, knows/likes/follows edges with 2). Dockyard imports it through StartImportTask and answers
each query through boto3's ``execute_query`` (in-process); ladybug loads the same CSV files with its
own COPY and answers the same query (``~id`` is ladybug's ``id`` key). Each query runs in order (the
writes change the graph the later queries see): a write once, a read once cold (Dockyard builds its
indices lazily on first use) and then at least ``WARM_LAPS`` times more, as many as fit in
``WARM_BUDGET_MS``; "warm" is the median of those laps, on both sides alike (five laps of a
sub-millisecond query were at the mercy of one scheduling hiccup on a shared machine).
The ratio is Dockyard's warm time through boto3 over ladybug's in its own Python API, as the goal is
stated; ``front_door_ms`` is what an ExecuteQuery of ``RETURN 1`` costs through boto3 in-process (the
floor under every Dockyard figure), and ``large_result`` times a 100k-row answer end to end. Answers
are compared. ``beyond_the_20`` times eight more read queries of shapes the general executor answers
(joins with a WHERE, variable length from a label scan, OPTIONAL MATCH over many rows, two patterns, a
WITH pipeline, DISTINCT values, grouped averages, minima and maxima), compared the same way, outside
the goal's summary. Writes ``bench/results/neptune_query.json``.

    .venv/bin/python -m bench.bench_neptune_query [--vertices 100000 --edges 1000000]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from bench.ladybug_load import copy_graph, create_schema
from bench.results_file import RESULTS_DIR, machine_facts, write_results
from bench.sample_graph_files import write_csv_graph

RESULTS = RESULTS_DIR / "neptune_query.json"
ID = "`~id`"
WARM_LAPS = 5  # at least; a fast query runs more laps, up to WARM_BUDGET_MS or MAX_WARM_LAPS
WARM_BUDGET_MS = 400
MAX_WARM_LAPS = 400
ROUNDS = 4  # warm laps are taken in this many rounds, the two engines in turn
SETTLE_S = 0.05  # a pause before each engine's cold lap (a write's only one)
FLOOR_LAPS = 30
LARGE = ("rows_100k", "MATCH (n:Person) RETURN n.name AS name, n.age AS age")

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


# beyond the 20: shapes of the general executor (joins with WHERE, variable length from a scan, OPTIONAL
# MATCH over many rows, two patterns, a WITH pipeline, DISTINCT values, grouped folds); read-only, after the 20
BEYOND: list[tuple[str, str]] = [
    ("join_filter", "MATCH (a:Person)-[:knows]->(b:Person) WHERE a.age = 33 AND b.age = 40 RETURN count(*) AS c"),
    ("join_rows", "MATCH (a:Person)-[:knows]->(b:Person) WHERE a.age = 33 AND b.age = 40 "
     "RETURN a.name AS an, b.name AS bn ORDER BY an, bn LIMIT 5"),
    ("varlen_scan", "MATCH (a:Person)-[:knows*1..2]->(b) WHERE a.age = 33 RETURN count(b) AS c"),
    ("optional_scan", "MATCH (a:Person) WHERE a.age = 33 OPTIONAL MATCH (a)-[:likes]->(b) "
     "RETURN count(a) AS ca, count(b) AS cb"),
    ("two_patterns", "MATCH (a:Person)-[:knows]->(b), (b)-[:likes]->(c) WHERE a.age = 33 RETURN count(*) AS c"),
    ("with_pipeline", "MATCH (a:Person) WITH a WHERE a.age < 10 MATCH (a)-[:follows]->(b) "
     "RETURN b.age AS age, count(*) AS c ORDER BY age LIMIT 3"),
    ("distinct_values", "MATCH (a:Person)-[:knows]->(b) WHERE a.age = 33 RETURN count(DISTINCT b.age) AS c"),
    ("folds", "MATCH (a:Person)-[r]->(b) WHERE a.age < 10 "
     "RETURN b.age AS age, avg(r.since) AS s, min(r.weight) AS lo, max(b.score) AS hi ORDER BY age LIMIT 3"),
]  # fmt: skip


def _text(query: str, key: str) -> str:
    return query.replace("{ID}", key).replace("{{", "{").replace("}}", "}")


class _Side:
    """One engine's laps of one query: the cold one, then warm laps taken in rounds."""

    def __init__(self, once: Callable[[], Any]) -> None:
        self.once, self.laps, self.answer = once, [], None

    def lap(self) -> None:
        started = time.perf_counter()
        try:
            self.answer = self.once()
        except Exception as err:
            self.answer = f"error: {err}"
        self.laps.append((time.perf_counter() - started) * 1000)

    def round(self, budget_ms: float, at_least: int, at_most: int) -> None:
        if self.laps and self.laps[0] > 10_000:
            return  # a query that took more than 10 s is not run again
        spent, done = 0.0, 0
        while done < at_most and (done < at_least or spent < budget_ms):
            self.lap()
            spent, done = spent + self.laps[-1], done + 1

    def result(self) -> dict[str, Any]:
        warm = round(statistics.median(self.laps[1:]), 3) if len(self.laps) > 1 else None
        return {"cold_ms": round(self.laps[0], 2), "warm_ms": warm, "answer": self.answer}


def _timed(is_write: bool, sides: list[_Side]) -> list[dict[str, Any]]:
    """Each side's cold lap (a write runs only that) after a pause of SETTLE_S, so that each starts
    from the same state whatever the other engine left running (ladybug's own threads after its
    write); without it Dockyard's write laps ran right behind ladybug's and the single-lap write
    figures swung by a third from run to run. Then ROUNDS rounds in which each side in turn
    takes its share of the warm laps: a spell of noise on a shared machine falls on both sides alike
    instead of on whichever engine happened to run then. Warm is the median of at least WARM_LAPS
    laps, and of as many more as fit in WARM_BUDGET_MS (MAX_WARM_LAPS at most), on both sides."""
    for side in sides:
        time.sleep(SETTLE_S)  # what the other engine's last call left running (ladybug's own threads) settles
        side.lap()
    if not is_write:
        for _ in range(ROUNDS):
            for side in sides:
                side.round(WARM_BUDGET_MS / ROUNDS, -(-WARM_LAPS // ROUNDS), MAX_WARM_LAPS // ROUNDS)
    return [side.result() for side in sides]


@contextmanager
def dockyard_asker(files: list[str]) -> Iterator[Callable[[str, dict], Any]]:
    """``ask(query, parameters)`` answering through boto3's ``execute_query`` in-process, over the
    graph of ``files`` imported with StartImportTask."""
    from bench.bench_neptune_import import imported_graph

    with imported_graph("CSV", files) as (client, _s3, graph_id, _got, _seconds):

        def ask(text: str, params: dict) -> Any:
            payload = client.execute_query(graphIdentifier=graph_id, queryString=text, language="OPEN_CYPHER",
                                           parameters=params, queryTimeoutMilliseconds=300_000)["payload"]
            return json.loads(payload.read())["results"]

        yield ask


@contextmanager
def ladybug_asker(vertices: str, edges: str) -> Iterator[Callable[[str, dict], Any] | None]:
    """``ask(query, parameters)`` answering through ladybug's Python API over the same CSV files
    loaded with its own COPY (None when ladybug is not installed)."""
    try:
        import ladybug
    except ImportError:
        yield None
        return
    with tempfile.TemporaryDirectory() as tmp:
        conn = ladybug.Connection(ladybug.Database(str(Path(tmp) / "db")))
        create_schema(conn)
        copy_graph(conn, vertices, edges)

        def ask(text: str, params: dict) -> list[dict]:
            result = conn.execute(text, params) if params else conn.execute(text)
            columns = result.get_column_names()
            rows = []
            while result.has_next():
                rows.append(dict(zip(columns, result.get_next(), strict=True)))
            return rows

        yield ask


def run_both(files: list[str]) -> tuple[dict[str, Any], dict[str, Any]]:
    """Every query's figures on each side (Dockyard, ladybug), each query timed on both in turn."""
    ours: dict[str, Any] = {}
    theirs: dict[str, Any] = {}
    with dockyard_asker(files) as ask, ladybug_asker(*files) as lady:
        floor = []
        for _ in range(FLOOR_LAPS):
            started = time.perf_counter()
            ask("RETURN 1 AS x", {})
            floor.append((time.perf_counter() - started) * 1000)
        ours["front_door_ms"] = round(statistics.median(floor), 2)
        cases = [(name, _text(query, ID), _text(query, "id"), is_write, params)
                 for name, query, is_write, params in QUERIES]
        cases.append((LARGE[0], LARGE[1], LARGE[1], False, {}))
        cases += [(name, _text(query, ID), _text(query, "id"), False, {}) for name, query in BEYOND]
        for name, mine, lady_text, is_write, params in cases:
            counted = name == LARGE[0]  # the 100k-row answer: its length, not its rows
            sides = [_Side(lambda text=mine, params=params, counted=counted: _answer(ask(text, params), counted))]
            if lady is not None:
                sides.append(
                    _Side(lambda text=lady_text, params=params, counted=counted: _answer(lady(text, params), counted))
                )
            found = _timed(is_write, sides)
            ours[name] = found[0]
            if lady is not None:
                theirs[name] = found[1]
    return ours, theirs


def _answer(rows: list[dict], counted: bool) -> Any:
    return len(rows) if counted else rows


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--vertices", type=int, default=100_000)
    parser.add_argument("--edges", type=int, default=1_000_000)
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="dockyard-bench-query-") as tmp:
        files = write_csv_graph(Path(tmp), args.vertices, args.edges)
        dockyard_side, lady = run_both(files)
    queries = _compared([name for name, *_ in QUERIES], dockyard_side, lady)
    beyond = _compared([name for name, _ in BEYOND], dockyard_side, lady)
    ratios = sorted(q["ratio_warm"] for q in queries.values() if q["ratio_warm"] is not None)
    beyond_ratios = sorted(q["ratio_warm"] for q in beyond.values() if q["ratio_warm"] is not None)
    large, lady_large = dockyard_side[LARGE[0]], lady.get(LARGE[0], {})
    doc = {
        "graph": {"vertices": args.vertices, "edges": args.edges},
        "warm_laps": {"at_least": WARM_LAPS, "budget_ms": WARM_BUDGET_MS, "at_most": MAX_WARM_LAPS,
                      "rounds": ROUNDS},
        "front_door_ms": dockyard_side["front_door_ms"],
        "queries": queries,
        "large_result": {
            "query": LARGE[1], "rows": large["answer"],
            "dockyard_cold_ms": large["cold_ms"], "dockyard_warm_ms": large["warm_ms"],
            "ladybug_cold_ms": lady_large.get("cold_ms"), "ladybug_warm_ms": lady_large.get("warm_ms"),
        },
        "summary": {
            "median_ratio_warm": round(statistics.median(ratios), 2) if ratios else None,
            "queries_at_or_below_ladybug": sum(r <= 1 for r in ratios),
        },
        "beyond_the_20": beyond,
        "beyond_summary": {
            "median_ratio_warm": round(statistics.median(beyond_ratios), 2) if beyond_ratios else None,
            "queries_at_or_below_ladybug": sum(r <= 1 for r in beyond_ratios),
            "answers_agree": all(q["dockyard_answer"] == q["ladybug_answer"] for q in beyond.values()),
        },
        "machine": machine_facts(),
    }  # fmt: skip
    return write_results(RESULTS, doc)


def _compared(names: list[str], dockyard_side: dict[str, Any], lady: dict[str, Any]) -> dict[str, Any]:
    queries = {}
    for name in names:
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
    return queries


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    main()
