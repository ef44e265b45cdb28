"""QueryAssistant and Retrieve: a full-text search of the contents of an assistant's knowledge bases.

* QueryAssistant answers one ResultData per matching content (its best passage gives the excerpt),
  of type KNOWLEDGE_CONTENT, best first, with title/excerpt highlights, ``relevanceScore`` (BM25,
  higher is better) and ``relevanceLevel`` (HIGH at two thirds of the best score or more, MEDIUM at a
  third or more, else LOW).
* Retrieve answers the best passages (``numberOfResults``, default 5) of the knowledge bases of the
  assistant associations named in ``knowledgeSource``, after ``filter`` (``retrieval_filters``);
  an association that cannot be searched is reported in ``errors``, the others still answer.

Only content (CUSTOM knowledge bases) is searched; quick responses have SearchQuickResponses.
"""

from __future__ import annotations

import uuid
from typing import Any

from dockyard.service_kit import RequestContext, paginate
from dockyard.services.qconnect.errors import invalid
from dockyard.services.qconnect.resources import assistants, content_index, contents, knowledge_bases, retrieval_filters
from dockyard.services.qconnect.resources.arns import id_of
from dockyard.services.qconnect.resources.content_index import Hit

RESULT_TYPE = "KNOWLEDGE_CONTENT"
REFERENCE_TYPE = "KNOWLEDGE_BASE"
DEFAULT_RETRIEVE_RESULTS = 5
MAX_RETRIEVE_RESULTS = 100
SEARCH_LIMIT = 10_000  # passages read from one knowledge base's index per query
NOT_SEARCHABLE = ("QUICK_RESPONSES", "MESSAGE_TEMPLATES")


def _knowledge_bases(ctx: RequestContext, assistant: dict[str, Any]) -> list[dict[str, Any]]:
    found = []
    for assoc in ctx.deps.db.list(ctx.scope, assistants.ASSOCIATION, parent=assistant["assistantId"]):
        kb_id = assoc["associationData"]["knowledgeBaseAssociation"]["knowledgeBaseId"]
        kb = ctx.deps.db.get(ctx.scope, knowledge_bases.KIND, kb_id)
        if kb is not None and kb not in found:
            found.append(kb)
    return found


def _query_text(params: dict[str, Any]) -> str:
    data = params.get("queryInputData") or {}
    if data.get("intentInputData") or data.get("caseSummarizationInputData"):
        raise invalid("Intent and case-summarization queries need a generative model, which Dockyard does not "
                      "emulate: query with queryText or queryInputData.queryTextInputData.")
    text = (data.get("queryTextInputData") or {}).get("text")
    if text is None:
        text = params.get("queryText")
    if text is None:
        raise invalid("Either queryText or queryInputData.queryTextInputData must be given.")
    return str(text)


def _wants_content(conditions: list[dict[str, Any]] | None) -> bool:
    for condition in conditions or []:
        single = condition.get("single") or {}
        if single.get("field") == "RESULT_TYPE" and single.get("value") != RESULT_TYPE:
            return False
    return True


def _level(score: float, best: float) -> str:
    if best <= 0 or score >= best * 2 / 3:
        return "HIGH"
    return "MEDIUM" if score >= best / 3 else "LOW"


def _reference(doc: dict[str, Any]) -> dict[str, Any]:
    ref = {k: doc[k] for k in ("knowledgeBaseArn", "knowledgeBaseId", "contentArn", "contentId")}
    ref["referenceType"] = REFERENCE_TYPE
    if doc.get("linkOutUri"):
        ref["sourceURL"] = doc["linkOutUri"]
    return ref


def _result(hit: Hit, doc: dict[str, Any], best: float) -> dict[str, Any]:
    title = {"text": hit.title[0], "highlights": hit.title[1]}
    excerpt = {"text": hit.excerpt[0], "highlights": hit.excerpt[1]}
    ref = _reference(doc)
    ranking = {"relevanceScore": hit.score, "relevanceLevel": _level(hit.score, best)}
    return {"resultId": str(uuid.uuid4()), "type": RESULT_TYPE, "relevanceScore": hit.score,
            "document": {"contentReference": ref, "title": title, "excerpt": excerpt},
            "data": {"reference": {"contentReference": ref},
                     "details": {"contentData": {"textData": {"title": title, "excerpt": excerpt},
                                                 "rankingData": ranking}}}}


def _ordered(hits: list[tuple[Hit, dict[str, Any]]]) -> list[tuple[Hit, dict[str, Any]]]:
    return sorted(hits, key=lambda h: (-h[0].score, h[1]["title"].lower(), h[1]["name"], h[0].passage))


def _hits(ctx: RequestContext, kb_id: str, text: str) -> list[tuple[Hit, dict[str, Any]]]:
    """The index's passages matching ``text`` with their content documents (contents deleted since
    the index was read are left out)."""
    found = []
    docs: dict[str, dict[str, Any] | None] = {}
    for hit in content_index.search(ctx.deps.db, kb_id, text, SEARCH_LIMIT):
        if hit.content_id not in docs:
            docs[hit.content_id] = ctx.deps.db.get(ctx.scope, contents.KIND, hit.content_id)
        doc = docs[hit.content_id]
        if doc is not None:
            found.append((hit, doc))
    return found


def query(ctx: RequestContext, params: dict[str, Any]) -> tuple[list[dict[str, Any]], str | None]:
    """QueryAssistant: one result per matching content, best first, one page."""
    assistant = assistants.get(ctx, params["assistantId"])
    text = _query_text(params)
    best_per_content: dict[str, tuple[Hit, dict[str, Any]]] = {}
    if _wants_content(params.get("queryCondition")):
        for kb in _knowledge_bases(ctx, assistant):
            for hit, doc in _ordered(_hits(ctx, kb["knowledgeBaseId"], text)):
                best_per_content.setdefault(hit.content_id, (hit, doc))
    ranked = _ordered(list(best_per_content.values()))
    page, token = paginate(ranked, params.get("maxResults"), params.get("nextToken"))
    best = ranked[0][0].score if ranked else 0.0
    return [_result(hit, doc, best) for hit, doc in page], token


def _association_error(assoc_id: str, code: str, message: str) -> dict[str, Any]:
    return {"associationId": id_of(assoc_id), "code": code, "message": message}


def retrieve(ctx: RequestContext, params: dict[str, Any]) -> dict[str, Any]:
    """Retrieve: the best passages of the named associations' knowledge bases, with per-association errors."""
    assistant = assistants.get(ctx, params["assistantId"])
    config = params["retrievalConfiguration"]
    source = config["knowledgeSource"]
    ids = source.get("assistantAssociationIds")
    if not ids:
        raise invalid("retrievalConfiguration.knowledgeSource.assistantAssociationIds must name 1 to 5 "
                      "assistant associations.")
    count = config.get("numberOfResults") or DEFAULT_RETRIEVE_RESULTS
    if not 1 <= count <= MAX_RETRIEVE_RESULTS:
        raise invalid(f"numberOfResults must be between 1 and {MAX_RETRIEVE_RESULTS}; it is {count}.")
    flt = config.get("filter")
    if flt is not None:
        retrieval_filters.check(flt)
    found: list[tuple[Hit, dict[str, Any], str]] = []
    errors = []
    for assoc_id in ids:
        assoc = ctx.deps.db.get(ctx.scope, assistants.ASSOCIATION, id_of(assoc_id))
        if assoc is None or assoc["assistantId"] != assistant["assistantId"]:
            errors.append(_association_error(assoc_id, "RESOURCE_NOT_FOUND",
                                             f"Assistant association {assoc_id} not found for this assistant."))
            continue
        kb_id = assoc["associationData"]["knowledgeBaseAssociation"]["knowledgeBaseId"]
        kb = ctx.deps.db.get(ctx.scope, knowledge_bases.KIND, kb_id)
        if kb is None:
            errors.append(_association_error(assoc_id, "RESOURCE_NOT_FOUND", f"Knowledge base {kb_id} not found."))
            continue
        if kb["knowledgeBaseType"] in NOT_SEARCHABLE:
            errors.append(_association_error(assoc_id, "VALIDATION_ERROR",
                                             f"Knowledge base {kb_id} is of type {kb['knowledgeBaseType']}, "
                                             "which holds no content to retrieve."))
            continue
        for hit, doc in _hits(ctx, kb_id, params["retrievalQuery"]):
            if flt is None or retrieval_filters.passes(doc.get("metadata") or {}, flt):
                found.append((hit, doc, assoc["assistantAssociationId"]))
    found.sort(key=lambda h: (-h[0].score, h[1]["title"].lower(), h[1]["name"], h[0].passage))
    results = [{"associationId": assoc_id, "sourceId": doc.get("linkOutUri") or doc["contentId"],
                "referenceType": REFERENCE_TYPE, "contentText": hit.body} for hit, doc, assoc_id in found[:count]]
    return {"results": results, "errors": errors}
