"""The ``import`` job kind: StartImport. IN_PROGRESS -> COMPLETE or FAILED; job id = importId.

The payload is read in StartImport (its name is in the answer) and the outcome, the resource or the
reasons it is unusable, is the job's input; the body writes the definitions. No rollback: what was
written before a failure stays (AWS documents the same). The definitions and the import's outcome
(``resources/import_outcomes``) are committed together; recovery is ``retry``: a job interrupted
before that commit applies the payload (nothing of it was written), one interrupted after it (in
IN_PROGRESS until the clock lets it complete) replays the outcome without writing again.
"""

from __future__ import annotations

from typing import Any

from dockyard.service_kit import AwsError, JobContext, JobKind, Scope
from dockyard.services.lex_models import SPEC
from dockyard.services.lex_models.resources import import_outcomes, tags
from dockyard.services.lex_models.resources.transfer import ImportConflict, Importer

REASON_SEPARATOR = "\n"


def _apply(ctx: JobContext) -> str | None:
    """Write the definitions and the outcome in one transaction; the failure reason, if any (what was
    written before it stays)."""
    params = ctx.input
    importer = Importer(ctx.db, ctx.scope, params["mergeStrategy"], ctx.deps.now())
    failure = None
    with ctx.db.transaction():
        try:
            importer.run(params["resourceType"], dict(params["resource"]))
            if params["resourceType"] == "BOT" and params.get("tags"):
                tags.tag(ctx.db, ctx.scope, params["arn"], list(params["tags"]))
        except (ImportConflict, AwsError) as exc:
            failure = str(exc)
        import_outcomes.record(ctx.db, ctx.scope, ctx.job_id, failure)
    return failure


def _body(ctx: JobContext) -> None:
    params = ctx.input
    if params.get("problems"):
        ctx.fail(REASON_SEPARATOR.join(params["problems"]))
    done = import_outcomes.find(ctx.db, ctx.scope, ctx.job_id)  # a retry after a restart: replay
    failure = done["failure"] if done is not None else _apply(ctx)
    if failure:
        ctx.fail(failure)


KIND = SPEC.job_kind(JobKind(
    service="lex-models", name="import", body=_body, initial_status="IN_PROGRESS", phases=("COMPLETE",),
    failed_status="FAILED", recovery="retry", min_phase_seconds={"IN_PROGRESS": 2.0},
))


def start(deps: Any, scope: Scope, import_id: str, job_input: dict[str, Any]) -> None:
    deps.jobs.start(KIND, scope=scope, input=job_input, job_id=import_id)


def failure_reasons(record: Any) -> list[str]:
    if record.status != "FAILED" or not record.status_reason:
        return []
    return record.status_reason.split(REASON_SEPARATOR)
