"""Content of CUSTOM knowledge bases through boto3, both clients, both front doors: upload, PUT,
CreateContent from text/HTML/PDF/Word files, Get/Summary/List/Search/Update/Delete, and the refusals."""

from __future__ import annotations

import time

import boto3
import pytest
import requests
from botocore.config import Config

import dockyard
from dockyard.services.qconnect.resources import contents as contents_resource
from tests.services.qconnect.documents import DOCX, encrypted_pdf, pdf, word
from tests.services.qconnect.helpers import download, knowledge_base, upload


def _custom(client) -> str:
    return knowledge_base(client, "articles", "CUSTOM")


def _create(client, kb_id: str, name: str, data: bytes, content_type: str = "text/plain", **kw) -> dict:
    upload_id = upload(client, kb_id, data, content_type)
    return client.create_content(knowledgeBaseId=kb_id, name=name, uploadId=upload_id, **kw)["content"]


def _names(client, kb_id: str) -> list[str]:
    return [c["name"] for c in client.list_contents(knowledgeBaseId=kb_id)["contentSummaries"]]


@pytest.mark.parametrize("service", ["qconnect", "wisdom"])
def test_content_lifecycle(qc, service: str) -> None:
    client = qc(service)
    kb_id = _custom(client)
    body = pdf("Warranty claims need the serial number printed under the battery.")
    created = _create(client, kb_id, "warranty", body, "application/pdf", title="Warranty claims",
                      metadata={"team": "support"}, overrideLinkOutUri="https://help.example.com/warranty",
                      tags={"owner": "care"})
    assert created["status"] == "ACTIVE" and created["contentType"] == "application/pdf"
    assert created["title"] == "Warranty claims" and created["linkOutUri"] == "https://help.example.com/warranty"
    assert created["metadata"] == {"team": "support"} and created["tags"] == {"owner": "care"}
    assert download(created["url"]) == body  # the file, behind an expiring URL
    left = created["urlExpiry"].timestamp() - time.time()
    assert 3500 < left <= 3600 and "X-Amz-Expires=3600" in created["url"]
    content_id = created["contentId"]
    got = client.get_content(knowledgeBaseId=kb_id, contentId=created["contentArn"])["content"]
    assert got["revisionId"] == created["revisionId"] and download(got["url"]) == body
    summary = client.get_content_summary(knowledgeBaseId=kb_id, contentId=content_id)["contentSummary"]
    assert summary["name"] == "warranty" and "url" not in summary
    _create(client, kb_id, "returns", b"Returns are accepted for thirty days.")
    assert _names(client, kb_id) == ["warranty", "returns"]
    first = client.list_contents(knowledgeBaseId=kb_id, maxResults=1)
    second = client.list_contents(knowledgeBaseId=kb_id, maxResults=1, nextToken=first["nextToken"])
    assert [c["name"] for c in first["contentSummaries"] + second["contentSummaries"]] == ["warranty", "returns"]
    found = client.search_content(knowledgeBaseId=kb_id, searchExpression={
        "filters": [{"field": "NAME", "operator": "EQUALS", "value": "returns"}]})["contentSummaries"]
    assert [c["name"] for c in found] == ["returns"]

    new_file = word("Warranty", "Claims need the receipt.", table=[["Model", "Years"], ["X1", "2"]])
    new_upload = upload(client, kb_id, new_file, DOCX)
    updated = client.update_content(knowledgeBaseId=kb_id, contentId=content_id, revisionId=created["revisionId"],
                                    uploadId=new_upload, title="Warranty (2025)", metadata={"team": "legal"},
                                    removeOverrideLinkOutUri=True)["content"]
    assert updated["revisionId"] != created["revisionId"] and updated["contentType"] == DOCX
    assert updated["title"] == "Warranty (2025)" and updated["metadata"] == {"team": "legal"}
    assert "linkOutUri" not in updated and download(updated["url"]) == new_file
    with pytest.raises(client.exceptions.PreconditionFailedException, match="was modified"):
        client.update_content(knowledgeBaseId=kb_id, contentId=content_id, revisionId=created["revisionId"],
                              title="stale")
    client.delete_content(knowledgeBaseId=kb_id, contentId=content_id)
    with pytest.raises(client.exceptions.ResourceNotFoundException):
        client.get_content(knowledgeBaseId=kb_id, contentId=content_id)
    assert _names(client, kb_id) == ["returns"]


def test_content_tags_and_link_override(qc) -> None:
    client = qc()
    kb_id = _custom(client)
    content = _create(client, kb_id, "faq", b"Questions and answers.", overrideLinkOutUri="https://a.example/faq")
    client.tag_resource(resourceArn=content["contentArn"], tags={"x": "1"})
    assert client.list_tags_for_resource(resourceArn=content["contentArn"])["tags"] == {"x": "1"}
    with pytest.raises(client.exceptions.ValidationException, match="cannot both be given"):
        client.update_content(knowledgeBaseId=kb_id, contentId=content["contentId"],
                              overrideLinkOutUri="https://b.example", removeOverrideLinkOutUri=True)
    moved = client.update_content(knowledgeBaseId=kb_id, contentId=content["contentId"],
                                  overrideLinkOutUri="https://b.example/faq")["content"]
    assert moved["linkOutUri"] == "https://b.example/faq" and moved["title"] == "faq"


def test_client_token_makes_create_content_idempotent(qc) -> None:
    client = qc()
    kb_id = _custom(client)
    upload_id = upload(client, kb_id, b"Opening hours are nine to five.")
    first = client.create_content(knowledgeBaseId=kb_id, name="hours", uploadId=upload_id, clientToken="t1")
    again = client.create_content(knowledgeBaseId=kb_id, name="hours", uploadId=upload_id, clientToken="t1")
    assert again["content"]["contentId"] == first["content"]["contentId"]
    with pytest.raises(client.exceptions.ConflictException, match="clientToken t1"):
        client.create_content(knowledgeBaseId=kb_id, name="other", uploadId=upload_id, clientToken="t1")
    with pytest.raises(client.exceptions.ConflictException, match="A content named hours already exists"):
        client.create_content(knowledgeBaseId=kb_id, name="hours", uploadId=upload_id)
    assert _names(client, kb_id) == ["hours"]


NOT_TEXT = "The file of upload {id} cannot be read as {ct}: "
BAD_FILES = [
    (b"", "text/plain", "The uploaded file is empty."),
    (b"\xff\xfeh\x00i\x00", "text/plain", "The uploaded file is not UTF-8 encoded text/plain (byte 0)."),
    (b"abc\x00def", "text/html", "The uploaded file is binary, not text/html (NUL byte at 3)."),
    (b"%PDF-1.4 garbage", "application/pdf",
     "The uploaded PDF document cannot be read: Stream has ended unexpectedly"),
    (b"Just some text", "application/pdf", "The uploaded file is not a PDF document (no %PDF- header)."),
    ("pdf", "text/html",
     "The uploaded file is a PDF document, not text/html: upload it with content type application/pdf."),
    ("pdf", DOCX, "The uploaded file is a PDF document."),
    ("docx", "application/pdf", "The uploaded file is not a PDF document (no %PDF- header)."),
    ("docx", "text/plain",
     f"The uploaded file is a Word document, not text/plain: upload it with content type {DOCX}."),
    (b"PK\x03\x04 not really a zip", DOCX, "The uploaded Word document is a damaged zip archive: "),
    ("encrypted", "application/pdf", "The uploaded PDF document is encrypted with a password."),
    ("blank-pdf", "application/pdf", "No text could be extracted from the uploaded PDF document."),
    (b"<html><script>var a = 1;</script></html>", "text/html",
     "No text could be extracted from the uploaded HTML document."),
    (b"{not json", "application/x.wisdom-json;source=zendesk", "The uploaded file is not a JSON document: "),
]


def _bytes(spec: bytes | str) -> bytes:
    if isinstance(spec, bytes):
        return spec
    return {"pdf": pdf("A real PDF."), "docx": word("A real Word file"), "encrypted": encrypted_pdf("Secret"),
            "blank-pdf": pdf("")}[spec]


@pytest.mark.parametrize(("data", "content_type", "reason"), BAD_FILES, ids=[b[2][:40] for b in BAD_FILES])
def test_bad_files_are_refused_with_nothing_created(qc, data, content_type: str, reason: str) -> None:
    client = qc()
    kb_id = _custom(client)
    upload_id = upload(client, kb_id, _bytes(data), content_type)
    with pytest.raises(client.exceptions.ValidationException) as refused:
        client.create_content(knowledgeBaseId=kb_id, name="bad", uploadId=upload_id)
    message = refused.value.response["Error"]["Message"]
    assert message.startswith(NOT_TEXT.format(id=upload_id, ct=content_type) + reason)
    assert _names(client, kb_id) == []


def test_refusals(qc) -> None:
    client = qc("wisdom")
    kb_id = _custom(client)
    pending = client.start_content_upload(knowledgeBaseId=kb_id, contentType="text/plain")["uploadId"]
    with pytest.raises(client.exceptions.ValidationException, match="has not been completed"):
        client.create_content(knowledgeBaseId=kb_id, name="never put", uploadId=pending)
    quick = knowledge_base(client, "quick")
    upload_id = upload(client, quick, b"text")
    with pytest.raises(client.exceptions.ValidationException,
                       match=r"Content can only be created in a CUSTOM knowledge base; .* is QUICK_RESPONSES"):
        client.create_content(knowledgeBaseId=quick, name="x", uploadId=upload_id)
    with pytest.raises(client.exceptions.ValidationException, match="does not exist for knowledge base"):
        client.create_content(knowledgeBaseId=kb_id, name="x", uploadId=upload_id)  # another base's upload
    content = _create(client, kb_id, "kept", b"Kept text.")
    bad = upload(client, kb_id, b"%PDF-1.4 garbage", "application/pdf")
    with pytest.raises(client.exceptions.ValidationException, match="cannot be read"):
        client.update_content(knowledgeBaseId=kb_id, contentId=content["contentId"], uploadId=bad)
    kept = client.get_content(knowledgeBaseId=kb_id, contentId=content["contentId"])["content"]
    assert kept["revisionId"] == content["revisionId"] and download(kept["url"]) == b"Kept text."
    with pytest.raises(client.exceptions.ResourceNotFoundException):
        client.get_content_summary(knowledgeBaseId=kb_id, contentId="00000000-0000-0000-0000-000000000000")


def test_put_without_the_signed_headers_is_refused_for_content_too(dockyard_server) -> None:
    client = dockyard_server.client("qconnect", aws_access_key_id="310987654321")
    kb_id = _custom(client)
    answer = client.start_content_upload(knowledgeBaseId=kb_id, contentType="application/pdf")
    refused = requests.put(answer["url"], data=pdf("x"), timeout=30)
    assert refused.status_code == 403
    with pytest.raises(client.exceptions.ValidationException, match="has not been completed"):
        client.create_content(knowledgeBaseId=kb_id, name="x", uploadId=answer["uploadId"])


def test_quota_of_contents_per_knowledge_base(monkeypatch) -> None:
    monkeypatch.setattr(contents_resource, "QUOTA", 2)
    with dockyard.mock():
        client = boto3.client("qconnect", region_name="us-east-1", aws_access_key_id="a", aws_secret_access_key="b",
                              config=Config(retries={"max_attempts": 1}))
        kb_id = _custom(client)
        _create(client, kb_id, "one", b"1")
        _create(client, kb_id, "two", b"2")
        with pytest.raises(client.exceptions.ServiceQuotaExceededException, match="limit of 2 contents"):
            _create(client, kb_id, "three", b"3")
        assert _names(client, kb_id) == ["one", "two"]


def test_deleting_the_knowledge_base_deletes_its_contents_and_index() -> None:
    with dockyard.mock() as mock:
        client = boto3.client("qconnect", region_name="us-east-1", aws_access_key_id="a", aws_secret_access_key="b")
        kb_id = _custom(client)
        content = _create(client, kb_id, "one", b"Some words.")
        client.delete_knowledge_base(knowledgeBaseId=kb_id)
        db = mock.runtime.db
        assert db.query("SELECT name FROM sqlite_master WHERE name LIKE 'qconnect_passages_%'") == []
        assert db.find(contents_resource.KIND, content["contentId"]) is None


@pytest.mark.server
def test_contents_and_their_index_survive_a_restart(tmp_path) -> None:
    from tests.conftest import ServerProcess

    server = ServerProcess(data_dir=tmp_path)
    try:
        client = server.client("qconnect")
        kb_id = _custom(client)
        content = _create(client, kb_id, "hours", b"The shop opens at nine and closes at five.")
        assistant = client.create_assistant(name="a", type="AGENT")["assistant"]["assistantId"]
        client.create_assistant_association(assistantId=assistant, associationType="KNOWLEDGE_BASE",
                                            association={"knowledgeBaseId": kb_id})
    finally:
        server.stop()
    restarted = ServerProcess(data_dir=tmp_path)
    try:
        client = restarted.client("qconnect")
        [result] = client.query_assistant(assistantId=assistant, queryText="closes")["results"]
        assert result["document"]["contentReference"]["contentId"] == content["contentId"]
        assert result["document"]["excerpt"]["text"] == "The shop opens at nine and closes at five."
    finally:
        restarted.stop()
