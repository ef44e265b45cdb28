"""StartImportJob, GetImportJob, ListImportJobs, DeleteImportJob."""

from __future__ import annotations

from typing import Any

from dockyard.service_kit import RequestContext
from dockyard.services.qconnect import SPEC
from dockyard.services.qconnect.resources import import_jobs, knowledge_bases
from dockyard.services.qconnect.resources.arns import id_of


@SPEC.operation("StartImportJob")
def start_import_job(ctx: RequestContext, params: dict[str, Any]) -> dict[str, Any]:
    kb = knowledge_bases.get(ctx, params["knowledgeBaseId"])
    return {"importJob": import_jobs.start(ctx, kb, params)}


@SPEC.operation("GetImportJob")
def get_import_job(ctx: RequestContext, params: dict[str, Any]) -> dict[str, Any]:
    kb = knowledge_bases.get(ctx, params["knowledgeBaseId"])
    doc = import_jobs.get(ctx, kb, params["importJobId"])
    return {"importJob": import_jobs.view(ctx.deps.db, ctx.deps.blobs, ctx.scope, doc)}


@SPEC.operation("ListImportJobs")
def list_import_jobs(ctx: RequestContext, params: dict[str, Any]) -> dict[str, Any]:
    kb = ctx.deps.db.get(ctx.scope, knowledge_bases.KIND, id_of(params["knowledgeBaseId"]))
    if kb is None:  # the model allows no ResourceNotFoundException here: an empty page (docs/decisions.md)
        return {"importJobSummaries": []}
    page, token = import_jobs.listed(ctx, kb, params)
    return {"importJobSummaries": page, "nextToken": token}


@SPEC.operation("DeleteImportJob")
def delete_import_job(ctx: RequestContext, params: dict[str, Any]) -> dict[str, Any]:
    kb = knowledge_bases.get(ctx, params["knowledgeBaseId"])
    import_jobs.delete(ctx, kb, params["importJobId"])
    return {}
