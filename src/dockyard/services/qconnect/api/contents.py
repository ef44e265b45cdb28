"""CreateContent, GetContent, GetContentSummary, ListContents, UpdateContent, DeleteContent, SearchContent."""

from __future__ import annotations

from typing import Any

from dockyard.service_kit import RequestContext
from dockyard.services.qconnect import SPEC
from dockyard.services.qconnect.resources import contents, knowledge_bases


@SPEC.operation("CreateContent")
def create_content(ctx: RequestContext, params: dict[str, Any]) -> dict[str, Any]:
    kb = knowledge_bases.get(ctx, params["knowledgeBaseId"])
    return {"content": contents.data(ctx, contents.create(ctx, kb, params))}


@SPEC.operation("GetContent")
def get_content(ctx: RequestContext, params: dict[str, Any]) -> dict[str, Any]:
    kb = knowledge_bases.get(ctx, params["knowledgeBaseId"])
    return {"content": contents.data(ctx, contents.get(ctx, kb, params["contentId"]))}


@SPEC.operation("GetContentSummary")
def get_content_summary(ctx: RequestContext, params: dict[str, Any]) -> dict[str, Any]:
    kb = knowledge_bases.get(ctx, params["knowledgeBaseId"])
    return {"contentSummary": contents.summary(ctx, contents.get(ctx, kb, params["contentId"]))}


@SPEC.operation("ListContents")
def list_contents(ctx: RequestContext, params: dict[str, Any]) -> dict[str, Any]:
    kb = knowledge_bases.get(ctx, params["knowledgeBaseId"])
    page, token = contents.listed(ctx, kb, params)
    return {"contentSummaries": page, "nextToken": token}


@SPEC.operation("UpdateContent")
def update_content(ctx: RequestContext, params: dict[str, Any]) -> dict[str, Any]:
    kb = knowledge_bases.get(ctx, params["knowledgeBaseId"])
    return {"content": contents.data(ctx, contents.update(ctx, kb, params))}


@SPEC.operation("DeleteContent")
def delete_content(ctx: RequestContext, params: dict[str, Any]) -> dict[str, Any]:
    kb = knowledge_bases.get(ctx, params["knowledgeBaseId"])
    contents.delete(ctx, kb, params["contentId"])
    return {}


@SPEC.operation("SearchContent")
def search_content(ctx: RequestContext, params: dict[str, Any]) -> dict[str, Any]:
    kb = knowledge_bases.get(ctx, params["knowledgeBaseId"])
    page, token = contents.searched(ctx, kb, params)
    return {"contentSummaries": page, "nextToken": token}
