"""Knowledge bases: stored as given (every type), 10 per account and region."""

from __future__ import annotations

import uuid
from typing import Any

from dockyard.service_kit import RequestContext, paginate
from dockyard.services.qconnect.errors import conflict, not_found, quota
from dockyard.services.qconnect.resources import tags
from dockyard.services.qconnect.resources.arns import arn, id_of

KIND = "knowledge-base"
QUOTA = 10
_STORED = ("name", "knowledgeBaseType", "description", "sourceConfiguration", "renderingConfiguration",
           "serverSideEncryptionConfiguration", "vectorIngestionConfiguration")


def create(ctx: RequestContext, params: dict[str, Any]) -> dict[str, Any]:
    db = ctx.deps.db
    with db.transaction():
        existing = db.project(ctx.scope, KIND, ["name"])
        if any(e["name"] == params["name"] for e in existing):
            raise conflict(f"A knowledge base named {params['name']} already exists.")
        if len(existing) >= QUOTA:
            raise quota(f"You have reached the limit of {QUOTA} knowledge bases in this account.")
        kb_id = str(uuid.uuid4())
        doc = {k: params[k] for k in _STORED if k in params}
        doc.update(knowledgeBaseId=kb_id, knowledgeBaseArn=arn(ctx, f"knowledge-base/{kb_id}"), status="ACTIVE",
                   createdTime=ctx.deps.now())
        db.put(ctx.scope, KIND, kb_id, doc)
        tags.register(ctx, doc["knowledgeBaseArn"], params.get("tags"))
    return view(ctx, doc)


def view(ctx: RequestContext, doc: dict[str, Any]) -> dict[str, Any]:
    return {**doc, "tags": tags.of(ctx, doc["knowledgeBaseArn"])}


def get(ctx: RequestContext, knowledge_base_id: str) -> dict[str, Any]:
    doc = ctx.deps.db.get(ctx.scope, KIND, id_of(knowledge_base_id))
    if doc is None:
        raise not_found("Knowledge base", knowledge_base_id)
    return doc


def touch(ctx: RequestContext, kb: dict[str, Any]) -> None:
    ctx.deps.db.put(ctx.scope, KIND, kb["knowledgeBaseId"], {**kb, "lastContentModificationTime": ctx.deps.now()})


def listed(ctx: RequestContext, params: dict[str, Any]) -> tuple[list[dict[str, Any]], str | None]:
    docs = [view(ctx, d) for d in ctx.deps.db.list(ctx.scope, KIND)]
    return paginate(docs, params.get("maxResults"), params.get("nextToken"))


def delete(ctx: RequestContext, knowledge_base_id: str, import_running: bool) -> None:
    kb = get(ctx, knowledge_base_id)
    if import_running:
        raise conflict(f"Knowledge base {kb['knowledgeBaseId']} cannot be deleted while an import job is running.")
    ctx.deps.db.delete(ctx.scope, KIND, kb["knowledgeBaseId"])
    tags.forget(ctx, kb["knowledgeBaseArn"])
