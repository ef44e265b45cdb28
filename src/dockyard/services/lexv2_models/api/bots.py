"""Bot operations."""

from __future__ import annotations

from typing import Any

from dockyard.service_kit import RequestContext
from dockyard.services.lexv2_models import operation
from dockyard.services.lexv2_models.jobs import bot_create, bot_delete
from dockyard.services.lexv2_models.resources import bot_deletion, bots, keys, list_query

Params = dict[str, Any]


@operation("CreateBot")
def create_bot(ctx: RequestContext, params: Params) -> dict[str, Any]:
    db = ctx.deps.db
    with db.transaction():
        doc = bots.create_bot(db, ctx.scope, params)
        bot_create.start(ctx.deps, ctx.scope, doc["botId"])
    return doc


@operation("DescribeBot")
def describe_bot(ctx: RequestContext, params: Params) -> dict[str, Any]:
    return bots.load_bot(ctx.deps.db, ctx.scope, params["botId"])


@operation("UpdateBot")
def update_bot(ctx: RequestContext, params: Params) -> dict[str, Any]:
    return bots.update_bot(ctx.deps.db, ctx.scope, params["botId"], params)


@operation("DeleteBot")
def delete_bot(ctx: RequestContext, params: Params) -> dict[str, Any]:
    db = ctx.deps.db
    with db.transaction():
        if bot_deletion.start_delete(db, ctx.scope, params["botId"], bool(params.get("skipResourceInUseCheck"))):
            bot_delete.start(ctx.deps, ctx.scope, params["botId"])
    return {"botId": params["botId"], "botStatus": "Deleting"}


@operation("ListBots")
def list_bots(ctx: RequestContext, params: Params) -> dict[str, Any]:
    docs = ctx.deps.db.list(ctx.scope, keys.BOT)
    docs = list_query.apply_filters(docs, params.get("filters"), {"BotName": "botName", "BotType": "botType"})
    docs = list_query.apply_sort(docs, params.get("sortBy"), {"BotName": "botName"}, "botName")
    page, token = list_query.page(docs, params)
    return {"botSummaries": page, "nextToken": token}
