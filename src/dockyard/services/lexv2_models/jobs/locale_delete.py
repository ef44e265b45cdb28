"""``locale-delete``: Deleting -> Deleted; parent id = botId/DRAFT/localeId; the locale tree goes at the end."""

from __future__ import annotations

from dockyard.service_kit import JobContext, JobKind, ServiceDeps, no_work
from dockyard.services.lexv2_models import SPEC
from dockyard.services.lexv2_models.jobs.common import COMMON, start_on
from dockyard.services.lexv2_models.resources import definition
from dockyard.services.lexv2_models.resources.keys import LocaleKey


def _deleted(ctx: JobContext) -> None:
    definition.delete_locale_tree(ctx.db, LocaleKey.of(ctx.scope, ctx.job.parent_id))


KIND = SPEC.job_kind(JobKind(name="locale-delete", body=no_work, initial_status="Deleting", phases=("Deleted",),
                             on_succeeded=_deleted, min_phase_seconds={"Deleting": 2.0}, **COMMON))


def start(deps: ServiceDeps, lk: LocaleKey) -> None:
    start_on(deps, KIND, lk.scope, lk.key)
