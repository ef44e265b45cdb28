"""The jobs table: versioned writes, coalescing, deletes, reset, shutdown."""

from __future__ import annotations

import threading
import time
from dataclasses import replace

import pytest

from dockyard.jobs import JobControlError, JobEngine, JobNotFound
from dockyard.store import Database


def test_an_older_version_never_overwrites_a_newer_row(engine, make_kind, scope):
    job = engine.wait(engine.start(make_kind(), scope=scope).id)
    stored = engine.table.load(job.id)
    assert stored == job
    engine.table.save(replace(job, status="IMPORTING", version=job.version - 1))
    assert engine.table.load(job.id).status == "SUCCEEDED"


def test_progress_writes_are_coalesced_and_flushed(make_kind, scope):
    eng = JobEngine(Database(None), persist_interval=60.0)

    reported, go_on = threading.Event(), threading.Event()

    def body(ctx):
        for i in range(100):
            ctx.progress(i)
        ctx.phase("ANALYZING_DATA")
        go_on.wait(5.0)  # the status write (with progress 99) lands before the next progress report
        ctx.progress(55.0)
        reported.set()

    try:
        job = eng.start(make_kind(body), scope=scope, clock="manual")
        eng.advance(job.id)
        # status changes are written at once (not after persist_interval, 60 s): the write follows
        # the in-memory change just after the engine lock is released, so allow it a moment
        deadline = time.monotonic() + 5.0
        while eng.table.load(job.id).status != "ANALYZING_DATA" and time.monotonic() < deadline:
            time.sleep(0.005)
        assert eng.table.load(job.id).status == "ANALYZING_DATA"
        go_on.set()
        assert reported.wait(5.0)
        assert eng.get(job.id).progress == 55.0
        # coalesced: the table holds the progress written with the status change (99), not the later 55
        assert eng.table.load(job.id).progress == 99.0
        eng.flush()
        assert eng.table.load(job.id).progress == 55.0  # ...until flushed
        eng.advance(job.id, to="SUCCEEDED")
    finally:
        eng.shutdown()


def test_delete_finished_jobs_only(engine, make_kind, scope):
    running = engine.start(make_kind(), scope=scope, clock="manual")
    with pytest.raises(JobControlError, match="still running"):
        engine.delete(running.id)
    done = engine.wait(engine.start(make_kind(), scope=scope).id)
    engine.delete(done.id)
    with pytest.raises(JobNotFound):
        engine.get(done.id)
    assert engine.table.load(done.id) is None
    engine.advance(running.id, to="SUCCEEDED")


def test_find_checks_scope_and_kind(engine, make_kind, scope):
    from dockyard.store import Scope

    job = engine.wait(engine.start(make_kind(), scope=scope).id)
    assert engine.find(job.id, scope=scope, kind="import") == job
    assert engine.find(job.id, scope=Scope("toy", "123456789012", "eu-west-1")) is None
    assert engine.find(job.id, kind="export") is None
    assert engine.list(scope=scope, kind="import", status=["SUCCEEDED"]) == [job]
    assert engine.list(parent_id="other") == []


def test_reset_stops_jobs_and_forgets_everything(engine, make_kind, scope):
    hooks, resets = [], []
    kind = make_kind(on_failed=lambda ctx: hooks.append("failed"), on_cancelled=lambda c: hooks.append("c"))
    held = engine.start(kind, scope=scope, clock="manual")
    engine.db.put(scope, "graph", "g-1", {"id": "g-1"})
    engine.faults.add_throttle("toy", "*", 1.0)
    engine.set_default_clock("manual")
    engine.add_reset_hook(lambda: resets.append(True))
    engine.reset()
    assert engine.list() == [] and engine.table.load_all() == []
    assert engine.db.get(scope, "graph", "g-1") is None
    assert not engine.faults.should_throttle("toy", "Op")
    assert engine.clock_rules.default == "instant"
    assert hooks == [] and resets == [True]  # stopped jobs run no hooks
    with pytest.raises(JobNotFound):
        engine.advance(held.id)
    assert engine.wait(engine.start(kind, scope=scope).id).status == "SUCCEEDED"


def test_shutdown_leaves_running_jobs_as_they_are_and_refuses_new_ones(make_kind, scope):
    eng = JobEngine(Database(None), clock="manual")
    job = eng.start(make_kind(), scope=scope)
    eng.advance(job.id)
    eng.shutdown()
    eng.shutdown()  # idempotent
    assert eng.get(job.id).status == "ANALYZING_DATA"
    with pytest.raises(RuntimeError, match="shut down"):
        eng.start(make_kind(), scope=scope)


def test_custom_job_ids(engine, make_kind, scope):
    counter = iter(range(1000))
    kind = make_kind(id_factory=lambda: f"t-{next(counter):010d}")
    assert engine.start(kind, scope=scope).id == "t-0000000000"
    assert engine.start(kind, scope=scope, job_id="mine").id == "mine"
    with pytest.raises(ValueError, match="taken"):
        engine.start(kind, scope=scope, job_id="mine")


def test_a_leaked_context_cannot_change_a_finished_job(engine, make_kind, scope):
    leaked = []
    done = engine.wait(engine.start(make_kind(leaked.append), scope=scope).id)
    ctx = leaked[0]
    assert ctx.job == done  # still readable
    with pytest.raises(JobControlError, match="already ended"):
        ctx.count(rows=1)
    assert engine.get(done.id) == done
