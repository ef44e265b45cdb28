"""Lex V2's asynchronous transitions as jobs on the job engine.

| kind            | statuses                         | parent id          | at the end                         |
|-----------------|----------------------------------|--------------------|------------------------------------|
| bot-create      | Creating -> Available / Failed   | botId              | bot Available                      |
| bot-delete      | Deleting -> Deleted              | botId              | bot and everything under it gone   |
| locale-create   | Creating -> NotBuilt / Failed    | botId/DRAFT/locale | locale NotBuilt                    |
| locale-delete   | Deleting -> Deleted              | botId/DRAFT/locale | locale and its children gone       |
| locale-build    | Building -> Built / Failed       | botId/DRAFT/locale | locale Built, or Failed + reasons  |
| version-create  | Versioning -> Available / Failed | botId/N            | version and bot Available          |
| version-delete  | Deleting -> Deleted              | botId/N            | version and its locales gone       |

The API call writes the in-progress status on the resource and starts the job; the job's hooks
write the final status, so the resource always shows what the job is doing.
"""

from __future__ import annotations

from typing import Any

from dockyard.jobs import JobContext, JobKind, LimitError
from dockyard.services.lexv2_models import bots, build, definition, locale_state, versions
from dockyard.services.lexv2_models.keys import LocaleKey
from dockyard.store import Scope

SERVICE = "lexv2-models"
BOT_CREATE, BOT_DELETE = "bot-create", "bot-delete"
LOCALE_CREATE, LOCALE_DELETE, LOCALE_BUILD = "locale-create", "locale-delete", "locale-build"
VERSION_CREATE, VERSION_DELETE = "version-create", "version-delete"


def locale_key(scope: Scope, parent_id: str) -> LocaleKey:
    bot_id, version, locale_id = parent_id.split("/")
    return LocaleKey(scope, bot_id, version, locale_id)


def _nothing(ctx: JobContext) -> None:
    return None


# -- bots ------------------------------------------------------------------------------------------
def _bot_available(ctx: JobContext) -> None:
    bots.set_status(ctx.db, ctx.scope, ctx.job.parent_id, "Available")


def _bot_failed(ctx: JobContext) -> None:
    bots.set_status(ctx.db, ctx.scope, ctx.job.parent_id, "Failed",
                    failureReasons=[ctx.job.status_reason or "Bot creation failed."])


def _bot_deleted(ctx: JobContext) -> None:
    bots.delete_bot_tree(ctx.db, ctx.scope, ctx.job.parent_id)


# -- locales ---------------------------------------------------------------------------------------
def _locale_created(ctx: JobContext) -> None:
    locale_state.set_status(ctx.db, locale_key(ctx.scope, ctx.job.parent_id), "NotBuilt")


def _locale_create_failed(ctx: JobContext) -> None:
    locale_state.set_status(ctx.db, locale_key(ctx.scope, ctx.job.parent_id), "Failed",
                            failureReasons=[ctx.job.status_reason or "Locale creation failed."])


def _locale_deleted(ctx: JobContext) -> None:
    definition.delete_locale_tree(ctx.db, locale_key(ctx.scope, ctx.job.parent_id))


def _build_body(ctx: JobContext) -> None:
    lk = locale_key(ctx.scope, ctx.job.parent_id)
    snapshot = definition.read_locale(ctx.db, lk)
    if snapshot is None:
        ctx.fail(f"The bot locale {lk.locale_id} no longer exists.")
    reasons = build.failure_reasons(snapshot)
    if reasons:
        ctx.details(buildFailureReasons=reasons)
        ctx.fail(f"Failed to build bot locale {lk.locale_id}: {len(reasons)} problem(s) found.")


def _built(ctx: JobContext) -> None:
    locale_state.set_status(ctx.db, locale_key(ctx.scope, ctx.job.parent_id), "Built", event="Built",
                            failureReasons=[])


def _build_failed(ctx: JobContext) -> None:
    reasons = ctx.job.details.get("buildFailureReasons") or [ctx.job.status_reason or "The build failed."]
    locale_state.set_status(ctx.db, locale_key(ctx.scope, ctx.job.parent_id), "Failed", event="Build failed",
                            failureReasons=list(reasons))


# -- versions --------------------------------------------------------------------------------------
def _version_ids(ctx: JobContext) -> tuple[str, str]:
    bot_id, version = ctx.job.parent_id.split("/")
    return bot_id, version


def _version_available(ctx: JobContext) -> None:
    bot_id, version = _version_ids(ctx)
    versions.set_status(ctx.db, ctx.scope, bot_id, version, "Available")
    bots.set_status(ctx.db, ctx.scope, bot_id, "Available")


def _version_failed(ctx: JobContext) -> None:
    bot_id, version = _version_ids(ctx)
    versions.set_status(ctx.db, ctx.scope, bot_id, version, "Failed",
                        failureReasons=[ctx.job.status_reason or "Versioning failed."])
    bots.set_status(ctx.db, ctx.scope, bot_id, "Available")


def _version_deleted(ctx: JobContext) -> None:
    bot_id, version = _version_ids(ctx)
    versions.delete_version_tree(ctx.db, ctx.scope, bot_id, version)


def job_kinds() -> list[JobKind]:
    common: dict[str, Any] = {"service": SERVICE, "failed_status": "Failed", "recovery": "retry"}
    busy = LimitError("PreconditionFailedException", "A build of {parent} is already in progress ({active_id}).")
    return [
        JobKind(name=BOT_CREATE, body=_nothing, initial_status="Creating", phases=("Available",),
                on_succeeded=_bot_available, on_failed=_bot_failed, min_phase_seconds={"Creating": 3.0}, **common),
        JobKind(name=BOT_DELETE, body=_nothing, initial_status="Deleting", phases=("Deleted",),
                on_succeeded=_bot_deleted, min_phase_seconds={"Deleting": 3.0}, **common),
        JobKind(name=LOCALE_CREATE, body=_nothing, initial_status="Creating", phases=("NotBuilt",),
                on_succeeded=_locale_created, on_failed=_locale_create_failed, min_phase_seconds={"Creating": 2.0},
                **common),
        JobKind(name=LOCALE_DELETE, body=_nothing, initial_status="Deleting", phases=("Deleted",),
                on_succeeded=_locale_deleted, min_phase_seconds={"Deleting": 2.0}, **common),
        JobKind(name=LOCALE_BUILD, body=_build_body, initial_status="Building", phases=("Built",),
                on_succeeded=_built, on_failed=_build_failed, min_phase_seconds={"Building": 10.0},
                max_running_per_parent=1, parent_limit_error=busy, **common),
        JobKind(name=VERSION_CREATE, body=_nothing, initial_status="Versioning", phases=("Available",),
                on_succeeded=_version_available, on_failed=_version_failed, min_phase_seconds={"Versioning": 5.0},
                **common),
        JobKind(name=VERSION_DELETE, body=_nothing, initial_status="Deleting", phases=("Deleted",),
                on_succeeded=_version_deleted, min_phase_seconds={"Deleting": 2.0}, **common),
    ]


def start(runtime: Any, kind: str, scope: Scope, parent_id: str) -> None:
    """Start a job of one of our kinds on ``parent_id``."""
    jobs = runtime.jobs
    jobs.start(jobs.kind(SERVICE, kind), scope=scope, parent_id=parent_id)
