"""``bot-delete``: Deleting -> Deleted; parent id = botId; at the end the bot and everything under it go."""

from __future__ import annotations

from dockyard.service_kit import JobContext, JobKind, Scope, ServiceDeps, no_work
from dockyard.services.lexv2_models import SPEC
from dockyard.services.lexv2_models.jobs.common import COMMON, start_on
from dockyard.services.lexv2_models.resources import bots


def _deleted(ctx: JobContext) -> None:
    bots.delete_bot_tree(ctx.db, ctx.scope, ctx.job.parent_id)


KIND = SPEC.job_kind(JobKind(name="bot-delete", body=no_work, initial_status="Deleting", phases=("Deleted",),
                             on_succeeded=_deleted, min_phase_seconds={"Deleting": 3.0}, **COMMON))


def start(deps: ServiceDeps, scope: Scope, bot_id: str) -> None:
    start_on(deps, KIND, scope, bot_id)
