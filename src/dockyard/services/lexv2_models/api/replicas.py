"""Bot replica operations (Global Resiliency): CreateBotReplica, DescribeBotReplica, DeleteBotReplica,
ListBotReplicas, ListBotVersionReplicas, ListBotAliasReplicas. Called in the source bot's region."""

from __future__ import annotations

from typing import Any

from dockyard.service_kit import RequestContext
from dockyard.services.lexv2_models import operation
from dockyard.services.lexv2_models.jobs import replicas as replica_jobs
from dockyard.services.lexv2_models.resources import alias_source, bots, list_query, replicas

Params = dict[str, Any]


@operation("CreateBotReplica")
def create_bot_replica(ctx: RequestContext, params: Params) -> dict[str, Any]:
    doc = replica_jobs.start_replica(ctx.deps, ctx.scope, params["botId"], params["replicaRegion"])
    return replicas.view(ctx.deps, doc)


@operation("DescribeBotReplica")
def describe_bot_replica(ctx: RequestContext, params: Params) -> dict[str, Any]:
    return replicas.view(ctx.deps, replicas.load(ctx.deps, ctx.scope, params["botId"], params["replicaRegion"]))


@operation("DeleteBotReplica")
def delete_bot_replica(ctx: RequestContext, params: Params) -> dict[str, Any]:
    doc = replicas.load(ctx.deps, ctx.scope, params["botId"], params["replicaRegion"])
    replicas.require_deletable(ctx.deps, doc)
    return replicas.view(ctx.deps, replica_jobs.start_delete(ctx.deps, ctx.scope, doc))


@operation("ListBotReplicas")
def list_bot_replicas(ctx: RequestContext, params: Params) -> dict[str, Any]:
    docs = replicas.list_replicas(ctx.deps, ctx.scope, params["botId"])
    return {"botId": params["botId"], "sourceRegion": ctx.region,
            "botReplicaSummaries": [replicas.view(ctx.deps, d) for d in docs]}


@operation("ListBotVersionReplicas")
def list_bot_version_replicas(ctx: RequestContext, params: Params) -> dict[str, Any]:
    bot_id, region = params["botId"], params["replicaRegion"]
    replicas.load(ctx.deps, ctx.scope, bot_id, region)
    docs = [replicas.version_view(ctx.deps, d) for d in replicas.version_replicas(ctx.deps, ctx.scope, bot_id, region)]
    docs = list_query.apply_sort(docs, params.get("sortBy"), {"BotVersion": "versionNumber"}, "versionNumber")
    page, token = list_query.page(docs, params)
    return {"botId": bot_id, "sourceRegion": ctx.region, "replicaRegion": region,
            "botVersionReplicaSummaries": page, "nextToken": token}


@operation("ListBotAliasReplicas")
def list_bot_alias_replicas(ctx: RequestContext, params: Params) -> dict[str, Any]:
    bot_id, region = params["botId"], params["replicaRegion"]
    replica = replicas.load(ctx.deps, ctx.scope, bot_id, region)
    bot = bots.load_bot(ctx.deps.db, ctx.scope, bot_id)
    aliases = alias_source.aliases(ctx.deps.db, ctx.scope, bot)
    page, token = list_query.page([replicas.alias_view(ctx.deps, ctx.scope, replica, a) for a in aliases], params)
    return {"botId": bot_id, "sourceRegion": ctx.region, "replicaRegion": region,
            "botAliasReplicaSummaries": page, "nextToken": token}
