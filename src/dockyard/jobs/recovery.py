"""Restart recovery: no job is left hanging after the process stopped.

For every job the table holds in a non-terminal status, by its kind's policy:

* in the cancelling status: the cancellation is finished (``on_cancelled``, cancelled status);
* in the rollback status, or ``recovery="fail"``, or out of attempts: ``on_failed`` runs (so the
  service can clean up what the interrupted body half wrote) and the job enters the failed status
  with ``kind.interrupted_reason`` (keeping a reason the job already had);
* ``recovery="retry"``: the job starts over in its initial status with ``attempt + 1`` (progress,
  counters, failure reasons and artifacts cleared; input, details and clock kept).

Hooks run synchronously, inside ``recover()``. Jobs of kinds nobody registered are left untouched
and listed in the report: register every kind before calling ``recover()``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from dockyard.jobs.active_job import ActiveJob
from dockyard.jobs.context import JobContext
from dockyard.jobs.errors import EngineStopped
from dockyard.jobs.kind import JobKind
from dockyard.jobs.record import JobRecord, frozen_map
from dockyard.jobs.record_store import RecordStore
from dockyard.jobs.runner import cancel_job, fail_job
from dockyard.jobs.running_job import RunningJob

log = logging.getLogger("dockyard.jobs")


@dataclass
class RecoveryReport:
    retried: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    cancelled: list[str] = field(default_factory=list)
    unknown_kind: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, list[str]]:
        return {
            "retried": self.retried,
            "failed": self.failed,
            "cancelled": self.cancelled,
            "unknownKind": self.unknown_kind,
        }


def recover_jobs(
    store: RecordStore,
    kinds: Mapping[tuple[str, str], JobKind],
    handle: Callable[[ActiveJob], RunningJob],
    submit: Callable[[str], None],
) -> RecoveryReport:
    """Recover every orphan of ``store``: ``handle`` wraps a job's control state for its way out,
    ``submit`` queues a retried job on the worker pool."""
    report = RecoveryReport()
    with store.lock:
        orphans = [r for r in store.records.values() if not r.terminal and r.id not in store.active]
        kinds = dict(kinds)
    for record in orphans:
        kind = kinds.get((record.service, record.kind))
        if kind is None:
            log.warning(
                "job %s: no %s %s kind registered; left as %s",
                record.id,
                record.service,
                record.kind,
                record.status,
            )
            report.unknown_kind.append(record.id)
            continue
        if kind.cancelling_status and record.status == kind.cancelling_status:
            _finish(store, kind, handle, record, cancel=True)
            report.cancelled.append(record.id)
        elif record.status == kind.rollback_status or kind.recovery == "fail" or record.attempt >= kind.max_attempts:
            _finish(store, kind, handle, record, cancel=False)
            report.failed.append(record.id)
        else:
            _retry(store, kind, record, submit)
            report.retried.append(record.id)
    return report


def _finish(
    store: RecordStore, kind: JobKind, handle: Callable[[ActiveJob], RunningJob], record: JobRecord, cancel: bool
) -> None:
    with store.lock:
        active = store.new_active_locked(record.id, kind)
    active.running = True
    job = handle(active)
    ctx = JobContext(job)
    try:
        if cancel:
            cancel_job(job, ctx, hold=False)
        else:
            reason = record.status_reason if record.status == kind.rollback_status else None
            reason = reason or kind.interrupted_reason.format(status=record.status)
            fail_job(job, ctx, reason, hold=False, rollback=False)
    except EngineStopped:
        pass
    finally:
        active.done.set()


def _retry(store: RecordStore, kind: JobKind, record: JobRecord, submit: Callable[[str], None]) -> None:
    with store.lock:
        store.new_active_locked(record.id, kind)
        new = store.commit_locked(
            store.records[record.id],
            status=kind.initial_status,
            attempt=record.attempt + 1,
            progress=0.0,
            counters=frozen_map({}),
            failure_reasons=(),
            artifacts=frozen_map({}),
            status_reason=None,
            started_at=None,
            ended_at=None,
            paused=False,
            cancel_requested=False,
        )
    store.persist(new, force=True)
    submit(record.id)
