"""``handle_control_request``: every route, with good and bad requests."""

from __future__ import annotations

import json
from types import SimpleNamespace

import pytest

from dockyard.control import handle_control_request
from dockyard.jobs import FaultInjector


def call(target, method, path, body=None, query=None, raw=None):
    data = raw if raw is not None else (b"" if body is None else json.dumps(body).encode())
    return handle_control_request(target, method, path, query or {}, data)


@pytest.fixture
def held(engine, make_kind, scope):
    """A manual job of a registered kind."""
    kind = make_kind()
    engine.register(kind)
    return engine.start(kind, scope=scope, parent_id="g-1", clock="manual")


def test_list_and_filter_jobs(engine, make_kind, scope, held):
    done = engine.wait(engine.start(make_kind(name="export"), scope=scope).id)
    status, doc = call(engine, "GET", "/_dockyard/jobs")
    assert status == 200 and [j["id"] for j in doc["jobs"]] == [held.id, done.id]
    first = doc["jobs"][0]
    assert first["service"] == "toy" and first["kind"] == "import" and first["status"] == "INITIALIZING"
    assert first["outcome"] is None and first["phases"][0] == "INITIALIZING"
    assert doc["jobs"][1]["outcome"] == "succeeded"
    for query, expected in [
        ({"kind": ["export"]}, [done.id]),
        ({"status": ["INITIALIZING,SUCCEEDED"]}, [held.id, done.id]),
        ({"status": ["SUCCEEDED"]}, [done.id]),
        ({"service": ["other"]}, []),
        ({"account": ["123456789012"], "region": ["us-east-1"]}, [held.id, done.id]),
        ({"region": ["eu-west-1"]}, []),
        ({"parentId": ["g-1"]}, [held.id]),
        ({"active": ["true"]}, [held.id]),
    ]:
        status, doc = call(engine, "GET", "/_dockyard/jobs/", query=query)
        assert status == 200 and [j["id"] for j in doc["jobs"]] == expected, query
    assert call(engine, "GET", "/_dockyard/jobs", query={"active": ["maybe"]})[0] == 400


def test_get_one_job(engine, held):
    status, doc = call(engine, "GET", f"/_dockyard/jobs/{held.id}")
    assert status == 200 and doc["job"]["id"] == held.id and doc["job"]["clock"] == "manual"
    status, doc = call(engine, "GET", "/_dockyard/jobs/nope")
    assert status == 404 and doc["error"] == "JobNotFound" and "nope" in doc["message"]


def test_advance_pause_resume(engine, held):
    status, doc = call(engine, "POST", f"/_dockyard/jobs/{held.id}/advance")
    assert status == 200 and doc["job"]["status"] == "ANALYZING_DATA"
    status, doc = call(engine, "POST", f"/_dockyard/jobs/{held.id}/pause")
    assert status == 200 and doc["job"]["paused"] is True
    status, doc = call(engine, "POST", f"/_dockyard/jobs/{held.id}/advance", {"wait": False})
    assert status == 200 and doc["job"]["status"] == "ANALYZING_DATA"
    status, doc = call(engine, "POST", f"/_dockyard/jobs/{held.id}/resume")
    assert status == 200 and doc["job"]["paused"] is False
    engine.wait(held.id, status="IMPORTING")
    status, doc = call(engine, "POST", f"/_dockyard/jobs/{held.id}/advance", {"to": "SUCCEEDED"})
    assert status == 200 and doc["job"]["status"] == "SUCCEEDED" and doc["job"]["outcome"] == "succeeded"
    status, doc = call(engine, "POST", f"/_dockyard/jobs/{held.id}/advance")
    assert status == 409 and doc["error"] == "Conflict"


def test_advance_bad_bodies(engine, held):
    url = f"/_dockyard/jobs/{held.id}/advance"
    assert call(engine, "POST", url, raw=b"{not json")[0] == 400
    assert call(engine, "POST", url, raw=b"[1, 2]")[0] == 400
    status, doc = call(engine, "POST", url, {"to": 3})
    assert status == 400 and doc["message"] == "'to' must be a string, not 3"
    assert call(engine, "POST", url, {"wait": "yes"})[0] == 400
    assert call(engine, "POST", url, {"timeout": 600})[0] == 400
    assert call(engine, "POST", url, {"to": "NOPE"})[0] == 409
    engine.advance(held.id, to="SUCCEEDED")


def test_fail_now_and_at_phase(engine, make_kind, scope, held):
    status, _doc = call(engine, "POST", f"/_dockyard/jobs/{held.id}/fail", {"message": "Boom", "atPhase": "IMPORTING"})
    assert status == 200
    engine.advance(held.id, to="ROLLING_BACK")
    done = engine.advance(held.id)
    assert (done.status, done.status_reason) == ("FAILED", "Boom")
    other = engine.start(make_kind(), scope=scope, clock="manual")
    status, _ = call(engine, "POST", f"/_dockyard/jobs/{other.id}/fail", {"at_phase": "INITIALIZING"})
    assert status == 200
    assert engine.wait(other.id, status="ROLLING_BACK").status_reason == "Failed by the Dockyard control plane."
    assert call(engine, "POST", f"/_dockyard/jobs/{other.id}/fail", {"message": 5})[0] == 400
    engine.advance(other.id)
    assert call(engine, "POST", f"/_dockyard/jobs/{other.id}/fail", {"message": "late"})[0] == 409


def test_cancel(engine, held):
    status, doc = call(engine, "POST", f"/_dockyard/jobs/{held.id}/cancel", {"reason": "enough"})
    assert status == 200 and doc["job"]["status"] == "CANCELLING" and doc["job"]["statusReason"] == "enough"
    engine.advance(held.id)
    status, doc = call(engine, "POST", f"/_dockyard/jobs/{held.id}/cancel")
    assert status == 409 and "already CANCELLED" in doc["message"]
    assert call(engine, "POST", "/_dockyard/jobs/nope/cancel")[0] == 404


def test_job_clock_and_default_clock(engine, held):
    status, doc = call(engine, "POST", f"/_dockyard/jobs/{held.id}/clock", {"clock": "instant"})
    assert status == 200 and doc["job"]["clock"] == "instant"
    assert engine.wait(held.id).status == "SUCCEEDED"
    assert call(engine, "POST", "/_dockyard/jobs/x/clock", {})[0] == 400
    status, doc = call(engine, "POST", "/_dockyard/clock", {"clock": "warp"})
    assert status == 400 and "Unknown job clock" in doc["message"]
    status, doc = call(engine, "POST", "/_dockyard/clock", {"clock": "manual", "service": "toy", "kind": "import"})
    assert status == 200 and doc["clock"]["rules"] == [{"service": "toy", "kind": "import", "clock": "manual"}]
    assert call(engine, "POST", "/_dockyard/clock", {"clock": "manual", "kind": "import"})[0] == 400
    status, doc = call(engine, "GET", "/_dockyard/clock")
    assert status == 200 and doc["clock"]["default"] == "instant"


def test_faults_routes(engine):
    status, doc = call(
        engine,
        "POST",
        "/_dockyard/faults/throttle",
        {"service": "neptune-graph", "operation": "StartImportTask", "rate": 0.5},
    )
    assert status == 200 and doc["throttle"]["rate"] == 0.5
    assert [engine.faults.should_throttle("neptune-graph", "StartImportTask") for _ in range(4)] == [False, True] * 2
    status, doc = call(
        engine,
        "POST",
        "/_dockyard/faults/job-failure",
        {"service": "toy", "kind": "import", "message": "S3 down", "atPhase": "IMPORTING", "count": 2},
    )
    assert status == 200 and doc["jobFailure"]["remaining"] == 2
    status, doc = call(engine, "GET", "/_dockyard/faults")
    assert len(doc["faults"]["throttles"]) == 1 and len(doc["faults"]["jobFailures"]) == 1
    status, doc = call(engine, "DELETE", "/_dockyard/faults")
    assert status == 200 and doc["faults"] == {"throttles": [], "delays": [], "jobFailures": []}
    for bad in (
        {"operation": "X"},
        {"service": "s", "rate": 2},
        {"service": "s", "rate": "often"},
    ):
        assert call(engine, "POST", "/_dockyard/faults/throttle", bad)[0] == 400, bad
    for bad in (
        {"service": "toy", "kind": "import"},
        {"service": "toy", "message": "m"},
        {"service": "toy", "kind": "import", "message": "m", "count": 0},
    ):
        assert call(engine, "POST", "/_dockyard/faults/job-failure", bad)[0] == 400, bad


def test_reset(engine, held):
    engine.faults.add_throttle("toy", "*")
    status, doc = call(engine, "POST", "/_dockyard/reset")
    assert (status, doc) == (200, {"reset": True})
    assert engine.list() == [] and not engine.faults.should_throttle("toy", "X")


def test_unknown_paths_and_methods(engine):
    for path in ("/_dockyard/nope", "/_dockyard/jobs/a/b/c", "/elsewhere", "/_dockyard/health"):
        status, doc = call(engine, "GET", path)
        assert status == 404 and doc["error"] == "NotFound", path
    status, doc = call(engine, "DELETE", "/_dockyard/jobs")
    assert status == 405 and "GET" in doc["message"]
    assert call(engine, "GET", "/_dockyard/reset")[0] == 405


def test_a_runtime_target_uses_its_own_fault_store_and_reset(engine, held):
    """The server passes its Runtime: ``.jobs`` the engine, ``.faults`` what the gateway asks."""
    resets = []
    runtime = SimpleNamespace(jobs=engine, faults=FaultInjector(), reset=lambda: (resets.append(1), engine.reset()))
    assert call(runtime, "POST", "/_dockyard/faults/throttle", {"service": "qconnect"})[0] == 200
    assert runtime.faults.should_throttle("qconnect", "StartImportJob")
    assert (
        call(runtime, "POST", "/_dockyard/faults/job-failure", {"service": "toy", "kind": "import", "message": "m"})[0]
        == 200
    )
    assert engine.faults.snapshot()["jobFailures"]  # the engine consumes job failures
    assert len(call(runtime, "GET", "/_dockyard/faults")[1]["faults"]["throttles"]) == 1
    assert call(runtime, "GET", f"/_dockyard/jobs/{held.id}")[0] == 200
    assert call(runtime, "POST", "/_dockyard/reset")[0] == 200
    assert resets == [1] and runtime.faults.snapshot()["throttles"] == []
