"""The ``export`` job kind: GetExport's first call. IN_PROGRESS -> READY or FAILED.

Job id = ``lexv1-export:<account>:<region>:<type>:<name>:<version>:<exportType>`` (numbered versions
never change, so one export per version and format is kept). The zip lives in the internal bucket
``dockyard-lexv1-<account>-<region>`` at ``exports/<type>/<name>/<version>/<exportType>.zip``.
"""

from __future__ import annotations

import json
from typing import Any

from dockyard.service_kit import AwsError, JobContext, JobKind, S3Location, Scope
from dockyard.services.lex_models import SPEC
from dockyard.services.lex_models.formats.alexa import interaction_model
from dockyard.services.lex_models.formats.envelope import write_payload, zip_one
from dockyard.services.lex_models.resources.transfer import export_resource

URL_LIFETIME_SECONDS = 300


def job_id(scope: Scope, resource_type: str, name: str, version: str, export_type: str) -> str:
    return f"lexv1-export:{scope.account}:{scope.region}:{resource_type}:{name}:{version}:{export_type}"


def location(scope: Scope, params: Any) -> S3Location:
    bucket = f"dockyard-lexv1-{scope.account}-{scope.region}".lower()
    key = f"exports/{params['resourceType']}/{params['name']}/{params['version']}/{params['exportType']}.zip"
    return S3Location(bucket, key)


def _body(ctx: JobContext) -> None:
    p = ctx.input
    try:
        resource = export_resource(ctx.db, ctx.scope, p["resourceType"], p["name"], p["version"])
    except AwsError as exc:
        ctx.fail(exc.message)
    if p["exportType"] == "ALEXA_SKILLS_KIT":
        body = zip_one(f"{p['name']}.json", json.dumps(interaction_model(resource), indent=2).encode())
    else:
        body = write_payload(f"{p['name']}_Export.json", resource)
    where = location(ctx.scope, p)
    ctx.deps.blobs.ensure_bucket(where.bucket)
    ctx.deps.blobs.put_bytes(where, body, content_type="application/zip")


KIND = SPEC.job_kind(JobKind(
    service="lex-models", name="export", body=_body, initial_status="IN_PROGRESS", phases=("READY",),
    failed_status="FAILED", recovery="retry", min_phase_seconds={"IN_PROGRESS": 2.0},
))


def presigned_url(deps: Any, scope: Scope, params: Any) -> str:
    return deps.blobs.presign_get(location(scope, params), URL_LIFETIME_SECONDS)
