"""The clock gate: where a job waits — for its clock, an ``advance``, a ``resume`` — and where a
pending interrupt (cancellation, an injected failure, engine stop) is raised.

Jobs wait on their ``ActiveJob.cond`` (a condition of the record store's lock); every control call
notifies it, so advancing, cancelling or resuming takes effect at once. Every method runs with the
store's lock held (hence ``_locked``).
"""

from __future__ import annotations

import time

from dockyard.jobs.active_job import ActiveJob
from dockyard.jobs.clock import INSTANT, REALISTIC
from dockyard.jobs.errors import EngineStopped, JobCancelled, JobFailRequested, TransitionError
from dockyard.jobs.record_store import RecordStore


class ClockGate:
    """Holds jobs in a status as their clock says (``speed`` scales realistic minimums)."""

    def __init__(self, store: RecordStore, speed: float) -> None:
        self.store = store
        self.speed = speed

    def check_locked(self, job: ActiveJob, interruptible: bool = True) -> None:
        """Raise a pending interrupt; wait while paused."""
        while True:
            if job.stopped:
                raise EngineStopped()
            if interruptible and not job.in_hook:
                if job.cancel_requested:
                    raise JobCancelled()
                if job.fail_now is not None:
                    raise JobFailRequested(job.fail_now)
            if not job.paused:
                return
            self.wait_locked(job, None)

    def hold_locked(self, job: ActiveJob, interruptible: bool) -> None:
        """Wait until the job may leave its current status (clock, advance credits, target)."""
        while True:
            self.check_locked(job, interruptible)
            record = self.store.records[job.job_id]
            if job.credits > 0:
                job.credits -= 1
                return
            if job.target is not None and job.target != record.status:
                return
            if record.clock == INSTANT:
                return
            if record.clock == REALISTIC:
                minimum = job.kind.min_seconds(record.status)
                due = job.entered_at + (minimum / self.speed if self.speed else 0.0)
                remaining = due - time.monotonic()
                if remaining <= 0:
                    return
                self.wait_locked(job, remaining)
            else:
                self.wait_locked(job, None)

    def wait_locked(self, job: ActiveJob, timeout: float | None) -> None:
        if self.store.db.lock_held():
            raise TransitionError(
                f"job {job.job_id} would wait (clock, pause) inside a database transaction; "
                "report progress and move phases outside db.transaction()"
            )
        job.cond.wait(timeout)
