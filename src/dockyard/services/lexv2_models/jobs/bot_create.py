"""``bot-create``: Creating -> Available / Failed; parent id = botId; the bot shows the outcome."""

from __future__ import annotations

from dockyard.service_kit import JobContext, JobKind, Scope, ServiceDeps, no_work
from dockyard.services.lexv2_models import SPEC
from dockyard.services.lexv2_models.jobs.common import COMMON, start_on
from dockyard.services.lexv2_models.resources import bots


def _available(ctx: JobContext) -> None:
    bots.set_status(ctx.db, ctx.scope, ctx.job.parent_id, "Available")


def _failed(ctx: JobContext) -> None:
    bots.set_status(ctx.db, ctx.scope, ctx.job.parent_id, "Failed",
                    failureReasons=[ctx.job.status_reason or "Bot creation failed."])


KIND = SPEC.job_kind(JobKind(name="bot-create", body=no_work, initial_status="Creating", phases=("Available",),
                             on_succeeded=_available, on_failed=_failed, min_phase_seconds={"Creating": 3.0},
                             **COMMON))


def start(deps: ServiceDeps, scope: Scope, bot_id: str) -> None:
    start_on(deps, KIND, scope, bot_id)
