"""``locale-build``: Building -> Built / Failed (one at a time per locale); parent id = botId/DRAFT/localeId.

The body checks the locale's definition; problems fail the build with ``buildFailureReasons``.
"""

from __future__ import annotations

from dockyard.service_kit import JobContext, JobKind, LimitError, ServiceDeps
from dockyard.services.lexv2_models import SPEC
from dockyard.services.lexv2_models.jobs.common import COMMON, start_on
from dockyard.services.lexv2_models.resources import build, definition, locale_state
from dockyard.services.lexv2_models.resources.keys import LocaleKey


def _body(ctx: JobContext) -> None:
    lk = LocaleKey.of(ctx.scope, ctx.job.parent_id)
    snapshot = definition.read_locale(ctx.db, lk)
    if snapshot is None:
        ctx.fail(f"The bot locale {lk.locale_id} no longer exists.")
    reasons = build.failure_reasons(snapshot)
    if reasons:
        ctx.details(buildFailureReasons=reasons)
        ctx.fail(f"Failed to build bot locale {lk.locale_id}: {len(reasons)} problem(s) found.")


def _built(ctx: JobContext) -> None:
    locale_state.set_status(ctx.db, LocaleKey.of(ctx.scope, ctx.job.parent_id), "Built", event="Built",
                            failureReasons=[])


def _failed(ctx: JobContext) -> None:
    reasons = ctx.job.details.get("buildFailureReasons") or [ctx.job.status_reason or "The build failed."]
    locale_state.set_status(ctx.db, LocaleKey.of(ctx.scope, ctx.job.parent_id), "Failed", event="Build failed",
                            failureReasons=list(reasons))


_BUSY = LimitError("PreconditionFailedException", "A build of {parent} is already in progress ({active_id}).")
KIND = SPEC.job_kind(JobKind(name="locale-build", body=_body, initial_status="Building", phases=("Built",),
                             on_succeeded=_built, on_failed=_failed, min_phase_seconds={"Building": 10.0},
                             max_running_per_parent=1, parent_limit_error=_BUSY, **COMMON))


def start(deps: ServiceDeps, lk: LocaleKey) -> None:
    start_on(deps, KIND, lk.scope, lk.key)
