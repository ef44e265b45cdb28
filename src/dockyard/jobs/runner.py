"""Running one job: the body, then the way out — success, failure or cancellation.

* success: the body returns; the engine walks the rest of the happy path (each step waits for the
  clock), runs ``on_succeeded`` and enters the success status;
* failure: the body raises (``ctx.fail``, an ``AwsError``, any exception, or an injected failure);
  the job enters the rollback status (if the kind has one, held there by the clock), runs
  ``on_failed`` and enters the failed status with the error's message as ``status_reason``;
* cancellation: ``JobCancelled`` at a checkpoint; the job is in its cancelling status (held there by
  the clock), runs ``on_cancelled`` and enters the cancelled status;
* engine stop (shutdown/reset): the job stops where it is and its record is left alone.
"""

from __future__ import annotations

import logging
import time
from typing import TYPE_CHECKING

from dockyard.jobs.context import JobContext
from dockyard.jobs.errors import (
    EngineStopped,
    JobCancelled,
    JobFailed,
    JobFailRequested,
    TransitionError,
)
from dockyard.jobs.kind import Hook
from dockyard.jobs.runtime import JobRuntime
from dockyard.protocol.errors import AwsError

if TYPE_CHECKING:
    from dockyard.jobs.engine import JobEngine

log = logging.getLogger("dockyard.jobs")


def run_job(engine: JobEngine, job_id: str) -> None:
    """Worker entry point for one job."""
    runtime = engine._claim(job_id)
    if runtime is None:
        return
    ctx = JobContext(engine, runtime)
    try:
        reason = _run_body(engine, runtime, ctx)
        if reason is None:
            return
        if runtime.cancel_requested or isinstance(reason, JobCancelled):
            cancel_job(engine, runtime, ctx)
        else:
            fail_job(engine, runtime, ctx, reason)
    except EngineStopped:
        return
    except BaseException as exc:  # a bug in the way out itself: never leave the job hanging
        log.exception("job %s could not finish cleanly", job_id)
        _force_fail(engine, runtime, f"Internal error in Dockyard: {exc}")
    finally:
        runtime.done.set()


def _run_body(engine: JobEngine, runtime: JobRuntime, ctx: JobContext) -> str | JobCancelled | None:
    """Run the body and complete; None on success, else the failure reason or the cancellation."""
    kind = runtime.kind
    try:
        kind.body(ctx)
        complete_job(engine, runtime, ctx)
        return None
    except EngineStopped:
        raise
    except JobCancelled as exc:
        return exc
    except (JobFailRequested, JobFailed) as exc:
        return exc.reason
    except AwsError as exc:
        return exc.message
    except TransitionError as exc:
        log.error("job %s (%s %s): %s", runtime.job_id, kind.service, kind.name, exc)
        return f"Internal error in Dockyard: {exc}"
    except Exception as exc:
        log.warning("job %s (%s %s) failed", runtime.job_id, kind.service, kind.name, exc_info=True)
        return str(exc) or type(exc).__name__


def complete_job(engine: JobEngine, runtime: JobRuntime, ctx: JobContext) -> None:
    """Walk the rest of the happy path, run ``on_succeeded``, enter the success status."""
    kind = runtime.kind
    record = engine._current(runtime)
    path = (kind.initial_status, *kind.phases)
    index = kind.happy_index(record.status)
    remaining = path[index + 1 :] if index is not None else (kind.success_status,)
    for status in remaining[:-1]:
        engine._step(runtime, status)
    engine._step(runtime, kind.success_status, commit=False)
    if kind.on_succeeded is not None:
        runtime.in_hook = True
        try:
            kind.on_succeeded(ctx)
        finally:
            runtime.in_hook = False
    engine._step(runtime, kind.success_status, interruptible=False, hold=False)


def fail_job(
    engine: JobEngine,
    runtime: JobRuntime,
    ctx: JobContext,
    reason: str,
    hold: bool = True,
    rollback: bool = True,
) -> None:
    """Rollback status (held by the clock), ``on_failed``, failed status with ``reason``. Recovery
    passes ``rollback=False``: the job fails from the status it was interrupted in."""
    kind = runtime.kind
    record = engine._change(runtime, lambda r: {"status_reason": reason}, force=True)
    rollback_status = kind.rollback_status if rollback else None
    if rollback_status and record.status != rollback_status and kind.allows(record.status, rollback_status):
        engine._step(runtime, rollback_status, interruptible=False, hold=False)
        record = engine._current(runtime)
    held = hold and record.status == kind.rollback_status
    engine._step(runtime, kind.failed_status, interruptible=False, hold=held, commit=False)
    run_hook(engine, runtime, ctx, kind.on_failed, "on_failed")
    engine._step(runtime, kind.failed_status, interruptible=False, hold=False)


def cancel_job(engine: JobEngine, runtime: JobRuntime, ctx: JobContext, hold: bool = True) -> None:
    """Cancelling status (held by the clock), ``on_cancelled``, cancelled status."""
    kind = runtime.kind
    cancelled = kind.cancelled_status
    record = engine._current(runtime)
    if cancelled is None:
        fail_job(engine, runtime, ctx, "The job was cancelled.", hold)
        return
    cancelling = kind.cancelling_status
    if cancelling and record.status != cancelling and kind.allows(record.status, cancelling):
        engine._step(runtime, cancelling, interruptible=False, hold=False)
        record = engine._current(runtime)
    if not kind.allows(record.status, cancelled):
        fail_job(engine, runtime, ctx, f"The job could not be cancelled while {record.status}.", hold)
        return
    held = hold and record.status == cancelling
    engine._step(runtime, cancelled, interruptible=False, hold=held, commit=False)
    run_hook(engine, runtime, ctx, kind.on_cancelled, "on_cancelled")
    engine._step(runtime, cancelled, interruptible=False, hold=False)


def run_hook(engine: JobEngine, runtime: JobRuntime, ctx: JobContext, hook: Hook | None, name: str) -> None:
    """Run a cleanup hook; its failure is recorded as a failure reason, never raised."""
    if hook is None:
        return
    runtime.in_hook = True
    try:
        hook(ctx)
    except EngineStopped:
        raise
    except Exception as exc:
        log.warning("job %s: %s hook failed", runtime.job_id, name, exc_info=True)
        message = f"{name} failed: {exc}"
        engine._change(runtime, lambda r: {"failure_reasons": (*r.failure_reasons, message)})
    finally:
        runtime.in_hook = False


def _force_fail(engine: JobEngine, runtime: JobRuntime, reason: str) -> None:
    """Last resort: straight to the failed status, no hook, no table check."""
    kind = runtime.kind
    with engine._lock:
        record = engine._records.get(runtime.job_id)
        if record is None or record.terminal or runtime.stopped:
            return
        engine._runtimes.pop(runtime.job_id, None)
        new = engine._commit_locked(
            record, status=kind.failed_status, terminal=True, status_reason=reason, ended_at=time.time()
        )
    engine._persist(new, force=True)
