"""The ``export`` job kind: InProgress -> Completed / Failed (not cancellable), one per CreateExport.

The body reads the resources as they are when it runs (a DRAFT changed meanwhile may be captured
half-changed, as AWS warns), zips them and stores two files in the internal bucket: the download
(AES-encrypted when ``filePassword`` was given) and an unencrypted copy UpdateExport re-encrypts.
The job record is the export's state (DescribeExport reads status, failure reasons, last update
and ``details.fileName`` from it); no hook writes into the export document.
Recovery is ``retry``: writing the files again is harmless. Job id = export id.
"""

from __future__ import annotations

from typing import Any

from dockyard.service_kit import AwsError, JobContext, JobKind, Scope, ServiceDeps
from dockyard.services.lexv2_models import SPEC
from dockyard.services.lexv2_models.formats import zip_files
from dockyard.services.lexv2_models.jobs.common import SERVICE
from dockyard.services.lexv2_models.resources import upload_store
from dockyard.services.lexv2_models.resources.export_build import build_export


def store_archive(deps: ServiceDeps, scope: Scope, export_id: str, file_name: str, files: dict[str, bytes],
                  password: str | None) -> None:
    """Write the download (encrypted with ``password``) and the unencrypted copy."""
    plain = zip_files(files)
    upload_store.ensure_bucket(deps, scope)
    deps.blobs.put_bytes(upload_store.plain_export_location(scope, export_id), plain)
    download = zip_files(files, password=password) if password else plain
    deps.blobs.put_bytes(upload_store.export_location(scope, export_id, file_name), download,
                         content_type="application/zip")


def _body(ctx: JobContext) -> None:
    params = ctx.input
    try:
        result = build_export(ctx.db, ctx.scope, params["exportId"], params["specName"], params["spec"])
    except AwsError as err:
        ctx.fail(err.message)
    store_archive(ctx.deps, ctx.scope, params["exportId"], result.name, result.files, params.get("filePassword"))
    ctx.details(fileName=result.name)


KIND = SPEC.job_kind(JobKind(service=SERVICE, name="export", body=_body, initial_status="InProgress",
                             phases=("Completed",), failed_status="Failed", recovery="retry",
                             min_phase_seconds={"InProgress": 5.0}))


def start(deps: ServiceDeps, scope: Scope, doc: dict[str, Any], spec_name: str, password: str | None) -> None:
    spec = doc["resourceSpecification"][spec_name]
    job_input = {"exportId": doc["exportId"], "specName": spec_name, "spec": spec, "filePassword": password}
    deps.jobs.start(deps.jobs.kind(SERVICE, KIND.name), scope=scope, input=job_input, parent_id=doc["exportId"],
                    job_id=doc["exportId"])
