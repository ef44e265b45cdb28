"""The record store: the newest ``JobRecord`` of every job, the active jobs, and their persistence.

* The newest record of every job lives in ``records`` as an immutable ``JobRecord``; readers never
  take ``lock`` longer than a dict copy and never touch SQLite.
* Every change happens under ``lock``: read the newest record, build the next one (version + 1)
  with ``commit_locked``, publish it, notify ``changed``. ``persist`` writes *after* the lock is
  released, under the database's own lock, and only lands if its version is newer than the row's
  (see ``table.py``). Lock order is ``db.lock -> store lock``, never the reverse.
* Status changes and terminal states are written at once; progress, counters and details are
  coalesced (at most one write per job every ``persist_interval`` seconds).
"""

from __future__ import annotations

import logging
import sqlite3
import threading
import time
from dataclasses import replace
from typing import Any

from dockyard.jobs.active_job import ActiveJob
from dockyard.jobs.errors import JobControlError, JobNotFound
from dockyard.jobs.kind import JobKind
from dockyard.jobs.record import JobRecord
from dockyard.jobs.table import JobTable
from dockyard.store.database import Database

log = logging.getLogger("dockyard.jobs")


class RecordStore:
    """Job records in memory (the truth readers see) and in the ``jobs`` table (what survives)."""

    def __init__(self, db: Database, persist_interval: float) -> None:
        self.db = db
        self.table = JobTable(db)
        self.persist_interval = persist_interval
        self.lock = threading.Lock()
        self.changed = threading.Condition(self.lock)
        self.records: dict[str, JobRecord] = {r.id: r for r in self.table.load_all()}
        self.active: dict[str, ActiveJob] = {}
        self.closed = False
        self._persisted_at: dict[str, float] = {}
        self._dirty: set[str] = set()

    # -- under the lock ----------------------------------------------------------------------------
    def new_active_locked(self, job_id: str, kind: JobKind) -> ActiveJob:
        """Register the control state of a job that is about to run."""
        active = ActiveJob(job_id, kind, threading.Condition(self.lock))
        self.active[job_id] = active
        return active

    def active_locked(self, job_id: str) -> tuple[JobRecord, ActiveJob]:
        """The record and control state of a running job, or ``JobNotFound``/``JobControlError``."""
        record = self.records.get(job_id)
        if record is None:
            raise JobNotFound(job_id)
        if record.terminal:
            raise JobControlError(f"Job {job_id} is already {record.status}")
        active = self.active.get(job_id)
        if active is None or active.stopped:
            raise JobControlError(f"Job {job_id} is not running (was it recovered after a restart?)")
        return record, active

    def commit_locked(self, record: JobRecord, **changes: Any) -> JobRecord:
        """Publish the next version of ``record`` with ``changes``."""
        new = replace(record, **changes, updated_at=time.time(), version=record.version + 1)
        self.records[new.id] = new
        self.changed.notify_all()
        return new

    def enter_locked(self, active: ActiveJob, record: JobRecord, status: str, **changes: Any) -> JobRecord:
        """Move the job to ``status`` (checked against its kind's table); a terminal status ends it."""
        kind = active.kind
        kind.check(record.status, status)
        terminal = status in kind.terminal
        if terminal:
            changes["ended_at"] = time.time()
            if status == kind.success_status:
                changes["progress"] = 100.0
            self.active.pop(active.job_id, None)
        new = self.commit_locked(record, status=status, terminal=terminal, **changes)
        active.entered_at = time.monotonic()
        if terminal or active.target == status:
            active.target = None
        active.cond.notify_all()
        return new

    def forget_locked(self, job_id: str) -> None:
        """Drop a job from memory (its row is deleted by ``delete_row``)."""
        del self.records[job_id]
        self._persisted_at.pop(job_id, None)
        self._dirty.discard(job_id)
        self.changed.notify_all()

    def stop_all(self) -> list[ActiveJob]:
        """Mark every active job stopped (each unwinds at its next checkpoint); returns them."""
        with self.lock:
            stopped = list(self.active.values())
            for active in stopped:
                active.stopped = True
                active.cond.notify_all()
            self.active.clear()
            self.changed.notify_all()
        return stopped

    def clear(self) -> None:
        """Forget every job in memory (stopping any started meanwhile)."""
        with self.lock:
            for active in self.active.values():
                active.stopped = True
                active.cond.notify_all()
            self.active.clear()
            self.records.clear()
            self._persisted_at.clear()
            self._dirty.clear()
            self.changed.notify_all()

    # -- persistence -------------------------------------------------------------------------------
    def persist(self, record: JobRecord, force: bool = False) -> None:
        """Write the newest state of ``record``'s job (coalesced unless ``force``)."""
        now = time.monotonic()
        if not force and now - self._persisted_at.get(record.id, float("-inf")) < self.persist_interval:
            self._dirty.add(record.id)
            return
        with self.db.lock:
            newest = self.records.get(record.id)
            if newest is None or self.closed:
                return
            try:
                self.table.save(newest)
            except sqlite3.ProgrammingError:  # the database was closed under us
                log.debug("job %s not persisted: database closed", record.id)
                return
            self._persisted_at[record.id] = now
            self._dirty.discard(record.id)

    def flush(self) -> None:
        """Write every coalesced change now."""
        for job_id in list(self._dirty):
            record = self.records.get(job_id)
            if record is not None:
                self.persist(record, force=True)

    def delete_row(self, job_id: str) -> None:
        with self.db.lock:
            if not self.closed:
                self.table.delete(job_id)

    def close(self) -> None:
        """No more writes (the engine shut down)."""
        with self.db.lock:
            self.closed = True
