"""The replica job kinds (Global Resiliency), each run in the SOURCE region's scope:

* ``bot-replica``: Enabling -> Enabled / Failed, one per CreateBotReplica. When the clock lets it
  leave Enabling it copies the bot and its DRAFT into the replica region (one transaction), then
  starts a ``version-replica`` job for every version the bot has.
* ``version-replica``: Creating -> Available / Failed, one per version and replica region; copies
  the version (and refreshes the bot and its DRAFT). A version created later on the source starts
  one per Enabled replica (``replicate_new_version``, called when versioning ends).
* ``bot-replica-delete``: Deleting -> Deleted, one per DeleteBotReplica; at the end the copy and
  the replica's documents go.

The job record is each replica's status (``resources/replicas``). Recovery is ``retry``: a copy
replaces what an interrupted one left.
"""

from __future__ import annotations

from dockyard.service_kit import UPPER_ALNUM, JobContext, JobKind, Scope, ServiceDeps, no_work, random_id
from dockyard.services.lexv2_models import SPEC
from dockyard.services.lexv2_models.jobs.common import COMMON
from dockyard.services.lexv2_models.resources import replicas


def _refuse(ctx: JobContext, err: replicas.CopyRefused) -> None:
    ctx.details(failureReasons=[str(err)])
    ctx.fail(str(err))


def _enabled(ctx: JobContext) -> None:
    bot_id, region = ctx.input["botId"], ctx.input["replicaRegion"]
    try:
        replicas.copy_bot(ctx.deps, ctx.scope, bot_id, region)
    except replicas.CopyRefused as err:
        _refuse(ctx, err)
    for version in replicas.numbered_versions(ctx.deps, ctx.scope, bot_id):
        start_version(ctx.deps, ctx.scope, bot_id, region, version)


def _version_available(ctx: JobContext) -> None:
    try:
        replicas.copy_version(ctx.deps, ctx.scope, ctx.input["botId"], ctx.input["replicaRegion"],
                              ctx.input["botVersion"])
    except replicas.CopyRefused as err:
        _refuse(ctx, err)


def _deleted(ctx: JobContext) -> None:
    replicas.forget(ctx.deps, ctx.scope, ctx.input["botId"], ctx.input["replicaRegion"])


REPLICA = SPEC.job_kind(JobKind(name="bot-replica", body=no_work, initial_status="Enabling", phases=("Enabled",),
                                on_succeeded=_enabled, min_phase_seconds={"Enabling": 10.0}, **COMMON))
VERSION_REPLICA = SPEC.job_kind(JobKind(name="version-replica", body=no_work, initial_status="Creating",
                                        phases=("Available",), on_succeeded=_version_available,
                                        min_phase_seconds={"Creating": 5.0}, **COMMON))
REPLICA_DELETE = SPEC.job_kind(JobKind(name="bot-replica-delete", body=no_work, initial_status="Deleting",
                                       phases=("Deleted",), on_succeeded=_deleted,
                                       min_phase_seconds={"Deleting": 5.0}, **COMMON))


def _start(deps: ServiceDeps, kind: JobKind, scope: Scope, parent_id: str, job_id: str | None = None,
           **job_input: str) -> str:
    return deps.jobs.start(deps.jobs.kind(kind.service, kind.name), scope=scope, parent_id=parent_id,
                           input=job_input, job_id=job_id).id


def start_replica(deps: ServiceDeps, scope: Scope, bot_id: str, region: str) -> dict:
    """CreateBotReplica: the replica document and its Enabling job, together."""
    job_id = random_id(10, UPPER_ALNUM)
    with deps.db.transaction():
        doc = replicas.new_replica(deps, scope, bot_id, region, job_id)
        _start(deps, REPLICA, scope, replicas.replica_key(bot_id, region), job_id, botId=bot_id, replicaRegion=region)
    return doc


def start_delete(deps: ServiceDeps, scope: Scope, doc: dict) -> dict:
    """DeleteBotReplica: the replica's status becomes its Deleting job's."""
    with deps.db.transaction():
        job_id = _start(deps, REPLICA_DELETE, scope, replicas.replica_key(doc["botId"], doc["replicaRegion"]),
                        botId=doc["botId"], replicaRegion=doc["replicaRegion"])
        return replicas.set_job(deps, scope, doc, job_id)


def start_version(deps: ServiceDeps, scope: Scope, bot_id: str, region: str, version: str) -> None:
    with deps.db.transaction():
        job_id = _start(deps, VERSION_REPLICA, scope, f"{replicas.replica_key(bot_id, region)}/{version}",
                        botId=bot_id, replicaRegion=region, botVersion=version)
        replicas.new_version_replica(deps, scope, bot_id, region, version, job_id)


def replicate_new_version(deps: ServiceDeps, scope: Scope, bot_id: str, version: str) -> None:
    """A version that finished versioning on the source replicates to every Enabled replica."""
    for region in replicas.enabled_regions(deps, scope, bot_id):
        start_version(deps, scope, bot_id, region, version)
