"""The ``quick-response-import`` job kind: START_IN_PROGRESS -> COMPLETE / FAILED (not cancellable).

* body: fetch the uploaded file and read it (``formats/quick_response_csv``); a file refused as a
  whole fails the job at once, with a one-line failedRecordReport and nothing created.
* on_succeeded (when the clock lets the job leave START_IN_PROGRESS): check every row, create the good
  ones in one transaction, write the failedRecordReport of the bad ones; no good row fails the job.
* on_failed: the import document shows FAILED.

Recovery is ``retry``: nothing is written before the single commit.
"""

from __future__ import annotations

from dockyard.service_kit import JobContext, JobKind, LimitError
from dockyard.services.qconnect import SPEC
from dockyard.services.qconnect.formats import quick_response_csv
from dockyard.services.qconnect.formats.quick_response_csv import FileRefused, ImportFile
from dockyard.services.qconnect.resources import import_apply, import_jobs, knowledge_bases, uploads
from dockyard.services.qconnect.resources.quick_responses import Where


def _report(ctx: JobContext, data: bytes) -> None:
    location = uploads.report_location(ctx.scope, ctx.job_id)
    ctx.deps.blobs.put_bytes(location, data, content_type="text/csv")
    doc = ctx.db.get(ctx.scope, import_jobs.KIND, ctx.job_id)
    if doc is not None:
        ctx.db.put(ctx.scope, import_jobs.KIND, ctx.job_id, {**doc, "hasReport": True},
                   parent=doc["knowledgeBaseId"])


def _read(ctx: JobContext) -> ImportFile:
    doc = ctx.db.get(ctx.scope, import_jobs.KIND, ctx.job_id)
    if doc is None:
        ctx.fail("The import job was deleted.")
    data = uploads.read(ctx.deps.blobs, uploads.upload_location(ctx.scope, doc["uploadId"]))
    if data is None:
        return _refuse(ctx, "The uploaded file no longer exists.")
    try:
        return quick_response_csv.read(data)
    except FileRefused as exc:
        return _refuse(ctx, str(exc))


def _refuse(ctx: JobContext, reason: str) -> ImportFile:
    _report(ctx, quick_response_csv.file_report(reason))
    ctx.fail(reason)


def body(ctx: JobContext) -> None:
    _read(ctx)


def succeeded(ctx: JobContext) -> None:
    file = _read(ctx)
    doc = ctx.db.get(ctx.scope, import_jobs.KIND, ctx.job_id)
    kb = ctx.db.get(ctx.scope, knowledge_bases.KIND, doc["knowledgeBaseId"]) if doc else None
    if kb is None:
        ctx.fail("The knowledge base no longer exists.")
    outcome = import_apply.apply(Where(ctx.db, ctx.scope), kb, file, ctx.deps.now())
    if outcome.failures:
        _report(ctx, quick_response_csv.failed_report(file.header, outcome.failures))
    if not outcome.created:
        ctx.fail(f"None of the {len(file.rows)} quick responses of the file could be imported.")
    ctx.set_counters(created=len(outcome.created), failed=len(outcome.failures))
    import_jobs.set_status(ctx.db, ctx.scope, ctx.job_id, "COMPLETE", ctx.deps.now())


def failed(ctx: JobContext) -> None:
    import_jobs.set_status(ctx.db, ctx.scope, ctx.job_id, "FAILED", ctx.deps.now())


KIND = SPEC.job_kind(JobKind(
    service=SPEC.name, name=import_jobs.JOB_KIND, body=body, initial_status=import_jobs.RUNNING,
    phases=("COMPLETE",), failed_status="FAILED", recovery="retry", min_phase_seconds={"START_IN_PROGRESS": 5.0},
    max_running_per_parent=1,
    parent_limit_error=LimitError("ConflictException", "An import job ({active_id}) is already running for {parent}."),
    on_succeeded=succeeded, on_failed=failed,
))
