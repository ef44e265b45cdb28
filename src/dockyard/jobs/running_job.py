"""``RunningJob``: the handle a worker (and recovery) drives one job through.

It is what ``JobContext`` and the runner call — ``current``, ``step``, ``change``, ``check``,
``sleep``, ``force_fail`` — on top of the record store (the job's records) and the clock gate (its
waits), so neither reaches into the engine.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from dockyard.jobs.active_job import ActiveJob
from dockyard.jobs.clock_gate import ClockGate
from dockyard.jobs.errors import EngineStopped, JobControlError, JobFailRequested
from dockyard.jobs.kind import JobKind
from dockyard.jobs.record import JobRecord
from dockyard.jobs.record_store import RecordStore
from dockyard.store.database import Database


class RunningJob:
    """One job as its worker sees it. ``active`` is its control state (read under the store lock)."""

    def __init__(self, store: RecordStore, gate: ClockGate, active: ActiveJob, deps: Any) -> None:
        self.store = store
        self.gate = gate
        self.active = active
        self.deps = deps

    @property
    def job_id(self) -> str:
        return self.active.job_id

    @property
    def kind(self) -> JobKind:
        return self.active.kind

    @property
    def db(self) -> Database:
        return self.store.db

    def current(self) -> JobRecord:
        """The newest record; ``EngineStopped`` once the engine stopped or forgot the job."""
        record = self.store.records.get(self.active.job_id)
        if record is None or self.active.stopped:
            raise EngineStopped()
        return record

    def claim(self) -> bool:
        """The worker takes the job: False if it was stopped or forgotten meanwhile."""
        store = self.store
        with store.lock:
            record = store.records.get(self.job_id)
            if store.active.get(self.job_id) is not self.active or self.active.stopped or record is None:
                return False
            self.active.running = True
            new = store.commit_locked(record, started_at=time.time())
        store.persist(new)
        return True

    def step(
        self, target: str, *, interruptible: bool = True, hold: bool = True, commit: bool = True
    ) -> JobRecord | None:
        """Move the job to ``target``: checkpoint, wait for the clock, transition. With
        ``commit=False`` stop after the wait and mark the job as finishing (hooks run next)."""
        active, store = self.active, self.store
        with store.lock:
            self.gate.check_locked(active, interruptible)
            record = self.current()
            active.kind.check(record.status, target)
            if hold:
                self.gate.hold_locked(active, interruptible)
                record = self.current()
                active.kind.check(record.status, target)
            if not commit:
                active.finishing = True
                return None
            new = store.enter_locked(active, record, target)
            message = active.fail_at.pop(target, None)
        store.persist(new, force=True)
        if message is not None and not new.terminal:
            raise JobFailRequested(message)
        return new

    def change(
        self, make: Callable[[JobRecord], dict[str, Any]], *, checkpoint: bool = False, force: bool = False
    ) -> JobRecord:
        """Apply ``make(newest record)`` (a dict of field changes) atomically."""
        store = self.store
        with store.lock:
            if checkpoint:
                self.gate.check_locked(self.active)
            record = self.current()
            if record.terminal:
                raise JobControlError(f"Job {record.id} already ended ({record.status})")
            new = store.commit_locked(record, **make(record))
        store.persist(new, force=force)
        return new

    def check(self) -> None:
        """A checkpoint: raise a pending interrupt; wait while paused."""
        with self.store.lock:
            self.gate.check_locked(self.active)

    def sleep(self, seconds: float) -> None:
        deadline = time.monotonic() + seconds
        with self.store.lock:
            while True:
                self.gate.check_locked(self.active)
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    return
                self.gate.wait_locked(self.active, remaining)

    def force_fail(self, reason: str) -> None:
        """Last resort: straight to the failed status, no hook, no table check."""
        store, active = self.store, self.active
        with store.lock:
            record = store.records.get(active.job_id)
            if record is None or record.terminal or active.stopped:
                return
            store.active.pop(active.job_id, None)
            new = store.commit_locked(
                record, status=active.kind.failed_status, terminal=True, status_reason=reason, ended_at=time.time()
            )
        store.persist(new, force=True)
