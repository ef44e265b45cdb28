"""Control operations on running jobs: advance, pause, resume, fail, cancel, set_clock.

Each takes the record store's lock, changes the job's ``ActiveJob`` (and maybe its record) and
notifies the job's condition, so a held job reacts at once.
"""

from __future__ import annotations

import time
from typing import Any

from dockyard.jobs.clock import INSTANT, parse_clock
from dockyard.jobs.errors import JobControlError, JobNotFound
from dockyard.jobs.record import JobRecord
from dockyard.jobs.record_store import RecordStore


class JobControl:
    """What the control plane (and tests) may ask of a running job."""

    def __init__(self, store: RecordStore) -> None:
        self.store = store

    def advance(self, job_id: str, to: str | None = None, *, wait: bool = True, timeout: float = 5.0) -> JobRecord:
        store = self.store
        with store.lock:
            record, active = store.active_locked(job_id)
            kind = active.kind
            if to is not None:
                if to not in kind.statuses:
                    raise JobControlError(f"{to} is not a status of {kind.service} {kind.name} jobs")
                if to == record.status:
                    raise JobControlError(f"Job {job_id} is already {to}")
                here, there = kind.happy_index(record.status), kind.happy_index(to)
                if here is not None and there is not None and there < here:
                    raise JobControlError(f"Job {job_id} is already past {to} (it is {record.status})")
                active.target = to
            elif record.clock != INSTANT:
                active.credits += 1
            active.cond.notify_all()
            if not wait:
                return record
            deadline = time.monotonic() + timeout
            while True:
                current = store.records.get(job_id)
                if current is None:
                    raise JobNotFound(job_id)
                reached = current.status == to if to is not None else current.status != record.status
                remaining = deadline - time.monotonic()
                if current.terminal or reached or remaining <= 0 or active.stopped:
                    return current
                store.changed.wait(remaining)

    def set_paused(self, job_id: str, paused: bool) -> JobRecord:
        store = self.store
        with store.lock:
            record, active = store.active_locked(job_id)
            if paused and active.finishing:
                raise JobControlError(f"Job {job_id} is already completing")
            active.paused = paused
            new = store.commit_locked(record, paused=paused)
            active.cond.notify_all()
        store.persist(new, force=True)
        return new

    def fail(self, job_id: str, message: str, at_phase: str | None = None) -> JobRecord:
        if not message:
            raise JobControlError("a failure needs a message")
        with self.store.lock:
            record, active = self.store.active_locked(job_id)
            kind = active.kind
            if active.finishing:
                raise JobControlError(f"Job {job_id} is already completing")
            if at_phase is None or at_phase == record.status:
                active.fail_now = message
            else:
                if at_phase not in kind.active_statuses:
                    statuses = ", ".join(kind.active_statuses)
                    raise JobControlError(f"{at_phase} is not a phase a job can fail at (one of {statuses})")
                here, there = kind.happy_index(record.status), kind.happy_index(at_phase)
                if here is not None and there is not None and there < here:
                    raise JobControlError(f"Job {job_id} is already past {at_phase} (it is {record.status})")
                active.fail_at[at_phase] = message
            active.cond.notify_all()
            return record

    def cancel(self, job_id: str, reason: str | None = None) -> JobRecord:
        store = self.store
        with store.lock:
            record, active = store.active_locked(job_id)
            kind = active.kind
            if not kind.cancellable:
                raise JobControlError(f"{kind.service} {kind.name} jobs cannot be cancelled")
            if active.cancel_requested:
                return record
            if active.finishing:
                raise JobControlError(f"Job {job_id} is already completing")
            target = kind.cancelling_status or kind.cancelled_status or ""
            if record.status != target and not kind.allows(record.status, target):
                raise JobControlError(f"Job {job_id} cannot be cancelled while {record.status}")
            active.cancel_requested = True
            changes: dict[str, Any] = {"cancel_requested": True}
            if reason:
                changes["status_reason"] = reason
            if kind.cancelling_status and record.status != kind.cancelling_status:
                new = store.enter_locked(active, record, kind.cancelling_status, **changes)
            else:
                new = store.commit_locked(record, **changes)
            active.cond.notify_all()
        store.persist(new, force=True)
        return new

    def set_clock(self, job_id: str, clock: str) -> JobRecord:
        mode = parse_clock(clock)
        store = self.store
        with store.lock:
            record, active = store.active_locked(job_id)
            new = store.commit_locked(record, clock=mode)
            active.cond.notify_all()
        store.persist(new, force=True)
        return new
