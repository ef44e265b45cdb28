"""Bot version operations."""

from __future__ import annotations

from typing import Any

from dockyard.service_kit import RequestContext
from dockyard.services.lexv2_models import operation
from dockyard.services.lexv2_models.jobs import version_create, version_delete
from dockyard.services.lexv2_models.resources import aliases, bots, list_query, versions

Params = dict[str, Any]


@operation("CreateBotVersion")
def create_bot_version(ctx: RequestContext, params: Params) -> dict[str, Any]:
    db = ctx.deps.db
    with db.transaction():
        doc = versions.create_version(db, ctx.scope, params["botId"], params)
        version_create.start(ctx.deps, ctx.scope, params["botId"], doc["botVersion"])
    return doc


@operation("DescribeBotVersion")
def describe_bot_version(ctx: RequestContext, params: Params) -> dict[str, Any]:
    return versions.load_version(ctx.deps.db, ctx.scope, params["botId"], params["botVersion"])


@operation("ListBotVersions")
def list_bot_versions(ctx: RequestContext, params: Params) -> dict[str, Any]:
    docs = versions.list_versions(ctx.deps.db, ctx.scope, params["botId"])
    docs = [{**d, "versionNumber": versions.version_number(d["botVersion"])} for d in docs]
    docs = list_query.apply_sort(docs, params.get("sortBy"), {"BotVersion": "versionNumber"}, "versionNumber")
    page, token = list_query.page(docs, params)
    return {"botId": params["botId"], "nextToken": token,
            "botVersionSummaries": page}


@operation("DeleteBotVersion")
def delete_bot_version(ctx: RequestContext, params: Params) -> dict[str, Any]:
    db = ctx.deps.db
    bot_id, version = params["botId"], params["botVersion"]
    with db.transaction():
        bots.load_bot(db, ctx.scope, bot_id)
        aliases.check_version_unused(db, ctx.scope, bot_id, version, bool(params.get("skipResourceInUseCheck")))
        versions.start_delete(db, ctx.scope, bot_id, version)
        version_delete.start(ctx.deps, ctx.scope, bot_id, version)
    return {"botId": bot_id, "botVersion": version, "botStatus": "Deleting"}
