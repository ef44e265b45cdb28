"""StartImport, GetImport, GetExport."""

from __future__ import annotations

import uuid

from dockyard.service_kit import RequestContext
from dockyard.services.lex_models import SPEC, errors
from dockyard.services.lex_models.api.definitions import Params
from dockyard.services.lex_models.formats.envelope import FormatError, read_payload
from dockyard.services.lex_models.formats.resources import problems
from dockyard.services.lex_models.jobs import export_job, import_job
from dockyard.services.lex_models.resources import aliases
from dockyard.services.lex_models.resources.transfer import export_resource


@SPEC.operation("StartImport")
def start_import(ctx: RequestContext, params: Params) -> Params:
    if params.get("tags") and params["resourceType"] != "BOT":
        raise errors.bad_request("Tags can only be given when importing a bot.")
    resource: Params = {}
    try:
        resource = read_payload(params["payload"])
        found = problems(resource, params["resourceType"])
    except FormatError as exc:
        found = [str(exc)]
    name = resource.get("name") if isinstance(resource.get("name"), str) and not found else None
    import_id = str(uuid.uuid4())
    job_input = {"resourceType": params["resourceType"], "mergeStrategy": params["mergeStrategy"],
                 "resource": {} if found else resource, "problems": found, "tags": params.get("tags") or [],
                 "name": name, "arn": aliases.bot_arn(ctx, name or "")}
    import_job.start(ctx.deps, ctx.scope, import_id, job_input)
    return _import_view(ctx, import_id)


def _import_view(ctx: RequestContext, import_id: str) -> Params:
    record = ctx.deps.jobs.find(import_id, scope=ctx.scope, kind="import")
    if record is None:
        raise errors.not_found(f"The import {import_id} does not exist.")
    p = record.input
    return {"name": p["name"], "resourceType": p["resourceType"], "mergeStrategy": p["mergeStrategy"],
            "importId": import_id, "importStatus": record.status, "tags": list(p["tags"]) or None,
            "createdDate": record.created_at, "failureReason": import_job.failure_reasons(record)}


@SPEC.operation("GetImport")
def get_import(ctx: RequestContext, params: Params) -> Params:
    return _import_view(ctx, params["importId"])


@SPEC.operation("GetExport")
def get_export(ctx: RequestContext, params: Params) -> Params:
    if params["exportType"] == "ALEXA_SKILLS_KIT" and params["resourceType"] != "BOT":
        raise errors.bad_request("Only bots can be exported in the ALEXA_SKILLS_KIT format.")
    job_id = export_job.job_id(ctx.scope, params["resourceType"], params["name"], params["version"],
                               params["exportType"])
    record = ctx.deps.jobs.find(job_id, scope=ctx.scope, kind="export")
    if record is None:
        export_resource(ctx.deps.db, ctx.scope, params["resourceType"], params["name"], params["version"])
        record = ctx.deps.jobs.start(export_job.KIND, scope=ctx.scope, input=dict(params), job_id=job_id)
    out = {**params, "exportStatus": record.status}
    if record.status == "READY":
        out["url"] = export_job.presigned_url(ctx.deps, ctx.scope, params)
    elif record.status == "FAILED":
        out["failureReason"] = record.status_reason
    return out
