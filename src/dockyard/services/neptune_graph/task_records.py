"""What import and export tasks share at the API: finding a task by id, cancelling it."""

from __future__ import annotations

from collections.abc import Collection

from dockyard.gateway.request_context import RequestContext
from dockyard.jobs import JobControlError, JobRecord
from dockyard.protocol.errors import AwsError


def find_task(ctx: RequestContext, task_id: str, kinds: Collection[str], noun: str) -> JobRecord:
    """The task ``task_id`` of one of ``kinds`` in the caller's account and region."""
    record = ctx.runtime.jobs.find(task_id, scope=ctx.scope)
    if record is None or record.kind not in kinds:
        raise AwsError("ResourceNotFoundException", f"{noun} {task_id} not found")
    return record


def cancel_task(ctx: RequestContext, record: JobRecord, noun: str) -> JobRecord:
    """Request cancellation; a finished task answers ConflictException."""
    if record.terminal:
        raise AwsError("ConflictException", f"{noun} {record.id} is {record.status} and can no longer be cancelled.",
                       reason="CONCURRENT_MODIFICATION")
    try:
        return ctx.runtime.jobs.cancel(record.id)
    except JobControlError as exc:
        raise AwsError("ConflictException", str(exc), reason="CONCURRENT_MODIFICATION") from exc
