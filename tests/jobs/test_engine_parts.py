"""The engine's parts on their own: record store, clock gate, running-job handle, control."""

from __future__ import annotations

import time

import pytest

from dockyard.jobs import EngineStopped, JobCancelled, JobControlError, JobNotFound, TransitionError
from dockyard.jobs.clock_gate import ClockGate
from dockyard.jobs.control import JobControl
from dockyard.jobs.record import JobRecord, frozen_map
from dockyard.jobs.record_store import RecordStore
from dockyard.jobs.running_job import RunningJob
from dockyard.store import Database
from tests.jobs.conftest import SCOPE, toy_kind


def _record(job_id: str = "j1", clock: str = "instant") -> JobRecord:
    now = time.time()
    return JobRecord(
        id=job_id,
        service="toy",
        kind="import",
        account=SCOPE.account,
        region=SCOPE.region,
        parent_id="",
        input=frozen_map({}),
        status="INITIALIZING",
        terminal=False,
        created_at=now,
        updated_at=now,
        clock=clock,
    )


@pytest.fixture
def parts():
    store = RecordStore(Database(None), persist_interval=60.0)
    gate = ClockGate(store, speed=1.0)
    kind = toy_kind()
    record = _record()
    with store.lock:
        store.records[record.id] = record
        active = store.new_active_locked(record.id, kind)
    store.persist(record, force=True)
    return store, gate, RunningJob(store, gate, active, deps="deps"), JobControl(store)


def test_the_store_versions_every_change_and_coalesces_writes(parts):
    store = parts[0]
    first = store.records["j1"]
    with store.lock:
        new = store.commit_locked(first, progress=5.0)
    assert new.version == first.version + 1 and store.records["j1"] is new
    store.persist(new)  # coalesced: the row keeps the first version
    assert store.table.load("j1").version == first.version
    store.flush()
    assert store.table.load("j1").progress == 5.0


def test_active_locked_names_what_is_wrong(parts):
    store = parts[0]
    with store.lock:
        with pytest.raises(JobNotFound):
            store.active_locked("nope")
        store.records["j2"] = _record("j2")
        with pytest.raises(JobControlError, match="not running"):
            store.active_locked("j2")


def test_the_handle_steps_changes_and_reads(parts):
    store, _, job, _ = parts
    assert job.claim() and job.active.running
    assert (job.job_id, job.kind.name, job.deps, job.db) == ("j1", "import", "deps", store.db)
    assert job.step("ANALYZING_DATA").status == "ANALYZING_DATA"
    assert job.change(lambda r: {"progress": 50.0}).progress == 50.0
    job.step("IMPORTING")
    done = job.step("SUCCEEDED")
    assert done.terminal and done.progress == 100.0 and "j1" not in store.active
    with pytest.raises(JobControlError, match="already ended"):
        job.change(lambda r: {"progress": 1.0})


def test_control_cancel_reaches_the_handle_at_its_next_checkpoint(parts):
    _, _, job, control = parts
    job.claim()
    cancelling = control.cancel("j1", reason="user")
    assert (cancelling.status, cancelling.status_reason) == ("CANCELLING", "user")
    with pytest.raises(JobCancelled):
        job.check()
    with pytest.raises(JobCancelled):
        job.sleep(5.0)


def test_the_gate_refuses_to_wait_inside_a_database_transaction(parts):
    store, _, job, control = parts
    job.claim()
    control.set_paused("j1", True)
    with store.db.transaction(), pytest.raises(TransitionError, match="inside a database transaction"):
        job.check()


def test_a_stopped_job_unwinds_and_force_fail_ends_a_live_one(parts):
    store, _, job, _ = parts
    job.force_fail("Internal error")
    failed = store.records["j1"]
    assert (failed.status, failed.terminal, failed.status_reason) == ("FAILED", True, "Internal error")
    assert store.stop_all() == []  # force_fail let go of the job
    job.active.stopped = True
    with pytest.raises(EngineStopped):
        job.current()
