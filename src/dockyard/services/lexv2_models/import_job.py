"""The ``import`` job kind: InProgress -> Completed / Failed (not cancellable), one per StartImport.

* body: fetch the uploaded file and parse it (archive library); a bad file fails the job with the
  library's reasons. Nothing is written yet.
* on_succeeded (after the clock lets the job leave InProgress): apply the parsed content to the
  resources in ONE transaction (``import_apply``), then mark the import Completed with
  ``importedResourceId``/``importedResourceName``. A refusal there fails the job; the rollback
  leaves every resource as it was.
* on_failed: the import document shows Failed and every reason.

Recovery is ``retry``: nothing is written before the single commit, so an import interrupted by a
restart is simply run again. The job id is the import id; its parent id is the import id too.
"""

from __future__ import annotations

from typing import Any

from dockyard.jobs import JobContext, JobKind
from dockyard.services.lexv2_models import imports
from dockyard.services.lexv2_models.import_apply import apply_import
from dockyard.services.lexv2_models.import_errors import ImportRefused
from dockyard.services.lexv2_models.import_source import ImportContent, fetch, read_content

SERVICE = "lexv2-models"
KIND = "import"
_PARSED = "lexv2-import-parsed"


class _Parsed(dict[str, ImportContent]):
    """Parsed files waiting for their job to be allowed to complete, by job id."""

    def reset(self) -> None:
        self.clear()


def _parsed(runtime: Any) -> _Parsed:
    return runtime.extension(_PARSED, lambda _rt: _Parsed())


def _refuse(ctx: JobContext, err: ImportRefused) -> None:
    ctx.details(failureReasons=err.reasons)
    ctx.fail(str(err))


def job_kind(runtime: Any) -> JobKind:
    def parse(ctx: JobContext) -> ImportContent:
        params = ctx.input
        data = fetch(runtime, ctx.scope, params["importId"], params["specName"], params["spec"])
        return read_content(data, params["specName"], params["spec"], params.get("filePassword"))

    def body(ctx: JobContext) -> None:
        try:
            _parsed(runtime)[ctx.job_id] = parse(ctx)
        except ImportRefused as err:
            _refuse(ctx, err)

    def succeeded(ctx: JobContext) -> None:
        params = ctx.input
        try:
            content = _parsed(runtime).pop(ctx.job_id, None) or parse(ctx)
            resource_id, name = apply_import(ctx.db, ctx.scope, params["specName"], params["spec"], content,
                                             params["mergeStrategy"])
        except ImportRefused as err:
            _refuse(ctx, err)
        imports.set_status(ctx.db, ctx.scope, params["importId"], "Completed", importedResourceId=resource_id,
                           importedResourceName=name, failureReasons=[])

    def failed(ctx: JobContext) -> None:
        _parsed(runtime).pop(ctx.job_id, None)
        reasons = ctx.job.details.get("failureReasons") or [ctx.job.status_reason or "The import failed."]
        imports.set_status(ctx.db, ctx.scope, ctx.input["importId"], "Failed", failureReasons=list(reasons))

    return JobKind(service=SERVICE, name=KIND, body=body, initial_status="InProgress", phases=("Completed",),
                   failed_status="Failed", recovery="retry", min_phase_seconds={"InProgress": 5.0},
                   on_succeeded=succeeded, on_failed=failed)


def start(runtime: Any, scope: Any, params: dict[str, Any], spec_name: str) -> None:
    """Start the import job of a StartImport (inside the handler's transaction)."""
    spec = params["resourceSpecification"][spec_name]
    job_input = {"importId": params["importId"], "specName": spec_name, "spec": spec,
                 "mergeStrategy": params["mergeStrategy"], "filePassword": params.get("filePassword")}
    jobs = runtime.jobs
    jobs.start(jobs.kind(SERVICE, KIND), scope=scope, input=job_input, parent_id=params["importId"],
               job_id=params["importId"])
