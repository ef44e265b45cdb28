"""The job engine: durable job records, a bounded worker pool, clocks and the control operations.

Concurrency design
------------------
* The newest record of every job lives in ``_records`` as an immutable ``JobRecord``; readers
  (``get``, ``list``) never take a lock longer than a dict copy and never touch SQLite, so a poll is
  not blocked by a long import transaction on the shared database.
* Every change happens under ``_lock``: read the newest record, build the next one (version + 1),
  publish it, notify waiters. The write to SQLite happens *after* the lock is released, under the
  database's own lock, and only lands if its version is newer than the row's (see ``table.py``).
  Lock order is therefore ``db.lock -> engine lock`` (a body inside a transaction may report
  progress) and never the reverse: no deadlock.
* Status changes and terminal states are written at once; progress, counters and details are
  coalesced (at most one write per job every ``persist_interval`` seconds; the newest state is
  always what gets written).
* Jobs wait (manual clock, realistic minimums, pause) on a per-job ``Condition`` of the engine lock;
  every control call notifies it, so advancing, cancelling or resuming takes effect at once.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
import time
import uuid
from collections.abc import Callable, Collection, Mapping
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from dockyard.jobs.clock import INSTANT, REALISTIC, ClockRules, clock_from_env, parse_clock, speed_from_env
from dockyard.jobs.errors import (
    EngineStopped,
    JobCancelled,
    JobControlError,
    JobFailRequested,
    JobNotFound,
    TransitionError,
)
from dockyard.jobs.faults import FaultInjector
from dockyard.jobs.kind import JobKind
from dockyard.jobs.limits import check_limits
from dockyard.jobs.pool import WorkerPool
from dockyard.jobs.record import JobRecord, frozen_map
from dockyard.jobs.runtime import JobRuntime
from dockyard.jobs.table import JobTable
from dockyard.store.database import Database, Scope

if TYPE_CHECKING:
    from dockyard.jobs.recovery import RecoveryReport

log = logging.getLogger("dockyard.jobs")

_UNSET: Any = object()


class JobEngine:
    """Runs job bodies on worker threads and keeps their records in the ``jobs`` table.

    Construct one per database, register every service's kinds, then call ``recover()`` once.
    """

    def __init__(
        self,
        db: Database,
        *,
        clock: str | None = None,
        speed: float | None = None,
        max_workers: int = 32,
        faults: FaultInjector | None = None,
        persist_interval: float = 0.25,
        deps: Any = None,
    ) -> None:
        self.db = db
        self.deps = deps  # what job bodies may use (a ServiceDeps: the runtime), as ``ctx.deps``
        self.table = JobTable(db)
        self._initial_clock = parse_clock(clock) if clock else clock_from_env()
        self.clock_rules = ClockRules(self._initial_clock)
        self.speed = float(speed) if speed is not None else speed_from_env()
        self.faults = faults if faults is not None else FaultInjector()
        self.persist_interval = persist_interval
        self._lock = threading.Lock()
        self._changed = threading.Condition(self._lock)
        self._kinds: dict[tuple[str, str], JobKind] = {}
        self._records: dict[str, JobRecord] = {r.id: r for r in self.table.load_all()}
        self._runtimes: dict[str, JobRuntime] = {}
        self._persisted_at: dict[str, float] = {}
        self._dirty: set[str] = set()
        self._pool = WorkerPool(max_workers)
        self._reset_hooks: list[Callable[[], None]] = []
        self._closing = False
        self._closed = False

    # == kinds ====================================================================================
    def register(self, *kinds: JobKind) -> None:
        """Make kinds known (needed before ``recover()`` for their unfinished jobs to be recovered)."""
        with self._lock:
            for kind in kinds:
                self._kinds[kind.key] = kind

    def kind(self, service: str, name: str) -> JobKind:
        try:
            return self._kinds[(service, name)]
        except KeyError:
            raise KeyError(f"No job kind {service} {name} is registered") from None

    @property
    def kinds(self) -> list[JobKind]:
        with self._lock:
            return list(self._kinds.values())

    # == starting and reading =====================================================================
    def start(
        self,
        kind: JobKind,
        *,
        scope: Scope,
        input: Mapping[str, Any] | None = None,
        parent_id: str = "",
        job_id: str | None = None,
        details: Mapping[str, Any] | None = None,
        clock: str | None = None,
    ) -> JobRecord:
        """Create a job in the kind's initial status and queue its body; returns that first record.

        Raises the kind's declared ``AwsError`` when a concurrency limit is reached.
        """
        if scope.service != kind.service:
            raise ValueError(f"scope service {scope.service!r} is not the kind's service {kind.service!r}")
        mode = parse_clock(clock) if clock else self.clock_rules.resolve(kind.service, kind.name)
        now = time.time()
        with self._lock:
            if self._closing:
                raise RuntimeError("the job engine is shut down")
            if self._kinds.get(kind.key) is not kind:
                self._kinds[kind.key] = kind
            active = [(self._records[i], rt.kind) for i, rt in self._runtimes.items() if i in self._records]
            check_limits(kind, scope, parent_id, active)
            if job_id is None:
                job_id = self._new_id(kind)
            elif job_id in self._records:
                raise ValueError(f"job id {job_id} is taken")
            record = JobRecord(
                id=job_id,
                service=kind.service,
                kind=kind.name,
                account=scope.account,
                region=scope.region,
                parent_id=parent_id,
                input=frozen_map(input),
                status=kind.initial_status,
                terminal=False,
                created_at=now,
                updated_at=now,
                details=frozen_map(details),
                clock=mode,
            )
            runtime = JobRuntime(job_id, kind, threading.Condition(self._lock))
            fault = self.faults.take_job_failure(kind.service, kind.name)
            if fault is not None:
                if fault.at_phase is None or fault.at_phase == kind.initial_status:
                    runtime.fail_now = fault.message
                else:
                    runtime.fail_at[fault.at_phase] = fault.message
            self._records[job_id] = record
            self._runtimes[job_id] = runtime
            self._changed.notify_all()
        self._persist(record, force=True)
        self._submit(job_id)
        return record

    def get(self, job_id: str) -> JobRecord:
        """The newest record of a job (any scope); ``JobNotFound`` if there is none."""
        record = self._records.get(job_id)
        if record is None:
            raise JobNotFound(job_id)
        return record

    def find(self, job_id: str, *, scope: Scope | None = None, kind: str | None = None) -> JobRecord | None:
        """The job if it is visible in ``scope`` (service, account, region) and of ``kind``, else None."""
        record = self._records.get(job_id)
        if record is None:
            return None
        if scope is not None and (record.service, record.account, record.region) != (
            scope.service,
            scope.account,
            scope.region,
        ):
            return None
        if kind is not None and record.kind != kind:
            return None
        return record

    def list(
        self,
        *,
        service: str | None = None,
        kind: str | None = None,
        status: str | Collection[str] | None = None,
        account: str | None = None,
        region: str | None = None,
        parent_id: str | None = None,
        scope: Scope | None = None,
        active: bool | None = None,
    ) -> list[JobRecord]:
        """Jobs matching every given filter, oldest first."""
        if scope is not None:
            service, account, region = scope.service, scope.account, scope.region
        statuses = {status} if isinstance(status, str) else (set(status) if status else None)
        with self._lock:
            records = list(self._records.values())
        return [
            r
            for r in records
            if (service is None or r.service == service)
            and (kind is None or r.kind == kind)
            and (statuses is None or r.status in statuses)
            and (account is None or r.account == account)
            and (region is None or r.region == region)
            and (parent_id is None or r.parent_id == parent_id)
            and (active is None or r.terminal != active)
        ]

    def wait(self, job_id: str, timeout: float = 10.0, status: str | None = None) -> JobRecord:
        """Block until the job is terminal (or in ``status``); ``TimeoutError`` after ``timeout`` s."""
        deadline = time.monotonic() + timeout
        with self._lock:
            while True:
                record = self._records.get(job_id)
                if record is None:
                    raise JobNotFound(job_id)
                if record.terminal or (status is not None and record.status == status):
                    return record
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise TimeoutError(f"job {job_id} is still {record.status} after {timeout} s")
                self._changed.wait(remaining)

    # == control ==================================================================================
    def advance(self, job_id: str, to: str | None = None, *, wait: bool = True, timeout: float = 5.0) -> JobRecord:
        """Let a held job move on: one status, or (``to``) until it reaches that status.

        Works in every clock (in ``realistic`` it skips the rest of the minimum duration). With
        ``wait`` it returns once the move happened (or after ``timeout`` seconds, if the body is
        still busy with the current phase).
        """
        with self._lock:
            record, runtime = self._active_locked(job_id)
            kind = runtime.kind
            if to is not None:
                if to not in kind.statuses:
                    raise JobControlError(f"{to} is not a status of {kind.service} {kind.name} jobs")
                if to == record.status:
                    raise JobControlError(f"Job {job_id} is already {to}")
                here, there = kind.happy_index(record.status), kind.happy_index(to)
                if here is not None and there is not None and there < here:
                    raise JobControlError(f"Job {job_id} is already past {to} (it is {record.status})")
                runtime.target = to
            elif record.clock != INSTANT:
                runtime.credits += 1
            runtime.cond.notify_all()
            if not wait:
                return record
            deadline = time.monotonic() + timeout
            while True:
                current = self._records.get(job_id)
                if current is None:
                    raise JobNotFound(job_id)
                reached = current.status == to if to is not None else current.status != record.status
                remaining = deadline - time.monotonic()
                if current.terminal or reached or remaining <= 0 or runtime.stopped:
                    return current
                self._changed.wait(remaining)

    def pause(self, job_id: str) -> JobRecord:
        """Hold the job at its next checkpoint (its status does not change) until ``resume``."""
        return self._set_paused(job_id, True)

    def resume(self, job_id: str) -> JobRecord:
        return self._set_paused(job_id, False)

    def fail(self, job_id: str, message: str, at_phase: str | None = None) -> JobRecord:
        """Fail the job with ``message`` now (at its next checkpoint) or when it enters ``at_phase``."""
        if not message:
            raise JobControlError("a failure needs a message")
        with self._lock:
            record, runtime = self._active_locked(job_id)
            kind = runtime.kind
            if runtime.finishing:
                raise JobControlError(f"Job {job_id} is already completing")
            if at_phase is None or at_phase == record.status:
                runtime.fail_now = message
            else:
                if at_phase not in kind.active_statuses:
                    statuses = ", ".join(kind.active_statuses)
                    raise JobControlError(f"{at_phase} is not a phase a job can fail at (one of {statuses})")
                here, there = kind.happy_index(record.status), kind.happy_index(at_phase)
                if here is not None and there is not None and there < here:
                    raise JobControlError(f"Job {job_id} is already past {at_phase} (it is {record.status})")
                runtime.fail_at[at_phase] = message
            runtime.cond.notify_all()
            return record

    def cancel(self, job_id: str, reason: str | None = None) -> JobRecord:
        """Request cancellation: the job enters its cancelling status now (if the kind has one) and
        unwinds at its next checkpoint. Cancelling twice is harmless."""
        with self._lock:
            record, runtime = self._active_locked(job_id)
            kind = runtime.kind
            if not kind.cancellable:
                raise JobControlError(f"{kind.service} {kind.name} jobs cannot be cancelled")
            if runtime.cancel_requested:
                return record
            if runtime.finishing:
                raise JobControlError(f"Job {job_id} is already completing")
            target = kind.cancelling_status or kind.cancelled_status or ""
            if record.status != target and not kind.allows(record.status, target):
                raise JobControlError(f"Job {job_id} cannot be cancelled while {record.status}")
            runtime.cancel_requested = True
            changes: dict[str, Any] = {"cancel_requested": True}
            if reason:
                changes["status_reason"] = reason
            if kind.cancelling_status and record.status != kind.cancelling_status:
                new = self._enter_locked(runtime, record, kind.cancelling_status, **changes)
            else:
                new = self._commit_locked(record, **changes)
            runtime.cond.notify_all()
        self._persist(new, force=True)
        return new

    def set_clock(self, job_id: str, clock: str) -> JobRecord:
        """Change one running job's clock; a held job re-evaluates at once."""
        mode = parse_clock(clock)
        with self._lock:
            record, runtime = self._active_locked(job_id)
            new = self._commit_locked(record, clock=mode)
            runtime.cond.notify_all()
        self._persist(new, force=True)
        return new

    def set_default_clock(self, clock: str, service: str | None = None, kind: str | None = None) -> None:
        """The clock of jobs started from now on (all, one service's, or one kind's)."""
        self.clock_rules.set(clock, service, kind)

    def update(
        self,
        job_id: str,
        *,
        status: str | None = None,
        status_reason: str | None = _UNSET,
        details: Mapping[str, Any] | None = None,
        artifacts: Mapping[str, Any] | None = None,
    ) -> JobRecord:
        """A service's own change to a job that is not running (e.g. Q in Connect
        ``COMPLETE -> DELETE_IN_PROGRESS``); status changes are checked against the table."""
        with self._lock:
            record = self._records.get(job_id)
            if record is None:
                raise JobNotFound(job_id)
            if job_id in self._runtimes:
                raise JobControlError(f"Job {job_id} is running: use cancel() or fail()")
            changes: dict[str, Any] = {}
            if status is not None and status != record.status:
                kind = self.kind(record.service, record.kind)
                kind.check(record.status, status)
                changes["status"] = status
                changes["terminal"] = status in kind.terminal
            if status_reason is not _UNSET:
                changes["status_reason"] = status_reason
            if details:
                changes["details"] = _merged(record.details, details)
            if artifacts:
                changes["artifacts"] = _merged(record.artifacts, artifacts)
            new = self._commit_locked(record, **changes)
        self._persist(new, force=True)
        return new

    def delete(self, job_id: str) -> None:
        """Forget a finished job (Lex ``DeleteImport``)."""
        with self._lock:
            if job_id not in self._records:
                raise JobNotFound(job_id)
            if job_id in self._runtimes:
                raise JobControlError(f"Job {job_id} is still running")
            del self._records[job_id]
            self._persisted_at.pop(job_id, None)
            self._dirty.discard(job_id)
            self._changed.notify_all()
        with self.db.lock:
            if not self._closed:
                self.table.delete(job_id)

    def should_throttle(self, service: str, operation: str) -> bool:
        """Whether the gateway should answer this call with a throttling error (injected fault)."""
        return self.faults.should_throttle(service, operation)

    # == lifecycle ================================================================================
    def recover(self) -> RecoveryReport:
        """Finish what a previous process left unfinished: retry or fail every non-terminal job.

        Call once at start-up, after every service registered its kinds. Returns a
        ``RecoveryReport``.
        """
        from dockyard.jobs.recovery import recover_jobs

        return recover_jobs(self)

    def add_reset_hook(self, hook: Callable[[], None]) -> None:
        """Run ``hook()`` at the end of every ``reset()`` (layers with in-memory state)."""
        self._reset_hooks.append(hook)

    def reset(self, database: bool = True, timeout: float = 5.0) -> None:
        """Stop every job, forget every job, fault and clock rule; with ``database`` also empty every
        table of the database (``Database.reset``), then run the reset hooks."""
        stopped = self._stop_all()
        self._await(stopped, timeout)
        with self._lock:
            for runtime in self._runtimes.values():  # started while we waited
                runtime.stopped = True
                runtime.cond.notify_all()
            self._runtimes.clear()
            self._records.clear()
            self._persisted_at.clear()
            self._dirty.clear()
            self._changed.notify_all()
        self.faults.clear()
        self.clock_rules.clear(self._initial_clock)
        with self.db.lock:
            if not self._closed:
                if database:
                    self.db.reset()
                else:
                    self.db.execute("DELETE FROM jobs")
        for hook in list(self._reset_hooks):
            hook()

    def flush(self) -> None:
        """Write every coalesced change now."""
        for job_id in list(self._dirty):
            record = self._records.get(job_id)
            if record is not None:
                self._persist(record, force=True)

    def shutdown(self, timeout: float = 5.0) -> None:
        """Stop the engine: running jobs stop where they are (their records stay as they were, for
        ``recover()`` on the next start), workers exit. Idempotent."""
        with self._lock:
            if self._closing:
                return
            self._closing = True
        stopped = self._stop_all()
        deadline = time.monotonic() + timeout
        self._await(stopped, timeout)
        self.flush()
        self._pool.shutdown(max(0.0, deadline - time.monotonic()))
        with self.db.lock:
            self._closed = True

    # == internals used by the runner, the context and recovery ===================================
    def _submit(self, job_id: str) -> None:
        from dockyard.jobs.runner import run_job

        self._pool.submit(run_job, self, job_id)

    def _new_id(self, kind: JobKind) -> str:
        factory = kind.id_factory or (lambda: str(uuid.uuid4()))
        for _ in range(100):
            job_id = factory()
            if job_id not in self._records:
                return job_id
        raise RuntimeError(f"{kind.key}: the id factory keeps returning taken ids")

    def _active_locked(self, job_id: str) -> tuple[JobRecord, JobRuntime]:
        record = self._records.get(job_id)
        if record is None:
            raise JobNotFound(job_id)
        if record.terminal:
            raise JobControlError(f"Job {job_id} is already {record.status}")
        runtime = self._runtimes.get(job_id)
        if runtime is None or runtime.stopped:
            raise JobControlError(f"Job {job_id} is not running (was it recovered after a restart?)")
        return record, runtime

    def _set_paused(self, job_id: str, paused: bool) -> JobRecord:
        with self._lock:
            record, runtime = self._active_locked(job_id)
            runtime.paused = paused
            new = self._commit_locked(record, paused=paused)
            runtime.cond.notify_all()
        self._persist(new, force=True)
        return new

    def _stop_all(self) -> list[JobRuntime]:
        with self._lock:
            runtimes = list(self._runtimes.values())
            for runtime in runtimes:
                runtime.stopped = True
                runtime.cond.notify_all()
            self._runtimes.clear()
            self._changed.notify_all()
        return runtimes

    @staticmethod
    def _await(runtimes: list[JobRuntime], timeout: float) -> None:
        deadline = time.monotonic() + timeout
        for runtime in runtimes:
            if runtime.running and not runtime.done.wait(max(0.0, deadline - time.monotonic())):
                log.warning("job %s did not stop within %.1f s", runtime.job_id, timeout)

    def _adopt(self, kind: JobKind, record: JobRecord) -> JobRuntime:
        """A runtime for a job found in the table (recovery)."""
        with self._lock:
            runtime = JobRuntime(record.id, kind, threading.Condition(self._lock))
            self._runtimes[record.id] = runtime
            return runtime

    def _claim(self, job_id: str) -> JobRuntime | None:
        """The worker takes the job: None if it was stopped or forgotten meanwhile."""
        with self._lock:
            runtime = self._runtimes.get(job_id)
            record = self._records.get(job_id)
            if runtime is None or runtime.stopped or record is None:
                return None
            runtime.running = True
            new = self._commit_locked(record, started_at=time.time())
        self._persist(new)
        return runtime

    def _current(self, runtime: JobRuntime) -> JobRecord:
        record = self._records.get(runtime.job_id)
        if record is None or runtime.stopped:
            raise EngineStopped()
        return record

    def _commit_locked(self, record: JobRecord, **changes: Any) -> JobRecord:
        new = replace(record, **changes, updated_at=time.time(), version=record.version + 1)
        self._records[new.id] = new
        self._changed.notify_all()
        return new

    def _enter_locked(self, runtime: JobRuntime, record: JobRecord, status: str, **changes: Any) -> JobRecord:
        kind = runtime.kind
        kind.check(record.status, status)
        terminal = status in kind.terminal
        if terminal:
            changes["ended_at"] = time.time()
            if status == kind.success_status:
                changes["progress"] = 100.0
            self._runtimes.pop(runtime.job_id, None)
        new = self._commit_locked(record, status=status, terminal=terminal, **changes)
        runtime.entered_at = time.monotonic()
        if terminal or runtime.target == status:
            runtime.target = None
        runtime.cond.notify_all()
        return new

    def _check_locked(self, runtime: JobRuntime, interruptible: bool = True) -> None:
        """Raise a pending interrupt; wait while paused."""
        while True:
            if runtime.stopped:
                raise EngineStopped()
            if interruptible and not runtime.in_hook:
                if runtime.cancel_requested:
                    raise JobCancelled()
                if runtime.fail_now is not None:
                    raise JobFailRequested(runtime.fail_now)
            if not runtime.paused:
                return
            self._wait_locked(runtime, None)

    def _hold_locked(self, runtime: JobRuntime, interruptible: bool) -> None:
        """Wait until the job may leave its current status (clock, advance credits, target)."""
        while True:
            self._check_locked(runtime, interruptible)
            record = self._records[runtime.job_id]
            if runtime.credits > 0:
                runtime.credits -= 1
                return
            if runtime.target is not None and runtime.target != record.status:
                return
            if record.clock == INSTANT:
                return
            if record.clock == REALISTIC:
                minimum = runtime.kind.min_seconds(record.status)
                due = runtime.entered_at + (minimum / self.speed if self.speed else 0.0)
                remaining = due - time.monotonic()
                if remaining <= 0:
                    return
                self._wait_locked(runtime, remaining)
            else:
                self._wait_locked(runtime, None)

    def _wait_locked(self, runtime: JobRuntime, timeout: float | None) -> None:
        owns = getattr(self.db.lock, "_is_owned", None)
        if owns is not None and owns():
            raise TransitionError(
                f"job {runtime.job_id} would wait (clock, pause) inside a database transaction; "
                "report progress and move phases outside db.transaction()"
            )
        runtime.cond.wait(timeout)

    def _step(
        self,
        runtime: JobRuntime,
        target: str,
        *,
        interruptible: bool = True,
        hold: bool = True,
        commit: bool = True,
    ) -> JobRecord | None:
        """Move the job to ``target``: checkpoint, wait for the clock, transition. With
        ``commit=False`` stop after the wait and mark the job as finishing (hooks run next)."""
        with self._lock:
            self._check_locked(runtime, interruptible)
            record = self._current(runtime)
            runtime.kind.check(record.status, target)
            if hold:
                self._hold_locked(runtime, interruptible)
                record = self._current(runtime)
                runtime.kind.check(record.status, target)
            if not commit:
                runtime.finishing = True
                return None
            new = self._enter_locked(runtime, record, target)
            message = runtime.fail_at.pop(target, None)
        self._persist(new, force=True)
        if message is not None and not new.terminal:
            raise JobFailRequested(message)
        return new

    def _change(
        self,
        runtime: JobRuntime,
        make: Callable[[JobRecord], dict[str, Any]],
        *,
        checkpoint: bool = False,
        force: bool = False,
    ) -> JobRecord:
        """Apply ``make(newest record)`` (a dict of field changes) atomically."""
        with self._lock:
            if checkpoint:
                self._check_locked(runtime)
            record = self._current(runtime)
            if record.terminal:
                raise JobControlError(f"Job {record.id} already ended ({record.status})")
            new = self._commit_locked(record, **make(record))
        self._persist(new, force=force)
        return new

    def _sleep(self, runtime: JobRuntime, seconds: float) -> None:
        deadline = time.monotonic() + seconds
        with self._lock:
            while True:
                self._check_locked(runtime)
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    return
                self._wait_locked(runtime, remaining)

    def _persist(self, record: JobRecord, force: bool = False) -> None:
        """Write the newest state of ``record``'s job (coalesced unless ``force``)."""
        now = time.monotonic()
        if not force and now - self._persisted_at.get(record.id, float("-inf")) < self.persist_interval:
            self._dirty.add(record.id)
            return
        with self.db.lock:
            newest = self._records.get(record.id)
            if newest is None or self._closed:
                return
            try:
                self.table.save(newest)
            except sqlite3.ProgrammingError:  # the database was closed under us
                log.debug("job %s not persisted: database closed", record.id)
                return
            self._persisted_at[record.id] = now
            self._dirty.discard(record.id)


def _merged(current: Mapping[str, Any], changes: Mapping[str, Any]) -> Mapping[str, Any]:
    """``current`` updated with ``changes``; a None value removes the key."""
    merged = dict(current)
    for key, value in changes.items():
        if value is None:
            merged.pop(key, None)
        else:
            merged[key] = value
    return frozen_map(merged)
