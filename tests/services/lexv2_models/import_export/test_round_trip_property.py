"""Property: a random valid bot created through the API exports, re-imports under another name and
exports again to the same archive (ids and the bot's name aside)."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dockyard.services.lexv2_models.formats import zip_files
from tests.services.lexv2_models.import_export.conftest import Lex
from tests.services.lexv2_models.import_export.helpers import bot_spec, export_file, import_file, unique
from tests.services.lexv2_models.resources.airline import ROLE_ARN

NAMES = st.from_regex(r"[A-Z][a-z]{2,8}", fullmatch=True)
WORDS = st.lists(st.from_regex(r"[a-z]{1,8}", fullmatch=True), min_size=1, max_size=4).map(" ".join)
PROMPT = {"messageGroups": [{"message": {"plainTextMessage": {"value": "Which one?"}}}], "maxRetries": 1}


@st.composite
def bots(draw: Any) -> dict[str, Any]:
    type_names = draw(st.lists(NAMES, max_size=3, unique=True))
    slot_types = {n: draw(st.lists(WORDS, min_size=1, max_size=4, unique=True)) for n in type_names}
    intent_names = draw(st.lists(NAMES, min_size=1, max_size=3, unique=True))
    intents = {}
    for name in intent_names:
        slot_names = draw(st.lists(NAMES, max_size=2, unique=True))
        slots = {s: draw(st.sampled_from([*type_names, "AMAZON.Number", "AMAZON.City"])) for s in slot_names}
        intents[name] = {"utterances": draw(st.lists(WORDS, min_size=1, max_size=4, unique=True)), "slots": slots,
                         "description": draw(st.none() | WORDS)}
    vocabulary = draw(st.none() | st.lists(WORDS, min_size=1, max_size=3, unique_by=str.lower))
    return {"ttl": draw(st.integers(60, 86400)), "threshold": draw(st.sampled_from([0.3, 0.4, 0.55])),
            "slot_types": slot_types, "intents": intents, "vocabulary": vocabulary}


def _create(client: Any, bot: dict[str, Any]) -> str:
    bot_id = client.create_bot(botName=unique("Prop"), roleArn=ROLE_ARN, dataPrivacy={"childDirected": True},
                               idleSessionTTLInSeconds=bot["ttl"])["botId"]
    ids = {"botId": bot_id, "botVersion": "DRAFT", "localeId": "en_US"}
    client.get_waiter("bot_available").wait(botId=bot_id, WaiterConfig={"Delay": 1, "MaxAttempts": 10})
    client.create_bot_locale(**ids, nluIntentConfidenceThreshold=bot["threshold"])
    client.get_waiter("bot_locale_created").wait(**ids, WaiterConfig={"Delay": 1, "MaxAttempts": 10})
    type_ids = {name: client.create_slot_type(**ids, slotTypeName=name, valueSelectionSetting={
        "resolutionStrategy": "TopResolution"}, slotTypeValues=[{"sampleValue": {"value": v}} for v in values])
        ["slotTypeId"] for name, values in bot["slot_types"].items()}
    for name, intent in bot["intents"].items():
        extra = {"description": intent["description"]} if intent["description"] else {}
        intent_id = client.create_intent(**ids, intentName=name, **extra, sampleUtterances=[
            {"utterance": u} for u in intent["utterances"]])["intentId"]
        for slot, type_name in intent["slots"].items():
            client.create_slot(**ids, intentId=intent_id, slotName=slot, slotTypeId=type_ids.get(type_name, type_name),
                               valueElicitationSetting={"slotConstraint": "Required", "promptSpecification": PROMPT})
    if bot["vocabulary"]:
        client.batch_create_custom_vocabulary_item(**ids, customVocabularyItemList=[
            {"phrase": p, "weight": 2} for p in bot["vocabulary"]])
    return bot_id


def _comparable(files: dict[str, bytes]) -> dict[str, Any]:
    out = {}
    for path, data in files.items():
        doc = json.loads(data)
        if not path.endswith(("BotLocale.json", "Manifest.json", "CustomVocabulary.json")):
            doc.pop("identifier", None)
        if path.endswith("/Bot.json"):
            doc.pop("name")
        out[path.split("/", 1)[1] if "/" in path else path] = doc
    return out


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(bot=bots())
def test_random_bots_export_and_reimport_identical(lex: Lex, bot: dict[str, Any]) -> None:
    client = lex.client
    bot_id = _create(client, bot)
    _, first = export_file(client, {"botExportSpecification": {"botId": bot_id, "botVersion": "DRAFT"}})
    name = unique("Again")
    answer = import_file(client, zip_files(first), bot_spec(name, dataPrivacy={"childDirected": True}))
    assert answer["importStatus"] == "Completed", answer["failureReasons"]
    _, second = export_file(client, {"botExportSpecification": {"botId": answer["importedResourceId"],
                                                                "botVersion": "DRAFT"}})
    assert _comparable(second) == _comparable(first)
    assert len(second) == len(first)
