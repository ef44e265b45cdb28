"""Import jobs: the ImportJobData documents, clientToken idempotency, the download URLs.

The job itself (``jobs/quick_response_import.py``) runs in the job engine; its job id is the
importJobId and its parent the knowledge base. The document here is what Get/List answer; the job's
hooks write its status into it.
"""

from __future__ import annotations

import hashlib
import json
import time
import uuid
from typing import Any

from botocore.exceptions import ClientError

from dockyard.service_kit import BlobStore, Database, RequestContext, Scope, paginate
from dockyard.services.qconnect.errors import conflict, invalid, not_found
from dockyard.services.qconnect.resources import uploads

KIND = "import-job"
TOKEN = "import-job-token"
JOB_KIND = "quick-response-import"
RUNNING = "START_IN_PROGRESS"


def _fingerprint(params: dict[str, Any]) -> str:
    keys = ("importJobType", "uploadId", "metadata", "externalSourceConfiguration")
    return hashlib.sha256(json.dumps({k: params.get(k) for k in keys}, sort_keys=True).encode()).hexdigest()


def start(ctx: RequestContext, kb: dict[str, Any], params: dict[str, Any]) -> dict[str, Any]:
    db = ctx.deps.db
    kb_id = kb["knowledgeBaseId"]
    token = params.get("clientToken")
    with db.transaction():
        if token is not None:
            seen = db.get(ctx.scope, TOKEN, f"{kb_id}/{token}")
            if seen is not None:
                if seen["fingerprint"] != _fingerprint(params):
                    raise conflict(f"clientToken {token} was already used with different parameters.")
                return view(db, ctx.deps.blobs, ctx.scope, get(ctx, kb, seen["importJobId"]))
        if kb["knowledgeBaseType"] != "QUICK_RESPONSES":
            raise invalid(f"Import jobs of type {params['importJobType']} need a QUICK_RESPONSES knowledge base; "
                          f"{kb_id} is {kb['knowledgeBaseType']}.")
        uploads.finished(ctx, kb, params["uploadId"])
        job_id = str(uuid.uuid4())
        now = ctx.deps.now()
        doc = {"importJobId": job_id, "knowledgeBaseId": kb_id, "knowledgeBaseArn": kb["knowledgeBaseArn"],
               "uploadId": params["uploadId"], "importJobType": params["importJobType"], "status": RUNNING,
               "createdTime": now, "lastModifiedTime": now, "hasReport": False}
        for key in ("metadata", "externalSourceConfiguration"):
            if params.get(key) is not None:
                doc[key] = params[key]
        db.put(ctx.scope, KIND, job_id, doc, parent=kb_id)
        if token is not None:
            db.put(ctx.scope, TOKEN, f"{kb_id}/{token}", {"importJobId": job_id, "fingerprint": _fingerprint(params)},
                   parent=kb_id)
        jobs = ctx.deps.jobs
        jobs.start(jobs.kind(ctx.service, JOB_KIND), scope=ctx.scope, input={"importJobId": job_id},
                   parent_id=kb_id, job_id=job_id)
    return view(db, ctx.deps.blobs, ctx.scope, doc)


def set_status(db: Database, scope: Scope, job_id: str, status: str, now: float, **fields: Any) -> None:
    doc = db.get(scope, KIND, job_id)
    if doc is not None:
        db.put(scope, KIND, job_id, {**doc, **fields, "status": status, "lastModifiedTime": now},
               parent=doc["knowledgeBaseId"])


def view(db: Database, blobs: BlobStore, scope: Scope, doc: dict[str, Any]) -> dict[str, Any]:
    """ImportJobData with fresh expiring URLs (the uploaded file; the failed-record report)."""
    out = dict(doc)
    out["url"] = uploads.download_url(blobs, uploads.upload_location(scope, doc["uploadId"]))
    out["urlExpiry"] = time.time() + uploads.DOWNLOAD_SECONDS
    if doc.get("hasReport"):
        out["failedRecordReport"] = uploads.download_url(blobs, uploads.report_location(scope, doc["importJobId"]))
    return out


def get(ctx: RequestContext, kb: dict[str, Any], job_id: str) -> dict[str, Any]:
    doc = ctx.deps.db.get(ctx.scope, KIND, job_id)
    if doc is None or doc["knowledgeBaseId"] != kb["knowledgeBaseId"]:
        raise not_found("Import job", job_id)
    return doc


def listed(ctx: RequestContext, kb: dict[str, Any], params: dict[str, Any]) -> tuple[list[dict[str, Any]], str | None]:
    docs = ctx.deps.db.list(ctx.scope, KIND, parent=kb["knowledgeBaseId"])
    return paginate(docs, params.get("maxResults"), params.get("nextToken"))


def running(ctx: RequestContext, kb_id: str) -> bool:
    return any(d["status"] == RUNNING for d in ctx.deps.db.list(ctx.scope, KIND, parent=kb_id))


def delete(ctx: RequestContext, kb: dict[str, Any], job_id: str) -> None:
    """DeleteImportJob: refused while the job runs; the quick responses it created stay."""
    doc = get(ctx, kb, job_id)
    if doc["status"] == RUNNING:
        raise conflict(f"Import job {job_id} is still running and cannot be deleted.")
    db = ctx.deps.db
    with db.transaction():
        set_status(db, ctx.scope, job_id, "DELETE_IN_PROGRESS", ctx.deps.now())
        for location in (uploads.upload_location(ctx.scope, doc["uploadId"]),
                         uploads.report_location(ctx.scope, job_id)):
            try:
                ctx.deps.blobs.delete(location)
            except ClientError:  # an object already gone is deleted
                pass
        db.delete(ctx.scope, KIND, job_id)
