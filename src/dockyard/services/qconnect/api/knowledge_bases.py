"""CreateKnowledgeBase, GetKnowledgeBase, ListKnowledgeBases, DeleteKnowledgeBase."""

from __future__ import annotations

from typing import Any

from dockyard.service_kit import RequestContext
from dockyard.services.qconnect import SPEC
from dockyard.services.qconnect.resources import contents, import_jobs, knowledge_bases, quick_responses


@SPEC.operation("CreateKnowledgeBase")
def create_knowledge_base(ctx: RequestContext, params: dict[str, Any]) -> dict[str, Any]:
    return {"knowledgeBase": knowledge_bases.create(ctx, params)}


@SPEC.operation("GetKnowledgeBase")
def get_knowledge_base(ctx: RequestContext, params: dict[str, Any]) -> dict[str, Any]:
    return {"knowledgeBase": knowledge_bases.view(ctx, knowledge_bases.get(ctx, params["knowledgeBaseId"]))}


@SPEC.operation("ListKnowledgeBases")
def list_knowledge_bases(ctx: RequestContext, params: dict[str, Any]) -> dict[str, Any]:
    page, token = knowledge_bases.listed(ctx, params)
    return {"knowledgeBaseSummaries": page, "nextToken": token}


@SPEC.operation("DeleteKnowledgeBase")
def delete_knowledge_base(ctx: RequestContext, params: dict[str, Any]) -> dict[str, Any]:
    kb = knowledge_bases.get(ctx, params["knowledgeBaseId"])
    with ctx.deps.db.transaction():
        knowledge_bases.delete(ctx, kb["knowledgeBaseId"], import_jobs.running(ctx, kb["knowledgeBaseId"]))
        contents.delete_all(ctx, kb["knowledgeBaseId"])
        quick_responses.delete_all(quick_responses.Where(ctx.deps.db, ctx.scope), kb["knowledgeBaseId"])
    return {}
