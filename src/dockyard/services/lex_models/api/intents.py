"""PutIntent, GetIntent, GetIntents, DeleteIntent, CreateIntentVersion, GetIntentVersions, DeleteIntentVersion."""

from __future__ import annotations

from dockyard.service_kit import RequestContext
from dockyard.services.lex_models import SPEC
from dockyard.services.lex_models.api import definitions as common
from dockyard.services.lex_models.resources import definitions as defs

Params = common.Params


@SPEC.operation("PutIntent")
def put(ctx: RequestContext, params: Params) -> Params:
    return common.put(ctx, defs.INTENT, params)


@SPEC.operation("GetIntent")
def get(ctx: RequestContext, params: Params) -> Params:
    return defs.load(ctx.deps.db, ctx.scope, defs.INTENT, params["name"], params["version"])


@SPEC.operation("GetIntents")
def get_all(ctx: RequestContext, params: Params) -> Params:
    return common.listing(ctx, defs.INTENT, params, "intents")


@SPEC.operation("DeleteIntent")
def delete(ctx: RequestContext, params: Params) -> Params:
    return common.delete(ctx, defs.INTENT, params["name"])


@SPEC.operation("CreateIntentVersion")
def create_version(ctx: RequestContext, params: Params) -> Params:
    return defs.create_version(ctx.deps.db, ctx.scope, defs.INTENT, params["name"], params.get("checksum"),
                               ctx.deps.now())


@SPEC.operation("GetIntentVersions")
def get_versions(ctx: RequestContext, params: Params) -> Params:
    return common.version_listing(ctx, defs.INTENT, params, "intents")


@SPEC.operation("DeleteIntentVersion")
def delete_version(ctx: RequestContext, params: Params) -> Params:
    return common.delete_version(ctx, defs.INTENT, params["name"], params["version"])
