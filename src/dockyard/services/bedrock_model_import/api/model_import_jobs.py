"""CreateModelImportJob, GetModelImportJob, ListModelImportJobs."""

from __future__ import annotations

from typing import Any

from dockyard.service_kit import LOWER_ALNUM, RequestContext, paginate, random_id
from dockyard.services.bedrock_model_import import SPEC, errors
from dockyard.services.bedrock_model_import.jobs.model_import import MODEL_IMPORT
from dockyard.services.bedrock_model_import.resources import store
from dockyard.services.bedrock_model_import.resources.listing import select
from dockyard.services.bedrock_model_import.resources.views import job_view

TAG_LIMIT = 200


@SPEC.operation("CreateModelImportJob")
def create_model_import_job(ctx: RequestContext, p: dict[str, Any]) -> dict[str, Any]:
    db, jobs = ctx.deps.db, ctx.deps.jobs
    token = p.get("clientRequestToken")
    docs = db.list(ctx.scope, store.JOB)
    if token:
        same = next((d for d in docs if d.get("clientRequestToken") == token), None)
        if same is not None:
            return {"jobArn": same["arn"]}
    if any(d["name"] == p["jobName"] for d in docs):
        raise errors.conflict(f"A model import job with the name {p['jobName']} already exists.")
    if store.find(db, ctx.scope, store.MODEL, p["importedModelName"]) or any(
        d["model"]["name"] == p["importedModelName"] and _status(ctx, d) == "InProgress" for d in docs
    ):
        raise errors.conflict(f"An imported model with the name {p['importedModelName']} already exists.")
    for key in ("jobTags", "importedModelTags"):
        if len(p.get(key) or []) > TAG_LIMIT:
            raise errors.too_many_tags(p["jobName"], TAG_LIMIT)
    running = [d for d in docs if _status(ctx, d) == "InProgress"]
    if len(running) >= store.max_concurrent_jobs():
        raise errors.quota(
            f"You have reached the maximum number of concurrent model import jobs ({store.max_concurrent_jobs()}) "
            "for this account in this Region. Wait for the running job to finish, or request a quota increase "
            "for Concurrent model import jobs."
        )
    if db.count(ctx.scope, store.MODEL) + len(running) >= store.max_imported_models():
        raise errors.quota(
            f"You have reached the maximum number of imported models ({store.max_imported_models()}) for this "
            "account in this Region. Delete an imported model, or request a quota increase for Imported models "
            "per account."
        )
    job_id, model_id = random_id(12, LOWER_ALNUM), random_id(12, LOWER_ALNUM)
    arn = ctx.arn("bedrock", f"model-import-job/{job_id}")
    model = {
        "id": model_id, "name": p["importedModelName"], "arn": ctx.arn("bedrock", f"imported-model/{model_id}"),
        "jobName": p["jobName"], "jobArn": arn, "modelDataSource": p["modelDataSource"],
        "created": ctx.deps.now(), "importedModelKmsKeyId": p.get("importedModelKmsKeyId"),
        "tags": {t["key"]: t["value"] for t in p.get("importedModelTags") or []},
    }
    doc = {
        "id": job_id, "arn": arn, "name": p["jobName"], "roleArn": p["roleArn"], "created": ctx.deps.now(),
        "modelDataSource": p["modelDataSource"], "vpcConfig": p.get("vpcConfig"), "clientRequestToken": token,
        "importedModelKmsKeyId": p.get("importedModelKmsKeyId"), "model": model,
        "tags": {t["key"]: t["value"] for t in p.get("jobTags") or []},
    }
    with db.transaction():
        db.put(ctx.scope, store.JOB, job_id, doc)
        jobs.start(MODEL_IMPORT, scope=ctx.scope, job_id=job_id,
                   input={"s3Uri": p["modelDataSource"]["s3DataSource"]["s3Uri"], "model": model})
    return {"jobArn": arn}


def _status(ctx: RequestContext, doc: dict[str, Any]) -> str:
    record = ctx.deps.jobs.find(doc["id"], scope=ctx.scope)
    return record.status if record else "Failed"


@SPEC.operation("GetModelImportJob")
def get_model_import_job(ctx: RequestContext, p: dict[str, Any]) -> dict[str, Any]:
    doc = store.find(ctx.deps.db, ctx.scope, store.JOB, p["jobIdentifier"])
    if doc is None:
        raise errors.not_found("model import job", p["jobIdentifier"])
    return job_view(doc, ctx.deps.jobs.find(doc["id"], scope=ctx.scope))


@SPEC.operation("ListModelImportJobs")
def list_model_import_jobs(ctx: RequestContext, p: dict[str, Any]) -> dict[str, Any]:
    docs = ctx.deps.db.list(ctx.scope, store.JOB)
    views = select([job_view(d, ctx.deps.jobs.find(d["id"], scope=ctx.scope)) for d in docs], p, "jobName")
    page, token = paginate(views, p.get("maxResults"), p.get("nextToken"), default_max=1000)
    return {"modelImportJobSummaries": page, "nextToken": token}
