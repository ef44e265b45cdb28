"""Export operations: CreateExport, DescribeExport, ListExports, UpdateExport, DeleteExport."""

from __future__ import annotations

import io
from typing import Any

import pyzipper

from dockyard.service_kit import RequestContext
from dockyard.services.lexv2_models import operation
from dockyard.services.lexv2_models.errors import validation
from dockyard.services.lexv2_models.jobs import exports as export_job
from dockyard.services.lexv2_models.resources import (
    custom_vocabulary,
    exports,
    import_history,
    locale_state,
    test_sets,
    upload_store,
    versions,
)
from dockyard.services.lexv2_models.resources.keys import LocaleKey

Params = dict[str, Any]


def _check_resource(ctx: RequestContext, spec_name: str, spec: Params) -> None:
    """The resource to export must exist now (ResourceNotFoundException otherwise)."""
    db = ctx.deps.db
    if spec_name == "testSetExportSpecification":
        test_sets.load(db, ctx.scope, spec["testSetId"])
        return
    versions.load_version(db, ctx.scope, spec["botId"], spec["botVersion"])
    if spec_name == "botExportSpecification":
        return
    lk = LocaleKey(ctx.scope, spec["botId"], spec["botVersion"], spec["localeId"])
    locale_state.load_locale(db, lk)
    if spec_name == "customVocabularyExportSpecification":
        custom_vocabulary.load_metadata(db, lk)


@operation("CreateExport")
def create_export(ctx: RequestContext, params: Params) -> dict[str, Any]:
    spec_name = import_history.only_spec_member(params["resourceSpecification"], (
        "botExportSpecification", "botLocaleExportSpecification", "customVocabularyExportSpecification",
        "testSetExportSpecification"))
    wanted = exports.FORMATS[spec_name]
    if params["fileFormat"] != wanted:
        kind = import_history.RESOURCE_TYPES[spec_name]
        raise validation(f"The file format {params['fileFormat']} is not supported for a {kind} export; "
                         f"use {wanted}.")
    _check_resource(ctx, spec_name, params["resourceSpecification"][spec_name])
    upload_store.ensure_bucket(ctx.deps, ctx.scope)
    db = ctx.deps.db
    with db.transaction():
        doc = exports.create_export(db, ctx.scope, params)
        export_job.start(ctx.deps, ctx.scope, doc, spec_name, params.get("filePassword"))
    return exports.view(ctx.deps, ctx.scope, doc)


@operation("DescribeExport")
def describe_export(ctx: RequestContext, params: Params) -> dict[str, Any]:
    out = exports.view(ctx.deps, ctx.scope, exports.load(ctx.deps, ctx.scope, params["exportId"]))
    name = exports.file_name(ctx.deps, ctx.scope, out["exportId"])
    if out["exportStatus"] == "Completed" and name:
        location = upload_store.export_location(ctx.scope, out["exportId"], name)
        out["downloadUrl"] = upload_store.presign_download(ctx.deps, location)
    return out


@operation("ListExports")
def list_exports(ctx: RequestContext, params: Params) -> dict[str, Any]:
    docs = [exports.view(ctx.deps, ctx.scope, d) for d in exports.list_exports(ctx.deps, ctx.scope)]
    page, token = import_history.query(docs, params, "exportedResourceType")
    return {"botId": params.get("botId"), "botVersion": params.get("botVersion"), "localeId": params.get("localeId"),
            "exportSummaries": page, "nextToken": token}


def _entries(zip_bytes: bytes) -> dict[str, bytes]:
    with pyzipper.AESZipFile(io.BytesIO(zip_bytes)) as archive:
        return {info.filename: archive.read(info) for info in archive.infolist()}


@operation("UpdateExport")
def update_export(ctx: RequestContext, params: Params) -> dict[str, Any]:
    """Set (or, without filePassword, remove) the password of a completed export's archive."""
    deps = ctx.deps
    doc = exports.load(deps, ctx.scope, params["exportId"])
    name = exports.require_completed(deps, ctx.scope, doc["exportId"], "updated")
    plain = upload_store.read(deps, upload_store.plain_export_location(ctx.scope, doc["exportId"]))
    if plain is None:
        raise validation(f"The archive of export {doc['exportId']} is no longer available.")
    export_job.store_archive(deps, ctx.scope, doc["exportId"], name, _entries(plain), params.get("filePassword"))
    exports.touch(deps, ctx.scope, doc["exportId"], bool(params.get("filePassword")))
    return exports.view(deps, ctx.scope, doc)


@operation("DeleteExport")
def delete_export(ctx: RequestContext, params: Params) -> dict[str, Any]:
    return exports.delete_export(ctx.deps, ctx.scope, params["exportId"])
