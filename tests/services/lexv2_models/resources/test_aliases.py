"""Bot aliases through boto3: the deploy flow, the test alias TSTALIASID, the rules and the statuses."""

from __future__ import annotations

import time
from typing import Any

import boto3
import pytest
from botocore.exceptions import ClientError, WaiterError

import dockyard
from tests.services.lexv2_models.resources.airline import FAST_WAIT, ROLE_ARN
from tests.services.lexv2_models.resources.builders import build, flower_bot, new_bot, unique

LAMBDA = "arn:aws:lambda:us-east-1:123456789012:function:fulfil"
LOCALE_SETTINGS = {"en_US": {"enabled": True, "codeHookSpecification": {
    "lambdaCodeHook": {"lambdaARN": LAMBDA, "codeHookInterfaceVersion": "1.0"}}}}
LOG_SETTINGS = {
    "textLogSettings": [{"enabled": True, "destination": {"cloudWatch": {
        "cloudWatchLogGroupArn": "arn:aws:logs:us-east-1:123456789012:log-group:lex", "logPrefix": "prod/"}}}],
    "audioLogSettings": [{"enabled": False, "destination": {"s3Bucket": {
        "s3BucketArn": "arn:aws:s3:::lex-audio", "logPrefix": "audio/"}}}],
}


def _error(info: pytest.ExceptionInfo[ClientError]) -> tuple[str, int, str]:
    response = info.value.response
    return response["Error"]["Code"], response["ResponseMetadata"]["HTTPStatusCode"], response["Error"]["Message"]


def _version(client: Any, ids: dict[str, str]) -> str:
    spec = {ids["localeId"]: {"sourceBotVersion": "DRAFT"}}
    version = client.create_bot_version(botId=ids["botId"], botVersionLocaleSpecification=spec)["botVersion"]
    client.get_waiter("bot_version_available").wait(botId=ids["botId"], botVersion=version, WaiterConfig=FAST_WAIT)
    return version


def _gone(describe: Any) -> tuple[str, int]:
    """Call ``describe`` until it answers an error; (code, HTTP status)."""
    for _ in range(200):
        try:
            describe()
        except ClientError as exc:
            return exc.response["Error"]["Code"], exc.response["ResponseMetadata"]["HTTPStatusCode"]
        time.sleep(0.02)
    raise AssertionError("still there")


def test_alias_deploy_flow(aws) -> None:
    client = aws("lexv2-models")
    ids, _ = flower_bot(client)
    bot_id = ids["botId"]
    assert build(client, ids)["botLocaleStatus"] == "Built"
    v1 = _version(client, ids)

    created = client.create_bot_alias(botId=bot_id, botAliasName="Prod", description="live", botVersion=v1,
                                      botAliasLocaleSettings=LOCALE_SETTINGS, conversationLogSettings=LOG_SETTINGS,
                                      sentimentAnalysisSettings={"detectSentiment": True}, tags={"stage": "prod"})
    assert created["ResponseMetadata"]["HTTPStatusCode"] == 202
    assert (created["botAliasStatus"], created["botVersion"], created["tags"]) == ("Creating", v1, {"stage": "prod"})
    alias_id = created["botAliasId"]
    assert len(alias_id) == 10 and alias_id != "TSTALIASID"
    client.get_waiter("bot_alias_available").wait(botId=bot_id, botAliasId=alias_id, WaiterConfig=FAST_WAIT)

    described = client.describe_bot_alias(botId=bot_id, botAliasId=alias_id)
    assert described["botAliasStatus"] == "Available"
    assert (described["botAliasName"], described["description"], described["botVersion"]) == ("Prod", "live", v1)
    assert described["botAliasLocaleSettings"] == LOCALE_SETTINGS
    assert described["conversationLogSettings"] == LOG_SETTINGS
    assert described["sentimentAnalysisSettings"] == {"detectSentiment": True}
    assert described["parentBotNetworks"] == []
    assert [e["botVersion"] for e in described["botAliasHistoryEvents"]] == [v1]
    assert "endDate" not in described["botAliasHistoryEvents"][0]

    v2 = _version(client, ids)
    updated = client.update_bot_alias(botId=bot_id, botAliasId=alias_id, botAliasName="Prod", botVersion=v2,
                                      botAliasLocaleSettings=LOCALE_SETTINGS)
    assert (updated["botVersion"], updated["botAliasStatus"]) == (v2, "Available")
    described = client.describe_bot_alias(botId=bot_id, botAliasId=alias_id)
    history = described["botAliasHistoryEvents"]
    assert [e["botVersion"] for e in history] == [v1, v2]
    assert history[0]["endDate"] == history[1]["startDate"] and "endDate" not in history[1]
    assert "conversationLogSettings" not in described  # UpdateBotAlias replaces the settings

    with pytest.raises(ClientError) as info:
        client.delete_bot_version(botId=bot_id, botVersion=v2)
    code, status, message = _error(info)
    assert (code, status) == ("PreconditionFailedException", 412)
    assert f"Version {v2} of bot {bot_id} is in use by the bot alias(es) Prod ({alias_id})" in message
    assert client.describe_bot_version(botId=bot_id, botVersion=v2)["botStatus"] == "Available"
    assert client.delete_bot_version(botId=bot_id, botVersion=v1)["botStatus"] == "Deleting"  # no longer in use

    deleted = client.delete_bot_alias(botId=bot_id, botAliasId=alias_id)
    assert (deleted["botAliasStatus"], deleted["ResponseMetadata"]["HTTPStatusCode"]) == ("Deleting", 202)
    assert _gone(lambda: client.describe_bot_alias(botId=bot_id, botAliasId=alias_id)) == (
        "ResourceNotFoundException", 404)
    assert client.delete_bot_version(botId=bot_id, botVersion=v2)["botStatus"] == "Deleting"
    assert _gone(lambda: client.describe_bot_version(botId=bot_id, botVersion=v2))[0] == "ResourceNotFoundException"
    assert [a["botAliasId"] for a in client.list_bot_aliases(botId=bot_id)["botAliasSummaries"]] == ["TSTALIASID"]


def test_every_bot_has_the_test_alias(aws) -> None:
    client = aws("lexv2-models")
    bot_id = client.create_bot(botName=unique("tst"), roleArn=ROLE_ARN, dataPrivacy={"childDirected": False},
                               idleSessionTTLInSeconds=300, testBotAliasTags={"t": "1"})["botId"]
    client.get_waiter("bot_available").wait(botId=bot_id, WaiterConfig=FAST_WAIT)
    created = client.describe_bot(botId=bot_id)["creationDateTime"]
    [summary] = client.list_bot_aliases(botId=bot_id)["botAliasSummaries"]
    assert summary == {"botAliasId": "TSTALIASID", "botAliasName": "TestBotAlias", "description": "test bot alias",
                       "botVersion": "DRAFT", "botAliasStatus": "Available", "creationDateTime": created,
                       "lastUpdatedDateTime": created}
    client.get_waiter("bot_alias_available").wait(botId=bot_id, botAliasId="TSTALIASID", WaiterConfig=FAST_WAIT)
    described = client.describe_bot_alias(botId=bot_id, botAliasId="TSTALIASID")
    assert described["botAliasHistoryEvents"] == [{"botVersion": "DRAFT", "startDate": created}]
    arn = f"arn:aws:lex:us-east-1:123456789012:bot-alias/{bot_id}/TSTALIASID"
    assert client.list_tags_for_resource(resourceARN=arn)["tags"] == {"t": "1"}

    with pytest.raises(ClientError) as info:
        client.create_bot_alias(botId=bot_id, botAliasName="TestBotAlias")
    assert _error(info)[0] == "ConflictException"
    with pytest.raises(ClientError) as info:
        client.delete_bot_alias(botId=bot_id, botAliasId="TSTALIASID")
    assert _error(info)[:2] == ("PreconditionFailedException", 412)
    with pytest.raises(ClientError) as info:
        client.update_bot_alias(botId=bot_id, botAliasId="TSTALIASID", botAliasName="TestBotAlias", botVersion="1")
    assert _error(info)[0] == "ValidationException"
    with pytest.raises(ClientError) as info:
        client.update_bot_alias(botId=bot_id, botAliasId="TSTALIASID", botAliasName="Renamed")
    assert _error(info)[0] == "ValidationException"

    client.create_bot_locale(botId=bot_id, botVersion="DRAFT", localeId="en_US", nluIntentConfidenceThreshold=0.4)
    updated = client.update_bot_alias(botId=bot_id, botAliasId="TSTALIASID", botAliasName="TestBotAlias",
                                      description="mine", botAliasLocaleSettings=LOCALE_SETTINGS,
                                      sentimentAnalysisSettings={"detectSentiment": False})
    assert (updated["botVersion"], updated["description"]) == ("DRAFT", "mine")
    described = client.describe_bot_alias(botId=bot_id, botAliasId="TSTALIASID")
    assert described["botAliasLocaleSettings"] == LOCALE_SETTINGS
    assert described["sentimentAnalysisSettings"] == {"detectSentiment": False}
    assert [a["description"] for a in client.list_bot_aliases(botId=bot_id)["botAliasSummaries"]] == ["mine"]
    assert client.delete_bot(botId=bot_id)["botStatus"] == "Deleting"  # the test alias does not hold the bot


def test_alias_rules(aws) -> None:
    client = aws("lexv2-models")
    ids = new_bot(client)
    bot_id = ids["botId"]
    with pytest.raises(ClientError) as info:
        client.create_bot_alias(botId=bot_id, botAliasName="Live", botVersion="7")
    code, status, message = _error(info)
    assert (code, status) == ("PreconditionFailedException", 412)  # CreateBotAlias lists no ResourceNotFound
    assert "Could not find version 7 of the bot" in message

    client.create_intent(**ids, intentName="Hello", sampleUtterances=[{"utterance": "hello"}])
    assert build(client, ids)["botLocaleStatus"] == "Built"
    version = _version(client, ids)
    with pytest.raises(ClientError) as info:
        client.create_bot_alias(botId=bot_id, botAliasName="Live", botVersion=version,
                                botAliasLocaleSettings={"fr_FR": {"enabled": True}})
    code, _, message = _error(info)
    assert code == "ValidationException" and "fr_FR" in message

    unassociated = client.create_bot_alias(botId=bot_id, botAliasName="Later")
    assert "botVersion" not in unassociated
    client.get_waiter("bot_alias_available").wait(botId=bot_id, botAliasId=unassociated["botAliasId"],
                                                  WaiterConfig=FAST_WAIT)
    assert client.describe_bot_alias(botId=bot_id, botAliasId=unassociated["botAliasId"])[
        "botAliasHistoryEvents"] == []
    with pytest.raises(ClientError) as info:
        client.create_bot_alias(botId=bot_id, botAliasName="Later", botVersion=version)
    assert _error(info)[0] == "ConflictException"
    with pytest.raises(ClientError) as info:
        client.update_bot_alias(botId=bot_id, botAliasId=unassociated["botAliasId"], botAliasName="Later",
                                botVersion="DRAFT")
    assert _error(info)[0] == "ValidationException"

    live = client.create_bot_alias(botId=bot_id, botAliasName="Live", botVersion=version)["botAliasId"]
    client.get_waiter("bot_alias_available").wait(botId=bot_id, botAliasId=live, WaiterConfig=FAST_WAIT)
    arn = f"arn:aws:lex:us-east-1:123456789012:bot-alias/{bot_id}/{live}"
    client.tag_resource(resourceARN=arn, tags={"a": "1", "b": "2"})
    client.untag_resource(resourceARN=arn, tagKeys=["a"])
    assert client.list_tags_for_resource(resourceARN=arn)["tags"] == {"b": "2"}

    with pytest.raises(ClientError) as info:
        client.describe_bot_alias(botId=bot_id, botAliasId="NOSUCHALIA")
    assert _error(info) == ("ResourceNotFoundException", 404,
                            f"Could not find the bot alias with ID NOSUCHALIA for bot {bot_id}.")
    with pytest.raises(ClientError) as info:
        client.delete_bot_alias(botId=bot_id, botAliasId="NOSUCHALIA")
    assert _error(info)[:2] == ("PreconditionFailedException", 412)
    page = client.list_bot_aliases(botId=bot_id, maxResults=2)
    rest = client.list_bot_aliases(botId=bot_id, maxResults=2, nextToken=page["nextToken"])
    assert [a["botAliasName"] for a in page["botAliasSummaries"] + rest["botAliasSummaries"]] == [
        "TestBotAlias", "Later", "Live"]

    with pytest.raises(ClientError) as info:
        client.delete_bot(botId=bot_id)
    code, status, message = _error(info)
    assert (code, status) == ("PreconditionFailedException", 412)
    assert "Later" in message and "Live" in message
    assert client.delete_bot_version(botId=bot_id, botVersion=version,
                                     skipResourceInUseCheck=True)["botStatus"] == "Deleting"
    assert client.describe_bot_alias(botId=bot_id, botAliasId=live)["botVersion"] == version
    assert client.delete_bot(botId=bot_id, skipResourceInUseCheck=True)["botStatus"] == "Deleting"
    assert _gone(lambda: client.describe_bot_alias(botId=bot_id, botAliasId=live))[0] == "ResourceNotFoundException"
    assert client.list_bot_aliases(botId=bot_id)["botAliasSummaries"] == []


def test_alias_statuses_follow_the_job_clock() -> None:
    with dockyard.mock(job_clock="manual") as mock:
        client = boto3.client("lexv2-models", region_name="us-east-1", aws_access_key_id="testing",
                              aws_secret_access_key="testing")
        bot_id = client.create_bot(botName="manual", roleArn=ROLE_ARN, dataPrivacy={"childDirected": False},
                                   idleSessionTTLInSeconds=300)["botId"]
        mock.runtime.jobs.advance(mock.runtime.jobs.list(kind="bot-create", parent_id=bot_id)[0].id)
        alias_id = client.create_bot_alias(botId=bot_id, botAliasName="Held")["botAliasId"]
        [job] = mock.runtime.jobs.list(service="lexv2-models", kind="alias-create", parent_id=f"{bot_id}/{alias_id}")
        assert client.describe_bot_alias(botId=bot_id, botAliasId=alias_id)["botAliasStatus"] == "Creating"
        with pytest.raises(ClientError) as info:
            client.update_bot_alias(botId=bot_id, botAliasId=alias_id, botAliasName="Held")
        assert _error(info)[0] == "PreconditionFailedException"
        mock.runtime.jobs.advance(job.id)
        mock.runtime.jobs.wait(job.id)
        assert client.describe_bot_alias(botId=bot_id, botAliasId=alias_id)["botAliasStatus"] == "Available"

        client.delete_bot_alias(botId=bot_id, botAliasId=alias_id)
        assert client.describe_bot_alias(botId=bot_id, botAliasId=alias_id)["botAliasStatus"] == "Deleting"
        with pytest.raises(WaiterError):  # Deleting is a failure state of bot_alias_available
            client.get_waiter("bot_alias_available").wait(botId=bot_id, botAliasId=alias_id, WaiterConfig=FAST_WAIT)
        assert client.delete_bot_alias(botId=bot_id, botAliasId=alias_id)["botAliasStatus"] == "Deleting"
        [job] = mock.runtime.jobs.list(service="lexv2-models", kind="alias-delete", parent_id=f"{bot_id}/{alias_id}")
        mock.runtime.jobs.advance(job.id)
        mock.runtime.jobs.wait(job.id)
        with pytest.raises(ClientError) as info:
            client.describe_bot_alias(botId=bot_id, botAliasId=alias_id)
        assert _error(info)[0] == "ResourceNotFoundException"


def test_an_alias_and_its_policy_survive_a_restart(tmp_path) -> None:
    """An alias left Creating by a stop is Creating again after the restart, its job run again (on the
    manual clock it was started with); its settings and resource policy are on disk."""
    def client() -> Any:
        return boto3.client("lexv2-models", region_name="us-east-1", aws_access_key_id="testing",
                            aws_secret_access_key="testing")

    with dockyard.mock(data_dir=tmp_path, job_clock="manual") as mock:
        lex = client()
        bot_id = lex.create_bot(botName="kept", roleArn=ROLE_ARN, dataPrivacy={"childDirected": False},
                                idleSessionTTLInSeconds=300)["botId"]
        mock.runtime.jobs.advance(mock.runtime.jobs.list(kind="bot-create", parent_id=bot_id)[0].id)
        alias_id = lex.create_bot_alias(botId=bot_id, botAliasName="Kept", description="d",
                                        sentimentAnalysisSettings={"detectSentiment": True})["botAliasId"]
        arn = f"arn:aws:lex:us-east-1:123456789012:bot-alias/{bot_id}/{alias_id}"
        lex.create_resource_policy_statement(resourceArn=arn, statementId="s", effect="Allow",
                                             principal=[{"arn": "arn:aws:iam::123456789012:root"}],
                                             action=["lex:RecognizeText"])
        assert lex.describe_bot_alias(botId=bot_id, botAliasId=alias_id)["botAliasStatus"] == "Creating"
    with dockyard.mock(data_dir=tmp_path) as restarted:
        lex = client()
        assert lex.describe_bot_alias(botId=bot_id, botAliasId=alias_id)["botAliasStatus"] == "Creating"
        [job] = restarted.runtime.jobs.list(kind="alias-create", parent_id=f"{bot_id}/{alias_id}")
        assert job.attempt == 2
        restarted.runtime.jobs.advance(job.id)
        lex.get_waiter("bot_alias_available").wait(botId=bot_id, botAliasId=alias_id, WaiterConfig=FAST_WAIT)
        described = lex.describe_bot_alias(botId=bot_id, botAliasId=alias_id)
        assert (described["description"], described["sentimentAnalysisSettings"]) == ("d", {"detectSentiment": True})
        assert lex.describe_resource_policy(resourceArn=arn)["revisionId"] == "1"
