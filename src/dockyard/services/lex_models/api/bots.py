"""PutBot, GetBot, GetBots, DeleteBot, CreateBotVersion, GetBotVersions, DeleteBotVersion."""

from __future__ import annotations

from dockyard.service_kit import RequestContext
from dockyard.services.lex_models import SPEC
from dockyard.services.lex_models.api import definitions as common
from dockyard.services.lex_models.jobs import build
from dockyard.services.lex_models.resources import aliases, tags
from dockyard.services.lex_models.resources import definitions as defs

Params = common.Params


@SPEC.operation("PutBot")
def put_bot(ctx: RequestContext, params: Params) -> Params:
    building = params.get("processBehavior", "BUILD") == "BUILD"
    out = common.put(ctx, defs.BOT, params, {"status": "BUILDING" if building else "NOT_BUILT"})
    if params.get("tags"):
        tags.tag(ctx.deps.db, ctx.scope, aliases.bot_arn(ctx, params["name"]), params["tags"])
    if building:
        build.start(ctx.deps, ctx.scope, defs.load(ctx.deps.db, ctx.scope, defs.BOT, params["name"]))
    return {**out, "tags": tags.get(ctx.deps.db, ctx.scope, aliases.bot_arn(ctx, params["name"]))}


@SPEC.operation("GetBot")
def get_bot(ctx: RequestContext, params: Params) -> Params:
    version = aliases.resolve_version(ctx, params["name"], params["versionOrAlias"])
    return defs.load(ctx.deps.db, ctx.scope, defs.BOT, params["name"], version)


@SPEC.operation("GetBots")
def get_bots(ctx: RequestContext, params: Params) -> Params:
    return common.listing(ctx, defs.BOT, params, "bots")


@SPEC.operation("DeleteBot")
def delete_bot(ctx: RequestContext, params: Params) -> Params:
    common.delete(ctx, defs.BOT, params["name"])
    tags.forget(ctx.deps.db, ctx.scope, aliases.bot_arn(ctx, params["name"]))
    return {}


@SPEC.operation("CreateBotVersion")
def create_bot_version(ctx: RequestContext, params: Params) -> Params:
    return defs.create_version(ctx.deps.db, ctx.scope, defs.BOT, params["name"], params.get("checksum"),
                               ctx.deps.now())


@SPEC.operation("GetBotVersions")
def get_bot_versions(ctx: RequestContext, params: Params) -> Params:
    return common.version_listing(ctx, defs.BOT, params, "bots")


@SPEC.operation("DeleteBotVersion")
def delete_bot_version(ctx: RequestContext, params: Params) -> Params:
    return common.delete_version(ctx, defs.BOT, params["name"], params["version"])
