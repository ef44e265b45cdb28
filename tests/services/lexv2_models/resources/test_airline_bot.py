"""The airline sample bot (two locales) through boto3: create from its JSON files, build, version,
read every resource back equal to what was sent."""

from __future__ import annotations

import uuid

import pytest

from tests.services.lexv2_models.resources.airline import (
    FAST_WAIT,
    create_bot_from_export,
    read_export,
    without_metadata,
)


@pytest.fixture(scope="module")
def airline(shared_data):  # type: ignore[no-untyped-def]
    return read_export(shared_data / "lexv2" / "sample_airline_bot")


def _equal_back(client, sent, version: str) -> None:  # type: ignore[no-untyped-def]
    bot_id = sent.bot_id
    for locale_id, out in sent.locales.items():
        ids = {"botId": bot_id, "botVersion": version, "localeId": locale_id}
        locale = client.describe_bot_locale(**ids)
        assert without_metadata(locale, keep=set(out.locale)) == out.locale
        assert locale["intentsCount"] == len(out.intents)
        assert locale["slotTypesCount"] == len(out.slot_types)
        for name, (type_id, params) in out.slot_types.items():
            answer = client.describe_slot_type(**ids, slotTypeId=type_id)
            assert answer["slotTypeName"] == name
            assert without_metadata(answer, "slotTypeId") == params
        for name, (intent_id, params) in out.intents.items():
            answer = client.describe_intent(**ids, intentId=intent_id)
            assert answer["intentName"] == name
            assert without_metadata(answer, "intentId") == {"slotPriorities": [], **params}
        for (intent_name, _), (slot_id, params) in out.slots.items():
            intent_id = out.intents[intent_name][0]
            answer = client.describe_slot(**ids, intentId=intent_id, slotId=slot_id)
            assert without_metadata(answer, "slotId", "intentId") == params
        listed = client.list_intents(**ids, maxResults=100)["intentSummaries"]
        assert sorted(i["intentName"] for i in listed) == sorted(out.intents)


def test_airline_bot_round_trip(aws, airline) -> None:
    client = aws("lexv2-models")
    sent = create_bot_from_export(client, airline, f"Airline-{uuid.uuid4().hex[:8]}")
    bot = client.describe_bot(botId=sent.bot_id)
    assert without_metadata(bot, keep=set(sent.bot)) == sent.bot
    assert bot["botStatus"] == "Available"
    _equal_back(client, sent, "DRAFT")

    for locale_id in sent.locales:
        ids = {"botId": sent.bot_id, "botVersion": "DRAFT", "localeId": locale_id}
        assert client.build_bot_locale(**ids)["botLocaleStatus"] == "Building"
    for locale_id in sent.locales:
        ids = {"botId": sent.bot_id, "botVersion": "DRAFT", "localeId": locale_id}
        client.get_waiter("bot_locale_built").wait(**ids, WaiterConfig=FAST_WAIT)
        described = client.describe_bot_locale(**ids)
        assert described["botLocaleStatus"] == "Built", described.get("failureReasons")
        assert described["failureReasons"] == []

    spec = {locale_id: {"sourceBotVersion": "DRAFT"} for locale_id in sent.locales}
    created = client.create_bot_version(botId=sent.bot_id, botVersionLocaleSpecification=spec, description="v1")
    assert created["botStatus"] == "Versioning"
    version = created["botVersion"]
    assert version == "1"
    client.get_waiter("bot_version_available").wait(botId=sent.bot_id, botVersion=version, WaiterConfig=FAST_WAIT)
    described = client.describe_bot_version(botId=sent.bot_id, botVersion=version)
    assert described["botStatus"] == "Available"
    assert described["description"] == "v1"
    assert client.describe_bot(botId=sent.bot_id)["botStatus"] == "Available"
    _equal_back(client, sent, version)
    for locale_id in sent.locales:
        assert client.describe_bot_locale(botId=sent.bot_id, botVersion=version,
                                          localeId=locale_id)["botLocaleStatus"] == "Built"
    client.delete_bot(botId=sent.bot_id)
