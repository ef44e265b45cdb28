"""``version-delete``: Deleting -> Deleted; parent id = botId/N; the version and its locales go at the end."""

from __future__ import annotations

from dockyard.service_kit import JobContext, JobKind, Scope, ServiceDeps, no_work
from dockyard.services.lexv2_models import SPEC
from dockyard.services.lexv2_models.jobs.common import COMMON, start_on
from dockyard.services.lexv2_models.resources import keys, replicas, versions


def _deleted(ctx: JobContext) -> None:
    bot_id, version = keys.split_version_key(ctx.job.parent_id)
    with ctx.db.transaction():
        versions.delete_version_tree(ctx.db, ctx.scope, bot_id, version)
        replicas.forget_version(ctx.deps, ctx.scope, bot_id, version)


KIND = SPEC.job_kind(JobKind(name="version-delete", body=no_work, initial_status="Deleting", phases=("Deleted",),
                             on_succeeded=_deleted, min_phase_seconds={"Deleting": 2.0}, **COMMON))


def start(deps: ServiceDeps, scope: Scope, bot_id: str, version: str) -> None:
    start_on(deps, KIND, scope, keys.version_key(bot_id, version))
