"""GetImportedModel, ListImportedModels, DeleteImportedModel."""

from __future__ import annotations

from typing import Any

from dockyard.service_kit import RequestContext, paginate
from dockyard.services.bedrock_model_import import SPEC, errors
from dockyard.services.bedrock_model_import.resources import store
from dockyard.services.bedrock_model_import.resources.listing import select
from dockyard.services.bedrock_model_import.resources.views import model_view


def _model(ctx: RequestContext, identifier: str) -> dict[str, Any]:
    doc = store.find(ctx.deps.db, ctx.scope, store.MODEL, identifier)
    if doc is None:
        raise errors.not_found("imported model", identifier)
    return doc


@SPEC.operation("GetImportedModel")
def get_imported_model(ctx: RequestContext, p: dict[str, Any]) -> dict[str, Any]:
    return model_view(_model(ctx, p["modelIdentifier"]))


@SPEC.operation("DeleteImportedModel")
def delete_imported_model(ctx: RequestContext, p: dict[str, Any]) -> dict[str, Any]:
    ctx.deps.db.delete(ctx.scope, store.MODEL, _model(ctx, p["modelIdentifier"])["id"])
    return {}


@SPEC.operation("ListImportedModels")
def list_imported_models(ctx: RequestContext, p: dict[str, Any]) -> dict[str, Any]:
    views = select([model_view(d) for d in ctx.deps.db.list(ctx.scope, store.MODEL)], p, "modelName")
    page, token = paginate(views, p.get("maxResults"), p.get("nextToken"), default_max=1000)
    return {"modelSummaries": page, "nextToken": token}
