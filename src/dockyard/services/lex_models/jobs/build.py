"""The ``build`` job kind: PutBot with processBehavior BUILD. BUILDING -> READY or FAILED.

The bot's ``$LATEST`` carries the status; a build whose bot changed meanwhile (another checksum)
leaves the newer status alone. Job id = a uuid; parent = the bot name (one build per bot at a time
is not enforced: a newer PutBot simply supersedes the older build's outcome).
"""

from __future__ import annotations

from dockyard.service_kit import JobContext, JobKind, Scope
from dockyard.services.lex_models import SPEC
from dockyard.services.lex_models.resources import definitions as defs
from dockyard.services.lex_models.resources.build import build_failures


def _set_status(ctx: JobContext, status: str, reason: str | None) -> None:
    """The outcome lands on $LATEST (if unchanged since) and on a version snapshotted from it
    (PutBot with createVersion snapshots the bot while it is BUILDING)."""
    checksum = ctx.input["checksum"]
    for bot in defs.versions(ctx.db, ctx.scope, defs.BOT, ctx.input["botName"]):
        if checksum not in (bot["checksum"], bot.get("fromChecksum")):
            continue
        bot["status"] = status
        bot.pop("failureReason", None)
        if reason:
            bot["failureReason"] = reason
        defs.store_version(ctx.db, ctx.scope, defs.BOT, bot)


def _body(ctx: JobContext) -> None:
    bot = defs.find(ctx.db, ctx.scope, defs.BOT, ctx.input["botName"])
    if bot is None:
        ctx.fail(f"Bot {ctx.input['botName']} was deleted during the build.")
    reasons = build_failures(ctx.db, ctx.scope, bot)
    if reasons:
        ctx.fail(" ".join(reasons))


KIND = SPEC.job_kind(JobKind(
    service="lex-models", name="build", body=_body, initial_status="BUILDING", phases=("READY",),
    failed_status="FAILED", recovery="retry", min_phase_seconds={"BUILDING": 2.0},
    on_succeeded=lambda ctx: _set_status(ctx, "READY", None),
    on_failed=lambda ctx: _set_status(ctx, "FAILED", ctx.job.status_reason),
))


def start(deps: object, scope: Scope, bot: dict) -> None:
    jobs = deps.jobs  # type: ignore[attr-defined]
    jobs.start(KIND, scope=scope, input={"botName": bot["name"], "checksum": bot["checksum"]},
               parent_id=bot["name"])
