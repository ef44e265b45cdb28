"""Exports of every resource kind, formats, passwords, download URLs, ListExports, Update/Delete."""

from __future__ import annotations

import io
import json
import time
import zipfile
from typing import Any

import pytest
from botocore.exceptions import ClientError

from tests.services.lexv2_models.import_export.archives import small_bot_archive
from tests.services.lexv2_models.import_export.helpers import (
    bot_spec,
    build_and_version,
    download,
    export_file,
    import_file,
    new_bot_with_locale,
    unique,
    unzip,
    wait_export,
)
from tests.services.lexv2_models.resources.builders import fresh_account_client


def _bot(ids: dict[str, str], version: str = "DRAFT") -> dict[str, Any]:
    return {"botExportSpecification": {"botId": ids["botId"], "botVersion": version}}


def _locale(ids: dict[str, str]) -> dict[str, Any]:
    return {"botLocaleExportSpecification": dict(ids)}


def _vocabulary(ids: dict[str, str]) -> dict[str, Any]:
    return {"customVocabularyExportSpecification": dict(ids)}


def test_bot_locale_and_vocabulary_exports(aws) -> None:
    client = aws("lexv2-models")
    name = unique("Exp")
    answer = import_file(client, small_bot_archive(name, vocabulary=["pepperoni", "calzone"]), bot_spec(name))
    ids = {"botId": answer["importedResourceId"], "botVersion": "DRAFT", "localeId": "en_US"}

    described, files = export_file(client, _bot(ids))
    assert described["fileFormat"] == "LexJson"
    assert json.loads(files["Manifest.json"]) == {"metaData": {"schemaVersion": "1", "fileFormat": "LexJson",
                                                               "resourceType": "BOT"}}
    assert sorted(files) == sorted([
        "Manifest.json", f"{name}/Bot.json", f"{name}/BotLocales/en_US/BotLocale.json",
        f"{name}/BotLocales/en_US/Intents/FallbackIntent/Intent.json",
        f"{name}/BotLocales/en_US/Intents/OrderPizza/Intent.json",
        f"{name}/BotLocales/en_US/Intents/OrderPizza/Slots/PizzaSize/Slot.json",
        f"{name}/BotLocales/en_US/SlotTypes/Size/SlotType.json",
        f"{name}/BotLocales/en_US/CustomVocabulary/CustomVocabulary.json"])
    bot_json = json.loads(files[f"{name}/Bot.json"])
    assert (bot_json["identifier"], bot_json["version"], bot_json["name"]) == (ids["botId"], "DRAFT", name)
    intent = json.loads(files[f"{name}/BotLocales/en_US/Intents/OrderPizza/Intent.json"])
    assert intent["slotPriorities"] == [{"priority": 1, "slotName": "PizzaSize"}]
    slot = json.loads(files[f"{name}/BotLocales/en_US/Intents/OrderPizza/Slots/PizzaSize/Slot.json"])
    assert slot["slotTypeName"] == "Size"

    _, locale_files = export_file(client, _locale(ids))
    assert json.loads(locale_files["Manifest.json"])["metaData"]["resourceType"] == "BOTLOCALE"
    assert f"{name}/Bot.json" not in locale_files
    assert {k: v for k, v in files.items() if "/BotLocales/" in k} == {
        k: v for k, v in locale_files.items() if k != "Manifest.json"}

    _, vocabulary_files = export_file(client, _vocabulary(ids), "TSV")
    assert vocabulary_files == {"CustomVocabulary.tsv": b"phrase\tweight\tdisplayAs\npepperoni\t1\t\ncalzone\t1\t\n"}


def test_numbered_version_export(aws) -> None:
    client = aws("lexv2-models")
    ids = new_bot_with_locale(client)
    build_and_version(client, ids)
    _, files = export_file(client, _bot(ids, "1"))
    name = client.describe_bot(botId=ids["botId"])["botName"]
    assert json.loads(files[f"{name}/Bot.json"])["version"] == "1"
    assert f"{name}/BotLocales/en_US/Intents/OrderPizza/Intent.json" in files


@pytest.mark.parametrize(("spec", "wrong"), [("bot", "TSV"), ("locale", "CSV"), ("vocabulary", "LexJson"),
                                             ("test set", "LexJson")])
def test_mismatched_file_format_is_refused(aws, spec: str, wrong: str) -> None:
    client = aws("lexv2-models")
    ids = {"botId": "ABCDEFGHIJ", "botVersion": "DRAFT", "localeId": "en_US"}
    specs = {"bot": _bot(ids), "locale": _locale(ids), "vocabulary": _vocabulary(ids),
             "test set": {"testSetExportSpecification": {"testSetId": "ABCDEFGHIJ"}}}
    with pytest.raises(ClientError) as err:
        client.create_export(resourceSpecification=specs[spec], fileFormat=wrong)
    assert err.value.response["Error"]["Code"] == "ValidationException"
    assert f"The file format {wrong} is not supported" in err.value.response["Error"]["Message"]


def test_missing_resources_are_not_found(aws) -> None:
    client = aws("lexv2-models")
    ids = new_bot_with_locale(client)
    for spec, fmt in ((_bot({"botId": "NOSUCHBOT0"}), "LexJson"), (_bot(ids, "7"), "LexJson"),
                      (_locale({**ids, "localeId": "de_DE"}), "LexJson"), (_vocabulary(ids), "TSV")):
        with pytest.raises(ClientError) as err:
            client.create_export(resourceSpecification=spec, fileFormat=fmt)
        assert err.value.response["Error"]["Code"] == "ResourceNotFoundException"
    with pytest.raises(ClientError) as err:
        client.describe_export(exportId="NOSUCHEXP0")
    assert err.value.response["Error"]["Code"] == "ResourceNotFoundException"


def test_passwords_update_and_delete(aws) -> None:
    client = aws("lexv2-models")
    ids = new_bot_with_locale(client)
    described, files = export_file(client, _bot(ids), password="s3cret")
    export_id = described["exportId"]
    data = download(described["downloadUrl"])
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert all(info.flag_bits & 1 for info in archive.infolist())  # every entry encrypted
        with pytest.raises(RuntimeError):
            archive.read("Manifest.json")
    assert unzip(data, "s3cret") == files

    updated = client.update_export(exportId=export_id, filePassword="other")
    assert updated["exportStatus"] == "Completed"
    fresh = client.describe_export(exportId=export_id)["downloadUrl"]
    assert unzip(download(fresh), "other") == files
    client.update_export(exportId=export_id)  # no password: an unprotected zip
    with zipfile.ZipFile(io.BytesIO(download(client.describe_export(exportId=export_id)["downloadUrl"]))) as z:
        assert not any(info.flag_bits & 1 for info in z.infolist())

    assert client.delete_export(exportId=export_id)["exportStatus"] == "Deleting"
    with pytest.raises(ClientError) as err:
        client.describe_export(exportId=export_id)
    assert err.value.response["Error"]["Code"] == "ResourceNotFoundException"


def test_download_url_is_reissued_on_every_describe(aws) -> None:
    client = aws("lexv2-models")
    ids = new_bot_with_locale(client)
    first, _ = export_file(client, _bot(ids))
    assert "X-Amz-Expires=300" in first["downloadUrl"]
    time.sleep(1.1)
    second = client.describe_export(exportId=first["exportId"])["downloadUrl"]
    assert second != first["downloadUrl"]
    assert download(second) == download(first["downloadUrl"])


def test_list_exports_filters_sorting_pagination(aws) -> None:
    client = fresh_account_client(aws)
    ids = new_bot_with_locale(client)
    other = new_bot_with_locale(client)
    made = []
    for spec in (_bot(ids), _locale(ids), _bot(other)):
        made.append(client.create_export(resourceSpecification=spec, fileFormat="LexJson")["exportId"])
        wait_export(client, made[-1])
        time.sleep(0.01)
    listed = client.list_exports()["exportSummaries"]
    assert [e["exportId"] for e in listed] == made[::-1]  # newest first by default
    ascending = client.list_exports(sortBy={"attribute": "LastUpdatedDateTime", "order": "Ascending"})
    assert [e["exportId"] for e in ascending["exportSummaries"]] == made
    page = client.list_exports(maxResults=2)
    assert len(page["exportSummaries"]) == 2 and page["nextToken"]
    rest = client.list_exports(maxResults=2, nextToken=page["nextToken"])
    assert [e["exportId"] for e in rest["exportSummaries"]] == [made[0]] and "nextToken" not in rest
    bots = client.list_exports(filters=[{"name": "ExportResourceType", "values": ["Bot"], "operator": "EQ"}])
    assert [e["exportId"] for e in bots["exportSummaries"]] == [made[2], made[0]]
    locales = client.list_exports(filters=[{"name": "ExportResourceType", "values": ["locale"], "operator": "CO"}])
    assert [e["exportId"] for e in locales["exportSummaries"]] == [made[1]]
    by_bot = client.list_exports(botId=ids["botId"])
    assert [e["exportId"] for e in by_bot["exportSummaries"]] == [made[1], made[0]]
    assert by_bot["botId"] == ids["botId"]
    summary = listed[0]
    assert set(summary) == {"exportId", "resourceSpecification", "fileFormat", "exportStatus", "creationDateTime",
                            "lastUpdatedDateTime"}
