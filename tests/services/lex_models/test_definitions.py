"""Lex V1 definitions through boto3: checksums, versions, aliases, in-use deletes, builds."""

from __future__ import annotations

import pytest

from .helpers import fresh_client, wait_bot

SLOT_TYPE = {"name": "Flowers", "enumerationValues": [{"value": "rose", "synonyms": ["roses"]}, {"value": "lily"}]}


def _intent(slot_type_version: str = "1", utterances: list[str] | None = None) -> dict:
    return {
        "name": "OrderFlowers",
        "sampleUtterances": utterances if utterances is not None else ["I want {FlowerType}", "order flowers"],
        "slots": [{"name": "FlowerType", "slotConstraint": "Required", "slotType": "Flowers",
                   "slotTypeVersion": slot_type_version,
                   "valueElicitationPrompt": {"messages": [{"contentType": "PlainText", "content": "Which?"}],
                                              "maxAttempts": 2}}],
        "fulfillmentActivity": {"type": "ReturnIntent"},
    }


def _bot(lex, intent_version: str = "1", **kw) -> dict:
    return lex.put_bot(name="FlowerBot", locale="en-US", childDirected=False,
                       intents=[{"intentName": "OrderFlowers", "intentVersion": intent_version}],
                       abortStatement={"messages": [{"contentType": "PlainText", "content": "Bye"}]}, **kw)


@pytest.fixture
def lex(aws):
    return fresh_client(aws)


def test_checksum_rules(lex) -> None:
    first = lex.put_slot_type(**SLOT_TYPE)
    assert first["version"] == "$LATEST" and first["checksum"]
    with pytest.raises(lex.exceptions.PreconditionFailedException):
        lex.put_slot_type(**SLOT_TYPE)  # missing checksum
    with pytest.raises(lex.exceptions.PreconditionFailedException):
        lex.put_slot_type(**SLOT_TYPE, checksum="stale")
    second = lex.put_slot_type(**SLOT_TYPE, checksum=first["checksum"], description="d")
    assert second["checksum"] != first["checksum"] and second["description"] == "d"
    with pytest.raises(lex.exceptions.PreconditionFailedException):
        lex.put_intent(name="New", checksum="x", sampleUtterances=["hi"],
                       fulfillmentActivity={"type": "ReturnIntent"})


def test_versions_are_numbered_and_reused_when_unchanged(lex) -> None:
    st = lex.put_slot_type(**SLOT_TYPE)
    v1 = lex.create_slot_type_version(name="Flowers", checksum=st["checksum"])
    assert v1["version"] == "1"
    assert lex.create_slot_type_version(name="Flowers")["version"] == "1"  # unchanged: no new version
    latest = lex.get_slot_type(name="Flowers", version="$LATEST")
    lex.put_slot_type(**SLOT_TYPE, checksum=latest["checksum"], description="changed", createVersion=True)
    listed = lex.get_slot_type_versions(name="Flowers")["slotTypes"]
    assert [v["version"] for v in listed] == ["$LATEST", "1", "2"]
    lex.delete_slot_type_version(name="Flowers", version="2")
    latest = lex.get_slot_type(name="Flowers", version="$LATEST")
    assert lex.create_slot_type_version(name="Flowers", checksum=latest["checksum"])["version"] in ("2", "3")
    with pytest.raises(lex.exceptions.NotFoundException):
        lex.get_slot_type(name="Flowers", version="9")


def test_names_are_letters_and_underscores(lex) -> None:
    with pytest.raises(lex.exceptions.BadRequestException):
        lex.put_slot_type(name="Flowers1", enumerationValues=[{"value": "a"}])


def test_in_use_deletes_name_the_user(lex) -> None:
    lex.put_slot_type(**SLOT_TYPE, createVersion=True)
    lex.put_intent(**_intent(), createVersion=True)
    with pytest.raises(lex.exceptions.ResourceInUseException) as info:
        lex.delete_slot_type(name="Flowers")
    err = info.value.response
    assert err["referenceType"] == "Intent"
    assert err["exampleReference"]["name"] == "OrderFlowers"
    _bot(lex, processBehavior="SAVE", createVersion=True)
    with pytest.raises(lex.exceptions.ResourceInUseException) as info:
        lex.delete_intent(name="OrderFlowers")
    assert info.value.response["referenceType"] == "Bot"
    lex.put_bot_alias(name="Prod", botName="FlowerBot", botVersion="1")
    with pytest.raises(lex.exceptions.ResourceInUseException) as info:
        lex.delete_bot_version(name="FlowerBot", version="1")
    assert info.value.response["referenceType"] == "BotAlias"
    lex.delete_bot_alias(botName="FlowerBot", name="Prod")
    lex.delete_bot(name="FlowerBot")
    lex.delete_intent(name="OrderFlowers")
    lex.delete_slot_type(name="Flowers")
    assert lex.get_slot_types()["slotTypes"] == []


def test_aliases_checksums_and_resolution(lex) -> None:
    lex.put_slot_type(**SLOT_TYPE, createVersion=True)
    lex.put_intent(**_intent(), createVersion=True)
    _bot(lex, processBehavior="SAVE", createVersion=True)
    alias = lex.put_bot_alias(name="Prod", botName="FlowerBot", botVersion="1", tags=[{"key": "a", "value": "b"}])
    with pytest.raises(lex.exceptions.PreconditionFailedException):
        lex.put_bot_alias(name="Prod", botName="FlowerBot", botVersion="1")
    lex.put_bot_alias(name="Prod", botName="FlowerBot", botVersion="$LATEST", checksum=alias["checksum"])
    assert lex.get_bot(name="FlowerBot", versionOrAlias="Prod")["version"] == "$LATEST"
    assert [a["name"] for a in lex.get_bot_aliases(botName="FlowerBot")["BotAliases"]] == ["Prod"]
    assert lex.get_bot_alias(botName="FlowerBot", name="Prod")["botVersion"] == "$LATEST"
    arn = f"arn:aws:lex:{lex.meta.region_name}:123456789012:bot:FlowerBot:Prod"
    assert lex.list_tags_for_resource(resourceArn=arn)["tags"] == [{"key": "a", "value": "b"}]


def test_build_ready_and_failure_reasons(lex) -> None:
    lex.put_slot_type(**SLOT_TYPE, createVersion=True)
    lex.put_intent(**_intent(), createVersion=True)
    built = _bot(lex, createVersion=True)
    assert built["status"] == "BUILDING"
    assert wait_bot(lex, "FlowerBot")["status"] == "READY"
    assert lex.get_bot(name="FlowerBot", versionOrAlias="1")["status"] == "READY"
    saved = _bot(lex, checksum=wait_bot(lex, "FlowerBot")["checksum"], processBehavior="SAVE")
    assert saved["status"] == "NOT_BUILT"
    latest = lex.get_intent(name="OrderFlowers", version="$LATEST")
    lex.put_intent(**_intent("7", ["order {Colour}"]), checksum=latest["checksum"])
    _bot(lex, intent_version="$LATEST", checksum=saved["checksum"])
    failed = wait_bot(lex, "FlowerBot")
    assert failed["status"] == "FAILED"
    assert "unknown slot {Colour}" in failed["failureReason"]
    assert "slot type Flowers version 7 does not exist" in failed["failureReason"]


def test_builtin_catalogue_filters_by_locale_and_signature(lex) -> None:
    intents = lex.get_builtin_intents(signatureContains="Stop")["intents"]
    assert [i["signature"] for i in intents] == ["AMAZON.StopIntent"]
    assert "AMAZON.KendraSearchIntent" not in [i["signature"] for i in
                                               lex.get_builtin_intents(locale="de-DE", maxResults=50)["intents"]]
    assert lex.get_builtin_intent(signature="AMAZON.HelpIntent")["supportedLocales"][0] == "de-DE"
    with pytest.raises(lex.exceptions.NotFoundException):
        lex.get_builtin_intent(signature="AMAZON.NoSuchIntent")
    types = lex.get_builtin_slot_types(locale="fr-FR", signatureContains="US_")["slotTypes"]
    assert types == []
    assert len(lex.get_builtin_slot_types(locale="en-US", signatureContains="US_")["slotTypes"]) == 4


def test_not_implemented_operations_say_why(lex) -> None:
    with pytest.raises(lex.exceptions.ClientError) as info:
        lex.get_utterances_view(botName="FlowerBot", botVersions=["1"], statusType="Detected")
    assert info.value.response["Error"]["Code"] == "NotImplementedException"


def test_manual_clock_holds_the_bot_in_building() -> None:
    import boto3

    import dockyard

    with dockyard.mock(job_clock="manual") as mock:
        lex = boto3.client("lex-models", region_name="us-east-1", aws_access_key_id="testing",
                           aws_secret_access_key="testing")
        lex.put_slot_type(**SLOT_TYPE, createVersion=True)
        lex.put_intent(**_intent(), createVersion=True)
        _bot(lex)
        assert lex.get_bot(name="FlowerBot", versionOrAlias="$LATEST")["status"] == "BUILDING"
        job = mock.runtime.jobs.list(service="lex-models", kind="build", parent_id="FlowerBot")[0]
        mock.runtime.jobs.advance(job.id)
        mock.runtime.jobs.wait(job.id)
        assert lex.get_bot(name="FlowerBot", versionOrAlias="$LATEST")["status"] == "READY"
