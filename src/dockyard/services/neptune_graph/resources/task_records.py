"""What import and export tasks share at the API: finding a task by id, cancelling it."""

from __future__ import annotations

import time
from collections.abc import Collection, Iterable
from datetime import UTC, datetime
from typing import Any

from dockyard.service_kit import JobControlError, JobRecord, RequestContext
from dockyard.services.neptune_graph.errors import conflict, not_found


def find_task(ctx: RequestContext, task_id: str, kinds: Collection[str], noun: str) -> JobRecord:
    """The task ``task_id`` of one of ``kinds`` in the caller's account and region."""
    record = ctx.deps.jobs.find(task_id, scope=ctx.scope)
    if record is None or record.kind not in kinds:
        raise not_found(f"{noun} {task_id} not found")
    return record


def cancel_task(ctx: RequestContext, record: JobRecord, noun: str) -> JobRecord:
    """Request cancellation; a finished task answers ConflictException."""
    if record.terminal:
        raise conflict(f"{noun} {record.id} is {record.status} and can no longer be cancelled.")
    try:
        return ctx.deps.jobs.cancel(record.id)
    except JobControlError as exc:
        raise conflict(str(exc)) from exc


def task_fields(record: JobRecord, input_fields: Iterable[str]) -> dict[str, Any]:
    """graphId, taskId, status and the given members of the task's input (those that were set)."""
    out: dict[str, Any] = {"graphId": record.parent_id, "taskId": record.id, "status": record.status}
    for name in input_fields:
        if record.input.get(name) is not None:
            out[name] = record.input[name]
    return out


def timing(record: JobRecord) -> dict[str, Any]:
    """startTime, timeElapsedSeconds and progressPercentage of a started task (live while it runs)."""
    assert record.started_at is not None
    end = record.ended_at or time.time()
    return {
        "startTime": datetime.fromtimestamp(record.started_at, UTC),
        "timeElapsedSeconds": max(0, int(end - record.started_at)),
        "progressPercentage": int(record.progress),
    }
