"""Create/Get/Update/Delete/ListQuickResponses and SearchQuickResponses."""

from __future__ import annotations

from typing import Any

from dockyard.service_kit import RequestContext, paginate
from dockyard.services.qconnect import SPEC
from dockyard.services.qconnect.resources import knowledge_bases, quick_response_search, quick_responses
from dockyard.services.qconnect.resources.quick_responses import Where


def _where(ctx: RequestContext) -> Where:
    return Where(ctx.deps.db, ctx.scope)


def _index(ctx: RequestContext, kb_id: str) -> quick_response_search.Index:
    """The knowledge base's search index, rebuilt when its quick responses changed."""
    cache = ctx.deps.extension("qconnect-search-index", lambda _deps: quick_response_search.IndexCache())
    key = (ctx.account, ctx.region, kb_id)
    generation = quick_responses.generation(_where(ctx), kb_id)
    cached = cache.get(key)
    if cached is None or cached.generation != generation:
        cached = quick_response_search.Index(generation, quick_responses.of_kb(_where(ctx), kb_id))
        cache[key] = cached
    return cached


@SPEC.operation("CreateQuickResponse")
def create_quick_response(ctx: RequestContext, params: dict[str, Any]) -> dict[str, Any]:
    kb = knowledge_bases.get(ctx, params["knowledgeBaseId"])
    return {"quickResponse": quick_responses.create(_where(ctx), kb, params, ctx.deps.now())}


@SPEC.operation("GetQuickResponse")
def get_quick_response(ctx: RequestContext, params: dict[str, Any]) -> dict[str, Any]:
    kb = knowledge_bases.get(ctx, params["knowledgeBaseId"])
    return {"quickResponse": quick_responses.get(_where(ctx), kb, params["quickResponseId"])}


@SPEC.operation("UpdateQuickResponse")
def update_quick_response(ctx: RequestContext, params: dict[str, Any]) -> dict[str, Any]:
    kb = knowledge_bases.get(ctx, params["knowledgeBaseId"])
    return {"quickResponse": quick_responses.update(_where(ctx), kb, params, ctx.deps.now())}


@SPEC.operation("DeleteQuickResponse")
def delete_quick_response(ctx: RequestContext, params: dict[str, Any]) -> dict[str, Any]:
    kb = knowledge_bases.get(ctx, params["knowledgeBaseId"])
    quick_responses.delete(_where(ctx), kb, params["quickResponseId"])
    return {}


@SPEC.operation("ListQuickResponses")
def list_quick_responses(ctx: RequestContext, params: dict[str, Any]) -> dict[str, Any]:
    kb = knowledge_bases.get(ctx, params["knowledgeBaseId"])
    docs = quick_responses.of_kb(_where(ctx), kb["knowledgeBaseId"])
    page, token = paginate(docs, params.get("maxResults"), params.get("nextToken"))
    return {"quickResponseSummaries": page, "nextToken": token}


@SPEC.operation("SearchQuickResponses")
def search_quick_responses(ctx: RequestContext, params: dict[str, Any]) -> dict[str, Any]:
    kb = knowledge_bases.get(ctx, params["knowledgeBaseId"])
    found = quick_response_search.search(_index(ctx, kb["knowledgeBaseId"]), params["searchExpression"])
    page, token = paginate(found, params.get("maxResults"), params.get("nextToken"))
    results = [quick_response_search.interpolate(d, params.get("attributes")) for d in page]
    return {"results": results, "nextToken": token}
