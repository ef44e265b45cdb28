"""Job engine benchmark: engine overhead per job, burst throughput, and ``get()`` reads per second.

Run: ``.venv/bin/python bench/bench_jobs.py [--jobs 2000] [--seconds 2]``; writes
``bench/results/jobs_engine.json``.

* latency: start() of a job with an empty body (instant clock, Neptune-like vocabulary of four
  statuses) until its record is terminal, one job at a time — the engine's own overhead;
* burst: N jobs started back to back, until all are terminal;
* reads: ``engine.get(job_id)`` from 8 threads at once for a few seconds.
"""

from __future__ import annotations

import argparse
import json
import platform
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

from dockyard.jobs import JobEngine, JobKind
from dockyard.store import Database, Scope

RESULTS = Path(__file__).resolve().parent / "results" / "jobs_engine.json"
SCOPE = Scope("bench", "123456789012", "us-east-1")
KIND = JobKind(
    service="bench",
    name="import",
    body=lambda ctx: None,
    initial_status="INITIALIZING",
    phases=("ANALYZING_DATA", "IMPORTING", "SUCCEEDED"),
    failed_status="FAILED",
    rollback_status="ROLLING_BACK",
    cancelling_status="CANCELLING",
    cancelled_status="CANCELLED",
)


def _percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def bench_latency(engine: JobEngine, jobs: int) -> dict[str, float]:
    """Milliseconds from start() to a terminal record, one job at a time."""
    for _ in range(50):  # warm up (threads, caches)
        engine.wait(engine.start(KIND, scope=SCOPE).id)
    samples = []
    for _ in range(jobs):
        began = time.perf_counter()
        job = engine.start(KIND, scope=SCOPE)
        done = engine.wait(job.id)
        samples.append((time.perf_counter() - began) * 1000)
        assert done.status == "SUCCEEDED"
    return {
        "jobs": jobs,
        "mean_ms": round(statistics.fmean(samples), 4),
        "p50_ms": round(_percentile(samples, 0.50), 4),
        "p95_ms": round(_percentile(samples, 0.95), 4),
        "p99_ms": round(_percentile(samples, 0.99), 4),
        "max_ms": round(max(samples), 4),
    }


def bench_burst(engine: JobEngine, jobs: int) -> dict[str, float]:
    """Start ``jobs`` jobs back to back; seconds until every one is terminal."""
    began = time.perf_counter()
    ids = [engine.start(KIND, scope=SCOPE).id for _ in range(jobs)]
    for job_id in ids:
        engine.wait(job_id, timeout=60)
    elapsed = time.perf_counter() - began
    return {"jobs": jobs, "seconds": round(elapsed, 4), "jobs_per_second": round(jobs / elapsed, 1)}


def bench_reads(engine: JobEngine, threads: int, seconds: float) -> dict[str, float]:
    """``get()`` calls per second, all threads together."""
    ids = [engine.wait(engine.start(KIND, scope=SCOPE).id).id for _ in range(100)]
    counts = [0] * threads
    stop = threading.Event()
    barrier = threading.Barrier(threads + 1)

    def reader(n: int) -> None:
        barrier.wait()
        local = 0
        get = engine.get
        while not stop.is_set():
            for job_id in ids:
                get(job_id)
            local += len(ids)
        counts[n] = local

    workers = [threading.Thread(target=reader, args=(n,)) for n in range(threads)]
    for worker in workers:
        worker.start()
    barrier.wait()
    began = time.perf_counter()
    time.sleep(seconds)
    stop.set()
    for worker in workers:
        worker.join()
    elapsed = time.perf_counter() - began
    return {"threads": threads, "seconds": round(elapsed, 3), "reads_per_second": round(sum(counts) / elapsed)}


def run(jobs: int = 2000, seconds: float = 2.0) -> dict[str, Any]:
    results: dict[str, Any] = {
        "python": sys.version.split()[0],
        "machine": platform.machine(),
        "platform": platform.platform(),
    }
    with tempfile.TemporaryDirectory() as tmp:
        for label, path in (("memory_db", None), ("file_db", Path(tmp) / "bench.sqlite3")):
            engine = JobEngine(Database(path), clock="instant")
            try:
                results[label] = {
                    "latency": bench_latency(engine, jobs),
                    "burst": bench_burst(engine, jobs),
                    "reads": bench_reads(engine, 8, seconds),
                }
            finally:
                engine.shutdown()
                engine.db.close()
    results["goal"] = {"latency_mean_ms_below": 5.0}
    results["goal_met"] = all(results[k]["latency"]["mean_ms"] < 5.0 for k in ("memory_db", "file_db"))
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int, default=2000)
    parser.add_argument("--seconds", type=float, default=2.0)
    args = parser.parse_args(argv)
    results = run(args.jobs, args.seconds)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=2) + "\n")
    print(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
