"""Import operations: CreateUploadUrl, StartImport, DescribeImport, ListImports, DeleteImport."""

from __future__ import annotations

from typing import Any

from dockyard.service_kit import RequestContext
from dockyard.services.lexv2_models import operation
from dockyard.services.lexv2_models.errors import validation
from dockyard.services.lexv2_models.jobs import imports as import_job
from dockyard.services.lexv2_models.resources import bots, import_history, imports, locale_state, upload_store
from dockyard.services.lexv2_models.resources.keys import DRAFT, LocaleKey

Params = dict[str, Any]
APPEND_TYPES = ("customVocabularyImportSpecification", "testSetImportResourceSpecification")


@operation("CreateUploadUrl")
def create_upload_url(ctx: RequestContext, params: Params) -> dict[str, Any]:
    deps = ctx.deps
    upload_store.ensure_bucket(deps, ctx.scope)
    import_id = imports.new_upload(deps.db, ctx.scope)
    url = upload_store.presign_upload(deps, upload_store.upload_location(ctx.scope, import_id))
    return {"importId": import_id, "uploadUrl": url}


def _check_target(ctx: RequestContext, spec_name: str, spec: Params, merge: str) -> None:
    """What StartImport refuses at once (the rest fails the import)."""
    if merge == "Append" and spec_name not in APPEND_TYPES:
        raise validation("The merge strategy Append is only supported when importing a custom vocabulary or a "
                         "test set. Use Overwrite or FailOnConflict.")
    if spec_name in ("botLocaleImportSpecification", "customVocabularyImportSpecification"):
        bots.load_bot(ctx.deps.db, ctx.scope, spec["botId"])
    if spec_name == "customVocabularyImportSpecification":
        locale_state.load_locale(ctx.deps.db, LocaleKey(ctx.scope, spec["botId"], DRAFT, spec["localeId"]))


@operation("StartImport")
def start_import(ctx: RequestContext, params: Params) -> dict[str, Any]:
    spec_name = import_history.only_spec_member(params["resourceSpecification"], (
        "botImportSpecification", "botLocaleImportSpecification", "customVocabularyImportSpecification",
        "testSetImportResourceSpecification"))
    _check_target(ctx, spec_name, params["resourceSpecification"][spec_name], params["mergeStrategy"])
    db = ctx.deps.db
    with db.transaction():
        doc = imports.create_import(ctx.deps, ctx.scope, params)
        import_job.start(ctx.deps, ctx.scope, params, spec_name)
    return imports.view(ctx.deps, ctx.scope, doc)


@operation("DescribeImport")
def describe_import(ctx: RequestContext, params: Params) -> dict[str, Any]:
    return imports.view(ctx.deps, ctx.scope, imports.load(ctx.deps, ctx.scope, params["importId"]))


@operation("ListImports")
def list_imports(ctx: RequestContext, params: Params) -> dict[str, Any]:
    docs = [imports.view(ctx.deps, ctx.scope, d) for d in imports.list_imports(ctx.deps, ctx.scope)]
    page, token = import_history.query(docs, params, "importedResourceType")
    return {"botId": params.get("botId"), "botVersion": params.get("botVersion"), "localeId": params.get("localeId"),
            "importSummaries": page, "nextToken": token}


@operation("DeleteImport")
def delete_import(ctx: RequestContext, params: Params) -> dict[str, Any]:
    return imports.delete_import(ctx.deps, ctx.scope, params["importId"])
