"""Running one job: the body, then the way out — success, failure or cancellation.

* success: the body returns; the engine walks the rest of the happy path (each step waits for the
  clock), then runs ``on_succeeded`` and writes the success record in ONE database transaction: a
  process killed at any instant leaves both (the job is finished) or neither (recovery retries or
  fails it with nothing of the hook applied), never the hook's effects under a running job. A hook
  that raises (``ctx.fail``) keeps what it wrote outside its own failed transactions, and the job
  fails as below;
* failure: the body raises (``ctx.fail``, an ``AwsError``, any exception, or an injected failure);
  the job enters the rollback status (if the kind has one, held there by the clock), runs
  ``on_failed`` and enters the failed status with the error's message as ``status_reason``;
* cancellation: ``JobCancelled`` at a checkpoint; the job is in its cancelling status (held there by
  the clock), runs ``on_cancelled`` and enters the cancelled status;
* engine stop (shutdown/reset): the job stops where it is and its record is left alone.
"""

from __future__ import annotations

import logging

from dockyard.jobs.context import JobContext
from dockyard.jobs.errors import (
    EngineStopped,
    JobCancelled,
    JobFailed,
    JobFailRequested,
    TransitionError,
)
from dockyard.jobs.kind import Hook
from dockyard.jobs.running_job import RunningJob
from dockyard.protocol.errors import AwsError

log = logging.getLogger("dockyard.jobs")


def run_job(job: RunningJob) -> None:
    """Worker entry point for one job."""
    if not job.claim():
        return
    ctx = JobContext(job)
    try:
        reason = _run_body(job, ctx)
        if reason is None:
            return
        if job.active.cancel_requested or isinstance(reason, JobCancelled):
            cancel_job(job, ctx)
        else:
            fail_job(job, ctx, reason)
    except EngineStopped:
        return
    except BaseException:  # a bug in the way out itself: never leave the job hanging
        log.exception("job %s could not finish cleanly", job.job_id)
        job.force_fail(internal_error_reason(job))
    finally:
        job.active.done.set()


def _run_body(job: RunningJob, ctx: JobContext) -> str | JobCancelled | None:
    """Run the body and complete; None on success, else the failure reason or the cancellation."""
    kind = job.kind
    try:
        kind.body(ctx)
        complete_job(job, ctx)
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
        log.error("job %s (%s %s): %s", job.job_id, kind.service, kind.name, exc)
        return internal_error_reason(job)
    except Exception as exc:  # a body's own failure: its text is the reason (docs/jobs.md)
        log.warning("job %s (%s %s) failed", job.job_id, kind.service, kind.name, exc_info=True)
        return str(exc) or type(exc).__name__


def internal_error_reason(job: RunningJob) -> str:
    """What a job's failure reason says about a fault of Dockyard's own (no exception text: it would
    show internals to the user, as AWS never does); the server log has the traceback."""
    return f"Dockyard failed to run job {job.job_id} because of an internal error; the server log has the details."


def complete_job(job: RunningJob, ctx: JobContext) -> None:
    """Walk the rest of the happy path, run ``on_succeeded``, enter the success status."""
    kind = job.kind
    record = job.current()
    path = (kind.initial_status, *kind.phases)
    index = kind.happy_index(record.status)
    remaining = path[index + 1 :] if index is not None else (kind.success_status,)
    for status in remaining[:-1]:
        job.step(status)
    job.step(kind.success_status, commit=False)
    refused: Exception | None = None
    with job.db.transaction():  # the hook's effects and the success record land together
        try:
            if kind.on_succeeded is not None:
                job.active.in_hook = True
                kind.on_succeeded(ctx)
        except EngineStopped:
            raise  # the process stops: neither lands, recovery finds the job where it was
        except Exception as exc:
            refused = exc  # the hook failed the job: what it wrote stands (a report, say), no success
        finally:
            job.active.in_hook = False
        if refused is None:
            job.step(kind.success_status, interruptible=False, hold=False)
    if refused is not None:
        raise refused


def fail_job(job: RunningJob, ctx: JobContext, reason: str, hold: bool = True, rollback: bool = True) -> None:
    """Rollback status (held by the clock), ``on_failed``, failed status with ``reason``. Recovery
    passes ``rollback=False``: the job fails from the status it was interrupted in."""
    kind = job.kind
    record = job.change(lambda r: {"status_reason": reason}, force=True)
    rollback_status = kind.rollback_status if rollback else None
    if rollback_status and record.status != rollback_status and kind.allows(record.status, rollback_status):
        job.step(rollback_status, interruptible=False, hold=False)
        record = job.current()
    held = hold and record.status == kind.rollback_status
    job.step(kind.failed_status, interruptible=False, hold=held, commit=False)
    run_hook(job, ctx, kind.on_failed, "on_failed")
    job.step(kind.failed_status, interruptible=False, hold=False)


def cancel_job(job: RunningJob, ctx: JobContext, hold: bool = True) -> None:
    """Cancelling status (held by the clock), ``on_cancelled``, cancelled status."""
    kind = job.kind
    cancelled = kind.cancelled_status
    record = job.current()
    if cancelled is None:
        fail_job(job, ctx, "The job was cancelled.", hold)
        return
    cancelling = kind.cancelling_status
    if cancelling and record.status != cancelling and kind.allows(record.status, cancelling):
        job.step(cancelling, interruptible=False, hold=False)
        record = job.current()
    if not kind.allows(record.status, cancelled):
        fail_job(job, ctx, f"The job could not be cancelled while {record.status}.", hold)
        return
    held = hold and record.status == cancelling
    job.step(cancelled, interruptible=False, hold=held, commit=False)
    run_hook(job, ctx, kind.on_cancelled, "on_cancelled")
    job.step(cancelled, interruptible=False, hold=False)


def run_hook(job: RunningJob, ctx: JobContext, hook: Hook | None, name: str) -> None:
    """Run a cleanup hook; its failure is recorded as a failure reason, never raised."""
    if hook is None:
        return
    job.active.in_hook = True
    try:
        hook(ctx)
    except EngineStopped:
        raise
    except Exception as exc:
        log.warning("job %s: %s hook failed", job.job_id, name, exc_info=True)
        message = f"{name} failed: {exc}"
        job.change(lambda r: {"failure_reasons": (*r.failure_reasons, message)})
    finally:
        job.active.in_hook = False
