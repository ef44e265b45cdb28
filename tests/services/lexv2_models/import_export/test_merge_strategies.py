"""Golden tests: each resource kind under each merge strategy, through both front doors."""

from __future__ import annotations

from typing import Any

import pytest
from botocore.exceptions import ClientError

from tests.services.lexv2_models.import_export.archives import locale_archive, small_bot_archive, vocabulary_archive
from tests.services.lexv2_models.import_export.helpers import bot_spec, import_file, new_bot_with_locale, unique, upload
from tests.services.lexv2_models.resources.airline import ROLE_ARN


def _intents(client: Any, ids: dict[str, str]) -> list[str]:
    return sorted(i["intentName"] for i in client.list_intents(**ids, maxResults=100)["intentSummaries"])


def _vocabulary(client: Any, ids: dict[str, str]) -> dict[str, int | None]:
    items = client.list_custom_vocabulary_items(**ids, maxResults=100)["customVocabularyItems"]
    return {i["phrase"]: i.get("weight") for i in items}


# -- Bot ---------------------------------------------------------------------------------------------
def test_bot_overwrite_replaces_the_draft_and_keeps_the_id(aws) -> None:
    client = aws("lexv2-models")
    ids = new_bot_with_locale(client)
    name = client.describe_bot(botId=ids["botId"])["botName"]
    archive = small_bot_archive(name, "en_GB", intents=("BookTable",))
    answer = import_file(client, archive, bot_spec(name, idleSessionTTLInSeconds=600, botTags={"v": "2"}),
                         merge="Overwrite")
    assert answer["importStatus"] == "Completed", answer["failureReasons"]
    assert answer["importedResourceId"] == ids["botId"]
    assert answer["importedResourceName"] == name
    bot = client.describe_bot(botId=ids["botId"])
    assert bot["idleSessionTTLInSeconds"] == 600
    assert bot["botStatus"] == "Available"
    locales = client.list_bot_locales(botId=ids["botId"], botVersion="DRAFT")["botLocaleSummaries"]
    assert [loc["localeId"] for loc in locales] == ["en_GB"]
    gb = {**ids, "localeId": "en_GB"}
    assert _intents(client, gb) == ["BookTable", "FallbackIntent"]


def test_bot_import_creates_with_name_role_and_tags(aws) -> None:
    client = aws("lexv2-models")
    name = unique("New")
    answer = import_file(client, small_bot_archive("Whatever"), bot_spec(name, testBotAliasTags={"a": "b"}))
    assert answer["importStatus"] == "Completed", answer["failureReasons"]
    bot = client.describe_bot(botId=answer["importedResourceId"])
    assert (bot["botName"], bot["roleArn"], bot["idleSessionTTLInSeconds"]) == (name, ROLE_ARN, 300)
    arn = f"arn:aws:lex:us-east-1:123456789012:bot-alias/{bot['botId']}/TSTALIASID"
    assert client.list_tags_for_resource(resourceARN=arn)["tags"] == {"a": "b"}


@pytest.mark.parametrize("spec_kind", ["bot", "locale"])
def test_append_is_refused_for_bots_and_locales(aws, spec_kind: str) -> None:
    client = aws("lexv2-models")
    import_id = upload(client, small_bot_archive("X"))
    spec = bot_spec("X") if spec_kind == "bot" else {
        "botLocaleImportSpecification": {"botId": "ABCDEFGHIJ", "botVersion": "DRAFT", "localeId": "en_US"}}
    with pytest.raises(ClientError) as err:
        client.start_import(importId=import_id, resourceSpecification=spec, mergeStrategy="Append")
    assert err.value.response["Error"]["Code"] == "ValidationException"
    assert "Append is only supported" in err.value.response["Error"]["Message"]


# -- BotLocale ---------------------------------------------------------------------------------------
def _locale_spec(ids: dict[str, str], locale_id: str, **extra: Any) -> dict[str, Any]:
    return {"botLocaleImportSpecification": {"botId": ids["botId"], "botVersion": "DRAFT", "localeId": locale_id,
                                             **extra}}


def test_locale_import_new_conflict_and_overwrite(aws) -> None:
    client = aws("lexv2-models")
    ids = new_bot_with_locale(client)
    bot_name = client.describe_bot(botId=ids["botId"])["botName"]

    new = import_file(client, locale_archive(locale_id="en_GB"), _locale_spec(ids, "en_GB"))
    assert new["importStatus"] == "Completed", new["failureReasons"]
    assert (new["importedResourceId"], new["importedResourceName"]) == (ids["botId"], bot_name)
    gb = {**ids, "localeId": "en_GB"}
    assert client.describe_bot_locale(**gb)["botLocaleStatus"] == "NotBuilt"

    archive = locale_archive(intents=("Alpha", "Beta"))
    clash = import_file(client, archive, _locale_spec(ids, "en_US"))
    assert clash["importStatus"] == "Failed"
    assert clash["failureReasons"] == [f"The bot locale en_US already exists in bot {ids['botId']} version DRAFT; "
                                       "with mergeStrategy FailOnConflict nothing was imported."]
    assert _intents(client, ids) == ["FallbackIntent", "OrderPizza"]

    done = import_file(client, archive, _locale_spec(ids, "en_US", nluIntentConfidenceThreshold=0.7),
                       merge="Overwrite")
    assert done["importStatus"] == "Completed", done["failureReasons"]
    assert _intents(client, ids) == ["Alpha", "Beta", "FallbackIntent"]
    assert client.describe_bot_locale(**ids)["nluIntentConfidenceThreshold"] == 0.7


def test_locale_import_into_missing_bot_is_refused(aws) -> None:
    client = aws("lexv2-models")
    import_id = upload(client, locale_archive())
    with pytest.raises(ClientError) as err:
        client.start_import(importId=import_id, resourceSpecification=_locale_spec({"botId": "NOSUCHBOT0"}, "en_US"),
                            mergeStrategy="FailOnConflict")
    assert err.value.response["Error"]["Code"] == "ResourceNotFoundException"


# -- CustomVocabulary --------------------------------------------------------------------------------
def _vocabulary_spec(ids: dict[str, str]) -> dict[str, Any]:
    return {"customVocabularyImportSpecification": dict(ids)}


def test_vocabulary_strategies(aws) -> None:
    client = aws("lexv2-models")
    ids = new_bot_with_locale(client)
    first = import_file(client, vocabulary_archive([("pepperoni", 1), ("calzone", None)]), _vocabulary_spec(ids))
    assert first["importStatus"] == "Completed", first["failureReasons"]
    assert _vocabulary(client, ids) == {"pepperoni": 1, "calzone": None}

    clash = import_file(client, vocabulary_archive([("Pepperoni", 3), ("CALZONE", 2), ("olive", 1)]),
                        _vocabulary_spec(ids))
    assert clash["importStatus"] == "Failed"
    where = f"the custom vocabulary of locale en_US of bot {ids['botId']}"
    assert clash["failureReasons"] == [
        f"The phrase 'Pepperoni' already exists in {where}; with mergeStrategy FailOnConflict nothing was imported.",
        f"The phrase 'CALZONE' already exists in {where}; with mergeStrategy FailOnConflict nothing was imported."]
    assert _vocabulary(client, ids) == {"pepperoni": 1, "calzone": None}

    appended = import_file(client, vocabulary_archive([("pepperoni", 3), ("olive", 1)]), _vocabulary_spec(ids),
                           merge="Append")
    assert appended["importStatus"] == "Completed", appended["failureReasons"]
    assert _vocabulary(client, ids) == {"pepperoni": 3, "calzone": None, "olive": 1}

    replaced = import_file(client, vocabulary_archive([("funghi", 2)]), _vocabulary_spec(ids), merge="Overwrite")
    assert replaced["importStatus"] == "Completed", replaced["failureReasons"]
    assert _vocabulary(client, ids) == {"funghi": 2}
    assert client.describe_bot_locale(**ids)["botLocaleStatus"] == "NotBuilt"
