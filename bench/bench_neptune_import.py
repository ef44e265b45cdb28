"""Benchmark of the Neptune Analytics import pipeline (run_import) on generated data.

Cases: Gremlin CSV with 100k vertices (5 typed properties) and 100k / 1M (/ 5M with ``--big``)
edges (2 properties each), and N-Triples with 1M triples. Each case runs in its own subprocess so
its peak RSS (``ru_maxrss``) is its own. Prints a table and writes ``bench/results/neptune_import.json``.

    .venv/bin/python bench/bench_neptune_import.py [--big] [--keep DIR]
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import platform
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from bench.case_process import run_case_in_subprocess
from bench.ladybug_load import EDGE_LABELS, copy_graph, create_schema
from bench.results_file import RESULTS_DIR, write_results
from bench.sample_graph_files import N_VERTICES, write_edges, write_ntriples, write_vertices

RESULTS = RESULTS_DIR / "neptune_import.json"


def run_case(fmt: str, files: list[str]) -> dict:
    """Body of one subprocess: import ``files`` into an in-memory store; time and peak RSS."""
    import resource

    from dockyard.graph import GraphStore
    from dockyard.services.neptune_graph.resources.import_pipeline import SourceFile, run_import

    sources = [SourceFile.from_path(f) for f in files]
    store = GraphStore.in_memory()
    started = time.perf_counter()
    result = run_import(sources, fmt, store, fail_on_error=True)
    elapsed = time.perf_counter() - started
    return {
        "seconds": round(elapsed, 3),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "input_mb": round(sum(s.byte_size for s in sources) / 1e6, 1),
        "statementCount": result.statementCount,
        "dictionaryEntryCount": result.dictionaryEntryCount,
        "vertices": store.num_vertices,
        "edges": store.num_edges,
    }


@contextmanager
def imported_graph(
    fmt: str, files: list[str], data_dir: str | None = None
) -> Iterator[tuple[Any, Any, str, dict, float]]:
    """In-process Dockyard (persistent under ``data_dir`` if given) with ``files`` in the embedded S3,
    imported through StartImportTask; yields (neptune-graph client, s3 client, graph id, GetImportTask,
    seconds from the start to SUCCEEDED)."""
    import os

    import boto3

    import dockyard

    os.environ.update({"AWS_ACCESS_KEY_ID": "bench", "AWS_SECRET_ACCESS_KEY": "bench"})
    with dockyard.mock(data_dir=data_dir):
        s3 = boto3.client("s3", region_name="us-east-1")
        s3.create_bucket(Bucket="bench")
        for f in files:
            s3.upload_file(f, "bench", f"data/{Path(f).name}")
        client = boto3.client("neptune-graph", region_name="us-east-1")
        graph_id = client.create_graph(graphName="bench", provisionedMemory=16)["id"]
        client.get_waiter("graph_available").wait(graphIdentifier=graph_id, WaiterConfig={"Delay": 1})
        started = time.perf_counter()
        task = client.start_import_task(graphIdentifier=graph_id, source="s3://bench/data/", format=fmt,
                                        roleArn="arn:aws:iam::123456789012:role/bench")
        while (got := client.get_import_task(taskIdentifier=task["taskId"]))["status"] not in ("SUCCEEDED", "FAILED"):
            time.sleep(0.01)
        elapsed = time.perf_counter() - started
        assert got["status"] == "SUCCEEDED", got
        yield client, s3, graph_id, got, elapsed


def run_api_case(fmt: str, files: list[str]) -> dict:
    """Body of one subprocess: what a user measures, StartImportTask -> SUCCEEDED through boto3
    (in-process Dockyard, the files already in the embedded S3)."""
    import resource

    with imported_graph(fmt, files) as (_client, _s3, _graph_id, got, elapsed):
        pass
    return {
        "seconds": round(elapsed, 3),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "statementCount": got["importTaskDetails"]["statementCount"],
    }


def run_ladybug_case(vertices: str, edges: str) -> dict:
    """Body of one subprocess: ladybug's own COPY of the same Neptune CSV files (the fastest embedded
    engine measured in shared/docs/graph-engine-evaluation.md), when ladybug is installed."""
    import resource
    import tempfile

    import ladybug

    with tempfile.TemporaryDirectory() as tmp:
        conn = ladybug.Connection(ladybug.Database(str(Path(tmp) / "db")))
        create_schema(conn)
        started = time.perf_counter()
        copy_graph(conn, vertices, edges)
        elapsed = time.perf_counter() - started
        n_edges = sum(conn.execute(f"MATCH ()-[r:{label}]->() RETURN count(r)").get_next()[0]
                      for label in EDGE_LABELS)
    return {
        "seconds": round(elapsed, 3),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "edges": n_edges,
    }


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--big", action="store_true", help="also run 5M edges")
    parser.add_argument("--keep", type=Path, help="generate into this directory and keep it")
    args = parser.parse_args(argv)
    edge_sizes = [100_000, 1_000_000] + ([5_000_000] if args.big else [])
    with tempfile.TemporaryDirectory(prefix="dockyard-bench-") as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        vertices = folder / "vertices.csv"
        write_vertices(vertices, N_VERTICES)
        cases = []
        for n in edge_sizes:
            edges = folder / f"edges_{n}.csv"
            write_edges(edges, n, N_VERTICES)
            files = [str(vertices), str(edges)]
            result = run_case_in_subprocess("bench_neptune_import", "run_case", "CSV", files)
            cases.append({"case": f"CSV 100k vertices + {n // 1000}k edges", **result})
            print(json.dumps(cases[-1]), flush=True)
            if n == 1_000_000:
                api = run_case_in_subprocess("bench_neptune_import", "run_api_case", "CSV", files)
                cases.append({"case": "StartImportTask -> SUCCEEDED, CSV 100k + 1000k (boto3, in-process)", **api})
                print(json.dumps(cases[-1]), flush=True)
                if importlib.util.find_spec("ladybug") is not None:
                    lady = run_case_in_subprocess("bench_neptune_import", "run_ladybug_case", str(vertices), str(edges))
                    cases.append({"case": "ladybug COPY of the same files", **lady})
                    print(json.dumps(cases[-1]), flush=True)
            edges.unlink()
        nt = folder / "triples.nt"
        write_ntriples(nt, 1_000_000)
        triples = run_case_in_subprocess("bench_neptune_import", "run_case", "NTRIPLES", [str(nt)])
        cases.append({"case": "NTRIPLES 1M triples", **triples})
        print(json.dumps(cases[-1]), flush=True)
    report = {"machine": {"python": platform.python_version(), "cpus": __import__("os").cpu_count()}, "cases": cases}
    write_results(RESULTS, report)
    print(f"{'case':40} {'seconds':>8} {'peak MB':>8} {'input MB':>9}")
    for c in cases:
        print(f"{c['case']:40} {c['seconds']:8.2f} {c['peak_rss_mb']:8.0f} {c.get('input_mb', 0):9.1f}")
    return report


if __name__ == "__main__":
    main()
