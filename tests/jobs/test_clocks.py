"""The three clock modes, per engine, per rule and per job."""

from __future__ import annotations

import time

import pytest

from dockyard.jobs import JobControlError, JobEngine
from dockyard.store import Database


def test_instant_start_returns_the_initial_status_and_the_job_completes(engine, make_kind, scope):
    kind = make_kind()
    job = engine.start(kind, scope=scope, input={"source": "s3://b/k"}, parent_id="g-1")
    assert job.status == "INITIALIZING" and not job.terminal and job.attempt == 1
    done = engine.wait(job.id, timeout=5)
    assert done.status == "SUCCEEDED" and done.terminal
    assert done.progress == 100.0
    assert dict(done.counters) == {"rows": 10}
    assert done.details["stage"] == "analyzing"
    assert done.input["source"] == "s3://b/k" and done.parent_id == "g-1"
    assert done.started_at is not None and done.ended_at >= done.started_at >= done.created_at
    assert done.clock == "instant"


def test_an_empty_body_walks_the_whole_happy_path(engine, make_kind, scope):
    job = engine.start(make_kind(body=None), scope=scope, clock="manual")
    seen = [job.status]
    for _ in range(3):
        seen.append(engine.advance(job.id).status)
    assert seen == ["INITIALIZING", "ANALYZING_DATA", "IMPORTING", "SUCCEEDED"]


def test_manual_clock_waits_at_each_phase_until_advanced(engine, make_kind, scope):
    job = engine.start(make_kind(), scope=scope, clock="manual")
    time.sleep(0.05)
    assert engine.get(job.id).status == "INITIALIZING"
    assert engine.get(job.id).progress == 10.0  # the body ran up to its first phase()
    assert engine.advance(job.id).status == "ANALYZING_DATA"
    time.sleep(0.05)
    assert engine.get(job.id).status == "ANALYZING_DATA"
    assert engine.advance(job.id).status == "IMPORTING"
    assert engine.advance(job.id).status == "SUCCEEDED"
    with pytest.raises(JobControlError, match="already SUCCEEDED"):
        engine.advance(job.id)


def test_manual_advance_to_a_status_runs_until_it(engine, make_kind, scope):
    job = engine.start(make_kind(), scope=scope, clock="manual")
    assert engine.advance(job.id, to="IMPORTING").status == "IMPORTING"
    time.sleep(0.05)
    assert engine.get(job.id).status == "IMPORTING"  # held again there
    with pytest.raises(JobControlError, match="already past"):
        engine.advance(job.id, to="ANALYZING_DATA")
    with pytest.raises(JobControlError, match="not a status"):
        engine.advance(job.id, to="NOPE")
    assert engine.advance(job.id, to="SUCCEEDED").status == "SUCCEEDED"


def test_manual_engine_default_and_switching_a_job_to_instant(make_kind, scope):
    eng = JobEngine(Database(None), clock="manual")
    try:
        job = eng.start(make_kind(), scope=scope)
        assert job.clock == "manual"
        assert eng.advance(job.id).status == "ANALYZING_DATA"
        eng.set_clock(job.id, "instant")
        assert eng.wait(job.id, timeout=5).status == "SUCCEEDED"
    finally:
        eng.shutdown()


def test_realistic_clock_keeps_minimum_durations_scaled_by_speed(make_kind, scope):
    minimums = {"INITIALIZING": 0.1, "ANALYZING_DATA": 0.1, "IMPORTING": 0.1}
    kind = make_kind(min_phase_seconds=minimums)
    slow = JobEngine(Database(None), clock="realistic", speed=1.0)
    fast = JobEngine(Database(None), clock="realistic", speed=10.0)
    try:
        started = time.monotonic()
        job = slow.start(kind, scope=scope)
        time.sleep(0.05)
        assert slow.get(job.id).status == "INITIALIZING"
        assert slow.wait(job.id, timeout=5).status == "SUCCEEDED"
        assert time.monotonic() - started >= 0.3
        started = time.monotonic()
        assert fast.wait(fast.start(kind, scope=scope).id, timeout=5).status == "SUCCEEDED"
        assert time.monotonic() - started < 0.25
    finally:
        slow.shutdown()
        fast.shutdown()


def test_realistic_advance_skips_the_rest_of_a_phase(make_kind, scope):
    kind = make_kind(min_phase_seconds={"INITIALIZING": 30, "ANALYZING_DATA": 30, "IMPORTING": 30})
    eng = JobEngine(Database(None), clock="realistic", speed=1.0)
    try:
        job = eng.start(kind, scope=scope)
        assert eng.advance(job.id).status == "ANALYZING_DATA"
        assert eng.advance(job.id, to="SUCCEEDED").status == "SUCCEEDED"
    finally:
        eng.shutdown()


def test_clock_rules_per_service_and_kind(engine, make_kind, scope):
    kind = make_kind()
    engine.set_default_clock("manual", service="toy", kind="import")
    held = engine.start(kind, scope=scope)
    assert held.clock == "manual"
    other = make_kind(name="export")
    assert engine.start(other, scope=scope).clock == "instant"
    engine.set_default_clock("realistic", service="toy")
    assert engine.start(other, scope=scope).clock == "realistic"
    assert engine.clock_rules.snapshot()["default"] == "instant"
    with pytest.raises(ValueError, match="Unknown job clock"):
        engine.set_default_clock("warp")
    engine.advance(held.id, to="SUCCEEDED")


def test_environment_sets_the_default_clock_and_speed(monkeypatch, make_kind):
    monkeypatch.setenv("DOCKYARD_JOB_CLOCK", "Manual")
    monkeypatch.setenv("DOCKYARD_JOB_SPEED", "0.25")
    eng = JobEngine(Database(None))
    try:
        assert eng.clock_rules.default == "manual" and eng.speed == 0.25
    finally:
        eng.shutdown()


def test_pause_holds_a_job_and_resume_releases_it(engine, make_kind, scope):
    job = engine.start(make_kind(), scope=scope, clock="manual")
    assert engine.pause(job.id).paused
    moved = engine.advance(job.id, timeout=0.2)
    assert moved.status == "INITIALIZING"  # paused: the advance waits
    engine.resume(job.id)
    assert engine.wait(job.id, status="ANALYZING_DATA", timeout=5).status == "ANALYZING_DATA"
    assert not engine.get(job.id).paused
    engine.set_clock(job.id, "instant")
    assert engine.wait(job.id).status == "SUCCEEDED"


def test_pause_in_instant_mode_stops_at_the_next_checkpoint(engine, make_kind, scope):
    gate = []

    def body(ctx):
        while not gate:
            ctx.sleep(0.005)
        ctx.progress(50)
        ctx.details(after="pause")

    job = engine.start(make_kind(body), scope=scope)
    engine.pause(job.id)
    gate.append(True)
    time.sleep(0.1)
    assert engine.get(job.id).status == "INITIALIZING"
    assert "after" not in engine.get(job.id).details
    engine.resume(job.id)
    assert engine.wait(job.id).status == "SUCCEEDED"
