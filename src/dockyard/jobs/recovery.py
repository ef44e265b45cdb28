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
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from dockyard.jobs.context import JobContext
from dockyard.jobs.errors import EngineStopped
from dockyard.jobs.record import JobRecord, frozen_map
from dockyard.jobs.runner import cancel_job, fail_job

if TYPE_CHECKING:
    from dockyard.jobs.engine import JobEngine

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


def recover_jobs(engine: JobEngine) -> RecoveryReport:
    report = RecoveryReport()
    with engine._lock:
        orphans = [r for r in engine._records.values() if not r.terminal and r.id not in engine._runtimes]
        kinds = dict(engine._kinds)
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
            _finish(engine, record, cancel=True)
            report.cancelled.append(record.id)
        elif record.status == kind.rollback_status or kind.recovery == "fail" or record.attempt >= kind.max_attempts:
            _finish(engine, record, cancel=False)
            report.failed.append(record.id)
        else:
            _retry(engine, record)
            report.retried.append(record.id)
    return report


def _finish(engine: JobEngine, record: JobRecord, cancel: bool) -> None:
    kind = engine.kind(record.service, record.kind)
    runtime = engine._adopt(kind, record)
    runtime.running = True
    ctx = JobContext(engine, runtime)
    try:
        if cancel:
            cancel_job(engine, runtime, ctx, hold=False)
        else:
            reason = record.status_reason if record.status == kind.rollback_status else None
            reason = reason or kind.interrupted_reason.format(status=record.status)
            fail_job(engine, runtime, ctx, reason, hold=False, rollback=False)
    except EngineStopped:
        pass
    finally:
        runtime.done.set()


def _retry(engine: JobEngine, record: JobRecord) -> None:
    kind = engine.kind(record.service, record.kind)
    engine._adopt(kind, record)
    with engine._lock:
        new = engine._commit_locked(
            engine._records[record.id],
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
    engine._persist(new, force=True)
    engine._submit(record.id)
