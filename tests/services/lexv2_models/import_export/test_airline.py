"""The airline sample bot as a user imports it (CreateUploadUrl -> HTTP PUT -> StartImport -> waiter),
read back resource by resource, and exported again: the archive equals the input, ids aside."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from dockyard.services.lexv2_models.formats import LexArchive, to_api_fields
from tests.services.lexv2_models.import_export.helpers import (
    FAST_WAIT,
    bot_spec,
    download,
    unique,
    unzip,
    upload,
    zip_dir,
)
from tests.services.lexv2_models.resources.airline import ROLE_ARN, read_export, strip_nulls, without_metadata

ID_FILES = ("Bot.json", "Intent.json", "Slot.json", "SlotType.json")


@pytest.fixture(scope="module")
def airline_dir(shared_data: Path) -> Path:
    return shared_data / "lexv2" / "sample_airline_bot"


@pytest.fixture(scope="module")
def airline(airline_dir: Path) -> LexArchive:
    return read_export(airline_dir)


def _expected(obj: Any, *drop: str) -> dict[str, Any]:
    return {k: v for k, v in strip_nulls(to_api_fields(obj)).items() if k not in drop}


def _check_read_back(client: Any, bot_id: str, archive: LexArchive) -> None:
    for locale_id, locale in archive.locales.items():
        ids = {"botId": bot_id, "botVersion": "DRAFT", "localeId": locale_id}
        described = client.describe_bot_locale(**ids)
        assert described["botLocaleStatus"] == "NotBuilt"
        expected_locale = _expected(locale, "botVersion", "localeId")
        assert without_metadata(described, keep=set(expected_locale)) == expected_locale
        assert described["intentsCount"] == len(locale.intents)
        assert described["slotTypesCount"] == len(locale.slot_types)
        types = {t["slotTypeName"]: t["slotTypeId"]
                 for t in client.list_slot_types(**ids, maxResults=100)["slotTypeSummaries"]}
        assert sorted(types) == sorted(locale.slot_types)
        type_names = {v: k for k, v in types.items()}
        for name, slot_type in locale.slot_types.items():
            answer = client.describe_slot_type(**ids, slotTypeId=types[name])
            assert without_metadata(answer, "slotTypeId") == _expected(slot_type, "slotTypeId")
        listed = {i["intentName"]: i["intentId"]
                  for i in client.list_intents(**ids, maxResults=100)["intentSummaries"]}
        assert sorted(listed) == sorted(locale.intents)
        for name, intent in locale.intents.items():
            answer = client.describe_intent(**ids, intentId=listed[name])
            slots = {s["slotName"]: s["slotId"] for s in
                     client.list_slots(**ids, intentId=listed[name], maxResults=100)["slotSummaries"]}
            assert sorted(slots) == sorted(intent.slots)
            slot_names = {v: k for k, v in slots.items()}
            got = without_metadata(answer, "intentId")
            got["slotPriorities"] = [{"priority": p["priority"], "slotId": slot_names[p["slotId"]]}
                                     for p in got.get("slotPriorities", [])]
            expected = _expected(intent, "intentId")
            expected.setdefault("slotPriorities", [])
            assert got == expected
            for slot_name, slot in intent.slots.items():
                answer = client.describe_slot(**ids, intentId=listed[name], slotId=slots[slot_name])
                got = without_metadata(answer, "slotId", "intentId")
                if not got["slotTypeId"].startswith("AMAZON."):
                    got["slotTypeId"] = type_names[got["slotTypeId"]]
                assert got == _expected(slot, "slotId")


def _comparable(files: dict[str, bytes], bot_folder: str) -> dict[str, Any]:
    """Entry path (bot folder renamed) -> parsed JSON, without the exporting account's ids and the
    bot's name."""
    out: dict[str, Any] = {}
    for path, data in files.items():
        doc = json.loads(data)
        if path.endswith(ID_FILES):
            doc.pop("identifier", None)
        if path.endswith("/Bot.json"):
            doc.pop("name")
        parts = path.split("/")
        if len(parts) > 1 and parts[0] == bot_folder:
            parts[0] = "<bot>"
        out["/".join(parts)] = doc
    return out


def test_airline_import_read_back_and_export_again(aws, airline_dir: Path, airline: LexArchive) -> None:
    client = aws("lexv2-models")
    name = unique("Airline")
    data = zip_dir(airline_dir)

    import_id = upload(client, data)
    started = client.start_import(importId=import_id, resourceSpecification=bot_spec(name, botTags={"team": "air"}),
                                  mergeStrategy="FailOnConflict")
    assert started["importStatus"] == "InProgress"
    assert started["mergeStrategy"] == "FailOnConflict"
    client.get_waiter("bot_import_completed").wait(importId=import_id, WaiterConfig=FAST_WAIT)
    described = client.describe_import(importId=import_id)
    assert described["importStatus"] == "Completed"
    assert described["failureReasons"] == []
    assert described["importedResourceName"] == name
    bot_id = described["importedResourceId"]

    bot = client.describe_bot(botId=bot_id)
    assert bot["botName"] == name
    assert bot["botStatus"] == "Available"
    assert bot["roleArn"] == ROLE_ARN
    assert bot["dataPrivacy"] == {"childDirected": False}
    assert bot["idleSessionTTLInSeconds"] == 86400  # from Bot.json: the spec gave none
    arn = f"arn:aws:lex:us-east-1:123456789012:bot/{bot_id}"
    assert client.list_tags_for_resource(resourceARN=arn)["tags"] == {"team": "air"}
    _check_read_back(client, bot_id, airline)

    created = client.create_export(resourceSpecification={"botExportSpecification": {"botId": bot_id,
                                                                                     "botVersion": "DRAFT"}},
                                   fileFormat="LexJson")
    client.get_waiter("bot_export_completed").wait(exportId=created["exportId"], WaiterConfig=FAST_WAIT)
    exported = client.describe_export(exportId=created["exportId"])
    assert exported["exportStatus"] == "Completed"
    out = unzip(download(exported["downloadUrl"]))
    original = unzip(data)
    assert sorted(_comparable(out, name)) == sorted(_comparable(original, "LexBot"))
    assert _comparable(out, name) == _comparable(original, "LexBot")
    assert out["Manifest.json"] == original["Manifest.json"].strip()
    client.delete_bot(botId=bot_id)
