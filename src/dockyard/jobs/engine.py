"""The job engine: the public face of durable jobs (kinds, start, read, control, lifecycle).

It composes its parts, each in its own module, none reaching into another's private names:

* ``record_store.RecordStore`` — the newest record of every job, the active jobs' control state
  (``ActiveJob``), the single lock, coalesced persistence to the ``jobs`` table;
* ``clock_gate.ClockGate`` — where a job waits for its clock, ``advance`` or ``resume``, and where
  a pending cancel, injected failure or engine stop is raised;
* ``running_job.RunningJob`` — the handle a worker drives a job through (``step``, ``change``,
  ``check``, ``sleep``, ``current``); ``JobContext`` and ``runner`` use nothing else;
* ``control.JobControl`` — advance, pause, resume, fail, cancel, set_clock;
* ``recovery.recover_jobs`` — what a previous process left unfinished.

Readers (``get``, ``list``) never take a lock longer than a dict copy and never touch SQLite. Lock
order is ``db.lock -> store lock`` (a body inside a transaction may report progress), never the
reverse: no deadlock.
"""

from __future__ import annotations

import logging
import time
import uuid
from collections.abc import Callable, Collection, Mapping
from typing import Any

from dockyard.jobs.active_job import ActiveJob
from dockyard.jobs.clock import ClockRules, clock_from_env, parse_clock, speed_from_env
from dockyard.jobs.clock_gate import ClockGate
from dockyard.jobs.control import JobControl
from dockyard.jobs.errors import JobControlError, JobNotFound
from dockyard.jobs.faults import FaultInjector
from dockyard.jobs.kind import JobKind
from dockyard.jobs.limits import check_limits
from dockyard.jobs.lookup import known_by, pick
from dockyard.jobs.pool import WorkerPool
from dockyard.jobs.record import JobRecord, frozen_map
from dockyard.jobs.record_store import RecordStore
from dockyard.jobs.recovery import RecoveryReport, recover_jobs
from dockyard.jobs.runner import run_job
from dockyard.jobs.running_job import RunningJob
from dockyard.jobs.table import JobTable
from dockyard.store.database import Database, Scope

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
        self._initial_clock = parse_clock(clock) if clock else clock_from_env()
        self.clock_rules = ClockRules(self._initial_clock)
        self.faults = faults if faults is not None else FaultInjector()
        self._store = RecordStore(db, persist_interval)
        self._gate = ClockGate(self._store, float(speed) if speed is not None else speed_from_env())
        self._control = JobControl(self._store)
        self._kinds: dict[tuple[str, str], JobKind] = {}
        self._pool = WorkerPool(max_workers)
        self._reset_hooks: list[Callable[[], None]] = []
        self._closing = False

    @property
    def table(self) -> JobTable:
        """The ``jobs`` table (what survives a restart)."""
        return self._store.table

    @property
    def speed(self) -> float:
        """Realistic clock: minimum durations are divided by this."""
        return self._gate.speed

    @property
    def persist_interval(self) -> float:
        return self._store.persist_interval

    # == kinds ====================================================================================
    def register(self, *kinds: JobKind) -> None:
        """Make kinds known (needed before ``recover()`` for their unfinished jobs to be recovered)."""
        with self._store.lock:
            for kind in kinds:
                self._kinds[kind.key] = kind

    def kind(self, service: str, name: str) -> JobKind:
        try:
            return self._kinds[(service, name)]
        except KeyError:
            raise KeyError(f"No job kind {service} {name} is registered") from None

    @property
    def kinds(self) -> list[JobKind]:
        with self._store.lock:
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
        store = self._store
        with store.lock:
            if self._closing:
                raise RuntimeError("the job engine is shut down")
            if self._kinds.get(kind.key) is not kind:
                self._kinds[kind.key] = kind
            records = store.records
            active = [(records[i], a.kind) for i, a in store.active.items() if i in records]
            check_limits(kind, scope, parent_id, active)
            if job_id is None:
                job_id = self._new_id(kind)
            elif job_id in records:
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
            job = store.new_active_locked(job_id, kind)
            fault = self.faults.take_job_failure(kind.service, kind.name)
            if fault is not None:
                if fault.at_phase is None or fault.at_phase == kind.initial_status:
                    job.fail_now = fault.message
                else:
                    job.fail_at[fault.at_phase] = fault.message
            records[job_id] = record
            store.changed.notify_all()
        store.persist(record, force=True)
        self._submit(job_id)
        return record

    def get(self, job_id: str) -> JobRecord:
        """The newest record of a job (any scope); ``JobNotFound`` if there is none."""
        record = self._store.records.get(job_id)
        if record is None:
            raise JobNotFound(job_id)
        return record

    def resolve(self, identifier: str) -> JobRecord:
        """The job a user names by an id they hold: the job's id or ARN, or the id of the resource
        it acts on (graph, bot, locale, knowledge base; the running job on it, else the newest), or
        another name its kind declares. ``JobNotFound``, or ``AmbiguousJob`` (a ``JobControlError``)
        when several running jobs are known by that id. See ``lookup.py``."""
        record = self._store.records.get(identifier)
        if record is not None:
            return record
        return pick(self.known_by(identifier), identifier)

    def known_by(self, identifier: str) -> list[JobRecord]:
        """Every job known by ``identifier`` (see ``resolve``), oldest first."""
        with self._store.lock:
            records = list(self._store.records.values())
        return known_by(records, identifier, lambda r: self._kinds.get((r.service, r.kind)))

    def find(self, job_id: str, *, scope: Scope | None = None, kind: str | None = None) -> JobRecord | None:
        """The job if it is visible in ``scope`` (service, account, region) and of ``kind``, else None."""
        record = self._store.records.get(job_id)
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
        with self._store.lock:
            records = list(self._store.records.values())
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
        """Block until the job is terminal (or in ``status``); ``TimeoutError`` after ``timeout`` s.
        ``job_id`` may be any id ``resolve`` knows."""
        job_id = self.resolve(job_id).id
        deadline = time.monotonic() + timeout
        store = self._store
        with store.lock:
            while True:
                record = store.records.get(job_id)
                if record is None:
                    raise JobNotFound(job_id)
                if record.terminal or (status is not None and record.status == status):
                    return record
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise TimeoutError(f"job {job_id} is still {record.status} after {timeout} s")
                store.changed.wait(remaining)

    # == control (see control.py) =================================================================
    def advance(self, job_id: str, to: str | None = None, *, wait: bool = True, timeout: float = 5.0) -> JobRecord:
        """Let a held job move on: one status, or (``to``) until it reaches that status. Like every
        control call it takes any id ``resolve`` knows (a task id, a graph id, a bot id, an ARN...).

        Works in every clock (in ``realistic`` it skips the rest of the minimum duration). With
        ``wait`` it returns once the move happened (or after ``timeout`` seconds, if the body is
        still busy with the current phase).
        """
        job_id = self.resolve(job_id).id
        return self._control.advance(job_id, to, wait=wait, timeout=timeout)

    def pause(self, job_id: str) -> JobRecord:
        """Hold the job at its next checkpoint (its status does not change) until ``resume``."""
        job_id = self.resolve(job_id).id
        return self._control.set_paused(job_id, True)

    def resume(self, job_id: str) -> JobRecord:
        job_id = self.resolve(job_id).id
        return self._control.set_paused(job_id, False)

    def fail(self, job_id: str, message: str, at_phase: str | None = None) -> JobRecord:
        """Fail the job with ``message`` now (at its next checkpoint) or when it enters ``at_phase``."""
        job_id = self.resolve(job_id).id
        return self._control.fail(job_id, message, at_phase)

    def cancel(self, job_id: str, reason: str | None = None) -> JobRecord:
        """Request cancellation: the job enters its cancelling status now (if the kind has one) and
        unwinds at its next checkpoint. Cancelling twice is harmless."""
        job_id = self.resolve(job_id).id
        return self._control.cancel(job_id, reason)

    def set_clock(self, job_id: str, clock: str) -> JobRecord:
        """Change one running job's clock; a held job re-evaluates at once."""
        job_id = self.resolve(job_id).id
        return self._control.set_clock(job_id, clock)

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
        store = self._store
        with store.lock:
            record = store.records.get(job_id)
            if record is None:
                raise JobNotFound(job_id)
            if job_id in store.active:
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
            new = store.commit_locked(record, **changes)
        store.persist(new, force=True)
        return new

    def delete(self, job_id: str) -> None:
        """Forget a finished job (Lex ``DeleteImport``)."""
        store = self._store
        with store.lock:
            if job_id not in store.records:
                raise JobNotFound(job_id)
            if job_id in store.active:
                raise JobControlError(f"Job {job_id} is still running")
            store.forget_locked(job_id)
        store.delete_row(job_id)

    # == lifecycle ================================================================================
    def recover(self) -> RecoveryReport:
        """Finish what a previous process left unfinished: retry or fail every non-terminal job.

        Call once at start-up, after every service registered its kinds. Returns a
        ``RecoveryReport``.
        """
        with self._store.lock:
            kinds = dict(self._kinds)
        return recover_jobs(self._store, kinds, self._handle, self._submit)

    def add_reset_hook(self, hook: Callable[[], None]) -> None:
        """Run ``hook()`` at the end of every ``reset()`` (layers with in-memory state)."""
        self._reset_hooks.append(hook)

    def reset(self, database: bool = True, timeout: float = 5.0) -> None:
        """Stop every job, forget every job, fault and clock rule; with ``database`` also empty every
        table of the database (``Database.reset``), then run the reset hooks."""
        store = self._store
        self._await(store.stop_all(), timeout)
        store.clear()
        self.faults.clear()
        self.clock_rules.clear(self._initial_clock)
        with self.db.lock:
            if not store.closed:
                if database:
                    self.db.reset()
                else:
                    self.db.execute("DELETE FROM jobs")
        for hook in list(self._reset_hooks):
            hook()

    def flush(self) -> None:
        """Write every coalesced change now."""
        self._store.flush()

    def shutdown(self, timeout: float = 5.0) -> None:
        """Stop the engine: running jobs stop where they are (their records stay as they were, for
        ``recover()`` on the next start), workers exit. Idempotent."""
        with self._store.lock:
            if self._closing:
                return
            self._closing = True
        stopped = self._store.stop_all()
        deadline = time.monotonic() + timeout
        self._await(stopped, timeout)
        self.flush()
        self._pool.shutdown(max(0.0, deadline - time.monotonic()))
        self._store.close()

    # == internals ================================================================================
    def _submit(self, job_id: str) -> None:
        self._pool.submit(self._run, job_id)

    def _run(self, job_id: str) -> None:
        active = self._store.active.get(job_id)
        if active is not None:
            run_job(self._handle(active))

    def _handle(self, active: ActiveJob) -> RunningJob:
        return RunningJob(self._store, self._gate, active, self.deps)

    def _new_id(self, kind: JobKind) -> str:
        factory = kind.id_factory or (lambda: str(uuid.uuid4()))
        for _ in range(100):
            job_id = factory()
            if job_id not in self._store.records:
                return job_id
        raise RuntimeError(f"{kind.key}: the id factory keeps returning taken ids")

    @staticmethod
    def _await(stopped: list[ActiveJob], timeout: float) -> None:
        deadline = time.monotonic() + timeout
        for active in stopped:
            if active.running and not active.done.wait(max(0.0, deadline - time.monotonic())):
                log.warning("job %s did not stop within %.1f s", active.job_id, timeout)


def _merged(current: Mapping[str, Any], changes: Mapping[str, Any]) -> Mapping[str, Any]:
    """``current`` updated with ``changes``; a None value removes the key."""
    merged = dict(current)
    for key, value in changes.items():
        if value is None:
            merged.pop(key, None)
        else:
            merged[key] = value
    return frozen_map(merged)
