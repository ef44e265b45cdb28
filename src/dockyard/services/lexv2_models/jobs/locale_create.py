"""``locale-create``: Creating -> NotBuilt / Failed; parent id = botId/DRAFT/localeId."""

from __future__ import annotations

from dockyard.service_kit import JobContext, JobKind, ServiceDeps, no_work
from dockyard.services.lexv2_models import SPEC
from dockyard.services.lexv2_models.jobs.common import COMMON, start_on
from dockyard.services.lexv2_models.resources import locale_state
from dockyard.services.lexv2_models.resources.keys import LocaleKey


def _created(ctx: JobContext) -> None:
    locale_state.set_status(ctx.db, LocaleKey.of(ctx.scope, ctx.job.parent_id), "NotBuilt")


def _failed(ctx: JobContext) -> None:
    locale_state.set_status(ctx.db, LocaleKey.of(ctx.scope, ctx.job.parent_id), "Failed",
                            failureReasons=[ctx.job.status_reason or "Locale creation failed."])


KIND = SPEC.job_kind(JobKind(name="locale-create", body=no_work, initial_status="Creating", phases=("NotBuilt",),
                             on_succeeded=_created, on_failed=_failed, min_phase_seconds={"Creating": 2.0},
                             **COMMON))


def start(deps: ServiceDeps, lk: LocaleKey) -> None:
    start_on(deps, KIND, lk.scope, lk.key)
