"""The ``import`` job kind: InProgress -> Completed / Failed (not cancellable), one per StartImport.

The job record IS the import's state (DescribeImport reads its status, failure reasons and last
update from it, ``resources/task_state``); the import document only says what was asked.

* body: fetch the uploaded file and parse it (``formats``); a bad file fails the job with the
  reasons found (``details.failureReasons``). Nothing is written yet.
* on_succeeded (after the clock lets the job leave InProgress): in ONE transaction, apply the parsed
  content to the resources (``import_apply``) and name the imported resource in the import
  document (``imports.record_applied``). A refusal there fails the job; the rollback leaves every
  resource as it was. The job enters Completed right after.

Recovery is ``retry``. The import's effects and the imported resource's name are committed
together, so a retry after a restart that finds the resource named knows the effects are in and
only completes the job (it does not apply the file a second time). Job id = parent id = import id.
"""

from __future__ import annotations

from typing import Any

from dockyard.service_kit import JobContext, JobKind, Scope, ServiceDeps
from dockyard.services.lexv2_models import SPEC
from dockyard.services.lexv2_models.errors import ImportRefused
from dockyard.services.lexv2_models.jobs.common import SERVICE
from dockyard.services.lexv2_models.resources import imports
from dockyard.services.lexv2_models.resources.import_apply import apply_import
from dockyard.services.lexv2_models.resources.import_source import ImportContent, fetch, read_content

_PARSED = "lexv2-import-parsed"


class _Parsed(dict[str, ImportContent]):
    """Parsed files waiting for their job to be allowed to complete, by job id."""

    def reset(self) -> None:
        self.clear()


def _parsed(deps: ServiceDeps) -> _Parsed:
    return deps.extension(_PARSED, lambda _deps: _Parsed())


def _refuse(ctx: JobContext, err: ImportRefused) -> None:
    ctx.details(failureReasons=err.reasons)
    ctx.fail(str(err))


def _parse(ctx: JobContext) -> ImportContent:
    params = ctx.input
    data = fetch(ctx.deps, ctx.scope, params["importId"], params["specName"], params["spec"])
    return read_content(data, params["specName"], params["spec"], params.get("filePassword"))


def _body(ctx: JobContext) -> None:
    try:
        _parsed(ctx.deps)[ctx.job_id] = _parse(ctx)
    except ImportRefused as err:
        _refuse(ctx, err)


def _succeeded(ctx: JobContext) -> None:
    params = ctx.input
    db = ctx.db
    content = _parsed(ctx.deps).pop(ctx.job_id, None)
    try:
        with db.transaction():
            if imports.committed(db, ctx.scope, params["importId"]):
                return  # a retry after a restart: the effects were committed with the Completed mark
            content = content or _parse(ctx)
            resource_id, name = apply_import(db, ctx.scope, params["specName"], params["spec"], content,
                                             params["mergeStrategy"])
            imports.record_applied(db, ctx.scope, params["importId"], resource_id, name)
    except ImportRefused as err:
        _refuse(ctx, err)


def _failed(ctx: JobContext) -> None:
    """Drop the parsed file kept for the commit (the job's record says Failed and why)."""
    _parsed(ctx.deps).pop(ctx.job_id, None)


KIND = SPEC.job_kind(JobKind(service=SERVICE, name="import", body=_body, initial_status="InProgress",
                             phases=("Completed",), failed_status="Failed", recovery="retry",
                             min_phase_seconds={"InProgress": 5.0}, on_succeeded=_succeeded, on_failed=_failed))


def start(deps: ServiceDeps, scope: Scope, params: dict[str, Any], spec_name: str) -> None:
    """Start the import job of a StartImport (inside the handler's transaction)."""
    spec = params["resourceSpecification"][spec_name]
    job_input = {"importId": params["importId"], "specName": spec_name, "spec": spec,
                 "mergeStrategy": params["mergeStrategy"], "filePassword": params.get("filePassword")}
    deps.jobs.start(deps.jobs.kind(SERVICE, KIND.name), scope=scope, input=job_input, parent_id=params["importId"],
                    job_id=params["importId"])
