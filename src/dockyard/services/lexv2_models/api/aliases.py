"""Bot alias operations (CreateBotAlias starts an ``alias-create`` job, DeleteBotAlias an ``alias-delete``)."""

from __future__ import annotations

from typing import Any

from dockyard.service_kit import RequestContext
from dockyard.services.lexv2_models import operation
from dockyard.services.lexv2_models.jobs import alias_create, alias_delete
from dockyard.services.lexv2_models.resources import aliases, list_query, replicas

Params = dict[str, Any]


@operation("CreateBotAlias")
def create_bot_alias(ctx: RequestContext, params: Params) -> dict[str, Any]:
    db = ctx.deps.db
    with db.transaction():
        doc = aliases.create_alias(db, ctx.scope, params["botId"], params)
        alias_create.start(ctx.deps, ctx.scope, params["botId"], doc["botAliasId"])
    return doc


@operation("DescribeBotAlias")
def describe_bot_alias(ctx: RequestContext, params: Params) -> dict[str, Any]:
    return aliases.describe(ctx.deps.db, ctx.scope, params["botId"], params["botAliasId"])


@operation("UpdateBotAlias")
def update_bot_alias(ctx: RequestContext, params: Params) -> dict[str, Any]:
    with ctx.deps.db.transaction():
        doc = aliases.update_alias(ctx.deps.db, ctx.scope, params["botId"], params["botAliasId"], params)
        replicas.refresh_aliases(ctx.deps, ctx.scope, params["botId"])
    return doc


@operation("DeleteBotAlias")
def delete_bot_alias(ctx: RequestContext, params: Params) -> dict[str, Any]:
    db = ctx.deps.db
    bot_id, alias_id = params["botId"], params["botAliasId"]
    with db.transaction():
        if aliases.start_delete(db, ctx.scope, bot_id, alias_id, bool(params.get("skipResourceInUseCheck"))):
            alias_delete.start(ctx.deps, ctx.scope, bot_id, alias_id)
    return {"botId": bot_id, "botAliasId": alias_id, "botAliasStatus": "Deleting"}


@operation("ListBotAliases")
def list_bot_aliases(ctx: RequestContext, params: Params) -> dict[str, Any]:
    page, token = list_query.page(aliases.list_aliases(ctx.deps.db, ctx.scope, params["botId"]), params)
    return {"botId": params["botId"], "botAliasSummaries": page, "nextToken": token}
