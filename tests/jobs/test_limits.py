"""Per-kind concurrency limits raise the kind's declared AWS error."""

from __future__ import annotations

import pytest

from dockyard.jobs import LimitError
from dockyard.protocol.errors import AwsError
from dockyard.store import Scope

ONE_PER_GRAPH = LimitError(
    "ConflictException",
    "Graph {parent} already has an import task in progress ({active_id}).",
    fields={"reason": "CONCURRENT_IMPORT"},
)


def test_one_running_job_per_parent(engine, make_kind, scope):
    kind = make_kind(max_running_per_parent=1, parent_limit_error=ONE_PER_GRAPH)
    first = engine.start(kind, scope=scope, parent_id="g-1", clock="manual")
    with pytest.raises(AwsError) as caught:
        engine.start(kind, scope=scope, parent_id="g-1")
    assert caught.value.code == "ConflictException"
    assert caught.value.message == f"Graph g-1 already has an import task in progress ({first.id})."
    assert caught.value.fields == {"reason": "CONCURRENT_IMPORT"}
    engine.start(kind, scope=scope, parent_id="g-2", clock="manual")  # another graph: fine
    engine.start(kind, scope=Scope("toy", "123456789012", "eu-west-1"), parent_id="g-1", clock="manual")
    engine.advance(first.id, to="SUCCEEDED")
    again = engine.start(kind, scope=scope, parent_id="g-1")  # the first one ended
    assert engine.wait(again.id).status == "SUCCEEDED"
    for job in engine.list(active=True):
        engine.cancel(job.id)
        engine.advance(job.id)


def test_active_jobs_per_scope(engine, make_kind, scope):
    kind = make_kind(max_active_per_scope=2)
    jobs = [engine.start(kind, scope=scope, parent_id=f"b-{i}", clock="manual") for i in range(2)]
    with pytest.raises(AwsError) as caught:
        engine.start(kind, scope=scope)
    assert caught.value.code == "ServiceQuotaExceededException"
    assert "limit of 2 concurrent import jobs in us-east-1" in caught.value.message
    other_region = Scope("toy", "123456789012", "eu-west-1")
    engine.start(kind, scope=other_region, clock="instant")
    engine.cancel(jobs[0].id)
    engine.advance(jobs[0].id)
    engine.start(kind, scope=scope, clock="instant")
    engine.advance(jobs[1].id, to="SUCCEEDED")


def test_kinds_sharing_a_concurrency_group_share_limits(engine, make_kind, scope):
    imports = make_kind(max_running_per_parent=1, concurrency_group="graph-task")
    exports = make_kind(name="export", max_running_per_parent=1, concurrency_group="graph-task")
    unrelated = make_kind(name="snapshot", max_running_per_parent=1)
    job = engine.start(imports, scope=scope, parent_id="g-1", clock="manual")
    with pytest.raises(AwsError, match=job.id):
        engine.start(exports, scope=scope, parent_id="g-1")
    engine.wait(engine.start(unrelated, scope=scope, parent_id="g-1").id)
    engine.advance(job.id, to="SUCCEEDED")


def test_a_refused_start_does_not_consume_an_injected_failure(engine, make_kind, scope):
    kind = make_kind(max_running_per_parent=1)
    blocker = engine.start(kind, scope=scope, parent_id="g-1", clock="manual")
    engine.faults.add_job_failure("toy", "import", "Injected")
    with pytest.raises(AwsError):
        engine.start(kind, scope=scope, parent_id="g-1")
    engine.advance(blocker.id, to="SUCCEEDED")
    done = engine.wait(engine.start(kind, scope=scope, parent_id="g-1").id)
    assert (done.status, done.status_reason) == ("FAILED", "Injected")


def test_scope_must_match_the_kind_service(engine, make_kind):
    with pytest.raises(ValueError, match="not the kind's service"):
        engine.start(make_kind(), scope=Scope("other", "1", "r"))
