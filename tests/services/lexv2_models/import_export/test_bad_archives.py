"""Bad archives fail the import with precise failureReasons and change nothing.

Each case imports with mergeStrategy Overwrite onto an existing bot of the same name, the strategy
that would change the most; the database's Lex V2 documents must be byte for byte what they were.
"""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest

from dockyard.services.lexv2_models.formats import zip_files
from tests.services.lexv2_models.formats.conftest import RawEntry, raw_zip
from tests.services.lexv2_models.import_export.archives import bot_files, locale_archive, small_bot_archive
from tests.services.lexv2_models.import_export.conftest import Lex
from tests.services.lexv2_models.import_export.helpers import MANIFEST, bot_spec, import_file, upload, wait_import

NAME = "Pizza"
SLOT = f"{NAME}/BotLocales/en_US/Intents/OrderPizza/Slots/PizzaSize/Slot.json"
INTENT = f"{NAME}/BotLocales/en_US/Intents/OrderPizza/Intent.json"


def _edit(path: str, **changes: object) -> bytes:
    files = bot_files(NAME)
    doc = json.loads(files[path])
    doc.update(changes)
    files[path] = json.dumps(doc).encode()
    return zip_files(files)


def _without(path: str) -> bytes:
    files = bot_files(NAME)
    del files[path]
    return zip_files(files)


def _replace(path: str, data: bytes) -> bytes:
    files = bot_files(NAME)
    files[path] = data
    return zip_files(files)


def _raw(*extra: RawEntry) -> bytes:
    entries = [RawEntry(name, data) for name, data in bot_files(NAME).items()]
    return raw_zip([*entries, *extra])


def _many_values(types: int, values: int, synonyms: int = 0) -> bytes:
    files = bot_files(NAME)
    for t in range(types):
        items: list[dict[str, object]] = [{"sampleValue": {"value": f"v{t}x{v}"}} for v in range(values)]
        for v, item in enumerate(items):
            if synonyms:
                item["synonyms"] = [{"value": f"s{t}x{v}y{n}"} for n in range(synonyms)]
        doc = {"name": f"T{t}", "slotTypeValues": items,
               "valueSelectionSetting": {"resolutionStrategy": "ORIGINAL_VALUE"}}
        files[f"{NAME}/BotLocales/en_US/SlotTypes/T{t}/SlotType.json"] = json.dumps(doc).encode()
    return zip_files(files)


def _big_zeros(size: int) -> bytes:
    files = bot_files(NAME)
    files["padding.bin"] = b"\0" * size
    return zip_files(files)


CASES: dict[str, tuple[Callable[[], bytes], list[str]]] = {
    "not a zip": (lambda: b"just some text, not a zip", ["the file is not a valid zip archive"]),
    "missing manifest": (lambda: _without("Manifest.json"), ["Manifest.json is missing from the archive root"]),
    "wrong resource type": (lambda: locale_archive(NAME),
                            ["Manifest.json: expected a Bot archive but the manifest declares BotLocale"]),
    "invalid JSON": (lambda: _replace(f"{NAME}/Bot.json", b'{"name": "Pizza",\n "dataPrivacy": }'),
                     [f"{NAME}/Bot.json: invalid JSON at line 2 column 17: Expecting value"]),
    "schema violation": (lambda: _edit(f"{NAME}/Bot.json", idleSessionTTLInSeconds="long"),
                         [f"{NAME}/Bot.json: field 'idleSessionTTLInSeconds' must be an integer"]),
    "missing slot type": (lambda: _edit(SLOT, slotTypeName="Colour"),
                          [f"{SLOT}: field 'slotTypeName' refers to slot type 'Colour', which is neither a "
                           "built-in AMAZON.* type nor a slot type of locale en_US"]),
    "quota": (lambda: _edit(INTENT, sampleUtterances=[{"utterance": f"u{i}"} for i in range(1501)]),
              ["Intent OrderPizza (locale en_US): Intent OrderPizza has 1501 sample utterances; the maximum is "
               "1500 sample utterances per intent."]),
    "quota (values per slot type)": (lambda: _many_values(1, 5_001, 1), [
        "Slot type T0 (locale en_US): Slot type T0 has 10002 values and synonyms; the maximum is 10000 per slot "
        "type."]),
    "quota (values per locale)": (lambda: _many_values(6, 9_000), [
        "Slot type T5 (locale en_US): The locale would have 54002 slot type values and synonyms; the maximum is "
        "50000 per locale."]),
    "path traversal": (lambda: _raw(RawEntry(f"{NAME}/../../evil.json", b"{}")),
                       [f"entry '{NAME}/../../evil.json' escapes the archive root (path traversal)"]),
    "absolute path": (lambda: _raw(RawEntry("/etc/passwd", b"x")), ["entry '/etc/passwd' has an absolute path"]),
    "symlink": (lambda: _raw(RawEntry("link", b"/etc/passwd", external_attr=0o120777 << 16)),
                ["entry 'link' is a symbolic link"]),
    "duplicate entry": (lambda: _raw(RawEntry(f"{NAME}/Bot.json", b"{}")),
                        [f"entry '{NAME}/Bot.json' appears more than once"]),
    "zip bomb (ratio)": (lambda: _big_zeros(3 * 1024 * 1024),
                         ["entry 'padding.bin' exceeds the compression ratio limit of 100:1 (possible zip bomb)"]),
    "zip bomb (size)": (lambda: _big_zeros(51 * 1024 * 1024),
                        [f"the archive declares {51 * 1024 * 1024 + len(b''.join(bot_files(NAME).values()))} "
                         "uncompressed bytes, more than the limit of 52428800"]),
}


@pytest.fixture
def existing(lex: Lex) -> Lex:
    """A bot named like the archives' bot, with one locale, intent, slot and slot type."""
    answer = import_file(lex.client, small_bot_archive(NAME, vocabulary=["pepperoni"]), bot_spec(NAME))
    assert answer["importStatus"] == "Completed", answer["failureReasons"]
    return lex


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_archive_fails_and_changes_nothing(existing: Lex, case: str) -> None:
    make, reasons = CASES[case]
    before = existing.resources()
    answer = import_file(existing.client, make(), bot_spec(NAME), merge="Overwrite")
    assert answer["importStatus"] == "Failed"
    assert answer["failureReasons"] == reasons
    assert "importedResourceId" not in answer
    assert existing.resources() == before


def test_password_problems(existing: Lex) -> None:
    data = small_bot_archive(NAME, password="right")
    before = existing.resources()
    wrong = import_file(existing.client, data, bot_spec(NAME), merge="Overwrite", password="wrong")
    assert wrong["failureReasons"] == ["the filePassword is wrong: the archive could not be decrypted"]
    missing = import_file(existing.client, data, bot_spec(NAME), merge="Overwrite")
    assert missing["failureReasons"] == ["the archive is password protected but no filePassword was given"]
    assert existing.resources() == before


def test_conflict_with_fail_on_conflict(existing: Lex) -> None:
    before = existing.resources()
    bot_id = existing.client.list_bots()["botSummaries"][0]["botId"]
    answer = import_file(existing.client, small_bot_archive(NAME), bot_spec(NAME))
    assert answer["importStatus"] == "Failed"
    assert answer["failureReasons"] == [f"A bot named {NAME} already exists (bot ID {bot_id}); with mergeStrategy "
                                        "FailOnConflict nothing was imported."]
    assert existing.resources() == before


def test_every_problem_is_reported_at_once(existing: Lex) -> None:
    files = bot_files(NAME)
    bot = json.loads(files[f"{NAME}/Bot.json"])
    bot["idleSessionTTLInSeconds"] = "long"
    files[f"{NAME}/Bot.json"] = json.dumps(bot).encode()
    slot = json.loads(files[SLOT])
    slot["slotTypeName"] = "Colour"
    files[SLOT] = json.dumps(slot).encode()
    answer = import_file(existing.client, zip_files(files), bot_spec(NAME), merge="Overwrite")
    assert len(answer["failureReasons"]) == 2
    assert answer["failureReasons"][0].startswith(f"{NAME}/Bot.json: field 'idleSessionTTLInSeconds'")
    assert answer["failureReasons"][1].startswith(f"{SLOT}: field 'slotTypeName'")


def test_apply_time_problems_in_several_resources_are_all_reported(existing: Lex) -> None:
    """Problems only the resource rules find (unsupported parent signature, quota) in two intents."""
    files = bot_files(NAME, intents=("OrderPizza", "Other"))
    for intent, changes in (("OrderPizza", {"sampleUtterances": [{"utterance": f"u{i}"} for i in range(1501)]}),
                            ("Other", {"parentIntentSignature": "AMAZON.NoSuchIntent"})):
        path = f"{NAME}/BotLocales/en_US/Intents/{intent}/Intent.json"
        doc = json.loads(files[path])
        doc.update(changes)
        files[path] = json.dumps(doc).encode()
    before = existing.resources()
    answer = import_file(existing.client, zip_files(files), bot_spec(NAME), merge="Overwrite")
    assert answer["importStatus"] == "Failed"
    assert [r.split(":")[0] for r in answer["failureReasons"]] == ["Intent OrderPizza (locale en_US)",
                                                                   "Intent Other (locale en_US)"]
    assert existing.resources() == before


def test_file_never_uploaded(lex: Lex) -> None:
    import_id = lex.client.create_upload_url()["importId"]
    lex.client.start_import(importId=import_id, resourceSpecification=bot_spec("Nothing"),
                            mergeStrategy="FailOnConflict")
    answer = wait_import(lex.client, import_id)
    assert answer["importStatus"] == "Failed"
    assert answer["failureReasons"] == [
        "The import file was not uploaded: PUT the .zip archive to the uploadUrl that CreateUploadUrl returned, "
        "then call StartImport."]
    assert lex.resources() == []


def test_zipcrypto_and_aes_archives_import(lex: Lex) -> None:
    entries = [RawEntry(n, d, zipcrypto_password="zc") for n, d in bot_files("Crypto").items()]
    answer = import_file(lex.client, raw_zip(entries), bot_spec("Crypto"), password="zc")
    assert answer["importStatus"] == "Completed", answer["failureReasons"]
    answer = import_file(lex.client, small_bot_archive("Aes", password="aes-pw"), bot_spec("Aes"), password="aes-pw")
    assert answer["importStatus"] == "Completed", answer["failureReasons"]


def test_manifest_spellings(lex: Lex) -> None:
    """The real export's ``Manifest.json``/``metaData``/``BOT`` and the documentation's
    ``manifest.json``/``metadata``/``Bot``."""
    files = bot_files("Docs")
    del files["Manifest.json"]
    files["manifest.json"] = b'{"metadata":{"schemaVersion":"1.0","fileFormat":"LexJson","resourceType":"Bot"}}'
    answer = import_file(lex.client, zip_files(files), bot_spec("Docs"))
    assert answer["importStatus"] == "Completed", answer["failureReasons"]
    files = bot_files("Real")
    files["Manifest.json"] = MANIFEST
    assert import_file(lex.client, zip_files(files), bot_spec("Real"))["importStatus"] == "Completed"


def test_upload_url_is_a_presigned_put_valid_five_minutes(lex: Lex) -> None:
    answer = lex.client.create_upload_url()
    assert len(answer["importId"]) == 10 and answer["importId"].isalnum()
    assert "X-Amz-Expires=300" in answer["uploadUrl"]
    assert upload(lex.client, b"x")
