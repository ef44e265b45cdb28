"""Cancellation: cooperative, prompt, at every phase, through CANCELLING with the hook."""

from __future__ import annotations

import time

import pytest

from dockyard.jobs import JobCancelled, JobControlError


def _recording_kind(make_kind, reached, hooks):
    def body(ctx):
        reached.append("INITIALIZING")
        ctx.phase("ANALYZING_DATA")
        reached.append("ANALYZING_DATA")
        ctx.phase("IMPORTING")
        reached.append("IMPORTING")

    return make_kind(
        body,
        on_cancelled=lambda ctx: hooks.append(("cancelled", ctx.status)),
        on_failed=lambda ctx: hooks.append(("failed", ctx.status)),
        on_succeeded=lambda ctx: hooks.append(("succeeded", ctx.status)),
    )


@pytest.mark.parametrize("phase", ["INITIALIZING", "ANALYZING_DATA", "IMPORTING"])
def test_cancel_at_each_phase_goes_through_cancelling_and_runs_the_hook(engine, make_kind, scope, phase):
    reached, hooks = [], []
    job = engine.start(_recording_kind(make_kind, reached, hooks), scope=scope, clock="manual")
    if phase != "INITIALIZING":
        engine.advance(job.id, to=phase)
    cancelling = engine.cancel(job.id, reason="user asked")
    assert cancelling.status == "CANCELLING" and cancelling.cancel_requested
    assert cancelling.status_reason == "user asked"
    time.sleep(0.05)
    assert engine.get(job.id).status == "CANCELLING"  # manual: held in CANCELLING too
    done = engine.advance(job.id)
    assert done.status == "CANCELLED" and done.terminal
    assert hooks == [("cancelled", "CANCELLING")]
    assert reached[-1] == phase  # the body stopped in the phase it was cancelled in
    with pytest.raises(JobControlError, match="already CANCELLED"):
        engine.cancel(job.id)


def test_cancel_is_prompt_for_a_long_running_body(engine, make_kind, scope):
    def body(ctx):
        ctx.phase("ANALYZING_DATA")
        ctx.sleep(60)

    job = engine.start(make_kind(body), scope=scope)
    engine.wait(job.id, status="ANALYZING_DATA")
    started = time.monotonic()
    engine.cancel(job.id)
    assert engine.wait(job.id, timeout=2).status == "CANCELLED"
    assert time.monotonic() - started < 0.5


def test_check_cancelled_in_a_busy_loop(engine, make_kind, scope):
    loops = []

    def body(ctx):
        while True:
            ctx.check_cancelled()
            loops.append(1)
            time.sleep(0.001)

    job = engine.start(make_kind(body), scope=scope)
    while not loops:
        time.sleep(0.001)
    engine.cancel(job.id)
    assert engine.wait(job.id, timeout=2).status == "CANCELLED"


def test_a_body_swallowing_exceptions_cannot_swallow_cancellation(engine, make_kind, scope):
    def body(ctx):
        for _ in range(10_000):
            try:
                ctx.sleep(0.01)
            except Exception:  # a careless body
                pass

    job = engine.start(make_kind(body), scope=scope)
    engine.cancel(job.id)
    assert engine.wait(job.id, timeout=2).status == "CANCELLED"


def test_cancel_without_a_cancelling_status_goes_straight_to_cancelled(engine, make_kind, scope):
    kind = make_kind(cancelling_status=None)
    job = engine.start(kind, scope=scope, clock="manual")
    requested = engine.cancel(job.id)
    assert requested.status == "INITIALIZING" and requested.cancel_requested
    assert engine.wait(job.id, timeout=2).status == "CANCELLED"


def test_kinds_without_cancellation_refuse_it(engine, make_kind, scope):
    kind = make_kind(cancelling_status=None, cancelled_status=None)
    job = engine.start(kind, scope=scope, clock="manual")
    with pytest.raises(JobControlError, match="cannot be cancelled"):
        engine.cancel(job.id)
    engine.advance(job.id, to="SUCCEEDED")


def test_cancel_twice_is_harmless_and_cancel_while_rolling_back_is_refused(engine, make_kind, scope):
    job = engine.start(make_kind(), scope=scope, clock="manual")
    first = engine.cancel(job.id)
    assert engine.cancel(job.id).version == first.version
    engine.advance(job.id)
    failing = engine.start(make_kind(), scope=scope, clock="manual")
    engine.fail(failing.id, "bad data")
    engine.wait(failing.id, status="ROLLING_BACK")
    with pytest.raises(JobControlError, match="ROLLING_BACK"):
        engine.cancel(failing.id)
    assert engine.advance(failing.id).status == "FAILED"


def test_a_body_raising_jobcancelled_itself_is_cancelled(engine, make_kind, scope):
    def body(ctx):
        raise JobCancelled()

    assert engine.wait(engine.start(make_kind(body), scope=scope).id).status == "CANCELLED"


def test_unknown_jobs(engine):
    from dockyard.jobs import JobNotFound

    for call in (engine.cancel, engine.pause, engine.resume, engine.advance, engine.get):
        with pytest.raises(JobNotFound):
            call("nope")
    assert engine.find("nope") is None
