"""Resource policies of bots and bot aliases through boto3: revision ids, statements, validation."""

from __future__ import annotations

import json
import time
from typing import Any

import pytest
from botocore.exceptions import ClientError

from tests.services.lexv2_models.resources.airline import FAST_WAIT, ROLE_ARN
from tests.services.lexv2_models.resources.builders import unique

ACCOUNT = "123456789012"
ROLE = f"arn:aws:iam::{ACCOUNT}:role/caller"


def _error(info: pytest.ExceptionInfo[ClientError]) -> tuple[str, int]:
    response = info.value.response
    return response["Error"]["Code"], response["ResponseMetadata"]["HTTPStatusCode"]


def _bot(client: Any) -> str:
    bot_id = client.create_bot(botName=unique("policy"), roleArn=ROLE_ARN, dataPrivacy={"childDirected": False},
                               idleSessionTTLInSeconds=300)["botId"]
    client.get_waiter("bot_available").wait(botId=bot_id, WaiterConfig=FAST_WAIT)
    return bot_id


def _policy(arn: str, *sids: str) -> str:
    statements = [{"Sid": sid, "Effect": "Allow", "Principal": {"AWS": f"arn:aws:iam::{ACCOUNT}:root"},
                   "Action": ["lex:RecognizeText"], "Resource": arn} for sid in sids]
    return json.dumps({"Version": "2012-10-17", "Statement": statements}, indent=2)


def test_policy_revisions(aws) -> None:
    client = aws("lexv2-models")
    arn = f"arn:aws:lex:us-east-1:{ACCOUNT}:bot/{_bot(client)}"
    with pytest.raises(ClientError) as info:
        client.describe_resource_policy(resourceArn=arn)
    assert _error(info) == ("ResourceNotFoundException", 404)

    text = _policy(arn, "first")
    created = client.create_resource_policy(resourceArn=arn, policy=text)
    assert (created["resourceArn"], created["revisionId"]) == (arn, "1")
    described = client.describe_resource_policy(resourceArn=arn)
    assert (described["policy"], described["revisionId"]) == (text, "1")  # the text as given
    with pytest.raises(ClientError) as info:
        client.create_resource_policy(resourceArn=arn, policy=text)
    assert _error(info) == ("PreconditionFailedException", 412)

    second = _policy(arn, "first", "second")
    assert client.update_resource_policy(resourceArn=arn, policy=second, expectedRevisionId="1")["revisionId"] == "2"
    with pytest.raises(ClientError) as info:
        client.update_resource_policy(resourceArn=arn, policy=text, expectedRevisionId="1")
    assert _error(info) == ("PreconditionFailedException", 412)
    assert client.describe_resource_policy(resourceArn=arn)["policy"] == second  # the stale write changed nothing
    assert client.update_resource_policy(resourceArn=arn, policy=text)["revisionId"] == "3"  # no expectation

    with pytest.raises(ClientError) as info:
        client.delete_resource_policy(resourceArn=arn, expectedRevisionId="2")
    assert _error(info) == ("PreconditionFailedException", 412)
    # a 204: boto3 reads no body, whatever the service sends, in both front doors (as against AWS)
    deleted = client.delete_resource_policy(resourceArn=arn, expectedRevisionId="3")
    assert deleted["ResponseMetadata"]["HTTPStatusCode"] == 204
    assert "revisionId" not in deleted and "resourceArn" not in deleted
    with pytest.raises(ClientError) as info:
        client.describe_resource_policy(resourceArn=arn)
    assert _error(info) == ("ResourceNotFoundException", 404)
    with pytest.raises(ClientError) as info:
        client.delete_resource_policy(resourceArn=arn)
    assert _error(info) == ("ResourceNotFoundException", 404)
    assert client.create_resource_policy(resourceArn=arn, policy=text)["revisionId"] == "5"  # the delete was 4


def test_policy_statements_on_an_alias(aws) -> None:
    client = aws("lexv2-models")
    bot_id = _bot(client)
    alias_id = client.create_bot_alias(botId=bot_id, botAliasName="Live")["botAliasId"]
    arn = f"arn:aws:lex:us-east-1:{ACCOUNT}:bot-alias/{bot_id}/{alias_id}"
    statement = {"resourceArn": arn, "effect": "Allow", "principal": [{"arn": ROLE}],
                 "action": ["lex:RecognizeText", "lex:RecognizeUtterance"]}
    with pytest.raises(ClientError) as info:
        client.create_resource_policy_statement(statementId="early", expectedRevisionId="1", **statement)
    assert _error(info) == ("PreconditionFailedException", 412)  # no policy yet, so no revision 1

    first = client.create_resource_policy_statement(statementId="callers", **statement)
    assert first["revisionId"] == "1"
    policy = json.loads(client.describe_resource_policy(resourceArn=arn)["policy"])
    assert policy == {"Version": "2012-10-17", "Statement": [{
        "Sid": "callers", "Effect": "Allow", "Principal": {"AWS": ROLE},
        "Action": ["lex:RecognizeText", "lex:RecognizeUtterance"], "Resource": arn}]}
    with pytest.raises(ClientError) as info:
        client.create_resource_policy_statement(statementId="callers", **statement)
    assert _error(info) == ("ConflictException", 409)

    service = {"resourceArn": arn, "effect": "Allow", "principal": [{"service": "connect.amazonaws.com"}],
               "action": ["lex:RecognizeText"]}
    with pytest.raises(ClientError) as info:
        client.create_resource_policy_statement(statementId="connect", **service)
    assert _error(info) == ("ValidationException", 400)  # a service principal needs SourceAccount and SourceArn
    condition = {"StringEquals": {"AWS:SourceAccount": ACCOUNT},
                 "ArnEquals": {"AWS:SourceArn": f"arn:aws:connect:us-east-1:{ACCOUNT}:instance/abc"}}
    second = client.create_resource_policy_statement(statementId="connect", condition=condition,
                                                     expectedRevisionId="1", **service)
    assert second["revisionId"] == "2"
    sids = [s["Sid"] for s in json.loads(client.describe_resource_policy(resourceArn=arn)["policy"])["Statement"]]
    assert sids == ["callers", "connect"]

    with pytest.raises(ClientError) as info:
        client.delete_resource_policy_statement(resourceArn=arn, statementId="nosuch")
    assert _error(info) == ("ResourceNotFoundException", 404)
    with pytest.raises(ClientError) as info:
        client.delete_resource_policy_statement(resourceArn=arn, statementId="callers", expectedRevisionId="1")
    assert _error(info) == ("PreconditionFailedException", 412)
    client.delete_resource_policy_statement(resourceArn=arn, statementId="callers", expectedRevisionId="2")
    described = client.describe_resource_policy(resourceArn=arn)
    assert described["revisionId"] == "3"
    assert [s["Sid"] for s in json.loads(described["policy"])["Statement"]] == ["connect"]
    client.delete_resource_policy_statement(resourceArn=arn, statementId="connect", expectedRevisionId="3")
    with pytest.raises(ClientError) as info:  # the last statement went, and the policy with it
        client.describe_resource_policy(resourceArn=arn)
    assert _error(info) == ("ResourceNotFoundException", 404)
    again = client.create_resource_policy_statement(statementId="callers", **statement)
    assert again["revisionId"] == "5"  # the last statement's removal was revision 4


def test_statement_rules(aws) -> None:
    client = aws("lexv2-models")
    arn = f"arn:aws:lex:us-east-1:{ACCOUNT}:bot-alias/{_bot(client)}/TSTALIASID"
    base = {"resourceArn": arn, "statementId": "s", "action": ["lex:RecognizeText"]}
    refused = [
        {"effect": "Allow", "principal": [{"arn": "arn:aws:iam::210987654321:root"}]},  # cross-account
        {"effect": "Allow", "principal": [{"arn": ROLE, "service": "connect.amazonaws.com"}]},  # both
        {"effect": "Allow", "principal": [{}]},  # neither
    ]
    for params in refused:
        with pytest.raises(ClientError) as info:
            client.create_resource_policy_statement(**base, **params)
        assert _error(info) == ("ValidationException", 400), params
    denied = client.create_resource_policy_statement(**base, effect="Deny",
                                                     principal=[{"arn": "arn:aws:iam::210987654321:root"}])
    assert denied["revisionId"] == "1"  # denying another account is fine


@pytest.mark.parametrize("policy", [
    "not json",
    "[]",
    '{"Version": "2012-10-17"}',
    '{"Statement": []}',
    '{"Statement": [{"Effect": "Allow", "Action": "lex:*"}]}',
    '{"Statement": [{"Effect": "Maybe", "Principal": "*", "Action": "lex:*"}]}',
    '{"Version": "2020-01-01", "Statement": [{"Effect": "Allow", "Principal": "*", "Action": "lex:*"}]}',
    '{"Statement": [{"Sid": "a", "Effect": "Allow", "Principal": "*", "Action": "lex:*"},'
    ' {"Sid": "a", "Effect": "Deny", "Principal": "*", "Action": "lex:*"}]}',
])
def test_invalid_policies_are_refused(lex_client: Any, policy: str) -> None:
    client, arn = lex_client
    with pytest.raises(ClientError) as info:
        client.create_resource_policy(resourceArn=arn, policy=policy)
    assert _error(info) == ("ValidationException", 400)
    with pytest.raises(ClientError) as info:
        client.describe_resource_policy(resourceArn=arn)
    assert _error(info)[0] == "ResourceNotFoundException"


@pytest.fixture(scope="module")
def lex_client() -> Any:
    import boto3

    import dockyard

    with dockyard.mock():
        client = boto3.client("lexv2-models", region_name="us-east-1", aws_access_key_id="testing",
                              aws_secret_access_key="testing")
        yield client, f"arn:aws:lex:us-east-1:{ACCOUNT}:bot/{_bot(client)}"


def test_policies_need_an_existing_resource(aws) -> None:
    client = aws("lexv2-models")
    bot_id = _bot(client)
    policy = _policy("*", "a")
    for arn in (f"arn:aws:lex:us-east-1:{ACCOUNT}:bot/NOSUCHBOT1",
                f"arn:aws:lex:us-east-1:{ACCOUNT}:bot-alias/{bot_id}/NOSUCHALIA",
                f"arn:aws:lex:us-east-1:210987654321:bot/{bot_id}",
                f"arn:aws:lex:eu-west-1:{ACCOUNT}:bot/{bot_id}",
                f"arn:aws:lex:us-east-1:{ACCOUNT}:test-set/{bot_id}"):
        with pytest.raises(ClientError) as info:
            client.create_resource_policy(resourceArn=arn, policy=policy)
        assert _error(info) == ("ResourceNotFoundException", 404), arn

    alias_id = client.create_bot_alias(botId=bot_id, botAliasName="Short")["botAliasId"]
    client.get_waiter("bot_alias_available").wait(botId=bot_id, botAliasId=alias_id, WaiterConfig=FAST_WAIT)
    arn = f"arn:aws:lex:us-east-1:{ACCOUNT}:bot-alias/{bot_id}/{alias_id}"
    client.create_resource_policy(resourceArn=arn, policy=policy)
    client.delete_bot_alias(botId=bot_id, botAliasId=alias_id)
    for _ in range(200):
        try:
            client.describe_resource_policy(resourceArn=arn)
        except ClientError as exc:
            assert exc.response["Error"]["Code"] == "ResourceNotFoundException"
            break
        time.sleep(0.02)
    else:
        raise AssertionError("the alias's policy outlived it")
    alias_id = client.create_bot_alias(botId=bot_id, botAliasName="Short")["botAliasId"]  # the name is free again
    assert client.list_bot_aliases(botId=bot_id)["botAliasSummaries"][-1]["botAliasId"] == alias_id
