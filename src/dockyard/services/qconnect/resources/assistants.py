"""Assistants and their knowledge-base associations (stored as given, so set-up scripts run)."""

from __future__ import annotations

import uuid
from typing import Any

from dockyard.service_kit import RequestContext, paginate
from dockyard.services.qconnect.errors import not_found, quota
from dockyard.services.qconnect.resources import knowledge_bases, tags
from dockyard.services.qconnect.resources.arns import arn, id_of

KIND = "assistant"
ASSOCIATION = "assistant-association"
QUOTA = 5
_STORED = ("name", "type", "description", "serverSideEncryptionConfiguration")


def create(ctx: RequestContext, params: dict[str, Any]) -> dict[str, Any]:
    db = ctx.deps.db
    with db.transaction():
        if db.count(ctx.scope, KIND) >= QUOTA:
            raise quota(f"You have reached the limit of {QUOTA} assistants in this account.")
        assistant_id = str(uuid.uuid4())
        doc = {k: params[k] for k in _STORED if k in params}
        doc.update(assistantId=assistant_id, assistantArn=arn(ctx, f"assistant/{assistant_id}"), status="ACTIVE")
        db.put(ctx.scope, KIND, assistant_id, doc)
        tags.register(ctx, doc["assistantArn"], params.get("tags"))
    return view(ctx, doc)


def view(ctx: RequestContext, doc: dict[str, Any]) -> dict[str, Any]:
    return {**doc, "tags": tags.of(ctx, doc["assistantArn"])}


def get(ctx: RequestContext, assistant_id: str) -> dict[str, Any]:
    doc = ctx.deps.db.get(ctx.scope, KIND, id_of(assistant_id))
    if doc is None:
        raise not_found("Assistant", assistant_id)
    return doc


def listed(ctx: RequestContext, params: dict[str, Any]) -> tuple[list[dict[str, Any]], str | None]:
    docs = [view(ctx, d) for d in ctx.deps.db.list(ctx.scope, KIND)]
    return paginate(docs, params.get("maxResults"), params.get("nextToken"))


def delete(ctx: RequestContext, assistant_id: str) -> None:
    doc = get(ctx, assistant_id)
    with ctx.deps.db.transaction():
        for assoc in ctx.deps.db.list(ctx.scope, ASSOCIATION, parent=doc["assistantId"]):
            tags.forget(ctx, assoc["assistantAssociationArn"])
        ctx.deps.db.delete_children(ctx.scope, ASSOCIATION, doc["assistantId"])
        ctx.deps.db.delete(ctx.scope, KIND, doc["assistantId"])
        tags.forget(ctx, doc["assistantArn"])


def associate(ctx: RequestContext, params: dict[str, Any]) -> dict[str, Any]:
    assistant = get(ctx, params["assistantId"])
    kb = knowledge_bases.get(ctx, params["association"]["knowledgeBaseId"])
    assoc_id = str(uuid.uuid4())
    aid = assistant["assistantId"]
    doc = {"assistantAssociationId": assoc_id,
           "assistantAssociationArn": arn(ctx, f"association/{aid}/{assoc_id}"),
           "assistantId": aid, "assistantArn": assistant["assistantArn"],
           "associationType": params["associationType"],
           "associationData": {"knowledgeBaseAssociation": {"knowledgeBaseId": kb["knowledgeBaseId"],
                                                            "knowledgeBaseArn": kb["knowledgeBaseArn"]}}}
    with ctx.deps.db.transaction():
        ctx.deps.db.put(ctx.scope, ASSOCIATION, assoc_id, doc, parent=aid)
        tags.register(ctx, doc["assistantAssociationArn"], params.get("tags"))
    return association_view(ctx, doc)


def association_view(ctx: RequestContext, doc: dict[str, Any]) -> dict[str, Any]:
    return {**doc, "tags": tags.of(ctx, doc["assistantAssociationArn"])}


def get_association(ctx: RequestContext, assistant_id: str, association_id: str) -> dict[str, Any]:
    assistant = get(ctx, assistant_id)
    doc = ctx.deps.db.get(ctx.scope, ASSOCIATION, id_of(association_id))
    if doc is None or doc["assistantId"] != assistant["assistantId"]:
        raise not_found("Assistant association", association_id)
    return doc


def list_associations(ctx: RequestContext, params: dict[str, Any]) -> tuple[list[dict[str, Any]], str | None]:
    assistant = get(ctx, params["assistantId"])
    docs = [association_view(ctx, d) for d in ctx.deps.db.list(ctx.scope, ASSOCIATION, parent=assistant["assistantId"])]
    return paginate(docs, params.get("maxResults"), params.get("nextToken"))


def delete_association(ctx: RequestContext, assistant_id: str, association_id: str) -> None:
    doc = get_association(ctx, assistant_id, association_id)
    ctx.deps.db.delete(ctx.scope, ASSOCIATION, doc["assistantAssociationId"])
    tags.forget(ctx, doc["assistantAssociationArn"])
