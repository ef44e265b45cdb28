"""The ``export`` job kind: InProgress -> Completed / Failed (not cancellable), one per CreateExport.

The body reads the resources as they are when it runs (a DRAFT changed meanwhile may be captured
half-changed, as AWS warns), zips them and stores two files in the internal bucket: the download
(AES-encrypted when ``filePassword`` was given) and an unencrypted copy UpdateExport re-encrypts.
Recovery is ``retry``: writing the files again is harmless. Job id = export id.
"""

from __future__ import annotations

from typing import Any

from dockyard.jobs import JobContext, JobKind
from dockyard.protocol.errors import AwsError
from dockyard.services.lexv2_models import exports, upload_store
from dockyard.services.lexv2_models.archive import zip_files
from dockyard.services.lexv2_models.export_build import build_export
from dockyard.store import Scope

SERVICE = "lexv2-models"
KIND = "export"


def store_archive(runtime: Any, scope: Scope, export_id: str, file_name: str, files: dict[str, bytes],
                  password: str | None) -> None:
    """Write the download (encrypted with ``password``) and the unencrypted copy."""
    plain = zip_files(files)
    upload_store.ensure_bucket(runtime, scope)
    runtime.blobs.put_bytes(upload_store.plain_export_location(scope, export_id), plain)
    download = zip_files(files, password=password) if password else plain
    runtime.blobs.put_bytes(upload_store.export_location(scope, export_id, file_name), download,
                            content_type="application/zip")


def job_kind(runtime: Any) -> JobKind:
    def body(ctx: JobContext) -> None:
        params = ctx.input
        try:
            result = build_export(ctx.db, ctx.scope, params["exportId"], params["specName"], params["spec"])
        except AwsError as err:
            ctx.fail(err.message)
        store_archive(runtime, ctx.scope, params["exportId"], result.name, result.files, params.get("filePassword"))
        ctx.details(fileName=result.name)

    def succeeded(ctx: JobContext) -> None:
        exports.set_status(ctx.db, ctx.scope, ctx.input["exportId"], "Completed",
                           fileName=ctx.job.details.get("fileName"), failureReasons=[])

    def failed(ctx: JobContext) -> None:
        exports.set_status(ctx.db, ctx.scope, ctx.input["exportId"], "Failed",
                           failureReasons=[ctx.job.status_reason or "The export failed."])

    return JobKind(service=SERVICE, name=KIND, body=body, initial_status="InProgress", phases=("Completed",),
                   failed_status="Failed", recovery="retry", min_phase_seconds={"InProgress": 5.0},
                   on_succeeded=succeeded, on_failed=failed)


def start(runtime: Any, scope: Scope, doc: dict[str, Any], spec_name: str, password: str | None) -> None:
    spec = doc["resourceSpecification"][spec_name]
    job_input = {"exportId": doc["exportId"], "specName": spec_name, "spec": spec, "filePassword": password}
    jobs = runtime.jobs
    jobs.start(jobs.kind(SERVICE, KIND), scope=scope, input=job_input, parent_id=doc["exportId"],
               job_id=doc["exportId"])
