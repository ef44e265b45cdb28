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

import json
import uuid
from typing import Any

from dockyard.service_kit import RequestContext, paginate
from dockyard.services.qconnect.errors import invalid
from dockyard.services.qconnect.resources import assistants, content_index, contents, knowledge_bases, retrieval_filters
from dockyard.services.qconnect.resources.arns import id_of
from dockyard.services.qconnect.resources.content_index import Ranked, Texts

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


def _result(hit: Ranked, texts: Texts, doc: dict[str, Any], best: float) -> dict[str, Any]:
    title = {"text": texts.title[0], "highlights": texts.title[1]}
    excerpt = {"text": texts.excerpt[0], "highlights": texts.excerpt[1]}
    ref = _reference(doc)
    ranking = {"relevanceScore": hit.score, "relevanceLevel": _level(hit.score, best)}
    return {"resultId": str(uuid.uuid4()), "type": RESULT_TYPE, "relevanceScore": hit.score,
            "document": {"contentReference": ref, "title": title, "excerpt": excerpt},
            "data": {"reference": {"contentReference": ref},
                     "details": {"contentData": {"textData": {"title": title, "excerpt": excerpt},
                                                 "rankingData": ranking}}}}


def _facts(ctx: RequestContext, kb_id: str) -> dict[str, dict[str, Any]]:
    """Name and metadata (JSON text) of every content of a knowledge base, by id (read by SQLite, no
    document decoded whole)."""
    rows = ctx.deps.db.project(ctx.scope, contents.KIND, ["contentId", "name", "metadata"], parent=kb_id)
    return {r["contentId"]: {"name": r["name"], "metadata": r["metadata"]} for r in rows}


def _ranked(ctx: RequestContext, kb_id: str, text: str) -> list[tuple[Ranked, dict[str, Any]]]:
    """The index's passages matching ``text`` with their content's name and metadata, best first (ties:
    title, then name)."""
    facts = _facts(ctx, kb_id)
    found = [(hit, facts[hit.content_id]) for hit in content_index.rank(ctx.deps.db, kb_id, text, SEARCH_LIMIT)
             if hit.content_id in facts]
    return sorted(found, key=_order)


def _order(item: tuple[Ranked, dict[str, Any]]) -> tuple[float, str, str, int]:
    hit, fact = item
    return (-hit.score, hit.title.lower(), fact["name"], hit.passage)


def _shown(ctx: RequestContext, text: str, hits: list[Ranked]) -> list[tuple[Ranked, Texts, dict[str, Any]]]:
    """The texts and documents of the hits a page shows (in their order)."""
    by_kb: dict[str, list[int]] = {}
    for hit in hits:
        by_kb.setdefault(hit.knowledge_base_id, []).append(hit.row)
    texts = {(kb_id, row): t for kb_id, rows in by_kb.items()
             for row, t in content_index.texts(ctx.deps.db, kb_id, text, rows).items()}
    shown = []
    for hit in hits:
        doc = ctx.deps.db.get(ctx.scope, contents.KIND, hit.content_id)
        if doc is not None and (hit.knowledge_base_id, hit.row) in texts:
            shown.append((hit, texts[(hit.knowledge_base_id, hit.row)], doc))
    return shown


def query(ctx: RequestContext, params: dict[str, Any]) -> tuple[list[dict[str, Any]], str | None]:
    """QueryAssistant: one result per matching content, best first, one page."""
    assistant = assistants.get(ctx, params["assistantId"])
    text = _query_text(params)
    best_per_content: dict[str, tuple[Ranked, dict[str, Any]]] = {}
    if _wants_content(params.get("queryCondition")):
        for kb in _knowledge_bases(ctx, assistant):
            for hit, fact in _ranked(ctx, kb["knowledgeBaseId"], text):
                best_per_content.setdefault(hit.content_id, (hit, fact))
    ranked = sorted(best_per_content.values(), key=_order)
    page, token = paginate(ranked, params.get("maxResults"), params.get("nextToken"))
    best = ranked[0][0].score if ranked else 0.0
    return [_result(hit, texts, doc, best) for hit, texts, doc in _shown(ctx, text, [h for h, _ in page])], token


def _association_error(assoc_id: str, code: str, message: str) -> dict[str, Any]:
    return {"associationId": id_of(assoc_id), "code": code, "message": message}


def _searchable(ctx: RequestContext, assistant: dict[str, Any], assoc_id: str) -> tuple[dict[str, Any] | None,
                                                                                     dict[str, Any] | None]:
    """(the association, None) when its knowledge base can be searched, else (None, its RetrieveError)."""
    assoc = ctx.deps.db.get(ctx.scope, assistants.ASSOCIATION, id_of(assoc_id))
    if assoc is None or assoc["assistantId"] != assistant["assistantId"]:
        return None, _association_error(assoc_id, "RESOURCE_NOT_FOUND",
                                        f"Assistant association {assoc_id} not found for this assistant.")
    kb_id = assoc["associationData"]["knowledgeBaseAssociation"]["knowledgeBaseId"]
    kb = ctx.deps.db.get(ctx.scope, knowledge_bases.KIND, kb_id)
    if kb is None:
        return None, _association_error(assoc_id, "RESOURCE_NOT_FOUND", f"Knowledge base {kb_id} not found.")
    if kb["knowledgeBaseType"] in NOT_SEARCHABLE:
        return None, _association_error(assoc_id, "VALIDATION_ERROR", f"Knowledge base {kb_id} is of type "
                                        f"{kb['knowledgeBaseType']}, which holds no content to retrieve.")
    return assoc, None


def _retrieval_settings(config: dict[str, Any]) -> tuple[list[str], int, dict[str, Any] | None]:
    ids = config["knowledgeSource"].get("assistantAssociationIds")
    if not ids:
        raise invalid("retrievalConfiguration.knowledgeSource.assistantAssociationIds must name 1 to 5 "
                      "assistant associations.")
    count = config.get("numberOfResults") or DEFAULT_RETRIEVE_RESULTS
    if not 1 <= count <= MAX_RETRIEVE_RESULTS:
        raise invalid(f"numberOfResults must be between 1 and {MAX_RETRIEVE_RESULTS}; it is {count}.")
    flt = config.get("filter")
    if flt is not None:
        retrieval_filters.check(flt)
    return ids, count, flt


def retrieve(ctx: RequestContext, params: dict[str, Any]) -> dict[str, Any]:
    """Retrieve: the best passages of the named associations' knowledge bases, with per-association errors."""
    assistant = assistants.get(ctx, params["assistantId"])
    ids, count, flt = _retrieval_settings(params["retrievalConfiguration"])
    query_text = params["retrievalQuery"]
    found: list[tuple[Ranked, dict[str, Any]]] = []
    association_of: dict[tuple[str, int], str] = {}
    errors = []
    for assoc_id in ids:
        assoc, error = _searchable(ctx, assistant, assoc_id)
        if assoc is None:
            errors.append(error)
            continue
        kb_id = assoc["associationData"]["knowledgeBaseAssociation"]["knowledgeBaseId"]
        for hit, fact in _ranked(ctx, kb_id, query_text):
            if flt is None or retrieval_filters.passes(json.loads(fact["metadata"] or "{}"), flt):
                found.append((hit, fact))
                association_of.setdefault((kb_id, hit.row), assoc["assistantAssociationId"])
    chosen = [hit for hit, _ in sorted(found, key=_order)[:count]]
    results = [{"associationId": association_of[(hit.knowledge_base_id, hit.row)],
                "sourceId": doc.get("linkOutUri") or doc["contentId"], "referenceType": REFERENCE_TYPE,
                "contentText": texts.body} for hit, texts, doc in _shown(ctx, query_text, chosen)]
    return {"results": results, "errors": errors}
