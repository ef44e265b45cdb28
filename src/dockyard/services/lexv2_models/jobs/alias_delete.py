"""``alias-delete``: Deleting -> Deleted; parent id = botId/botAliasId; the alias and its resource
policy go at the end."""

from __future__ import annotations

from dockyard.service_kit import JobContext, JobKind, Scope, ServiceDeps, no_work
from dockyard.services.lexv2_models import SPEC
from dockyard.services.lexv2_models.jobs.common import COMMON, start_on
from dockyard.services.lexv2_models.resources import aliases, arns, keys, replicas, resource_policies


def _deleted(ctx: JobContext) -> None:
    bot_id, alias_id = keys.split_alias_key(ctx.job.parent_id)
    with ctx.db.transaction():
        aliases.forget(ctx.db, ctx.scope, bot_id, alias_id)
        resource_policies.forget(ctx.db, ctx.scope, arns.alias_arn(ctx.scope, bot_id, alias_id))
        replicas.refresh_aliases(ctx.deps, ctx.scope, bot_id)


KIND = SPEC.job_kind(JobKind(name="alias-delete", body=no_work, initial_status="Deleting", phases=("Deleted",),
                             on_succeeded=_deleted, min_phase_seconds={"Deleting": 2.0}, **COMMON))


def start(deps: ServiceDeps, scope: Scope, bot_id: str, alias_id: str) -> None:
    start_on(deps, KIND, scope, keys.alias_key(bot_id, alias_id))
