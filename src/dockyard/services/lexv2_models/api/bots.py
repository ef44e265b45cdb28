"""Bot operations and tags."""

from __future__ import annotations

from typing import Any

from dockyard.service_kit import RequestContext
from dockyard.services.lexv2_models import operation
from dockyard.services.lexv2_models.errors import not_found, precondition
from dockyard.services.lexv2_models.jobs import bot_create, bot_delete
from dockyard.services.lexv2_models.resources import bots, keys, list_query

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
    bot_id = params["botId"]
    with db.transaction():
        doc = bots.load_bot(db, ctx.scope, bot_id)
        if doc["botStatus"] != "Deleting":
            users = bots.networks_using(db, ctx.scope, bot_id)
            if users and not params.get("skipResourceInUseCheck"):
                raise precondition(f"Bot {bot_id} is a member of bot network(s) {', '.join(users)}. Remove it from "
                                   "them first, or set skipResourceInUseCheck to true.")
            if doc["botStatus"] in ("Creating", "Versioning", "Importing"):
                raise precondition(f"Bot {bot_id} is in status {doc['botStatus']} and cannot be deleted now.")
            bots.set_status(db, ctx.scope, bot_id, "Deleting")
            bot_delete.start(ctx.deps, ctx.scope, bot_id)
    return {"botId": bot_id, "botStatus": "Deleting"}


@operation("ListBots")
def list_bots(ctx: RequestContext, params: Params) -> dict[str, Any]:
    docs = ctx.deps.db.list(ctx.scope, keys.BOT)
    docs = list_query.apply_filters(docs, params.get("filters"), {"BotName": "botName", "BotType": "botType"})
    docs = list_query.apply_sort(docs, params.get("sortBy"), {"BotName": "botName"}, "botName")
    page, token = list_query.page(docs, params)
    return {"botSummaries": page, "nextToken": token}


# -- tags ------------------------------------------------------------------------------------------
def _tagged(ctx: RequestContext, arn: str) -> tuple[dict[str, Any], str]:
    """The bot a taggable ARN names and which of its tag maps the ARN owns."""
    resource = arn.split(":", 5)[-1] if arn.count(":") >= 5 else ""
    parts = resource.split("/")
    prefix = f"arn:aws:lex:{ctx.region}:{ctx.account}:"
    bot = None
    field = ""
    if arn.startswith(prefix) and len(parts) == 2 and parts[0] == "bot":
        bot, field = ctx.deps.db.get(ctx.scope, keys.BOT, parts[1]), "botTags"
    elif arn.startswith(prefix) and len(parts) == 3 and parts[0] == "bot-alias" and parts[2] == bots.TEST_ALIAS_ID:
        bot, field = ctx.deps.db.get(ctx.scope, keys.BOT, parts[1]), "testBotAliasTags"
    if bot is None:
        raise not_found(f"Could not find the resource {arn}.")
    return bot, field


@operation("TagResource")
def tag_resource(ctx: RequestContext, params: Params) -> dict[str, Any]:
    db = ctx.deps.db
    with db.transaction():
        bot, field = _tagged(ctx, params["resourceARN"])
        bot[field] = {**(bot.get(field) or {}), **params["tags"]}
        db.put(ctx.scope, keys.BOT, bot["botId"], bot)
    return {}


@operation("UntagResource")
def untag_resource(ctx: RequestContext, params: Params) -> dict[str, Any]:
    db = ctx.deps.db
    with db.transaction():
        bot, field = _tagged(ctx, params["resourceARN"])
        bot[field] = {k: v for k, v in (bot.get(field) or {}).items() if k not in params["tagKeys"]}
        db.put(ctx.scope, keys.BOT, bot["botId"], bot)
    return {}


@operation("ListTagsForResource")
def list_tags_for_resource(ctx: RequestContext, params: Params) -> dict[str, Any]:
    bot, field = _tagged(ctx, params["resourceARN"])
    return {"tags": bot.get(field) or {}}
