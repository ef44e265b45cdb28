"""The ``migration`` job kind: StartMigration. IN_PROGRESS -> COMPLETED or FAILED; job id = migrationId.

StartMigration creates (CREATE_NEW) or finds (UPDATE_EXISTING) the V2 bot, so its id is in the
answer; the body creates the locale (waiting for the V2 jobs), then writes the slot types and intents
through the Lex V2 handlers and stores the alerts and the outcome (``failure``) on the migration
document (kind ``migration``) in ONE transaction (a refused write rolls the V2 writes back). Recovery
is ``retry``: a migration stopped after that commit (IN_PROGRESS until the clock lets it complete)
replays its outcome; one stopped before it writes again (the locale, if created, is reused).
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
    done = ctx.db.get(ctx.scope, "migration", ctx.job_id) or {}
    if "failure" in done:  # a retry after a restart: the writes were committed with their outcome
        if done["failure"]:
            ctx.fail(done["failure"])
        return
    v2_scope = Scope(migration.V2, ctx.scope.account, ctx.scope.region)
    try:
        bot, base = migration.prepare(ctx.deps, v2_scope, ctx.scope, p["v1BotName"], p["v1BotVersion"], p["v2BotId"])
        with ctx.db.transaction():  # the V2 definitions and the outcome, together
            alerts = migration.write(ctx.deps, v2_scope, ctx.scope, bot, base)
            _update(ctx, alerts=alerts, failure=None)
    except AwsError as exc:
        _update(ctx, alerts=[{"type": "ERROR", "message": f"Lex V2 answered {exc.code}: {exc.message}",
                              "details": [], "referenceURLs": []}], failure=exc.message)
        ctx.fail(exc.message)
    except TimeoutError as exc:
        ctx.fail(str(exc))


KIND = SPEC.job_kind(JobKind(
    service="lex-models", name="migration", body=_body, initial_status="IN_PROGRESS", phases=("COMPLETED",),
    failed_status="FAILED", recovery="retry", min_phase_seconds={"IN_PROGRESS": 2.0},
))
