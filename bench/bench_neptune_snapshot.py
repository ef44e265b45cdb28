"""Benchmark of Neptune Analytics graph snapshots: 100k vertices / 1M edges, snapshot and restore.

The graph is the one ``bench_neptune_import.py`` generates (Gremlin CSV, 5 typed vertex properties,
2 per edge), imported through StartImportTask. Then, through boto3: CreateGraphSnapshot -> snapshot
AVAILABLE, and RestoreGraphFromSnapshot -> restored graph AVAILABLE (its GetGraphSummary checked).
Two cases, each in its own subprocess (in-process Dockyard, instant clock): state in memory (the
snapshot shares the graph's immutable columns) and with a data directory (the snapshot and the
restored graph are written to disk). Writes ``bench/results/neptune_snapshot.json``.

    .venv/bin/python bench/bench_neptune_snapshot.py [--edges 1000000]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

from bench.case_process import run_case_in_subprocess
from bench.results_file import RESULTS_DIR, machine_facts, write_results
from bench.sample_graph_files import N_VERTICES, write_csv_graph

RESULTS = RESULTS_DIR / "neptune_snapshot.json"
N_EDGES = 1_000_000


def _until(read, done, timeout: float = 600) -> dict:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while not done(got := read()):
        assert time.monotonic() < deadline, got
        time.sleep(0.005)
    return got


def _dir_mb(path: Path) -> float:
    return round(sum(f.stat().st_size for f in path.rglob("*") if f.is_file()) / 1e6, 1)


def run_case(data_dir: str, files: list[str]) -> dict:
    """Body of one subprocess: import, snapshot, restore; times through boto3."""
    from bench.bench_neptune_import import imported_graph

    with imported_graph("CSV", files, data_dir or None) as (client, _s3, graph_id, _got, import_seconds):
        summary = client.get_graph_summary(graphIdentifier=graph_id)["graphSummary"]

        started = time.perf_counter()
        snapshot_id = client.create_graph_snapshot(graphIdentifier=graph_id, snapshotName="bench")["id"]
        snap = _until(lambda: client.get_graph_snapshot(snapshotIdentifier=snapshot_id),
                      lambda s: s["status"] in ("AVAILABLE", "FAILED"))
        snapshot_seconds = time.perf_counter() - started
        assert snap["status"] == "AVAILABLE", snap

        started = time.perf_counter()
        restored = client.restore_graph_from_snapshot(snapshotIdentifier=snapshot_id, graphName="restored")["id"]
        graph = _until(lambda: client.get_graph(graphIdentifier=restored),
                       lambda g: g["status"] in ("AVAILABLE", "FAILED"))
        restore_seconds = time.perf_counter() - started
        assert graph["status"] == "AVAILABLE", graph
        assert client.get_graph_summary(graphIdentifier=restored)["graphSummary"] == summary
    doc = {
        "import_seconds": round(import_seconds, 3),
        "snapshot_seconds": round(snapshot_seconds, 3),
        "restore_seconds": round(restore_seconds, 3),
        "numNodes": summary["numNodes"],
        "numEdges": summary["numEdges"],
    }
    if data_dir:
        doc["snapshot_on_disk_mb"] = _dir_mb(Path(data_dir) / "graph-snapshots" / snapshot_id)
    return doc


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--vertices", type=int, default=N_VERTICES)
    parser.add_argument("--edges", type=int, default=N_EDGES)
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="dockyard-bench-snapshot-") as tmp:
        files = write_csv_graph(Path(tmp), args.vertices, args.edges)
        cases = {"memory": run_case_in_subprocess("bench_neptune_snapshot", "run_case", "", files)}
        data_dir = Path(tmp) / "data"
        data_dir.mkdir()
        cases["data_dir"] = run_case_in_subprocess("bench_neptune_snapshot", "run_case", str(data_dir), files)
    doc = {
        "graph": {"vertices": args.vertices, "edges": args.edges, "vertex_properties": 5, "edge_properties": 2},
        "cases": cases,
        "goals": {
            "memory_snapshot_and_restore_under_0_5s":
                cases["memory"]["snapshot_seconds"] + cases["memory"]["restore_seconds"] < 0.5,
            "data_dir_snapshot_faster_than_import":
                cases["data_dir"]["snapshot_seconds"] < cases["data_dir"]["import_seconds"],
        },
        "machine": machine_facts(),
    }
    return write_results(RESULTS, doc)


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    main()
