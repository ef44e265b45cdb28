"""The ``migration`` job kind: StartMigration. IN_PROGRESS -> COMPLETED or FAILED; job id = migrationId.

StartMigration creates (CREATE_NEW) or finds (UPDATE_EXISTING) the V2 bot, so its id is in the
answer; the body writes the locale, slot types and intents through the Lex V2 handlers and stores
the alerts on the migration document (kind ``migration``).
"""

from __future__ import annotations

from typing import Any

from dockyard.service_kit import AwsError, JobContext, JobKind, Scope
from dockyard.services.lex_models import SPEC
from dockyard.services.lex_models.resources import migration


def _update(ctx: JobContext, **fields: Any) -> None:
    doc = ctx.db.get(ctx.scope, "migration", ctx.job_id)
    if doc is not None:
        doc.update(fields)
        ctx.db.put(ctx.scope, "migration", ctx.job_id, doc)


def _body(ctx: JobContext) -> None:
    p = ctx.input
    v2_scope = Scope(migration.V2, ctx.scope.account, ctx.scope.region)
    try:
        alerts = migration.migrate(ctx.deps, v2_scope, ctx.scope, p["v1BotName"], p["v1BotVersion"], p["v2BotId"])
    except AwsError as exc:
        _update(ctx, alerts=[{"type": "ERROR", "message": f"Lex V2 answered {exc.code}: {exc.message}",
                              "details": [], "referenceURLs": []}])
        ctx.fail(exc.message)
    except TimeoutError as exc:
        ctx.fail(str(exc))
    _update(ctx, alerts=alerts)


KIND = SPEC.job_kind(JobKind(
    service="lex-models", name="migration", body=_body, initial_status="IN_PROGRESS", phases=("COMPLETED",),
    failed_status="FAILED", recovery="fail", min_phase_seconds={"IN_PROGRESS": 2.0},
))
