"""PutBotAlias, GetBotAlias, GetBotAliases, DeleteBotAlias; channel associations (none are stored)."""

from __future__ import annotations

from dockyard.service_kit import RequestContext
from dockyard.services.lex_models import SPEC, errors
from dockyard.services.lex_models.api import definitions as common
from dockyard.services.lex_models.resources import aliases, tags

Params = common.Params


@SPEC.operation("PutBotAlias")
def put_bot_alias(ctx: RequestContext, params: Params) -> Params:
    doc = aliases.put(ctx, params)
    arn = aliases.alias_arn(ctx, params["botName"], params["name"])
    if params.get("tags"):
        tags.tag(ctx.deps.db, ctx.scope, arn, params["tags"])
    return {**doc, "tags": tags.get(ctx.deps.db, ctx.scope, arn)}


@SPEC.operation("GetBotAlias")
def get_bot_alias(ctx: RequestContext, params: Params) -> Params:
    return aliases.load(ctx, params["botName"], params["name"])


@SPEC.operation("GetBotAliases")
def get_bot_aliases(ctx: RequestContext, params: Params) -> Params:
    docs = ctx.deps.db.list(ctx.scope, "alias", parent=params["botName"])
    if params.get("nameContains"):
        docs = [d for d in docs if params["nameContains"] in d["name"]]
    items, token = common.page(sorted(docs, key=lambda d: d["name"]), params)
    return {"BotAliases": items, "nextToken": token}


@SPEC.operation("DeleteBotAlias")
def delete_bot_alias(ctx: RequestContext, params: Params) -> Params:
    aliases.delete(ctx, params["botName"], params["name"])
    tags.forget(ctx.deps.db, ctx.scope, aliases.alias_arn(ctx, params["botName"], params["name"]))
    return {}


@SPEC.operation("GetBotChannelAssociations")
def get_channels(ctx: RequestContext, params: Params) -> Params:
    aliases.load(ctx, params["botName"], params["aliasName"])
    return {"botChannelAssociations": []}


@SPEC.operation("GetBotChannelAssociation")
def get_channel(ctx: RequestContext, params: Params) -> Params:
    aliases.load(ctx, params["botName"], params["aliasName"])
    raise errors.not_found(f"The channel association {params['name']} does not exist.")
