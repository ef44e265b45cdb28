"""Failures: from the body, from the control plane, through rollback, with hooks."""

from __future__ import annotations

import time

import pytest

from dockyard.jobs import JobControlError, JobEngine
from dockyard.protocol.errors import AwsError
from dockyard.store import Database


def test_an_exception_fails_the_job_through_rollback_and_runs_on_failed(engine, make_kind, scope):
    hooks = []

    def body(ctx):
        ctx.phase("ANALYZING_DATA")
        raise ValueError("Malformed CSV header in s3://bucket/nodes.csv")

    kind = make_kind(body, on_failed=lambda ctx: hooks.append(ctx.status))
    job = engine.start(kind, scope=scope, clock="manual")
    engine.advance(job.id)
    assert engine.wait(job.id, status="ROLLING_BACK", timeout=2).status == "ROLLING_BACK"
    time.sleep(0.05)
    assert engine.get(job.id).status == "ROLLING_BACK"  # manual: held while rolling back
    done = engine.advance(job.id)
    assert done.status == "FAILED"
    assert done.status_reason == "Malformed CSV header in s3://bucket/nodes.csv"
    assert hooks == ["ROLLING_BACK"]


@pytest.mark.parametrize(
    ("error", "reason"),
    [
        (lambda ctx: ctx.fail("Access denied to s3://b"), "Access denied to s3://b"),
        (lambda ctx: (_ for _ in ()).throw(AwsError("AccessDeniedException", "no")), "no"),
        (lambda ctx: (_ for _ in ()).throw(RuntimeError()), "RuntimeError"),
    ],
)
def test_failure_reasons_come_from_the_error(engine, make_kind, scope, error, reason):
    done = engine.wait(engine.start(make_kind(error), scope=scope).id)
    assert done.status == "FAILED" and done.status_reason == reason


def test_without_rollback_failure_is_immediate_even_in_manual(engine, make_kind, scope):
    def body(ctx):
        raise ValueError("boom")

    job = engine.start(make_kind(body, rollback_status=None), scope=scope, clock="manual")
    assert engine.wait(job.id, timeout=2).status == "FAILED"


def test_errors_are_recorded_without_failing(engine, make_kind, scope):
    def body(ctx):
        ctx.error("line 3: bad vertex id")
        ctx.error("line 9: bad vertex id")
        ctx.artifact("report", "s3://bucket/report.json")
        ctx.set_counters(errors=2)

    done = engine.wait(engine.start(make_kind(body), scope=scope).id)
    assert done.status == "SUCCEEDED"
    assert done.failure_reasons == ("line 3: bad vertex id", "line 9: bad vertex id")
    assert dict(done.artifacts) == {"report": "s3://bucket/report.json"}
    assert done.counters["errors"] == 2


def test_control_fail_now_and_at_a_phase(engine, make_kind, scope):
    now = engine.start(make_kind(), scope=scope, clock="manual")
    engine.fail(now.id, "Injected at once")
    assert engine.wait(now.id, status="ROLLING_BACK").status_reason == "Injected at once"
    assert engine.advance(now.id).status == "FAILED"

    imported = []

    def body(ctx):
        ctx.phase("ANALYZING_DATA")
        ctx.phase("IMPORTING")
        imported.append(True)

    later = engine.start(make_kind(body), scope=scope, clock="manual")
    engine.fail(later.id, "Injected in IMPORTING", at_phase="IMPORTING")
    assert engine.advance(later.id).status == "ANALYZING_DATA"
    assert engine.advance(later.id, to="ROLLING_BACK").status == "ROLLING_BACK"
    assert not imported  # failed on entering IMPORTING, before its work
    done = engine.advance(later.id)
    assert (done.status, done.status_reason) == ("FAILED", "Injected in IMPORTING")


def test_control_fail_refusals(engine, make_kind, scope):
    job = engine.start(make_kind(), scope=scope, clock="manual")
    engine.advance(job.id, to="IMPORTING")
    with pytest.raises(JobControlError, match="already past"):
        engine.fail(job.id, "x", at_phase="ANALYZING_DATA")
    with pytest.raises(JobControlError, match="not a phase"):
        engine.fail(job.id, "x", at_phase="SUCCEEDED")
    with pytest.raises(JobControlError, match="needs a message"):
        engine.fail(job.id, "")
    engine.advance(job.id)
    with pytest.raises(JobControlError, match="already SUCCEEDED"):
        engine.fail(job.id, "too late")


def test_failing_hooks_are_recorded_not_raised(engine, make_kind, scope):
    def body(ctx):
        raise ValueError("boom")

    def cleanup(ctx):
        raise OSError("disk full")

    done = engine.wait(engine.start(make_kind(body, on_failed=cleanup), scope=scope).id)
    assert done.status == "FAILED" and done.status_reason == "boom"
    assert done.failure_reasons == ("on_failed failed: disk full",)


def test_a_failing_on_succeeded_fails_the_job(engine, make_kind, scope):
    def finish(ctx):
        raise RuntimeError("could not mark the graph AVAILABLE")

    failed = []
    kind = make_kind(on_succeeded=finish, on_failed=lambda ctx: failed.append(True))
    done = engine.wait(engine.start(kind, scope=scope).id)
    assert done.status == "FAILED" and done.status_reason == "could not mark the graph AVAILABLE"
    assert failed == [True]


def test_hooks_see_the_database_and_scope(engine, make_kind, scope):
    def leave_graph_empty(ctx):
        ctx.db.put(ctx.scope, "graph", "g-1", {"id": "g-1", "status": "AVAILABLE", "edges": 0})

    def body(ctx):
        ctx.db.put(ctx.scope, "graph", "g-1", {"id": "g-1", "status": "IMPORTING", "edges": 5})
        raise ValueError("half way")

    engine.wait(engine.start(make_kind(body, on_failed=leave_graph_empty), scope=scope).id)
    assert engine.db.get(scope, "graph", "g-1") == {"id": "g-1", "status": "AVAILABLE", "edges": 0}


def test_waiting_inside_a_transaction_is_refused(make_kind, scope, caplog):
    eng = JobEngine(Database(None), clock="manual")

    def body(ctx):
        with ctx.db.transaction():
            ctx.phase("ANALYZING_DATA")

    try:
        job = eng.start(make_kind(body), scope=scope)
        done = eng.wait(job.id, status="ROLLING_BACK", timeout=2)
        assert "internal error" in done.status_reason  # a bug of the service's: the log says which
        assert "inside a database transaction" in caplog.text
        assert eng.advance(job.id).status == "FAILED"
    finally:
        eng.shutdown()
