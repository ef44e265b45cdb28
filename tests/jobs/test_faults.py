"""Injected job faults: the failure of the next job of a kind (throttling: tests/faults/)."""

from __future__ import annotations

import pytest

from dockyard.control import inject_job_failure, inject_throttle, should_throttle


def test_engine_and_control_functions_share_the_engine_store(engine):
    inject_throttle(engine, "bedrock", "CreateModelImportJob", 1.0)
    assert engine.faults.should_throttle("bedrock", "CreateModelImportJob")
    assert should_throttle(engine, "bedrock", "CreateModelImportJob")


def test_the_next_job_of_a_kind_fails_at_the_named_phase(engine, make_kind, scope):
    kind = make_kind()
    engine.register(kind)
    inject_job_failure(engine, "toy", "import", "Simulated S3 outage", at_phase="IMPORTING")
    failed = engine.wait(engine.start(kind, scope=scope).id)
    assert (failed.status, failed.status_reason) == ("FAILED", "Simulated S3 outage")
    assert "rows" not in failed.counters  # failed on entering IMPORTING
    assert engine.wait(engine.start(kind, scope=scope).id).status == "SUCCEEDED"  # only the next one


def test_job_failure_faults_count_and_immediate(engine, make_kind, scope):
    kind = make_kind()
    engine.faults.add_job_failure("toy", "import", "Twice", count=2)
    other = make_kind(name="export")
    assert engine.wait(engine.start(other, scope=scope).id).status == "SUCCEEDED"  # other kind
    results = [engine.wait(engine.start(kind, scope=scope).id) for _ in range(3)]
    assert [r.status for r in results] == ["FAILED", "FAILED", "SUCCEEDED"]
    assert results[0].progress == 0.0  # failed before any progress


def test_job_failure_fault_validation(engine, make_kind):
    engine.register(make_kind())
    with pytest.raises(ValueError, match="not a phase"):
        inject_job_failure(engine, "toy", "import", "x", at_phase="SUCCEEDED")
    with pytest.raises(ValueError, match="message is required"):
        engine.faults.add_job_failure("toy", "import", "")
    with pytest.raises(ValueError, match="count"):
        engine.faults.add_job_failure("toy", "import", "m", count=0)
