"""Bots: lifecycle, waiter, list filters / sorting / pagination, tags, quota, deletion."""

from __future__ import annotations

import re

import pytest
from botocore.exceptions import ClientError

import dockyard
from tests.services.lexv2_models.resources.airline import FAST_WAIT, ROLE_ARN
from tests.services.lexv2_models.resources.builders import fresh_account_client, unique

BOT = {"roleArn": ROLE_ARN, "dataPrivacy": {"childDirected": False}, "idleSessionTTLInSeconds": 300}


def _code(info: pytest.ExceptionInfo[ClientError]) -> str:
    return info.value.response["Error"]["Code"]


def test_bot_lifecycle(aws) -> None:
    client = aws("lexv2-models")
    name = unique("life")
    created = client.create_bot(botName=name, description="d", botTags={"team": "lex"},
                                testBotAliasTags={"alias": "test"}, **BOT)
    assert created["ResponseMetadata"]["HTTPStatusCode"] == 202
    assert created["botStatus"] == "Creating"
    assert re.fullmatch(r"[0-9A-Z]{10}", created["botId"])
    assert created["botTags"] == {"team": "lex"}
    bot_id = created["botId"]
    client.get_waiter("bot_available").wait(botId=bot_id, WaiterConfig=FAST_WAIT)
    got = client.describe_bot(botId=bot_id)
    assert (got["botName"], got["description"], got["botStatus"], got["botType"]) == (name, "d", "Available", "Bot")
    assert got["idleSessionTTLInSeconds"] == 300
    updated = client.update_bot(botId=bot_id, botName=name, description="new", roleArn=ROLE_ARN,
                                dataPrivacy={"childDirected": True}, idleSessionTTLInSeconds=600)
    assert updated["description"] == "new"
    assert client.describe_bot(botId=bot_id)["dataPrivacy"] == {"childDirected": True}

    arn = f"arn:aws:lex:us-east-1:123456789012:bot/{bot_id}"
    client.tag_resource(resourceARN=arn, tags={"a": "1"})
    client.untag_resource(resourceARN=arn, tagKeys=["team"])
    assert client.list_tags_for_resource(resourceARN=arn)["tags"] == {"a": "1"}
    alias_arn = f"arn:aws:lex:us-east-1:123456789012:bot-alias/{bot_id}/TSTALIASID"
    assert client.list_tags_for_resource(resourceARN=alias_arn)["tags"] == {"alias": "test"}

    with pytest.raises(ClientError) as info:
        client.create_bot(botName=name, **BOT)
    assert _code(info) == "ConflictException"
    assert client.delete_bot(botId=bot_id)["botStatus"] == "Deleting"
    for _ in range(100):
        try:
            client.describe_bot(botId=bot_id)
        except ClientError as exc:
            assert exc.response["Error"]["Code"] == "ResourceNotFoundException"
            assert exc.response["ResponseMetadata"]["HTTPStatusCode"] == 404
            break
    else:
        raise AssertionError("the bot was not deleted")
    with pytest.raises(ClientError) as info:
        client.list_tags_for_resource(resourceARN=arn)
    assert _code(info) == "ResourceNotFoundException"


def test_list_bots_filters_sorting_pagination(aws) -> None:
    client = fresh_account_client(aws)
    names = ["alpha-x", "Bravo-x", "charlie-y", "delta-x", "echo-y"]
    for name in names:
        client.create_bot(botName=name, **BOT)
    listed = [b["botName"] for b in client.list_bots()["botSummaries"]]
    assert listed == ["alpha-x", "Bravo-x", "charlie-y", "delta-x", "echo-y"]
    down = client.list_bots(sortBy={"attribute": "BotName", "order": "Descending"})["botSummaries"]
    assert [b["botName"] for b in down] == list(reversed(listed))
    contains = client.list_bots(filters=[{"name": "BotName", "values": ["-X"], "operator": "CO"}])["botSummaries"]
    assert [b["botName"] for b in contains] == ["alpha-x", "Bravo-x", "delta-x"]
    equal = client.list_bots(filters=[{"name": "BotName", "values": ["echo-y"], "operator": "EQ"}])
    assert [b["botName"] for b in equal["botSummaries"]] == ["echo-y"]
    not_equal = client.list_bots(filters=[{"name": "BotName", "values": ["echo-y"], "operator": "NE"}])
    assert len(not_equal["botSummaries"]) == 4
    seen, token, pages = [], None, 0
    while True:
        page = client.list_bots(maxResults=2, **({"nextToken": token} if token else {}))
        seen += [b["botName"] for b in page["botSummaries"]]
        pages += 1
        token = page.get("nextToken")
        if not token:
            break
    assert (seen, pages) == (listed, 3)


def test_bot_quota(aws) -> None:
    client = fresh_account_client(aws)
    for i in range(100):
        client.create_bot(botName=f"quota{i}", **BOT)
    with pytest.raises(ClientError) as info:
        client.create_bot(botName="quota100", **BOT)
    assert _code(info) == "ServiceQuotaExceededException"
    assert "maximum number of bots (100)" in info.value.response["Error"]["Message"]


def test_unknown_bot(aws) -> None:
    client = aws("lexv2-models")
    with pytest.raises(ClientError) as info:
        client.describe_bot(botId="NOSUCHBOT1")
    assert _code(info) == "ResourceNotFoundException"
    assert info.value.response["Error"]["Message"] == "Could not find the bot with ID NOSUCHBOT1."


def test_bot_creating_status_with_manual_clock() -> None:
    import boto3

    with dockyard.mock(job_clock="manual") as mock:
        client = boto3.client("lexv2-models", region_name="us-east-1", aws_access_key_id="testing",
                              aws_secret_access_key="testing")
        bot_id = client.create_bot(botName="manual", **BOT)["botId"]
        assert client.describe_bot(botId=bot_id)["botStatus"] == "Creating"
        job = mock.runtime.jobs.list(service="lexv2-models", kind="bot-create", parent_id=bot_id)[0]
        assert job.status == "Creating"
        mock.runtime.jobs.advance(job.id)
        mock.runtime.jobs.wait(job.id)
        assert client.describe_bot(botId=bot_id)["botStatus"] == "Available"
