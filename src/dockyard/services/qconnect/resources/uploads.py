"""Uploads (StartContentUpload) and the objects behind them, in the runtime's blob store.

One internal bucket per account and region, ``dockyard-qconnect-<account>-<region>``::

    uploads/<uploadId>                          the file PUT to StartContentUpload's url
    import-jobs/<importJobId>/failed-records.csv the failedRecordReport of an import job
    contents/<contentId>/<revisionId>           the file of a content revision (GetContent's url)
"""

from __future__ import annotations

import uuid
from typing import Any

from botocore.exceptions import ClientError

from dockyard.service_kit import BlobStore, RequestContext, S3Location, Scope
from dockyard.services.qconnect.errors import invalid

KIND = "upload"
DOWNLOAD_SECONDS = 3600  # the lifetime of url/urlExpiry and failedRecordReport (decision)


def bucket(scope: Scope) -> str:
    return f"dockyard-qconnect-{scope.account}-{scope.region}".lower()


def upload_location(scope: Scope, upload_id: str) -> S3Location:
    return S3Location(bucket(scope), f"uploads/{upload_id}")


def report_location(scope: Scope, job_id: str) -> S3Location:
    return S3Location(bucket(scope), f"import-jobs/{job_id}/failed-records.csv")


def content_location(scope: Scope, content_id: str, revision_id: str) -> S3Location:
    return S3Location(bucket(scope), f"contents/{content_id}/{revision_id}")


def start(ctx: RequestContext, kb: dict[str, Any], content_type: str, ttl_minutes: int | None) -> dict[str, Any]:
    seconds = 60 * (ttl_minutes or 15)
    upload_id = str(uuid.uuid4())
    location = upload_location(ctx.scope, upload_id)
    ctx.deps.blobs.ensure_bucket(location.bucket)
    url = ctx.deps.blobs.presign_put(location, seconds, content_type=content_type)
    ctx.deps.db.put(ctx.scope, KIND, upload_id, {"uploadId": upload_id, "knowledgeBaseId": kb["knowledgeBaseId"],
                                                 "contentType": content_type}, parent=kb["knowledgeBaseId"])
    return {"uploadId": upload_id, "url": url, "urlExpiry": ctx.deps.now() + seconds,
            "headersToInclude": {"content-type": content_type}}


def finished(ctx: RequestContext, kb: dict[str, Any], upload_id: str) -> dict[str, Any]:
    """The upload ``upload_id`` of this knowledge base, once its file has been PUT."""
    doc = ctx.deps.db.get(ctx.scope, KIND, upload_id)
    if doc is None or doc["knowledgeBaseId"] != kb["knowledgeBaseId"]:
        raise invalid(f"Upload {upload_id} does not exist for knowledge base {kb['knowledgeBaseId']}.")
    if read(ctx.deps.blobs, upload_location(ctx.scope, upload_id)) is None:
        raise invalid(f"Upload {upload_id} has not been completed: PUT the file to the upload URL first.")
    return doc


def read(blobs: BlobStore, location: S3Location) -> bytes | None:
    try:
        return blobs.get_bytes(location)
    except ClientError as exc:
        if exc.response.get("Error", {}).get("Code") in ("NoSuchKey", "NoSuchBucket", "404"):
            return None
        raise


def download_url(blobs: BlobStore, location: S3Location) -> str:
    return blobs.presign_get(location, DOWNLOAD_SECONDS)
