"""``version-create``: Versioning -> Available / Failed; parent id = botId/N; the bot is Available again after."""

from __future__ import annotations

from dockyard.service_kit import JobContext, JobKind, Scope, ServiceDeps, no_work
from dockyard.services.lexv2_models import SPEC
from dockyard.services.lexv2_models.jobs.common import COMMON, start_on
from dockyard.services.lexv2_models.jobs.replicas import replicate_new_version
from dockyard.services.lexv2_models.resources import bots, keys, versions


def _available(ctx: JobContext) -> None:
    bot_id, version = keys.split_version_key(ctx.job.parent_id)
    versions.set_status(ctx.db, ctx.scope, bot_id, version, "Available")
    bots.set_status(ctx.db, ctx.scope, bot_id, "Available")
    replicate_new_version(ctx.deps, ctx.scope, bot_id, version)


def _failed(ctx: JobContext) -> None:
    bot_id, version = keys.split_version_key(ctx.job.parent_id)
    versions.set_status(ctx.db, ctx.scope, bot_id, version, "Failed",
                        failureReasons=[ctx.job.status_reason or "Versioning failed."])
    bots.set_status(ctx.db, ctx.scope, bot_id, "Available")


KIND = SPEC.job_kind(JobKind(name="version-create", body=no_work, initial_status="Versioning",
                             phases=("Available",), on_succeeded=_available, on_failed=_failed,
                             min_phase_seconds={"Versioning": 5.0}, **COMMON))


def start(deps: ServiceDeps, scope: Scope, bot_id: str, version: str) -> None:
    start_on(deps, KIND, scope, keys.version_key(bot_id, version))
