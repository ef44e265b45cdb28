"""StartMigration, GetMigration, GetMigrations."""

from __future__ import annotations

import uuid

from dockyard.service_kit import RequestContext, Scope
from dockyard.services.lex_models import SPEC, errors
from dockyard.services.lex_models.api import definitions as common
from dockyard.services.lex_models.jobs import migration as migration_job
from dockyard.services.lex_models.resources import definitions as defs
from dockyard.services.lex_models.resources import migration

Params = common.Params


@SPEC.operation("StartMigration")
def start_migration(ctx: RequestContext, params: Params) -> Params:
    bot = defs.load(ctx.deps.db, ctx.scope, defs.BOT, params["v1BotName"], params["v1BotVersion"])
    v2_scope = Scope(migration.V2, ctx.account, ctx.region)
    bot_id = migration.find_v2_bot(ctx.deps, v2_scope, params["v2BotName"])
    if params["migrationStrategy"] == "UPDATE_EXISTING":
        if bot_id is None:
            raise errors.not_found(f"The Lex V2 bot {params['v2BotName']} does not exist.")
    else:
        if bot_id is not None:
            raise errors.bad_request(f"A Lex V2 bot named {params['v2BotName']} already exists; use "
                                     "migrationStrategy UPDATE_EXISTING.")
        bot_id = migration.call(ctx.deps, v2_scope, "CreateBot", {
            "botName": params["v2BotName"], "roleArn": params["v2BotRole"],
            "dataPrivacy": {"childDirected": bool(bot.get("childDirected"))},
            "idleSessionTTLInSeconds": bot.get("idleSessionTTLInSeconds", 300)})["botId"]
    migration_id = uuid.uuid4().hex[:10].upper()
    doc = {"migrationId": migration_id, "v1BotName": params["v1BotName"], "v1BotVersion": params["v1BotVersion"],
           "v1BotLocale": bot.get("locale", "en-US"), "v2BotId": bot_id, "v2BotRole": params["v2BotRole"],
           "migrationStrategy": params["migrationStrategy"], "migrationTimestamp": ctx.deps.now(), "alerts": []}
    ctx.deps.db.put(ctx.scope, "migration", migration_id, doc)
    ctx.deps.jobs.start(migration_job.KIND, scope=ctx.scope, input=doc, job_id=migration_id)
    return doc


def _view(ctx: RequestContext, doc: Params) -> Params:
    record = ctx.deps.jobs.find(doc["migrationId"], scope=ctx.scope, kind="migration")
    return {**doc, "migrationStatus": record.status if record else "FAILED"}


@SPEC.operation("GetMigration")
def get_migration(ctx: RequestContext, params: Params) -> Params:
    doc = ctx.deps.db.get(ctx.scope, "migration", params["migrationId"])
    if doc is None:
        raise errors.not_found(f"The migration {params['migrationId']} does not exist.")
    return _view(ctx, doc)


@SPEC.operation("GetMigrations")
def get_migrations(ctx: RequestContext, params: Params) -> Params:
    docs = [_view(ctx, d) for d in ctx.deps.db.list(ctx.scope, "migration")]
    if params.get("v1BotNameContains"):
        docs = [d for d in docs if params["v1BotNameContains"] in d["v1BotName"]]
    if params.get("migrationStatusEquals"):
        docs = [d for d in docs if d["migrationStatus"] == params["migrationStatusEquals"]]
    key = "v1BotName" if params.get("sortByAttribute") == "V1_BOT_NAME" else "migrationTimestamp"
    docs.sort(key=lambda d: d[key], reverse=params.get("sortByOrder", "DESCENDING") == "DESCENDING")
    items, token = common.page(docs, params)
    return {"migrationSummaries": items, "nextToken": token}
