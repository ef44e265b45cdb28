"""Quick responses: CRUD with the remove* flags, the manual clock, quotas, and a search table."""

from __future__ import annotations

import boto3
import pytest
from botocore.config import Config

import dockyard
from tests.services.qconnect.helpers import csv_file, knowledge_base, upload

MD = "application/x.quickresponse;format=markdown"


def test_create_get_update_delete(qc) -> None:
    client = qc()
    kb_id = knowledge_base(client)
    qr = client.create_quick_response(knowledgeBaseId=kb_id, name="Hi", content={"content": "Hello"},
                                      description="d", shortcutKey="hi", channels=["Chat"], language="en_US",
                                      groupingConfiguration={"criteria": "RoutingProfileArn", "values": ["rp"]},
                                      tags={"t": "1"})["quickResponse"]
    assert qr["status"] == "CREATED" and qr["contents"] == {"plainText": {"content": "Hello"}}
    with pytest.raises(client.exceptions.ConflictException):
        client.create_quick_response(knowledgeBaseId=kb_id, name="Hi", content={"content": "again"})
    with pytest.raises(client.exceptions.ValidationException, match="Invalid channel 'SMS'"):
        client.create_quick_response(knowledgeBaseId=kb_id, name="X", content={"content": "x"}, channels=["SMS"])
    updated = client.update_quick_response(knowledgeBaseId=kb_id, quickResponseId=qr["quickResponseId"],
                                           content={"content": "**Hi**"}, contentType=MD, removeDescription=True,
                                           removeShortcutKey=True, removeGroupingConfiguration=True)["quickResponse"]
    assert updated["contents"] == {"markdown": {"content": "**Hi**"}}
    for gone in ("description", "shortcutKey", "groupingConfiguration"):
        assert gone not in updated
    with pytest.raises(client.exceptions.ValidationException, match="cannot both be given"):
        client.update_quick_response(knowledgeBaseId=kb_id, quickResponseId=qr["quickResponseId"],
                                     description="x", removeDescription=True)
    client.delete_quick_response(knowledgeBaseId=kb_id, quickResponseId=qr["quickResponseId"])
    with pytest.raises(client.exceptions.ResourceNotFoundException):
        client.get_quick_response(knowledgeBaseId=kb_id, quickResponseId=qr["quickResponseId"])


def test_manual_clock_holds_the_job_and_the_knowledge_base() -> None:
    with dockyard.mock(job_clock="manual") as mock:
        client = boto3.client("qconnect", region_name="us-east-1", aws_access_key_id="a", aws_secret_access_key="b",
                              config=Config(retries={"max_attempts": 1}))
        kb_id = knowledge_base(client)
        upload_id = upload(client, kb_id, csv_file("A,b,plain,,a,en_US,Chat,,true,"))
        job = client.start_import_job(knowledgeBaseId=kb_id, importJobType="QUICK_RESPONSES",
                                      uploadId=upload_id)["importJob"]
        assert job["status"] == "START_IN_PROGRESS"
        held = client.get_import_job(knowledgeBaseId=kb_id, importJobId=job["importJobId"])["importJob"]
        assert held["status"] == "START_IN_PROGRESS"
        assert client.list_quick_responses(knowledgeBaseId=kb_id)["quickResponseSummaries"] == []
        with pytest.raises(client.exceptions.ConflictException):
            client.delete_knowledge_base(knowledgeBaseId=kb_id)
        with pytest.raises(client.exceptions.ConflictException):
            client.delete_import_job(knowledgeBaseId=kb_id, importJobId=job["importJobId"])
        with pytest.raises(client.exceptions.ConflictException):
            client.start_import_job(knowledgeBaseId=kb_id, importJobType="QUICK_RESPONSES", uploadId=upload_id)
        mock.runtime.jobs.advance(job["importJobId"])
        done = client.get_import_job(knowledgeBaseId=kb_id, importJobId=job["importJobId"])["importJob"]
        assert done["status"] == "COMPLETE"
        assert len(client.list_quick_responses(knowledgeBaseId=kb_id)["quickResponseSummaries"]) == 1
        client.delete_knowledge_base(knowledgeBaseId=kb_id)


@pytest.mark.slow
def test_quota_of_1000_quick_responses(qc) -> None:
    from tests.services.qconnect.helpers import import_file

    client = qc()
    kb_id = knowledge_base(client)
    for f in range(10):
        rows = [f"n{f}-{i},c,plain,,,en_US,Chat,,true," for i in range(100)]
        assert import_file(client, kb_id, csv_file(*rows))["status"] == "COMPLETE"
    with pytest.raises(client.exceptions.ServiceQuotaExceededException):
        client.create_quick_response(knowledgeBaseId=kb_id, name="one more", content={"content": "x"})
    job = import_file(client, kb_id, csv_file("late,c,plain,,,en_US,Chat,,true,"))
    assert job["status"] == "FAILED"


FIXED = [
    dict(name="Refund policy", content={"content": "Refunds take five days to reach your card."},
         shortcutKey="refund", description="How refunds work", channels=["Chat"], language="en_US"),
    dict(name="Shipping times", content={"content": "Orders ship in two days; refunds of shipping are rare."},
         shortcutKey="ship", description="Delivery", channels=["Email"], language="en_US"),
    dict(name="Greeting", content={"content": "Hello {{Attributes.name}}, welcome to {{Attributes.shop}}!"},
         shortcutKey="hello", channels=["Chat", "Email"], language="fr_FR"),
    dict(name="Password reset", content={"content": "Use the reset link sent by email."}, isActive=False,
         channels=["Chat"]),
]


def q(value: str, field: str = "content", op: str = "CONTAINS", **kw) -> dict:
    return {"queries": [{"name": field, "values": [value], "operator": op, **kw}]}


SEARCHES = [
    (q("refunds"), ["Refund policy", "Shipping times"]),
    (q("refund"), []),  # CONTAINS matches whole words
    (q("refund", op="CONTAINS_AND_PREFIX"), ["Refund policy", "Shipping times"]),
    (q("refund", field="name", op="CONTAINS_AND_PREFIX"), ["Refund policy"]),
    (q("refnd", field="name", allowFuzziness=True), ["Refund policy"]),
    (q("refnd", field="name"), []),
    (q("ship", field="shortcutKey"), ["Shipping times"]),
    (q("delivery", field="description"), ["Shipping times"]),
    ({"queries": [{"name": "content", "values": ["days"], "operator": "CONTAINS"},
                  {"name": "name", "values": ["shipping"], "operator": "CONTAINS", "priority": "HIGH"}]},
     ["Shipping times"]),
    ({"filters": [{"name": "channels", "values": ["Email"], "operator": "EQUALS"}]}, ["Greeting", "Shipping times"]),
    ({"filters": [{"name": "name", "values": ["Pass"], "operator": "PREFIX"}]}, ["Password reset"]),
    ({"filters": [{"name": "isActive", "values": ["false"], "operator": "EQUALS"}]}, ["Password reset"]),
    ({"filters": [{"name": "language", "values": ["fr_FR"], "operator": "EQUALS", "includeNoExistence": True}]},
     ["Greeting", "Password reset"]),
    ({"filters": [{"name": "shortcutKey", "operator": "EQUALS", "includeNoExistence": True}]}, ["Password reset"]),
    ({"orderOnField": {"name": "name", "order": "DESC"}},
     ["Shipping times", "Refund policy", "Password reset", "Greeting"]),
    ({"orderOnField": {"name": "createdTime", "order": "ASC"}},
     ["Refund policy", "Shipping times", "Greeting", "Password reset"]),
]


@pytest.mark.parametrize(("expression", "names"), SEARCHES)
def test_search_table(qc, expression: dict, names: list[str]) -> None:
    client = qc("wisdom")
    kb_id = knowledge_base(client)
    for item in FIXED:
        client.create_quick_response(knowledgeBaseId=kb_id, **item)
    found = client.search_quick_responses(knowledgeBaseId=kb_id, searchExpression=expression)["results"]
    assert [r["name"] for r in found] == names


def test_search_interpolation_and_pages(qc) -> None:
    client = qc()
    kb_id = knowledge_base(client)
    for item in FIXED:
        client.create_quick_response(knowledgeBaseId=kb_id, **item)
    [hello] = client.search_quick_responses(knowledgeBaseId=kb_id, searchExpression=q("welcome"),
                                            attributes={"name": "Ada"})["results"]
    assert hello["contents"]["plainText"]["content"] == "Hello Ada, welcome to {{Attributes.shop}}!"
    assert hello["attributesInterpolated"] == ["name"] and hello["attributesNotInterpolated"] == ["shop"]
    first = client.search_quick_responses(knowledgeBaseId=kb_id, searchExpression={}, maxResults=3)
    second = client.search_quick_responses(knowledgeBaseId=kb_id, searchExpression={}, maxResults=3,
                                           nextToken=first["nextToken"])
    assert len(first["results"]) == 3 and len(second["results"]) == 1 and "nextToken" not in second
    with pytest.raises(client.exceptions.ValidationException, match="Invalid query field"):
        client.search_quick_responses(knowledgeBaseId=kb_id, searchExpression=q("x", field="colour"))
