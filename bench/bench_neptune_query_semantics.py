"""Benchmark of the openCypher semantic pass: what analysing a query adds to parsing it.

For the 20 queries of ``bench_neptune_query.py`` and a few longer ones, the median time of ``parse``
(lexer, grammar and the semantic pass, what ExecuteQuery pays on a plan-cache miss) and of the
semantic pass alone (``semantics.analyse`` over the parsed tree): medians over the 20, each of the
longer ones. A plan-cache hit pays neither.
Writes ``bench/results/neptune_query_semantics.json``.

    .venv/bin/python bench/bench_neptune_query_semantics.py [--repeat 200]
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable

from bench.bench_neptune_query import QUERIES
from bench.results_file import RESULTS_DIR, machine_facts, write_results
from dockyard.graph.query import parse
from dockyard.graph.query.semantics import analyse

RESULTS = RESULTS_DIR / "neptune_query_semantics.json"
LONGER = [
    "MATCH (a:Person)-[r:knows]->(b:Person)-[:likes]->(c) WHERE a.age > $min AND NOT (c)-->(a) "
    "WITH a, b, count(c) AS n, collect(DISTINCT c.name) AS names ORDER BY n DESC LIMIT 10 "
    "UNWIND names AS name RETURN a.name AS a, b.name AS b, name, n, [x IN names WHERE x STARTS WITH 'A' | "
    "toUpper(x)] AS upper, CASE WHEN n > 3 THEN 'many' ELSE 'few' END AS size ORDER BY a, b SKIP 1 LIMIT 100",
    "UNWIND $rows AS row MERGE (p:Person {`~id`: row.id}) ON CREATE SET p.name = row.name, p.age = row.age "
    "ON MATCH SET p.seen = true WITH p, row MATCH (q:Person {`~id`: row.friend}) MERGE (p)-[k:knows]->(q) "
    "SET k.since = row.since RETURN count(k) AS c",
]


def _median_ms(fn: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return round(statistics.median(times) * 1000, 4)


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=200)
    args = parser.parse_args(argv)
    texts = [(name, q.replace("{ID}", "`~id`").replace("{{", "{").replace("}}", "}")) for name, q, *_ in QUERIES]
    texts += [(f"longer_{i}", q) for i, q in enumerate(LONGER, 1)]
    cases = []
    for name, text in texts:
        tree = parse(text)
        parse_ms = _median_ms(lambda text=text: parse(text), args.repeat)
        analyse_ms = _median_ms(lambda tree=tree: analyse(tree), args.repeat)
        cases.append({"case": name, "parse_ms": parse_ms, "analyse_ms": analyse_ms})
    benchmark = cases[: len(QUERIES)]
    doc = {
        "benchmark": "neptune_query_semantics",
        "machine": machine_facts(),
        "repeat": args.repeat,
        "queries_20": {
            "median_parse_ms": round(statistics.median(c["parse_ms"] for c in benchmark), 4),
            "median_analyse_ms": round(statistics.median(c["analyse_ms"] for c in benchmark), 4),
            "max_analyse_ms": max(c["analyse_ms"] for c in benchmark),
        },
        "cases": cases[len(QUERIES) :],
    }
    return write_results(RESULTS, doc)


if __name__ == "__main__":
    main()
