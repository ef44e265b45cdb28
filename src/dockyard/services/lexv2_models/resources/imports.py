"""Import documents: the upload reservation CreateUploadUrl makes and the import StartImport starts.

Storage (``Database`` kind, id)::

    import-upload   IMPORTID   {importId, creationDateTime}          (CreateUploadUrl)
    import          IMPORTID   what the import is: importId, resourceSpecification, mergeStrategy,
                               importedResourceType, creationDateTime; and, written in the same
                               transaction as the import's effects, importedResourceId/Name

The import's state (``importStatus``, ``failureReasons``, ``lastUpdatedDateTime``) is its job's
record (job id = import id, ``task_state``) and nothing else: no hook copies it into the document.
Forgetting an import (DeleteImport, the 7-day retention) removes the document, the upload and the
job. ``filePassword`` is never stored in the document (it rides in the job's input).
"""

from __future__ import annotations

import time
from typing import Any

from dockyard.service_kit import UPPER_ALNUM, Database, Scope, ServiceDeps, random_id
from dockyard.services.lexv2_models.errors import conflict, not_found, precondition
from dockyard.services.lexv2_models.resources import import_history, task_state, upload_store

Doc = dict[str, Any]
UPLOAD = "import-upload"
IMPORT = "import"



RESULT_MEMBERS = ("importedResourceId", "importedResourceName")


def view(deps: ServiceDeps, scope: Scope, doc: Doc) -> Doc:
    """The import as the API answers it: the document, with its state read from the job (the
    serializer keeps the members of each operation's output). The imported resource is named
    once the import is Completed."""
    state = task_state.read(deps, scope, doc["importId"], "importStatus", "The import")
    out = {k: v for k, v in doc.items() if v is not None}
    if state["importStatus"] != "Completed":
        for member in RESULT_MEMBERS:
            out.pop(member, None)
    return {**out, **state}


def new_upload(db: Database, scope: Scope, now: float | None = None) -> str:
    """Reserve an import id for an upload."""
    import_id = random_id(10, UPPER_ALNUM)
    db.put(scope, UPLOAD, import_id, {"importId": import_id, "creationDateTime": time.time() if now is None else now})
    return import_id


def forget(deps: ServiceDeps, scope: Scope, import_id: str) -> None:
    """Drop an import, its upload reservation, the uploaded file and its (finished) job."""
    with deps.db.transaction():
        deps.db.delete(scope, IMPORT, import_id)
        deps.db.delete(scope, UPLOAD, import_id)
    upload_store.remove(deps, upload_store.upload_location(scope, import_id))
    task_state.forget(deps, scope, import_id)


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
    """The import document for StartImport; the upload must have been reserved. The caller starts
    the job (the import's state) in the same transaction."""
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
        "creationDateTime": now,
    }
    db.put(scope, IMPORT, import_id, doc)
    return doc


def committed(db: Database, scope: Scope, import_id: str) -> bool:
    """Whether the import's effects are in (``record_applied`` is written in their transaction)."""
    doc = db.get(scope, IMPORT, import_id)
    return doc is not None and doc.get("importedResourceId") is not None


def record_applied(db: Database, scope: Scope, import_id: str, resource_id: str, name: str) -> None:
    """Name the imported resource; call inside the transaction that applies the import."""
    with db.transaction():
        doc = db.get(scope, IMPORT, import_id)
        if doc is not None:
            db.put(scope, IMPORT, import_id, {**doc, "importedResourceId": resource_id, "importedResourceName": name})


def delete_import(deps: ServiceDeps, scope: Scope, import_id: str) -> Doc:
    """DeleteImport: refused while the import runs; otherwise forgotten at once (answers Deleting)."""
    load(deps, scope, import_id)
    if task_state.running(deps, scope, import_id):
        raise precondition(f"The import {import_id} is in progress; wait until it is Completed or Failed "
                           "before deleting it.")
    forget(deps, scope, import_id)
    return {"importId": import_id, "importStatus": "Deleting"}
