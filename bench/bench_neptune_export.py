"""Benchmark of Neptune Analytics export tasks: 100k vertices / 1M edges to CSV and to Parquet.

The graph is the one ``bench_neptune_import.py`` generates (Gremlin CSV, 5 typed vertex properties,
2 per edge). Each format runs in its own subprocess (in-process Dockyard, embedded S3): the files
are put in S3, StartImportTask -> SUCCEEDED is timed (the import of the same graph), then
StartExportTask -> SUCCEEDED. Peak RSS is the subprocess's ``ru_maxrss`` (it includes the import;
``rss_before_export_mb`` is the resident size when the export starts). Writes
``bench/results/neptune_export.json``.

    .venv/bin/python bench/bench_neptune_export.py [--edges 1000000]
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

RESULTS = RESULTS_DIR / "neptune_export.json"
N_EDGES = 1_000_000
ROLE = "arn:aws:iam::123456789012:role/bench"
KMS = "arn:aws:kms:us-east-1:123456789012:key/12345678-1234-1234-1234-123456789012"


def _rss_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                return round(int(line.split()[1]) / 1024, 1)
    return 0.0


def _wait(get, task_id: str) -> dict:  # type: ignore[no-untyped-def]
    while (got := get(taskIdentifier=task_id))["status"] not in ("SUCCEEDED", "FAILED", "CANCELLED"):
        time.sleep(0.01)
    assert got["status"] == "SUCCEEDED", got
    return got


def run_case(fmt: str, files: list[str]) -> dict:
    """Body of one subprocess: import the files, then export the graph as ``fmt``; times and RSS."""
    import resource

    from bench.bench_neptune_import import imported_graph

    with imported_graph("CSV", files) as (client, s3, graph_id, _import, import_seconds):
        rss_before = _rss_mb()
        started = time.perf_counter()
        task = client.start_export_task(graphIdentifier=graph_id, roleArn=ROLE, format=fmt,
                                        destination="s3://bench/out/", kmsKeyIdentifier=KMS)
        got = _wait(client.get_export_task, task["taskId"])
        export_seconds = time.perf_counter() - started
        objects = s3.list_objects_v2(Bucket="bench", Prefix=f"out/{task['taskId']}/")["Contents"]
    return {
        "import_seconds": round(import_seconds, 3),
        "export_seconds": round(export_seconds, 3),
        "export_to_import_ratio": round(export_seconds / import_seconds, 3),
        "rss_before_export_mb": rss_before,
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "files": len(objects),
        "output_mb": round(sum(o["Size"] for o in objects) / 1e6, 1),
        "numVerticesWritten": got["exportTaskDetails"]["numVerticesWritten"],
        "numEdgesWritten": got["exportTaskDetails"]["numEdgesWritten"],
    }


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--vertices", type=int, default=N_VERTICES)
    parser.add_argument("--edges", type=int, default=N_EDGES)
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="dockyard-bench-export-") as tmp:
        files = write_csv_graph(Path(tmp), args.vertices, args.edges)
        cases = {fmt.lower(): run_case_in_subprocess("bench_neptune_export", "run_case", fmt, files)
                 for fmt in ("CSV", "PARQUET")}
    doc = {
        "graph": {"vertices": args.vertices, "edges": args.edges,
                  "vertex_properties": 5, "edge_properties": 2},
        "cases": cases,
        "goals": {
            "csv_export_within_1_5x_import": cases["csv"]["export_seconds"] <= 1.5 * cases["csv"]["import_seconds"],
            "parquet_faster_than_csv": cases["parquet"]["export_seconds"] < cases["csv"]["export_seconds"],
        },
        "machine": machine_facts(),
    }
    return write_results(RESULTS, doc)


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    main()
