"""Contents of CUSTOM knowledge bases: CreateContent/UpdateContent from an upload, their documents,
revisions, files and full-text index entries.

A content is created ACTIVE at once: its upload is read and its text extracted in the call
(``formats/content_text``); a file that gives no text is refused with ValidationException and
nothing is created (docs/decisions.md). The file is copied to ``contents/<id>/<revisionId>``
(GetContent's expiring ``url``); the text is indexed as passages (``content_index``) in the same
transaction as the document, so a search never sees half a content.
"""

from __future__ import annotations

import hashlib
import json
import time
import uuid
from typing import Any

from botocore.exceptions import ClientError

from dockyard.service_kit import RequestContext, S3Location, paginate
from dockyard.services.qconnect.errors import conflict, invalid, not_found, precondition_failed, quota
from dockyard.services.qconnect.formats import content_text, passages
from dockyard.services.qconnect.formats.content_text import Unreadable
from dockyard.services.qconnect.resources import content_index, knowledge_bases, tags, uploads
from dockyard.services.qconnect.resources.arns import arn, id_of

KIND = "content"
TOKEN = "content-token"
QUOTA = 100_000  # contents a knowledge base holds [UNVERIFIED: no published figure found]
CUSTOM = "CUSTOM"


def _require_custom(kb: dict[str, Any]) -> None:
    if kb["knowledgeBaseType"] != CUSTOM:
        raise invalid(f"Content can only be created in a CUSTOM knowledge base; {kb['knowledgeBaseId']} is "
                      f"{kb['knowledgeBaseType']}.")


def _fingerprint(params: dict[str, Any]) -> str:
    keys = ("name", "title", "uploadId", "metadata", "overrideLinkOutUri", "tags")
    return hashlib.sha256(json.dumps({k: params.get(k) for k in keys}, sort_keys=True).encode()).hexdigest()


def _text_of_upload(ctx: RequestContext, kb: dict[str, Any], upload_id: str) -> tuple[str, bytes, str]:
    """(content type, bytes, text) of a finished upload; ValidationException when it gives no text."""
    upload = uploads.finished(ctx, kb, upload_id)
    data = uploads.read(ctx.deps.blobs, uploads.upload_location(ctx.scope, upload_id)) or b""
    try:
        text = content_text.extract(upload["contentType"], data)
    except Unreadable as exc:
        raise invalid(f"The file of upload {upload_id} cannot be read as {upload['contentType']}: {exc}") from None
    return upload["contentType"], data, text


def _store_file(ctx: RequestContext, content_id: str, revision_id: str, data: bytes, content_type: str) -> S3Location:
    location = uploads.content_location(ctx.scope, content_id, revision_id)
    ctx.deps.blobs.put_bytes(location, data, content_type=content_type)
    return location


def _delete_file(ctx: RequestContext, key: str) -> None:
    try:
        ctx.deps.blobs.delete(S3Location(uploads.bucket(ctx.scope), key))
    except ClientError:  # already gone
        pass


def _replayed(ctx: RequestContext, kb: dict[str, Any], params: dict[str, Any]) -> dict[str, Any] | None:
    token = params.get("clientToken")
    if token is None:
        return None
    seen = ctx.deps.db.get(ctx.scope, TOKEN, f"{kb['knowledgeBaseId']}/{token}")
    if seen is None:
        return None
    if seen["fingerprint"] != _fingerprint(params):
        raise conflict(f"clientToken {token} was already used with different parameters.")
    return get(ctx, kb, seen["contentId"])


def create(ctx: RequestContext, kb: dict[str, Any], params: dict[str, Any]) -> dict[str, Any]:
    _require_custom(kb)
    replayed = _replayed(ctx, kb, params)
    if replayed is not None:
        return replayed
    content_type, data, text = _text_of_upload(ctx, kb, params["uploadId"])
    content_id, revision_id = str(uuid.uuid4()), str(uuid.uuid4())
    kb_id = kb["knowledgeBaseId"]
    location = _store_file(ctx, content_id, revision_id, data, content_type)
    doc = {"contentId": content_id, "contentArn": arn(ctx, f"content/{kb_id}/{content_id}"),
           "knowledgeBaseId": kb_id, "knowledgeBaseArn": kb["knowledgeBaseArn"], "name": params["name"],
           "title": params.get("title") or params["name"], "contentType": content_type, "status": "ACTIVE",
           "metadata": dict(params.get("metadata") or {}), "revisionId": revision_id,
           "lastModifiedTime": ctx.deps.now(), "lastModifiedRegion": ctx.region, "file": location.key,
           "uploadId": params["uploadId"]}
    if params.get("overrideLinkOutUri"):
        doc["linkOutUri"] = params["overrideLinkOutUri"]
    db = ctx.deps.db
    try:
        with db.transaction():
            again = _replayed(ctx, kb, params)  # a retry that raced this call
            if again is not None:
                _delete_file(ctx, location.key)
                return again
            names = db.project(ctx.scope, KIND, ["name"], parent=kb_id)
            if any(n["name"] == params["name"] for n in names):
                raise conflict(f"A content named {params['name']} already exists in knowledge base {kb_id}.")
            if len(names) >= QUOTA:
                raise quota(f"You have reached the limit of {QUOTA} contents in knowledge base {kb_id}.")
            db.put(ctx.scope, KIND, content_id, doc, parent=kb_id)
            content_index.replace(db, kb_id, content_id, doc["title"], passages.split(text))
            tags.register(ctx, doc["contentArn"], params.get("tags"))
            if params.get("clientToken") is not None:
                db.put(ctx.scope, TOKEN, f"{kb_id}/{params['clientToken']}",
                       {"contentId": content_id, "fingerprint": _fingerprint(params)}, parent=kb_id)
            knowledge_bases.touch(ctx, kb)
    except BaseException:
        _delete_file(ctx, location.key)
        raise
    return doc


def get(ctx: RequestContext, kb: dict[str, Any], content_id: str) -> dict[str, Any]:
    doc = ctx.deps.db.get(ctx.scope, KIND, id_of(content_id))
    if doc is None or doc["knowledgeBaseId"] != kb["knowledgeBaseId"]:
        raise not_found("Content", content_id)
    return doc


def summary(ctx: RequestContext, doc: dict[str, Any]) -> dict[str, Any]:
    """ContentSummary (the serializer drops the members the shape lacks)."""
    return {**doc, "tags": tags.of(ctx, doc["contentArn"])}


def data(ctx: RequestContext, doc: dict[str, Any]) -> dict[str, Any]:
    """ContentData: the summary with a fresh expiring download url of the content's file."""
    location = S3Location(uploads.bucket(ctx.scope), doc["file"])
    return {**summary(ctx, doc), "url": uploads.download_url(ctx.deps.blobs, location),
            "urlExpiry": time.time() + uploads.DOWNLOAD_SECONDS}


def update(ctx: RequestContext, kb: dict[str, Any], params: dict[str, Any]) -> dict[str, Any]:
    _require_custom(kb)
    if params.get("overrideLinkOutUri") is not None and params.get("removeOverrideLinkOutUri"):
        raise invalid("overrideLinkOutUri and removeOverrideLinkOutUri cannot both be given.")
    doc = get(ctx, kb, params["contentId"])
    _check_revision(doc, params.get("revisionId"))
    revision_id = str(uuid.uuid4())
    upload = None
    if params.get("uploadId"):
        content_type, raw, text = _text_of_upload(ctx, kb, params["uploadId"])
        upload = (content_type, text, _store_file(ctx, doc["contentId"], revision_id, raw, content_type))
    db = ctx.deps.db
    try:
        with db.transaction():
            current = get(ctx, kb, params["contentId"])
            _check_revision(current, params.get("revisionId"))
            new = _updated(ctx, current, params, revision_id)
            if upload is not None:
                new.update(contentType=upload[0], file=upload[2].key, uploadId=params["uploadId"])
                content_index.replace(db, kb["knowledgeBaseId"], new["contentId"], new["title"],
                                      passages.split(upload[1]))
            elif new["title"] != current["title"]:
                content_index.retitle(db, kb["knowledgeBaseId"], new["contentId"], new["title"])
            db.put(ctx.scope, KIND, new["contentId"], new, parent=kb["knowledgeBaseId"])
            knowledge_bases.touch(ctx, kb)
    except BaseException:
        if upload is not None:
            _delete_file(ctx, upload[2].key)
        raise
    if upload is not None:
        _delete_file(ctx, current["file"])
    return new


def _check_revision(doc: dict[str, Any], revision_id: str | None) -> None:
    if revision_id is not None and revision_id != doc["revisionId"]:
        raise precondition_failed(f"Content {doc['contentId']} was modified: its revision is {doc['revisionId']}, "
                                  f"not {revision_id}.")


def _updated(ctx: RequestContext, doc: dict[str, Any], params: dict[str, Any], revision_id: str) -> dict[str, Any]:
    new = {**doc, "revisionId": revision_id, "lastModifiedTime": ctx.deps.now(), "lastModifiedRegion": ctx.region}
    if params.get("title") is not None:
        new["title"] = params["title"]
    if params.get("metadata") is not None:
        new["metadata"] = dict(params["metadata"])
    if params.get("overrideLinkOutUri") is not None:
        new["linkOutUri"] = params["overrideLinkOutUri"]
    if params.get("removeOverrideLinkOutUri"):
        new.pop("linkOutUri", None)
    return new


def delete(ctx: RequestContext, kb: dict[str, Any], content_id: str) -> None:
    doc = get(ctx, kb, content_id)
    db = ctx.deps.db
    with db.transaction():
        db.delete(ctx.scope, KIND, doc["contentId"])
        content_index.remove(db, kb["knowledgeBaseId"], doc["contentId"])
        tags.forget(ctx, doc["contentArn"])
        knowledge_bases.touch(ctx, kb)
    _delete_file(ctx, doc["file"])


def delete_all(ctx: RequestContext, kb_id: str) -> None:
    """Every content of a knowledge base being deleted: documents, tags, tokens, index, files."""
    db = ctx.deps.db
    docs = db.list(ctx.scope, KIND, parent=kb_id)
    for doc in docs:
        tags.forget(ctx, doc["contentArn"])
    db.delete_children(ctx.scope, KIND, kb_id)
    db.delete_children(ctx.scope, TOKEN, kb_id)
    content_index.drop(db, kb_id)
    for doc in docs:
        _delete_file(ctx, doc["file"])


def of_kb(ctx: RequestContext, kb_id: str) -> list[dict[str, Any]]:
    return ctx.deps.db.list(ctx.scope, KIND, parent=kb_id)


def listed(ctx: RequestContext, kb: dict[str, Any], params: dict[str, Any]) -> tuple[list[dict[str, Any]], str | None]:
    docs = [summary(ctx, d) for d in of_kb(ctx, kb["knowledgeBaseId"])]
    return paginate(docs, params.get("maxResults"), params.get("nextToken"))


def searched(ctx: RequestContext, kb: dict[str, Any], params: dict[str, Any]) -> tuple[list[dict[str, Any]],
                                                                                      str | None]:
    """SearchContent: the contents every filter accepts (NAME EQUALS is the model's one filter)."""
    filters = params["searchExpression"].get("filters") or []
    docs = [d for d in of_kb(ctx, kb["knowledgeBaseId"]) if all(_passes(d, f) for f in filters)]
    return paginate([summary(ctx, d) for d in docs], params.get("maxResults"), params.get("nextToken"))


def _passes(doc: dict[str, Any], flt: dict[str, Any]) -> bool:
    if flt["field"] == "NAME" and flt["operator"] == "EQUALS":
        return bool(doc["name"] == flt["value"])
    raise invalid(f"Unsupported filter {flt['field']} {flt['operator']}: use NAME EQUALS.")
