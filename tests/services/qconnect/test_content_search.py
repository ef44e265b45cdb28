"""QueryAssistant and Retrieve over a fixed set of contents (text, HTML, PDF, Word): tables of queries
with their expected ordered results, the exact result shapes, filters and per-association errors."""

from __future__ import annotations

import json

import pytest

from tests.services.qconnect.documents import DOCX, pdf, word
from tests.services.qconnect.helpers import knowledge_base, upload

FIXED = [
    ("refund-policy", "Refund policy", "text/plain",
     b"Refunds are paid to the original card within five days. A refund needs the receipt.",
     {"team": "billing", "year": "2024", "labels": json.dumps(["money", "card"])}),
    ("shipping", "Shipping times", "text/html",
     b"<html><head><title>ignored</title></head><body><h1>Delivery</h1><p>Orders ship in two days. Express "
     b"delivery arrives the next day.</p><script>refund()</script></body></html>",
     {"team": "logistics", "year": "2023"}),
    ("warranty", "Warranty", "application/pdf",
     pdf("Warranty claims need the serial number. Batteries are covered for one year."),
     {"team": "support", "year": "2025"}),
    ("returns", "Returns", DOCX,
     word("Returns", "Items can be returned within thirty days for a refund or an exchange.",
          table=[["Item", "Days"], ["Shoes", "30"]]),
     {"team": "billing", "year": "2025"}),
    ("cafe", "Café opening hours", "text/plain", "The café opens at nine.".encode(), {"team": "facilities"}),
]


def _setup(client) -> tuple[str, dict[str, str], str]:
    """A CUSTOM knowledge base with FIXED, an assistant associated with it; (assistant, names by id, association)."""
    kb_id = knowledge_base(client, "articles", "CUSTOM")
    names = {}
    for name, title, content_type, data, metadata in FIXED:
        content = client.create_content(knowledgeBaseId=kb_id, name=name, title=title, metadata=metadata,
                                        uploadId=upload(client, kb_id, data, content_type))["content"]
        names[content["contentId"]] = name
    assistant = client.create_assistant(name="agent", type="AGENT")["assistant"]["assistantId"]
    association = client.create_assistant_association(
        assistantId=assistant, associationType="KNOWLEDGE_BASE", association={"knowledgeBaseId": kb_id},
    )["assistantAssociation"]["assistantAssociationId"]
    return assistant, names, association


QUERIES = {
    "refund": ["refund-policy", "returns"],  # the script of the HTML page is not its text
    "refunds": ["refund-policy", "returns"],  # stemmed
    "serial number": ["warranty"],  # from the PDF
    "Shoes": ["returns"],  # a table cell of the Word file
    "delivery": ["shipping"],
    "thirty days": ["returns", "shipping", "refund-policy"],  # the rarer word first
    "card receipt": ["refund-policy"],
    "cafe": ["cafe"],  # accents ignored
    "exchange OR nothing": ["returns"],  # words, never FTS syntax
    "xylophone": [],
    "": [],
}
DAYS = ["shipping", "returns", "refund-policy"]  # "days" and "day" (stemmed) in the shortest text first


@pytest.mark.parametrize("service", ["qconnect", "wisdom"])
def test_query_assistant_table(qc, service: str) -> None:
    client = qc(service)
    assistant, names, _ = _setup(client)
    found = {}
    for text in QUERIES:
        results = client.query_assistant(assistantId=assistant, queryText=text, maxResults=10)["results"]
        found[text] = [names[r["document"]["contentReference"]["contentId"]] for r in results]
        scores = [r["relevanceScore"] for r in results]
        assert scores == sorted(scores, reverse=True), text
    assert found == QUERIES


def test_query_assistant_result_shape_and_pages(qc) -> None:
    client = qc("qconnect")
    assistant, names, _ = _setup(client)
    [result] = client.query_assistant(assistantId=assistant, queryInputData={
        "queryTextInputData": {"text": "serial batteries"}})["results"]
    document = result["document"]
    assert names[document["contentReference"]["contentId"]] == "warranty"
    assert document["contentReference"]["referenceType"] == "KNOWLEDGE_BASE"
    assert document["title"] == {"text": "Warranty", "highlights": []}
    excerpt = document["excerpt"]
    assert excerpt["text"] == "Warranty claims need the serial number. Batteries are covered for one year."
    marked = [excerpt["text"][h["beginOffsetInclusive"]:h["endOffsetExclusive"]] for h in excerpt["highlights"]]
    assert marked == ["serial", "Batteries"]
    assert result["type"] == "KNOWLEDGE_CONTENT" and result["relevanceScore"] > 0
    details = result["data"]["details"]["contentData"]
    assert details["textData"] == {"title": document["title"], "excerpt": excerpt}
    assert details["rankingData"] == {"relevanceScore": result["relevanceScore"], "relevanceLevel": "HIGH"}
    assert result["data"]["reference"]["contentReference"] == document["contentReference"]
    first = client.query_assistant(assistantId=assistant, queryText="days", maxResults=2)
    rest = client.query_assistant(assistantId=assistant, queryText="days", maxResults=2, nextToken=first["nextToken"])
    paged = [names[r["document"]["contentReference"]["contentId"]] for r in first["results"] + rest["results"]]
    assert paged == DAYS
    assert "nextToken" not in rest
    generative = client.query_assistant(assistantId=assistant, queryText="refund", queryCondition=[
        {"single": {"field": "RESULT_TYPE", "comparator": "EQUALS", "value": "GENERATIVE_ANSWER"}}])
    assert generative["results"] == []
    with pytest.raises(client.exceptions.ValidationException, match="generative model"):
        client.query_assistant(assistantId=assistant, queryInputData={
            "intentInputData": {"intentId": "00000000-0000-0000-0000-000000000000"}})
    with pytest.raises(client.exceptions.ResourceNotFoundException):
        client.query_assistant(assistantId="00000000-0000-0000-0000-000000000000", queryText="x")


def _filter(key: str, op: str, value) -> dict:
    return {op: {"key": key, "value": value}}


RETRIEVALS = [
    ("refund", None, ["refund-policy", "returns"]),
    ("refund", _filter("team", "equals", "billing"), ["refund-policy", "returns"]),
    ("days", _filter("year", "greaterThanOrEquals", 2025), ["returns"]),
    ("days", {"andAll": [_filter("team", "equals", "billing"), _filter("year", "lessThan", 2025)]},
     ["refund-policy"]),
    ("days", {"orAll": [_filter("team", "equals", "logistics"), _filter("year", "startsWith", "2025")]},
     ["shipping", "returns"]),
    ("days", _filter("team", "in", ["logistics", "support"]), ["shipping"]),
    ("days", _filter("team", "notIn", ["logistics"]), ["returns", "refund-policy"]),
    ("days", _filter("team", "notEquals", "billing"), ["shipping"]),
    ("card", _filter("labels", "listContains", "card"), ["refund-policy"]),
    ("days", _filter("team", "stringContains", "ill"), ["returns", "refund-policy"]),
    ("opens", _filter("year", "notEquals", "2024"), ["cafe"]),  # no year: notEquals passes
]


def test_retrieve_table(qc) -> None:
    client = qc("qconnect")
    assistant, names, association = _setup(client)
    found, expected = [], []
    for query, flt, wanted in RETRIEVALS:
        config = {"knowledgeSource": {"assistantAssociationIds": [association]}}
        if flt is not None:
            config["filter"] = flt
        answer = client.retrieve(assistantId=assistant, retrievalQuery=query, retrievalConfiguration=config)
        assert answer["errors"] == []
        found.append([names[r["sourceId"]] for r in answer["results"]])
        expected.append(wanted)
        for r in answer["results"]:
            assert r["associationId"] == association and r["referenceType"] == "KNOWLEDGE_BASE"
    assert found == expected
    [top] = client.retrieve(assistantId=assistant, retrievalQuery="thirty days", retrievalConfiguration={
        "knowledgeSource": {"assistantAssociationIds": [association]}, "numberOfResults": 1})["results"]
    assert names[top["sourceId"]] == "returns"
    assert top["contentText"] == ("Returns\n\nItems can be returned within thirty days for a refund or an exchange."
                                  "\n\nItem Days\nShoes 30")


def test_retrieve_reports_associations_it_cannot_search(qc) -> None:
    client = qc("qconnect")
    assistant, _, association = _setup(client)
    other = client.create_assistant(name="other", type="AGENT")["assistant"]["assistantId"]
    quick = knowledge_base(client, "quick")
    quick_association = client.create_assistant_association(
        assistantId=assistant, associationType="KNOWLEDGE_BASE", association={"knowledgeBaseId": quick},
    )["assistantAssociation"]["assistantAssociationId"]
    answer = client.retrieve(assistantId=other, retrievalQuery="refund", retrievalConfiguration={
        "knowledgeSource": {"assistantAssociationIds": [association]}})
    assert answer["results"] == [] and [e["code"] for e in answer["errors"]] == ["RESOURCE_NOT_FOUND"]
    answer = client.retrieve(assistantId=assistant, retrievalQuery="refund", retrievalConfiguration={
        "knowledgeSource": {"assistantAssociationIds": [quick_association, association]}})
    assert len(answer["results"]) == 2
    assert answer["errors"] == [{"associationId": quick_association, "code": "VALIDATION_ERROR", "message":
                                 f"Knowledge base {quick} is of type QUICK_RESPONSES, which holds no content to "
                                 "retrieve."}]
    with pytest.raises(client.exceptions.ValidationException, match="numberOfResults must be between 1 and 100"):
        client.retrieve(assistantId=assistant, retrievalQuery="refund", retrievalConfiguration={
            "knowledgeSource": {"assistantAssociationIds": [association]}, "numberOfResults": 101})
    with pytest.raises(client.exceptions.ValidationException, match="must be a list"):
        client.retrieve(assistantId=assistant, retrievalQuery="refund", retrievalConfiguration={
            "knowledgeSource": {"assistantAssociationIds": [association]},
            "filter": _filter("team", "in", "billing")})
