"""Restart recovery on a file database: retry or fail, never hang."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from dockyard.jobs import JobEngine
from dockyard.store import Database

NEPTUNE_REASON = "The task was interrupted because the service restarted (Dockyard process stopped during {status})."


def _crash_during(path: Path, kind, scope, status: str, **start) -> str:
    """Run a job on a file database until ``status``, then stop the process's engine dead."""
    db = Database(path)
    eng = JobEngine(db, clock="manual")
    job = eng.start(kind, scope=scope, **start)
    if status != kind.initial_status:
        eng.advance(job.id, to=status)
    eng.shutdown(timeout=2)  # workers stop where they are: the record stays in `status`
    db.close()
    return job.id


def _restart(path: Path, *kinds) -> JobEngine:
    eng = JobEngine(Database(path), clock="instant")
    eng.register(*kinds)
    return eng


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "state" / "dockyard.sqlite3"


def test_recovery_fail_marks_failed_with_the_reason_and_runs_on_failed(db_path, make_kind, scope):
    cleaned = []

    def cleanup(ctx):
        cleaned.append((ctx.job_id, ctx.status))
        ctx.db.put(ctx.scope, "graph", "g-1", {"id": "g-1", "status": "AVAILABLE"})

    kind = make_kind(recovery="fail", interrupted_reason=NEPTUNE_REASON, on_failed=cleanup)
    job_id = _crash_during(db_path, kind, scope, "IMPORTING", parent_id="g-1")
    eng = _restart(db_path, kind)
    try:
        assert eng.get(job_id).status == "IMPORTING"  # as the previous process left it
        report = eng.recover()
        assert report.failed == [job_id] and not report.retried
        job = eng.get(job_id)
        assert job.status == "FAILED" and job.terminal
        assert job.status_reason == (
            "The task was interrupted because the service restarted (Dockyard process stopped during IMPORTING)."
        )
        assert cleaned == [(job_id, "IMPORTING")]
        assert eng.db.get(scope, "graph", "g-1") == {"id": "g-1", "status": "AVAILABLE"}
        assert eng.recover().to_dict() == {"retried": [], "failed": [], "cancelled": [], "unknownKind": []}
    finally:
        eng.shutdown()
    again = JobEngine(Database(db_path))  # the outcome was persisted
    assert again.get(job_id).status == "FAILED"
    again.shutdown()


def test_recovery_retry_reruns_with_the_next_attempt(db_path, make_kind, scope):
    attempts = []

    def body(ctx):
        attempts.append(ctx.attempt)
        ctx.phase("ANALYZING_DATA")
        ctx.phase("IMPORTING")
        ctx.count(rows=10)

    kind = make_kind(body, recovery="retry")
    job_id = _crash_during(db_path, kind, scope, "IMPORTING", input={"source": "s3://b/k"})
    eng = _restart(db_path, kind)
    try:
        assert eng.recover().retried == [job_id]
        eng.set_clock(job_id, "instant")  # it kept the manual clock it had
        job = eng.wait(job_id, timeout=5)
        assert (job.status, job.attempt) == ("SUCCEEDED", 2)
        assert dict(job.counters) == {"rows": 10}  # counted once, in the second attempt
        assert job.input["source"] == "s3://b/k"
        assert attempts == [1, 2]
    finally:
        eng.shutdown()


def test_retry_gives_up_after_max_attempts(db_path, make_kind, scope):
    kind = make_kind(recovery="retry", max_attempts=2)
    job_id = _crash_during(db_path, kind, scope, "ANALYZING_DATA")
    eng = _restart(db_path, kind)
    assert eng.recover().retried == [job_id]
    eng.wait(job_id, status="INITIALIZING")
    eng.shutdown()  # crash again during the second attempt
    eng.db.close()
    eng = _restart(db_path, kind)
    try:
        assert eng.recover().failed == [job_id]
        job = eng.get(job_id)
        assert job.status == "FAILED" and job.attempt == 2
        assert "Dockyard process stopped during" in job.status_reason
    finally:
        eng.shutdown()


def test_a_job_cancelling_at_the_crash_ends_cancelled(db_path, make_kind, scope):
    hooks = []
    kind = make_kind(recovery="retry", on_cancelled=lambda ctx: hooks.append(ctx.status))
    db = Database(db_path)
    eng = JobEngine(db, clock="manual")
    job = eng.start(kind, scope=scope)
    eng.cancel(job.id)
    eng.shutdown()
    db.close()
    eng = _restart(db_path, kind)
    try:
        assert eng.recover().cancelled == [job.id]
        assert eng.get(job.id).status == "CANCELLED"
        assert hooks == ["CANCELLING"]
    finally:
        eng.shutdown()


def test_a_job_rolling_back_at_the_crash_keeps_its_reason(db_path, make_kind, scope):
    kind = make_kind(recovery="retry")
    db = Database(db_path)
    eng = JobEngine(db, clock="manual")
    job = eng.start(kind, scope=scope)
    eng.fail(job.id, "Bad header")
    eng.wait(job.id, status="ROLLING_BACK")
    eng.shutdown()
    db.close()
    eng = _restart(db_path, kind)
    try:
        assert eng.recover().failed == [job.id]
        assert (eng.get(job.id).status, eng.get(job.id).status_reason) == ("FAILED", "Bad header")
    finally:
        eng.shutdown()


def test_hard_crash_without_shutdown_and_unknown_kinds(db_path, make_kind, scope):
    """The first engine is never shut down (as if the process were killed); a second process opens
    the same file. Jobs of kinds nobody registered are reported and left alone."""
    kind = make_kind(recovery="fail")
    orphan_kind = make_kind(name="export")
    first = JobEngine(Database(db_path), clock="manual")
    job = first.start(kind, scope=scope)
    first.advance(job.id)
    orphan = first.start(orphan_kind, scope=scope)
    finished = first.start(kind, scope=scope, clock="instant")
    first.wait(finished.id)
    deadline = time.monotonic() + 5
    while first.table.load(finished.id).status != "SUCCEEDED":  # the write lands after the lock
        assert time.monotonic() < deadline
        time.sleep(0.001)
    second = _restart(db_path, kind)
    try:
        report = second.recover()
        assert report.failed == [job.id]
        assert report.unknown_kind == [orphan.id]
        assert second.get(orphan.id).status == "INITIALIZING"
        assert second.get(finished.id).status == "SUCCEEDED"
        assert "during ANALYZING_DATA" in second.get(job.id).status_reason
    finally:
        first.shutdown()  # its late writes are older versions: they cannot undo the recovery
        assert second.table.load(job.id).status == "FAILED"
        second.shutdown()


def test_records_survive_a_restart_field_for_field(db_path, make_kind, scope):
    db = Database(db_path)
    eng = JobEngine(db)
    job = eng.wait(eng.start(make_kind(), scope=scope, input={"a": [1, 2]}, details={"name": "n"}).id)
    eng.shutdown()
    db.close()
    again = JobEngine(Database(db_path))
    try:
        assert again.get(job.id) == job
    finally:
        again.shutdown()
