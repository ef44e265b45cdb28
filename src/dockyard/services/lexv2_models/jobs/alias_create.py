"""``alias-create``: Creating -> Available / Failed; parent id = botId/botAliasId."""

from __future__ import annotations

from dockyard.service_kit import JobContext, JobKind, Scope, ServiceDeps, no_work
from dockyard.services.lexv2_models import SPEC
from dockyard.services.lexv2_models.jobs.common import COMMON, start_on
from dockyard.services.lexv2_models.resources import aliases, keys, replicas


def _available(ctx: JobContext) -> None:
    bot_id, alias_id = keys.split_alias_key(ctx.job.parent_id)
    aliases.set_status(ctx.db, ctx.scope, bot_id, alias_id, "Available")
    replicas.refresh_aliases(ctx.deps, ctx.scope, bot_id)


def _failed(ctx: JobContext) -> None:
    aliases.set_status(ctx.db, ctx.scope, *keys.split_alias_key(ctx.job.parent_id), "Failed")


KIND = SPEC.job_kind(JobKind(name="alias-create", body=no_work, initial_status="Creating", phases=("Available",),
                             on_succeeded=_available, on_failed=_failed, min_phase_seconds={"Creating": 2.0},
                             **COMMON))


def start(deps: ServiceDeps, scope: Scope, bot_id: str, alias_id: str) -> None:
    start_on(deps, KIND, scope, keys.alias_key(bot_id, alias_id))
