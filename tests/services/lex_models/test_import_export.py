"""Lex V1 StartImport/GetImport and GetExport through boto3: the real export, round trips, merge
strategies, partial failure without rollback, bad payloads."""

from __future__ import annotations

import json
import zipfile

import pytest

from .helpers import METADATA, download_resource, envelope, fresh_client, import_payload, wait_export, zip_bytes

VOLATILE = {"version", "checksum", "createdDate", "lastUpdatedDate", "ResponseMetadata", "status",
            "slotTypeVersion", "intentVersion", "failureReason"}


def _strip(value):
    if isinstance(value, dict):
        return {k: _strip(v) for k, v in value.items() if k not in VOLATILE}
    if isinstance(value, list):
        return [_strip(v) for v in value]
    return value


@pytest.fixture
def lex(aws):
    return fresh_client(aws)


@pytest.fixture
def real_intent_zip(shared_data) -> bytes:
    return (shared_data / "lexv1" / "GetBalanceCheck_NoLambda.zip").read_bytes()


def _bot_resource() -> dict:
    st = {"name": "Colours", "version": "3", "enumerationValues": [{"value": "red", "synonyms": ["crimson"]}],
          "valueSelectionStrategy": "ORIGINAL_VALUE"}
    intent = {"name": "PickColour", "version": "4", "sampleUtterances": ["I like {Colour}", "pick a colour"],
              "slots": [{"name": "Colour", "slotConstraint": "Required", "slotType": "Colours",
                         "slotTypeVersion": "3", "priority": 1,
                         "valueElicitationPrompt": {"messages": [{"contentType": "PlainText", "content": "Which?"}],
                                                    "maxAttempts": 2}}],
              "fulfillmentActivity": {"type": "ReturnIntent"}}
    other = {"name": "SayHello", "version": "1", "sampleUtterances": ["hello"],
             "fulfillmentActivity": {"type": "ReturnIntent"}}
    return {"name": "ColourBot", "version": "2", "locale": "en-US", "childDirected": False,
            "idleSessionTTLInSeconds": 300, "intents": [intent, other], "slotTypes": [st],
            "abortStatement": {"messages": [{"contentType": "PlainText", "content": "Sorry"}]}}


def test_real_intent_export_imports_and_round_trips(lex, real_intent_zip) -> None:
    done = import_payload(lex, real_intent_zip, "INTENT")
    assert done["importStatus"] == "COMPLETE", done.get("failureReason")
    assert done["name"] == "GetBalanceCheck"
    intent = lex.get_intent(name="GetBalanceCheck", version="$LATEST")
    assert intent["slots"][0]["slotType"] == "AccountType" and intent["slots"][0]["slotTypeVersion"] == "1"
    assert lex.get_slot_type(name="AccountType", version="1")["enumerationValues"][1]["value"] == "Current"
    version = lex.create_intent_version(name="GetBalanceCheck")["version"]
    ready = wait_export(lex, name="GetBalanceCheck", version=version, resourceType="INTENT", exportType="LEX")
    assert ready["exportStatus"] == "READY"
    _, exported = download_resource(ready["url"])
    with zipfile.ZipFile(__import__("io").BytesIO(real_intent_zip)) as archive:
        original = json.loads(archive.read(archive.namelist()[0]))
    assert exported["metadata"] == original["metadata"]
    assert _strip(exported["resource"]) == _strip(original["resource"])


def test_bot_round_trip_to_identical_definitions(aws) -> None:
    first, second = fresh_client(aws), fresh_client(aws)
    done = import_payload(first, envelope(_bot_resource()), "BOT", tags=[{"key": "team", "value": "x"}])
    assert done["importStatus"] == "COMPLETE", done.get("failureReason")
    assert first.get_bot(name="ColourBot", versionOrAlias="$LATEST")["intents"] == [
        {"intentName": "PickColour", "intentVersion": "1"}, {"intentName": "SayHello", "intentVersion": "1"}]
    first.create_bot_version(name="ColourBot")
    ready = wait_export(first, name="ColourBot", version="1", resourceType="BOT", exportType="LEX")
    name, exported = download_resource(ready["url"])
    assert name == "ColourBot_Export.json"
    assert _strip(exported["resource"]) == _strip(_bot_resource())
    again = import_payload(second, envelope(exported["resource"]), "BOT")
    assert again["importStatus"] == "COMPLETE"
    for client in (first, second):
        bot = client.get_bot(name="ColourBot", versionOrAlias="$LATEST")
        assert bot["locale"] == "en-US" and bot["abortStatement"]["messages"][0]["content"] == "Sorry"
    assert _strip(first.get_intent(name="PickColour", version="1")) == _strip(
        second.get_intent(name="PickColour", version="1"))


def test_alexa_skills_kit_export(lex) -> None:
    import_payload(lex, envelope(_bot_resource()), "BOT")
    lex.create_bot_version(name="ColourBot")
    ready = wait_export(lex, name="ColourBot", version="1", resourceType="BOT", exportType="ALEXA_SKILLS_KIT")
    name, model = download_resource(ready["url"])
    assert name == "ColourBot.json"
    language = model["interactionModel"]["languageModel"]
    assert language["invocationName"] == "colourbot"
    assert language["intents"][0] == {"name": "PickColour", "samples": ["I like {Colour}", "pick a colour"],
                                      "slots": [{"name": "Colour", "type": "Colours", "samples": []}]}
    assert {"name": "AMAZON.StopIntent", "samples": []} in language["intents"]
    assert language["types"] == [{"name": "Colours", "values": [{"name": {"value": "red", "synonyms": ["crimson"]}}]}]
    with pytest.raises(lex.exceptions.BadRequestException):
        lex.get_export(name="Colours", version="1", resourceType="SLOT_TYPE", exportType="ALEXA_SKILLS_KIT")


def test_export_of_missing_version_is_not_found(lex) -> None:
    with pytest.raises(lex.exceptions.NotFoundException):
        lex.get_export(name="Nope", version="1", resourceType="BOT", exportType="LEX")


def test_fail_on_conflict_names_the_conflict_and_keeps_what_was_written(lex) -> None:
    lex.put_intent(name="SayHello", sampleUtterances=["hi"], fulfillmentActivity={"type": "ReturnIntent"})
    failed = import_payload(lex, envelope(_bot_resource()), "BOT", "FAIL_ON_CONFLICT")
    assert failed["importStatus"] == "FAILED"
    assert failed["failureReason"] == [
        "The intent SayHello already exists: a conflict with mergeStrategy FAIL_ON_CONFLICT."]
    # no rollback: the slot type and the first intent imported before the conflict stay
    assert lex.get_slot_type(name="Colours", version="1")["name"] == "Colours"
    assert lex.get_intent(name="PickColour", version="$LATEST")["name"] == "PickColour"
    assert lex.get_intent(name="SayHello", version="$LATEST")["sampleUtterances"] == ["hi"]
    with pytest.raises(lex.exceptions.NotFoundException):
        lex.get_bot(name="ColourBot", versionOrAlias="$LATEST")


def test_overwrite_latest_replaces_latest(lex) -> None:
    lex.put_intent(name="SayHello", sampleUtterances=["hi"], fulfillmentActivity={"type": "ReturnIntent"})
    done = import_payload(lex, envelope(_bot_resource()), "BOT", "OVERWRITE_LATEST")
    assert done["importStatus"] == "COMPLETE"
    assert lex.get_intent(name="SayHello", version="$LATEST")["sampleUtterances"] == ["hello"]


def _json_zip(text: str) -> bytes:
    return zip_bytes({"bot.json": text.encode()})


BAD_PAYLOADS = {
    "not a zip": (b"plain text", "The payload is not a valid zip archive."),
    "two files": (zip_bytes({"a.json": b"{}", "b.json": b"{}"}),
                  "The zip archive must contain exactly one JSON file; it contains 2."),
    "zip slip": (zip_bytes({"../evil.json": b"{}"}), "The zip entry '../evil.json' has a path outside the archive."),
    "bomb": (zip_bytes({"bomb.json": b" " * (60 * 1024 * 1024)}),
             "The zip entry 'bomb.json' expands too much (62914560 bytes)."),
    "broken json": (_json_zip("{\"metadata\": "), "bot.json is not valid JSON: Expecting value at line 1 column 14."),
    "schema version": (_json_zip(json.dumps({"metadata": {**METADATA, "schemaVersion": "2.0"}, "resource": {}})),
                       "bot.json: metadata.schemaVersion is '2.0'; Lex V1 imports '1.0'."),
    "import type": (_json_zip(json.dumps({"metadata": {**METADATA, "importType": "ASK"}, "resource": {}})),
                    "bot.json: metadata.importType is 'ASK'; Lex V1 imports 'LEX'."),
    "wrong type": (envelope({"name": "Colours", "enumerationValues": [{"value": "a"}]}),
                   "The resource is a SLOT_TYPE, but resourceType is BOT."),
    "over limit": (envelope({"name": "Big", "locale": "en-US", "intents": [
        {"name": "Long", "sampleUtterances": ["x" * 201]}]}),
        "Intent Long: the utterance 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx' is longer than 200 characters."),
}


@pytest.mark.parametrize("case", list(BAD_PAYLOADS))
def test_bad_payloads_fail_precisely_and_write_nothing(lex, case: str) -> None:
    payload, reason = BAD_PAYLOADS[case]
    failed = import_payload(lex, payload, "BOT")
    assert failed["importStatus"] == "FAILED"
    assert failed["failureReason"] == [reason]
    assert lex.get_bots()["bots"] == [] and lex.get_intents()["intents"] == []
    assert lex.get_slot_types()["slotTypes"] == []
