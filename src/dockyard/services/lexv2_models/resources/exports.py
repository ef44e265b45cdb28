"""Export documents (CreateExport .. DeleteExport) and the file each export produces.

Storage: kind ``export``, id ``EXPORTID``: what the export is (exportId, resourceSpecification,
fileFormat, exportedResourceType, creationDateTime). Its state (``exportStatus``,
``failureReasons``, ``lastUpdatedDateTime``) and the archive's name in the internal bucket
(``fileName``, see ``upload_store``) are its job's record (job id = export id, ``task_state``).
Forgetting an export (DeleteExport, the 7-day retention) removes the document, the files and the
job. ``filePassword`` is never stored.
"""

from __future__ import annotations

import time
from typing import Any

from dockyard.service_kit import UPPER_ALNUM, Database, Scope, ServiceDeps, random_id
from dockyard.services.lexv2_models.errors import conflict, not_found, precondition
from dockyard.services.lexv2_models.resources import import_history, task_state, upload_store

Doc = dict[str, Any]
EXPORT = "export"


FORMATS = {
    "botExportSpecification": "LexJson",
    "botLocaleExportSpecification": "LexJson",
    "customVocabularyExportSpecification": "TSV",
    "testSetExportSpecification": "CSV",
}


def view(deps: ServiceDeps, scope: Scope, doc: Doc) -> Doc:
    """The export as the API answers it: the document, with its state read from the job (the
    serializer keeps the members of each operation's output)."""
    state = task_state.read(deps, scope, doc["exportId"], "exportStatus", "The export")
    return {**{k: v for k, v in doc.items() if v is not None}, **state}


def file_name(deps: ServiceDeps, scope: Scope, export_id: str) -> str | None:
    """The archive's name, once the export's job wrote it."""
    record = task_state.job(deps, scope, export_id)
    return None if record is None else record.details.get("fileName")


def forget(deps: ServiceDeps, scope: Scope, doc: Doc) -> None:
    """Drop an export document, its files and its (finished) job."""
    export_id = doc["exportId"]
    name = file_name(deps, scope, export_id)
    deps.db.delete(scope, EXPORT, export_id)
    if name:
        upload_store.remove(deps, upload_store.export_location(scope, export_id, name))
        upload_store.remove(deps, upload_store.plain_export_location(scope, export_id))
    task_state.forget(deps, scope, export_id)


def _forgetter(deps: ServiceDeps, scope: Scope) -> Any:
    return lambda doc: forget(deps, scope, doc)


def load(deps: ServiceDeps, scope: Scope, export_id: str) -> Doc:
    doc = import_history.live(deps.db, scope, EXPORT, export_id, _forgetter(deps, scope))
    if doc is None:
        raise not_found(f"Could not find the export with ID {export_id}.")
    return doc


def list_exports(deps: ServiceDeps, scope: Scope) -> list[Doc]:
    return import_history.live_docs(deps.db, scope, EXPORT, _forgetter(deps, scope))


def create_export(db: Database, scope: Scope, params: Doc, now: float | None = None) -> Doc:
    now = time.time() if now is None else now
    export_id = random_id(10, UPPER_ALNUM)
    doc: Doc = {
        "exportId": export_id,
        "resourceSpecification": params["resourceSpecification"],
        "exportedResourceType": import_history.resource_type(params["resourceSpecification"]),
        "fileFormat": params["fileFormat"],
        "creationDateTime": now,
    }
    db.put(scope, EXPORT, export_id, doc)
    return doc


def require_completed(deps: ServiceDeps, scope: Scope, export_id: str, action: str) -> str:
    """The file name of a Completed export; ConflictException for an export in any other status."""
    status = task_state.read(deps, scope, export_id, "exportStatus", "The export")["exportStatus"]
    name = file_name(deps, scope, export_id)
    if status != "Completed" or not name:
        raise conflict(f"The export {export_id} is {status}; only a Completed export can be {action}.")
    return name


def touch(deps: ServiceDeps, scope: Scope, export_id: str, password_protected: bool) -> None:
    """Record an UpdateExport on the export's (finished) job: its lastUpdatedDateTime moves."""
    if task_state.job(deps, scope, export_id) is not None:
        deps.jobs.update(export_id, details={"passwordProtected": password_protected})


def delete_export(deps: ServiceDeps, scope: Scope, export_id: str) -> Doc:
    doc = load(deps, scope, export_id)
    if task_state.running(deps, scope, export_id):
        raise precondition(f"The export {export_id} is in progress; wait until it is Completed or Failed before "
                           "deleting it.")
    forget(deps, scope, doc)
    return {"exportId": export_id, "exportStatus": "Deleting"}
