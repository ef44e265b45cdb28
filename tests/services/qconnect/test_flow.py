"""The whole flow through both clients and both front doors: KB, upload, PUT, import, search."""

from __future__ import annotations

import pytest

from tests.services.qconnect.helpers import csv_file, download, import_file, knowledge_base

INTEGRATION = "arn:aws:app-integrations:us-east-1:123456789012:data-integration/x"
ROWS = (
    "Greeting,Hello {{Attributes.firstName}}! How can I help?,plain,Opening line,hi,en_US,Chat;Email,,true,team=care",
    "Refund policy,Refunds are issued within **5 days**.,markdown,How refunds work,refund,en_US,Chat,,true,",
)


@pytest.mark.parametrize("service", ["qconnect", "wisdom"])
def test_import_then_search(qc, service: str) -> None:
    client = qc(service)
    kb_id = knowledge_base(client)
    job = import_file(client, kb_id, csv_file(*ROWS), metadata={"source": "test"})
    assert job["status"] == "COMPLETE"
    assert "failedRecordReport" not in job
    assert job["metadata"] == {"source": "test"}
    assert download(job["url"]) == csv_file(*ROWS)
    found = client.search_quick_responses(
        knowledgeBaseId=kb_id,
        searchExpression={"queries": [{"name": "content", "values": ["refunds"], "operator": "CONTAINS"}]},
    )["results"]
    assert [r["name"] for r in found] == ["Refund policy"]
    assert found[0]["contents"]["markdown"]["content"] == "Refunds are issued within **5 days**."
    hello = client.search_quick_responses(
        knowledgeBaseId=kb_id, attributes={"firstName": "Ada"},
        searchExpression={"queries": [{"name": "name", "values": ["greet"], "operator": "CONTAINS_AND_PREFIX"}]},
    )["results"]
    assert hello[0]["contents"]["plainText"]["content"] == "Hello Ada! How can I help?"
    assert hello[0]["attributesInterpolated"] == ["firstName"]
    assert hello[0]["tags"] == {"team": "care"}
    assert hello[0]["channels"] == ["Chat", "Email"]
    listed = client.list_import_jobs(knowledgeBaseId=kb_id)["importJobSummaries"]
    assert [j["importJobId"] for j in listed] == [job["importJobId"]]


def test_knowledge_bases_assistants_and_tags(qc) -> None:
    client = qc("qconnect")
    kb = client.create_knowledge_base(
        name="external", knowledgeBaseType="EXTERNAL", tags={"a": "1"},
        sourceConfiguration={"appIntegrations": {"appIntegrationArn": INTEGRATION, "objectFields": ["Id"]}},
    )["knowledgeBase"]
    got = client.get_knowledge_base(knowledgeBaseId=kb["knowledgeBaseArn"])["knowledgeBase"]
    assert got["sourceConfiguration"]["appIntegrations"]["objectFields"] == ["Id"]
    assert got["status"] == "ACTIVE" and got["tags"] == {"a": "1"}
    client.tag_resource(resourceArn=kb["knowledgeBaseArn"], tags={"b": "2"})
    client.untag_resource(resourceArn=kb["knowledgeBaseArn"], tagKeys=["a"])
    assert client.list_tags_for_resource(resourceArn=kb["knowledgeBaseArn"])["tags"] == {"b": "2"}
    assistant = client.create_assistant(name="helper", type="AGENT")["assistant"]
    assoc = client.create_assistant_association(
        assistantId=assistant["assistantId"], associationType="KNOWLEDGE_BASE",
        association={"knowledgeBaseId": kb["knowledgeBaseId"]},
    )["assistantAssociation"]
    assert assoc["associationData"]["knowledgeBaseAssociation"]["knowledgeBaseId"] == kb["knowledgeBaseId"]
    listed = client.list_assistant_associations(assistantId=assistant["assistantId"])
    assert [a["assistantAssociationId"] for a in listed["assistantAssociationSummaries"]] == [
        assoc["assistantAssociationId"]]
    client.delete_assistant_association(assistantId=assistant["assistantId"],
                                        assistantAssociationId=assoc["assistantAssociationId"])
    client.delete_assistant(assistantId=assistant["assistantId"])
    assert client.list_assistants()["assistantSummaries"] == []
    client.delete_knowledge_base(knowledgeBaseId=kb["knowledgeBaseId"])
    with pytest.raises(client.exceptions.ResourceNotFoundException):
        client.get_knowledge_base(knowledgeBaseId=kb["knowledgeBaseId"])


def test_knowledge_base_quota(qc) -> None:
    client = qc("wisdom")
    for i in range(10):
        knowledge_base(client, f"kb{i}")
    with pytest.raises(client.exceptions.ServiceQuotaExceededException):
        knowledge_base(client, "kb10")
    assert len(client.list_knowledge_bases(maxResults=100)["knowledgeBaseSummaries"]) == 10


def test_assistant_quota(qc) -> None:
    client = qc("qconnect")
    for i in range(5):
        client.create_assistant(name=f"a{i}", type="AGENT")
    with pytest.raises(client.exceptions.ServiceQuotaExceededException, match="limit of 5 assistants"):
        client.create_assistant(name="a5", type="AGENT")
    first = client.list_assistants(maxResults=3)
    rest = client.list_assistants(maxResults=3, nextToken=first["nextToken"])
    assert [a["name"] for a in first["assistantSummaries"] + rest["assistantSummaries"]] == [f"a{i}" for i in range(5)]


def test_content_associations_are_declared_not_implemented(qc) -> None:
    client = qc("qconnect")
    kb_id = knowledge_base(client, "custom", "CUSTOM")
    with pytest.raises(client.exceptions.ClientError, match="NotImplementedException"):
        client.list_content_associations(knowledgeBaseId=kb_id, contentId="00000000-0000-0000-0000-000000000000")
