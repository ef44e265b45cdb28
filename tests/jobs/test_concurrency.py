"""Many threads starting, polling and controlling jobs at once: no error, no lost update, no hang."""

from __future__ import annotations

import random
import threading
import time
from pathlib import Path

from dockyard.jobs import JobControlError, JobEngine
from dockyard.store import Database, Scope

THREADS = 32
RUN_SECONDS = 3.0
ROWS = 20


def test_32_threads_start_and_poll_jobs(tmp_path: Path, make_kind):
    def body(ctx):
        ctx.phase("ANALYZING_DATA")
        for i in range(ROWS):
            ctx.count(rows=1)
            ctx.progress(i * 100 / ROWS)
        ctx.phase("IMPORTING")
        ctx.details(done=True)

    kind = make_kind(body)
    engine = JobEngine(Database(tmp_path / "jobs.sqlite3"), clock="instant", max_workers=16)
    errors: list[BaseException] = []
    finished: dict[str, object] = {}
    started = [0] * THREADS
    deadline = time.monotonic() + RUN_SECONDS

    def client(n: int) -> None:
        rnd = random.Random(n)
        try:
            while time.monotonic() < deadline:
                scope = Scope("toy", "123456789012", rnd.choice(["us-east-1", "eu-west-1"]))
                job = engine.start(kind, scope=scope, parent_id=f"p-{n}", clock=rnd.choice(["instant", "manual"]))
                started[n] += 1
                roll = rnd.random()
                if job.clock == "manual":
                    if roll < 0.5:
                        engine.advance(job.id, to="SUCCEEDED")
                    else:
                        engine.advance(job.id)
                        engine.cancel(job.id)
                        engine.advance(job.id)
                elif roll < 0.2:
                    try:
                        engine.cancel(job.id)
                    except JobControlError:
                        pass  # it finished (or was completing) first
                poll_until = time.monotonic() + 10
                while True:
                    record = engine.get(job.id)
                    if record.terminal:
                        break
                    assert time.monotonic() < poll_until, f"{job.id} hangs in {record.status}"
                    time.sleep(0.0005)
                finished[job.id] = record
        except BaseException as exc:  # collected for the main thread
            errors.append(exc)

    threads = [threading.Thread(target=client, args=(n,)) for n in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(RUN_SECONDS + 20)
    try:
        assert not errors, errors[:3]
        assert not any(t.is_alive() for t in threads)
        assert len(finished) == sum(started) > THREADS
        statuses = {r.status for r in finished.values()}
        assert statuses <= {"SUCCEEDED", "CANCELLED"}
        assert "SUCCEEDED" in statuses and "CANCELLED" in statuses
        for record in finished.values():
            if record.status == "SUCCEEDED":
                assert record.counters["rows"] == ROWS  # no lost update
                assert record.details["done"] is True and record.progress == 100.0
        assert all(r.terminal for r in engine.list())
        engine.flush()
        stored = {r.id: (r.status, r.version) for r in engine.table.load_all()}
        cached = {r.id: (r.status, r.version) for r in engine.list()}
        assert stored == cached  # what SQLite holds is the newest state of every job
    finally:
        engine.shutdown()


def test_reads_never_wait_for_a_database_transaction(engine, make_kind, scope):
    job = engine.wait(engine.start(make_kind(), scope=scope).id)
    entered, release = threading.Event(), threading.Event()

    def long_import():
        with engine.db.transaction():
            entered.set()
            release.wait(5)

    holder = threading.Thread(target=long_import)
    holder.start()
    entered.wait(5)
    try:
        began = time.perf_counter()
        for _ in range(100):
            assert engine.get(job.id).status == "SUCCEEDED"
        assert engine.list(service="toy")
        assert time.perf_counter() - began < 0.1
    finally:
        release.set()
        holder.join()


def test_concurrent_counting_from_body_and_details_from_outside(engine, make_kind, scope):
    """Updates from the body and from the service thread interleave without losing any."""

    def body(ctx):
        for i in range(500):
            ctx.count(rows=1)
            ctx.progress(i / 5)  # a checkpoint: waits while paused
        ctx.phase("ANALYZING_DATA")

    job = engine.start(make_kind(body), scope=scope, clock="manual")
    for i in range(200):
        engine.pause(job.id)
        engine.resume(job.id)
        if i % 50 == 0:
            engine.set_clock(job.id, "manual")
    engine.advance(job.id, wait=False)
    record = engine.wait(job.id, status="ANALYZING_DATA", timeout=5)
    assert record.counters["rows"] == 500
    engine.advance(job.id, to="SUCCEEDED")
