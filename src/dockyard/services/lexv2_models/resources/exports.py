"""Export documents (CreateExport .. DeleteExport) and the file each export produces.

Storage: kind ``export``, id ``EXPORTID``: the DescribeExport members plus ``exportedResourceType``
and ``fileName`` (the archive's name in the internal bucket, see ``upload_store``).
``filePassword`` is never stored in the document.
"""

from __future__ import annotations

import time
from typing import Any

from dockyard.service_kit import UPPER_ALNUM, Database, Scope, ServiceDeps, random_id
from dockyard.services.lexv2_models.errors import conflict, not_found, precondition
from dockyard.services.lexv2_models.resources import import_history, upload_store

Doc = dict[str, Any]
EXPORT = "export"


FORMATS = {
    "botExportSpecification": "LexJson",
    "botLocaleExportSpecification": "LexJson",
    "customVocabularyExportSpecification": "TSV",
    "testSetExportSpecification": "CSV",
}


def view(doc: Doc) -> Doc:
    """The document as the API answers it: the serializer keeps the members of each operation's output."""
    return {**{k: v for k, v in doc.items() if v is not None}, "failureReasons": list(doc.get("failureReasons") or [])}


def forget(deps: ServiceDeps, scope: Scope, doc: Doc) -> None:
    """Drop an export document and its files."""
    deps.db.delete(scope, EXPORT, doc["exportId"])
    if doc.get("fileName"):
        upload_store.remove(deps, upload_store.export_location(scope, doc["exportId"], doc["fileName"]))
        upload_store.remove(deps, upload_store.plain_export_location(scope, doc["exportId"]))


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
        "exportStatus": "InProgress",
        "failureReasons": [],
        "creationDateTime": now,
        "lastUpdatedDateTime": now,
    }
    db.put(scope, EXPORT, export_id, doc)
    return doc


def set_status(db: Database, scope: Scope, export_id: str, status: str, **changes: Any) -> Doc | None:
    return import_history.set_status(db, scope, EXPORT, export_id, "exportStatus", status, **changes)


def require_completed(doc: Doc, action: str) -> None:
    if doc["exportStatus"] != "Completed":
        raise conflict(f"The export {doc['exportId']} is {doc['exportStatus']}; only a Completed export can be "
                       f"{action}.")


def delete_export(deps: ServiceDeps, scope: Scope, export_id: str) -> Doc:
    doc = load(deps, scope, export_id)
    if doc["exportStatus"] == "InProgress":
        raise precondition(f"The export {export_id} is in progress; wait until it is Completed or Failed before "
                           "deleting it.")
    forget(deps, scope, doc)
    if deps.jobs.find(export_id, scope=scope) is not None:
        deps.jobs.delete(export_id)
    return {"exportId": export_id, "exportStatus": "Deleting"}
