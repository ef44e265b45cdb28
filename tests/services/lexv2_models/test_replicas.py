"""Bot replicas (Global Resiliency) through boto3 in both front doors: the bot is really copied into
the paired region's scope, readable there with that region's client, read-only there; versions
created later replicate; the replica statuses are its jobs'."""

from __future__ import annotations

import random
from typing import Any

import pytest
from botocore.exceptions import ClientError

from tests.services.lexv2_models.front_doors import Door, eventually
from tests.services.lexv2_models.resources.airline import FAST_WAIT, ROLE_ARN
from tests.services.lexv2_models.resources.builders import flower_bot, unique

SOURCE, REPLICA = "us-east-1", "us-west-2"


def _code(err: pytest.ExceptionInfo[ClientError]) -> str:
    return err.value.response["Error"]["Code"]


def _account() -> str:
    return "".join(random.choice("0123456789") for _ in range(12))


def _clients(door: Door) -> tuple[Any, Any]:
    account = _account()  # an account of this test alone: the shared server keeps every other test's bots
    return door.client(region=SOURCE, aws_access_key_id=account), door.client(region=REPLICA,
                                                                              aws_access_key_id=account)


def _built_bot_with_version(client: Any) -> dict[str, str]:
    ids, _ = flower_bot(client)
    client.build_bot_locale(**ids)
    client.get_waiter("bot_locale_built").wait(**ids, WaiterConfig=FAST_WAIT)
    _new_version(client, ids["botId"])
    return ids


def _new_version(client: Any, bot_id: str) -> str:
    version = client.create_bot_version(botId=bot_id, botVersionLocaleSpecification={
        "en_US": {"sourceBotVersion": "DRAFT"}})["botVersion"]
    client.get_waiter("bot_version_available").wait(botId=bot_id, botVersion=version, WaiterConfig=FAST_WAIT)
    return version


def _version_statuses(client: Any, bot_id: str) -> dict[str, str]:
    summaries = client.list_bot_version_replicas(botId=bot_id, replicaRegion=REPLICA)["botVersionReplicaSummaries"]
    return {s["botVersion"]: s["botVersionReplicationStatus"] for s in summaries}


def test_a_replica_is_readable_in_its_region(door: Door) -> None:
    east, west = _clients(door)
    ids = _built_bot_with_version(east)
    bot_id = ids["botId"]
    door.clock("manual", "bot-replica")
    created = east.create_bot_replica(botId=bot_id, replicaRegion=REPLICA)
    assert (created["botId"], created["replicaRegion"], created["sourceRegion"], created["botReplicaStatus"]) == (
        bot_id, REPLICA, SOURCE, "Enabling")
    with pytest.raises(ClientError) as err:
        west.describe_bot(botId=bot_id)  # nothing is copied while the replica is Enabling
    assert _code(err) == "ResourceNotFoundException"
    [job_id] = door.job_ids(kind="bot-replica", parentId=f"{bot_id}/{REPLICA}")
    door.advance(job_id)
    described = eventually(lambda: east.describe_bot_replica(botId=bot_id, replicaRegion=REPLICA),
                           lambda d: d["botReplicaStatus"] != "Enabling")
    assert described["botReplicaStatus"] == door.job(job_id)["status"] == "Enabled"
    assert described["failureReasons"] == []

    source_bot = east.describe_bot(botId=bot_id)
    copy = west.describe_bot(botId=bot_id)
    assert (copy["botName"], copy["roleArn"], copy["botStatus"]) == (source_bot["botName"], ROLE_ARN, "Available")
    assert [s["localeId"] for s in west.list_bot_locales(botId=bot_id, botVersion="DRAFT")["botLocaleSummaries"]] == [
        "en_US"]
    intents = west.list_intents(**ids)["intentSummaries"]
    assert sorted(i["intentName"] for i in intents) == ["FallbackIntent", "OrderFlowers"]
    order = next(i for i in intents if i["intentName"] == "OrderFlowers")
    assert [s["slotName"] for s in west.list_slots(**ids, intentId=order["intentId"])["slotSummaries"]] == [
        "FlowerType"]
    assert west.describe_intent(**ids, intentId=order["intentId"]) | {"ResponseMetadata": None} == (
        east.describe_intent(**ids, intentId=order["intentId"]) | {"ResponseMetadata": None})

    # versions: the one that existed, then one created later, replicate with their own status
    assert eventually(lambda: _version_statuses(east, bot_id), lambda s: s == {"1": "Available"}) == {
        "1": "Available"}
    assert west.describe_bot_version(botId=bot_id, botVersion="1")["botStatus"] == "Available"
    assert _new_version(east, bot_id) == "2"
    assert eventually(lambda: _version_statuses(east, bot_id), lambda s: s.get("2") == "Available") == {
        "1": "Available", "2": "Available"}
    locales = west.list_bot_locales(botId=bot_id, botVersion="2")["botLocaleSummaries"]
    assert [(s["localeId"], s["botLocaleStatus"]) for s in locales] == [("en_US", "Built")]
    descending = east.list_bot_version_replicas(botId=bot_id, replicaRegion=REPLICA,
                                                sortBy={"attribute": "BotVersion", "order": "Descending"})
    assert [s["botVersion"] for s in descending["botVersionReplicaSummaries"]] == ["2", "1"]

    summaries = east.list_bot_replicas(botId=bot_id)
    assert summaries["sourceRegion"] == SOURCE
    assert [(s["replicaRegion"], s["botReplicaStatus"]) for s in summaries["botReplicaSummaries"]] == [
        (REPLICA, "Enabled")]
    aliases = east.list_bot_alias_replicas(botId=bot_id, replicaRegion=REPLICA)["botAliasReplicaSummaries"]
    assert [(a["botAliasId"], a["botVersion"], a["botAliasReplicationStatus"]) for a in aliases] == [
        ("TSTALIASID", "DRAFT", "Available")]

    east.delete_bot_version(botId=bot_id, botVersion="1")  # a deletion on the source replicates too
    assert eventually(lambda: _version_statuses(east, bot_id), lambda s: "1" not in s) == {"2": "Available"}
    with pytest.raises(ClientError) as err:
        west.describe_bot_version(botId=bot_id, botVersion="1")
    assert _code(err) == "ResourceNotFoundException"


def test_the_replica_is_read_only(door: Door) -> None:
    east, west = _clients(door)
    ids, resources = flower_bot(east)
    east.create_bot_replica(botId=ids["botId"], replicaRegion=REPLICA)
    eventually(lambda: east.describe_bot_replica(botId=ids["botId"], replicaRegion=REPLICA),
               lambda d: d["botReplicaStatus"] == "Enabled")
    changes = [
        lambda: west.update_bot(botId=ids["botId"], botName="Renamed", roleArn=ROLE_ARN,
                                dataPrivacy={"childDirected": False}, idleSessionTTLInSeconds=300),
        lambda: west.create_intent(**ids, intentName="Another"),
        lambda: west.delete_intent(**ids, intentId=resources["intent"]),
        lambda: west.build_bot_locale(**ids),
        lambda: west.delete_bot(botId=ids["botId"]),
        lambda: west.start_import(importId=west.create_upload_url()["importId"], mergeStrategy="Overwrite",
                                  resourceSpecification={"botLocaleImportSpecification": {
                                      "botId": ids["botId"], "botVersion": "DRAFT", "localeId": "en_US"}}),
    ]
    for change in changes:
        with pytest.raises(ClientError) as err:
            change()
        assert _code(err) == "ValidationException"
        assert "read-only" in err.value.response["Error"]["Message"]
    assert west.describe_intent(**ids, intentId=resources["intent"])["intentName"] == "OrderFlowers"
    east.update_intent(**ids, intentId=resources["intent"], intentName="OrderRoses")  # the source stays writable
    assert east.describe_intent(**ids, intentId=resources["intent"])["intentName"] == "OrderRoses"


def test_replica_rules(door: Door) -> None:
    east, _ = _clients(door)
    ids, _ = flower_bot(east)
    bot_id = ids["botId"]
    for region in ("eu-west-1", SOURCE):
        with pytest.raises(ClientError) as err:
            east.create_bot_replica(botId=bot_id, replicaRegion=region)
        assert _code(err) == "ValidationException"
    with pytest.raises(ClientError) as err:
        east.create_bot_replica(botId="NOSUCHBOT0", replicaRegion=REPLICA)
    assert _code(err) == "PreconditionFailedException"
    with pytest.raises(ClientError) as err:
        east.describe_bot_replica(botId=bot_id, replicaRegion=REPLICA)
    assert _code(err) == "ResourceNotFoundException"
    assert east.list_bot_replicas(botId="NOSUCHBOT0")["botReplicaSummaries"] == []
    east.create_bot_replica(botId=bot_id, replicaRegion=REPLICA)
    with pytest.raises(ClientError) as err:
        east.create_bot_replica(botId=bot_id, replicaRegion=REPLICA)
    assert _code(err) == "ConflictException"


def test_delete_bot_replica_removes_the_copy(door: Door) -> None:
    east, west = _clients(door)
    bot_id = flower_bot(east)[0]["botId"]
    east.create_bot_replica(botId=bot_id, replicaRegion=REPLICA)
    eventually(lambda: east.describe_bot_replica(botId=bot_id, replicaRegion=REPLICA),
               lambda d: d["botReplicaStatus"] == "Enabled")
    assert west.describe_bot(botId=bot_id)["botId"] == bot_id
    door.clock("manual", "bot-replica-delete")
    deleting = east.delete_bot_replica(botId=bot_id, replicaRegion=REPLICA)
    assert deleting["botReplicaStatus"] == "Deleting"
    assert east.describe_bot_replica(botId=bot_id, replicaRegion=REPLICA)["botReplicaStatus"] == "Deleting"
    with pytest.raises(ClientError) as err:
        east.delete_bot_replica(botId=bot_id, replicaRegion=REPLICA)
    assert _code(err) == "PreconditionFailedException"
    [job_id] = door.job_ids(kind="bot-replica-delete", parentId=f"{bot_id}/{REPLICA}")
    door.advance(job_id)
    eventually(lambda: east.list_bot_replicas(botId=bot_id)["botReplicaSummaries"], lambda s: s == [])
    with pytest.raises(ClientError) as err:
        west.describe_bot(botId=bot_id)
    assert _code(err) == "ResourceNotFoundException"
    assert east.describe_bot(botId=bot_id)["botStatus"] == "Available"


def test_a_name_taken_in_the_replica_region_fails_the_replica(door: Door) -> None:
    east, west = _clients(door)
    name = unique("Taken")
    west.create_bot(botName=name, roleArn=ROLE_ARN, dataPrivacy={"childDirected": False}, idleSessionTTLInSeconds=300)
    bot_id = east.create_bot(botName=name, roleArn=ROLE_ARN, dataPrivacy={"childDirected": False},
                             idleSessionTTLInSeconds=300)["botId"]
    east.get_waiter("bot_available").wait(botId=bot_id, WaiterConfig=FAST_WAIT)
    east.create_bot_replica(botId=bot_id, replicaRegion=REPLICA)
    failed = eventually(lambda: east.describe_bot_replica(botId=bot_id, replicaRegion=REPLICA),
                        lambda d: d["botReplicaStatus"] != "Enabling")
    assert failed["botReplicaStatus"] == "Failed"
    assert len(failed["failureReasons"]) == 1 and f"A bot named {name}" in failed["failureReasons"][0]
    assert [b["botName"] for b in west.list_bots()["botSummaries"]] == [name]


def test_aliases_replicate(door: Door) -> None:
    """Aliases made, repointed and deleted on the source reach the replica region and its summaries."""
    east, west = _clients(door)
    ids = _built_bot_with_version(east)
    bot_id = ids["botId"]
    east.create_bot_replica(botId=bot_id, replicaRegion=REPLICA)
    eventually(lambda: _version_statuses(east, bot_id), lambda s: s == {"1": "Available"})
    alias_id = east.create_bot_alias(botId=bot_id, botAliasName="prod", botVersion="1")["botAliasId"]
    east.get_waiter("bot_alias_available").wait(botId=bot_id, botAliasId=alias_id, WaiterConfig=FAST_WAIT)

    def summaries() -> list[tuple[str, str, str]]:
        listed = east.list_bot_alias_replicas(botId=bot_id, replicaRegion=REPLICA)["botAliasReplicaSummaries"]
        return [(a["botAliasId"], a["botVersion"], a["botAliasReplicationStatus"]) for a in listed]

    assert summaries() == [("TSTALIASID", "DRAFT", "Available"), (alias_id, "1", "Available")]
    assert eventually(lambda: west.describe_bot_alias(botId=bot_id, botAliasId=alias_id),
                      lambda d: d.get("botVersion") == "1")["botAliasName"] == "prod"
    assert _new_version(east, bot_id) == "2"
    east.update_bot_alias(botId=bot_id, botAliasId=alias_id, botAliasName="prod", botVersion="2")
    assert west.describe_bot_alias(botId=bot_id, botAliasId=alias_id)["botVersion"] == "2"
    east.delete_bot_alias(botId=bot_id, botAliasId=alias_id)
    assert eventually(summaries, lambda s: len(s) == 1) == [("TSTALIASID", "DRAFT", "Available")]
    with pytest.raises(ClientError) as err:
        eventually(lambda: west.describe_bot_alias(botId=bot_id, botAliasId=alias_id), lambda d: False)
    assert _code(err) == "ResourceNotFoundException"


def test_a_replica_held_enabling_completes_after_a_restart(tmp_path) -> None:
    """recovery="retry": the copy is made by the job that runs again after the restart."""
    import boto3
    from moto import mock_aws

    import dockyard

    def clients() -> tuple[Any, Any]:
        return tuple(boto3.client("lexv2-models", region_name=r, aws_access_key_id="a", aws_secret_access_key="b")
                     for r in (SOURCE, REPLICA))

    with mock_aws():
        with dockyard.mock(data_dir=tmp_path) as mock:
            east, _ = clients()
            bot_id = flower_bot(east)[0]["botId"]
            mock.jobs.set_default_clock("manual", "lexv2-models", "bot-replica")
            assert east.create_bot_replica(botId=bot_id, replicaRegion=REPLICA)["botReplicaStatus"] == "Enabling"
        with dockyard.mock(data_dir=tmp_path) as restarted:
            east, west = clients()
            [job] = restarted.jobs.list(kind="bot-replica")
            assert (job.status, job.attempt) == ("Enabling", 2)
            restarted.jobs.advance(job.id)
            eventually(lambda: east.describe_bot_replica(botId=bot_id, replicaRegion=REPLICA),
                       lambda d: d["botReplicaStatus"] == "Enabled")
            assert west.describe_bot(botId=bot_id)["botName"] == east.describe_bot(botId=bot_id)["botName"]
