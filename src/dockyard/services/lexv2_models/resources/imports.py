"""Import documents: the upload reservation CreateUploadUrl makes and the import StartImport starts.

Storage (``Database`` kind, id)::

    import-upload   IMPORTID   {importId, creationDateTime}          (CreateUploadUrl)
    import          IMPORTID   the DescribeImport members + importedResourceType

``filePassword`` is never stored in the document (it rides in the job's input).
"""

from __future__ import annotations

import time
from typing import Any

from dockyard.service_kit import UPPER_ALNUM, Database, Scope, ServiceDeps, random_id
from dockyard.services.lexv2_models.errors import conflict, not_found, precondition
from dockyard.services.lexv2_models.resources import import_history, upload_store

Doc = dict[str, Any]
UPLOAD = "import-upload"
IMPORT = "import"



def view(doc: Doc) -> Doc:
    """The document as the API answers it: the serializer keeps the members of each operation's output."""
    return {**{k: v for k, v in doc.items() if v is not None}, "failureReasons": list(doc.get("failureReasons") or [])}


def new_upload(db: Database, scope: Scope, now: float | None = None) -> str:
    """Reserve an import id for an upload."""
    import_id = random_id(10, UPPER_ALNUM)
    db.put(scope, UPLOAD, import_id, {"importId": import_id, "creationDateTime": time.time() if now is None else now})
    return import_id


def forget(deps: ServiceDeps, scope: Scope, import_id: str) -> None:
    """Drop an import, its upload reservation and the uploaded file."""
    with deps.db.transaction():
        deps.db.delete(scope, IMPORT, import_id)
        deps.db.delete(scope, UPLOAD, import_id)
    upload_store.remove(deps, upload_store.upload_location(scope, import_id))


def _forgetter(deps: ServiceDeps, scope: Scope) -> Any:
    return lambda doc: forget(deps, scope, doc["importId"])


def find(deps: ServiceDeps, scope: Scope, import_id: str) -> Doc | None:
    return import_history.live(deps.db, scope, IMPORT, import_id, _forgetter(deps, scope))


def load(deps: ServiceDeps, scope: Scope, import_id: str) -> Doc:
    doc = find(deps, scope, import_id)
    if doc is None:
        raise not_found(f"Could not find the import with ID {import_id}.")
    return doc


def list_imports(deps: ServiceDeps, scope: Scope) -> list[Doc]:
    return import_history.live_docs(deps.db, scope, IMPORT, _forgetter(deps, scope))


def create_import(deps: ServiceDeps, scope: Scope, params: Doc, now: float | None = None) -> Doc:
    """The import document for StartImport (status InProgress); the upload must have been reserved."""
    db = deps.db
    import_id = params["importId"]
    now = time.time() if now is None else now
    upload = import_history.live(db, scope, UPLOAD, import_id, _forgetter(deps, scope))
    if upload is None:
        raise not_found(f"Could not find an upload with the import ID {import_id}. "
                        "Call CreateUploadUrl to get an import ID and an upload URL.")
    if db.get(scope, IMPORT, import_id) is not None:
        raise conflict(f"The import {import_id} was already started. Call CreateUploadUrl for a new import.")
    doc: Doc = {
        "importId": import_id,
        "resourceSpecification": params["resourceSpecification"],
        "importedResourceType": import_history.resource_type(params["resourceSpecification"]),
        "mergeStrategy": params["mergeStrategy"],
        "importStatus": "InProgress",
        "failureReasons": [],
        "creationDateTime": now,
        "lastUpdatedDateTime": now,
    }
    db.put(scope, IMPORT, import_id, doc)
    return doc


def committed(db: Database, scope: Scope, import_id: str) -> bool:
    """Whether the import's effects are in (they are committed together with its Completed status)."""
    doc = db.get(scope, IMPORT, import_id)
    return doc is not None and doc["importStatus"] == "Completed"


def set_status(db: Database, scope: Scope, import_id: str, status: str, **changes: Any) -> Doc | None:
    return import_history.set_status(db, scope, IMPORT, import_id, "importStatus", status, **changes)


def delete_import(deps: ServiceDeps, scope: Scope, import_id: str) -> Doc:
    """DeleteImport: refused while the import runs; otherwise forgotten at once (answers Deleting)."""
    doc = load(deps, scope, import_id)
    if doc["importStatus"] == "InProgress":
        raise precondition(f"The import {import_id} is in progress; wait until it is Completed or Failed "
                           "before deleting it.")
    forget(deps, scope, import_id)
    if deps.jobs.find(import_id, scope=scope) is not None:
        deps.jobs.delete(import_id)
    return {"importId": import_id, "importStatus": "Deleting"}
