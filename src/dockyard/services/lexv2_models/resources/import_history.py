"""The import and export history both share: 7-day retention and ListImports/ListExports queries.

AWS keeps imports and exports listed for 7 days; Dockyard forgets a document (and its blobs) the
first time it is read or listed after that. Lists filter on the resource type (``EQ``/``CO``),
optionally on ``botId``/``botVersion``/``localeId``, sort by ``lastUpdatedDateTime`` (default
descending: newest first) and page with ``maxResults``/``nextToken``.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from dockyard.service_kit import Database, Scope
from dockyard.services.lexv2_models.errors import validation
from dockyard.services.lexv2_models.resources import list_query

Doc = dict[str, Any]
RETENTION_SECONDS = 7 * 24 * 3600

RESOURCE_TYPES = {
    "botImportSpecification": "Bot",
    "botLocaleImportSpecification": "BotLocale",
    "customVocabularyImportSpecification": "CustomVocabulary",
    "testSetImportResourceSpecification": "TestSet",
    "botExportSpecification": "Bot",
    "botLocaleExportSpecification": "BotLocale",
    "customVocabularyExportSpecification": "CustomVocabulary",
    "testSetExportSpecification": "TestSet",
}


def spec_member(resource_specification: Doc) -> tuple[str, Doc]:
    """The one member set in a ``resourceSpecification`` union and its value."""
    for name, value in resource_specification.items():
        if value is not None:
            return name, value
    raise KeyError("empty resourceSpecification")


def only_spec_member(resource_specification: Doc, names: tuple[str, ...]) -> str:
    """The name of the one member set in a StartImport / CreateExport ``resourceSpecification``;
    ValidationException unless exactly one is (the model does not make it a union)."""
    members = [k for k, v in resource_specification.items() if v is not None]
    if len(members) != 1:
        raise validation(f"resourceSpecification must have exactly one member: {', '.join(names[:-1])} "
                         f"or {names[-1]}.")
    return members[0]


def resource_type(resource_specification: Doc) -> str:
    return RESOURCE_TYPES[spec_member(resource_specification)[0]]


def expired(doc: Doc, now: float | None = None) -> bool:
    now = time.time() if now is None else now
    return doc["creationDateTime"] < now - RETENTION_SECONDS


def live(db: Database, scope: Scope, kind: str, doc_id: str, forget: Callable[[Doc], None]) -> Doc | None:
    """The document, or None when absent or past retention (then ``forget`` cleans it up)."""
    doc = db.get(scope, kind, doc_id)
    if doc is not None and expired(doc):
        forget(doc)
        return None
    return doc


def live_docs(db: Database, scope: Scope, kind: str, forget: Callable[[Doc], None]) -> list[Doc]:
    docs = []
    for doc in db.list(scope, kind):
        if expired(doc):
            forget(doc)
        else:
            docs.append(doc)
    return docs


def _bot_fields(doc: Doc) -> tuple[str | None, str | None, str | None]:
    """(botId, botVersion, localeId) of the bot resource an import or export is about."""
    name, spec = spec_member(doc["resourceSpecification"])
    if name == "botImportSpecification":
        return doc.get("importedResourceId"), "DRAFT", None
    return spec.get("botId"), spec.get("botVersion"), spec.get("localeId")


def query(docs: list[Doc], params: Doc, type_member: str) -> tuple[list[Doc], str | None]:
    """Filter (bot ids, ``filters``), sort and page ``docs`` for a List* call."""
    wanted = (params.get("botId"), params.get("botVersion"), params.get("localeId"))
    if any(w is not None for w in wanted):
        docs = [d for d in docs
                if all(w is None or w == got for w, got in zip(wanted, _bot_fields(d), strict=True))]
    filter_field = "ImportResourceType" if type_member == "importedResourceType" else "ExportResourceType"
    docs = list_query.apply_filters(docs, params.get("filters"), {filter_field: type_member})
    sort_by = params.get("sortBy") or {"attribute": "LastUpdatedDateTime", "order": "Descending"}
    docs = list_query.apply_sort(docs, sort_by, {"LastUpdatedDateTime": "lastUpdatedDateTime"},
                                 "lastUpdatedDateTime")
    return list_query.page(docs, params)
