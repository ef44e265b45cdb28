"""Golden tests of Lex V2's integrity rules: each rule, its error code and message."""

from __future__ import annotations

import pytest
from botocore.exceptions import ClientError

from tests.services.lexv2_models.resources.builders import flower_bot, new_bot, prompt, required, values


def _error(call, **kwargs) -> tuple[str, str]:  # type: ignore[no-untyped-def]
    with pytest.raises(ClientError) as info:
        call(**kwargs)
    return info.value.response["Error"]["Code"], info.value.response["Error"]["Message"]


def test_every_locale_has_the_fallback_intent(aws) -> None:
    client = aws("lexv2-models")
    ids = new_bot(client)
    fallback = client.describe_intent(**ids, intentId="FALLBCKINT")
    assert (fallback["intentName"], fallback["parentIntentSignature"]) == ("FallbackIntent", "AMAZON.FallbackIntent")
    code, message = _error(client.delete_intent, **ids, intentId="FALLBCKINT")
    assert code == "ValidationException"
    assert "cannot delete the fallback intent" in message
    code, _ = _error(client.create_intent, **ids, intentName="Other", parentIntentSignature="AMAZON.FallbackIntent")
    assert code == "ConflictException"
    client.update_intent(**ids, intentId="FALLBCKINT", intentName="FallbackIntent", description="changed")
    assert client.describe_intent(**ids, intentId="FALLBCKINT")["parentIntentSignature"] == "AMAZON.FallbackIntent"


def test_names_are_unique(aws) -> None:
    client = aws("lexv2-models")
    ids, res = flower_bot(client)
    code, message = _error(client.create_intent, **ids, intentName="OrderFlowers")
    assert code == "ConflictException"
    assert message.startswith(f"An intent with the name OrderFlowers already exists in locale en_US of bot "
                              f"{ids['botId']} version DRAFT")
    code, _ = _error(client.create_slot_type, **ids, slotTypeName="FlowerTypes", slotTypeValues=values("x"))
    assert code == "ConflictException"
    code, _ = _error(client.create_slot, **ids, intentId=res["intent"], slotName="FlowerType",
                     slotTypeId="AMAZON.Number", valueElicitationSetting=required())
    assert code == "ConflictException"
    code, _ = _error(client.create_bot_locale, **ids, nluIntentConfidenceThreshold=0.4)
    assert code == "ConflictException"
    other = client.create_intent(**ids, intentName="Other", sampleUtterances=[{"utterance": "other"}])
    code, _ = _error(client.update_intent, **ids, intentId=other["intentId"], intentName="OrderFlowers")
    assert code == "ConflictException"


def test_slot_type_in_use_cannot_be_deleted(aws) -> None:
    client = aws("lexv2-models")
    ids, res = flower_bot(client)
    code, message = _error(client.delete_slot_type, **ids, slotTypeId=res["slotType"])
    assert code == "PreconditionFailedException"
    assert message == (f"The slot type FlowerTypes ({res['slotType']}) is in use by slot FlowerType of intent "
                       "OrderFlowers. Remove it from them first, or set skipResourceInUseCheck to true.")
    client.delete_slot(**ids, intentId=res["intent"], slotId=res["slot"])
    assert client.describe_intent(**ids, intentId=res["intent"])["slotPriorities"] == []
    client.delete_slot_type(**ids, slotTypeId=res["slotType"])
    code, _ = _error(client.describe_slot_type, **ids, slotTypeId=res["slotType"])
    assert code == "ResourceNotFoundException"


def test_slot_references_and_built_ins(aws) -> None:
    client = aws("lexv2-models")
    ids, res = flower_bot(client)
    code, message = _error(client.create_slot, **ids, intentId=res["intent"], slotName="Missing",
                           slotTypeId="NOSUCHTYPE", valueElicitationSetting=required())
    # the CreateSlot model lists PreconditionFailedException (412), not ResourceNotFoundException
    assert code == "PreconditionFailedException"
    assert message.startswith("Failed to retrieve resource since it does not exist: "
                              "Could not find the slot type with ID NOSUCHTYPE")
    code, _ = _error(client.create_slot, **ids, intentId=res["intent"], slotName="Bad",
                     slotTypeId="AMAZON.NoSuchType", valueElicitationSetting=required())
    assert code == "PreconditionFailedException"
    slot = client.create_slot(**ids, intentId=res["intent"], slotName="When", slotTypeId="AMAZON.Date",
                              valueElicitationSetting=required("When?"))
    priorities = client.describe_intent(**ids, intentId=res["intent"])["slotPriorities"]
    assert priorities == [{"priority": 0, "slotId": res["slot"]}, {"priority": 1, "slotId": slot["slotId"]}]
    code, _ = _error(client.create_intent, **ids, intentName="Helper", parentIntentSignature="AMAZON.NoSuchIntent")
    assert code == "ValidationException"
    helper = client.create_intent(**ids, intentName="Helper", parentIntentSignature="AMAZON.HelpIntent")
    assert helper["parentIntentSignature"] == "AMAZON.HelpIntent"
    intents = client.list_built_in_intents(localeId="en_US")["builtInIntentSummaries"]
    assert {"AMAZON.FallbackIntent", "AMAZON.HelpIntent", "AMAZON.CancelIntent"} <= {
        i["intentSignature"] for i in intents}
    slot_types = client.list_built_in_slot_types(localeId="en_US", maxResults=20)
    assert slot_types["builtInSlotTypeSummaries"][0]["slotTypeSignature"] == "AMAZON.AlphaNumeric"
    code, _ = _error(client.list_built_in_slot_types, localeId="xx_XX")
    assert code == "ValidationException"


def test_slot_type_kinds(aws) -> None:
    client = aws("lexv2-models")
    ids = new_bot(client)
    code, _ = _error(client.create_slot_type, **ids, slotTypeName="Bad", parentSlotTypeSignature="AMAZON.Number")
    assert code == "ValidationException"
    code, _ = _error(client.create_slot_type, **ids, slotTypeName="Bad",
                     valueSelectionSetting={"resolutionStrategy": "OriginalValue", "regexFilter": {"pattern": "[0-9]"}})
    assert code == "ValidationException"
    extended = client.create_slot_type(**ids, slotTypeName="Code", parentSlotTypeSignature="AMAZON.AlphaNumeric",
                                       valueSelectionSetting={"resolutionStrategy": "OriginalValue",
                                                              "regexFilter": {"pattern": "[A-Z]{3}"}})
    grammar = client.create_slot_type(**ids, slotTypeName="Grammar", externalSourceSetting={
        "grammarSlotTypeSetting": {"source": {"s3BucketName": "bucket", "s3ObjectKey": "grammar.grxml"}}})
    color = client.create_slot_type(**ids, slotTypeName="Color", slotTypeValues=values("red"),
                                    valueSelectionSetting={"resolutionStrategy": "TopResolution"})
    composite = client.create_slot_type(**ids, slotTypeName="Car", compositeSlotTypeSetting={"subSlots": [
        {"name": "Color", "slotTypeId": color["slotTypeId"]}, {"name": "Year", "slotTypeId": "AMAZON.Number"}]})
    code, _ = _error(client.create_slot_type, **ids, slotTypeName="Bad2", compositeSlotTypeSetting={
        "subSlots": [{"name": "X", "slotTypeId": "NOSUCHTYPE"}]})
    assert code == "PreconditionFailedException"  # what the CreateSlotType model allows
    summaries = client.list_slot_types(**ids)["slotTypeSummaries"]
    assert {s["slotTypeName"]: s["slotTypeCategory"] for s in summaries} == {
        "Car": "Composite", "Code": "Extended", "Color": "Custom", "Grammar": "ExternalGrammar"}
    only_s3 = client.list_slot_types(**ids, filters=[{"name": "ExternalSourceType", "values": ["S3"],
                                                      "operator": "EQ"}])["slotTypeSummaries"]
    assert [s["slotTypeId"] for s in only_s3] == [grammar["slotTypeId"]]
    code, message = _error(client.delete_slot_type, **ids, slotTypeId=color["slotTypeId"])
    assert (code, "composite slot type Car" in message) == ("PreconditionFailedException", True)
    assert extended["parentSlotTypeSignature"] == "AMAZON.AlphaNumeric"
    assert client.describe_slot_type(**ids, slotTypeId=composite["slotTypeId"])["compositeSlotTypeSetting"][
        "subSlots"][1] == {"name": "Year", "slotTypeId": "AMAZON.Number"}


def test_versions_are_immutable(aws) -> None:
    client = aws("lexv2-models")
    ids, res = flower_bot(client)
    assert client.build_bot_locale(**ids)["botLocaleStatus"] == "Building"
    client.get_waiter("bot_locale_built").wait(**ids, WaiterConfig={"Delay": 1, "MaxAttempts": 10})
    version = client.create_bot_version(botId=ids["botId"],
                                        botVersionLocaleSpecification={"en_US": {"sourceBotVersion": "DRAFT"}})
    v1 = {**ids, "botVersion": version["botVersion"]}
    client.get_waiter("bot_version_available").wait(botId=ids["botId"], botVersion=version["botVersion"],
                                                    WaiterConfig={"Delay": 1, "MaxAttempts": 10})
    # the model only lets DRAFT reach Create*/Update*/Delete*/Build* (DraftBotVersion); reads see the version
    assert client.describe_slot_type(**v1, slotTypeId=res["slotType"])["slotTypeName"] == "FlowerTypes"
    assert client.describe_bot_locale(**v1)["botLocaleStatus"] == "Built"
    # a DRAFT change does not reach the version
    client.update_intent(**ids, intentId=res["intent"], intentName="OrderFlowers", description="changed",
                         sampleUtterances=[{"utterance": "order flowers"}])
    assert "description" not in client.describe_intent(**v1, intentId=res["intent"])
    assert client.describe_bot_locale(**ids)["botLocaleStatus"] == "NotBuilt"
    code, _ = _error(client.create_bot_version, botId=ids["botId"],
                     botVersionLocaleSpecification={"en_US": {"sourceBotVersion": "DRAFT"}})
    assert code == "PreconditionFailedException"
    versions = client.list_bot_versions(botId=ids["botId"])["botVersionSummaries"]
    assert [v["botVersion"] for v in versions] == ["DRAFT", "1"]
    assert client.list_bots(filters=[{"name": "BotName", "values": [client.describe_bot(botId=ids["botId"])[
        "botName"]], "operator": "EQ"}])["botSummaries"][0]["latestBotVersion"] == "1"
    assert client.delete_bot_version(botId=ids["botId"], botVersion="1")["botStatus"] == "Deleting"
    code, _ = _error(client.delete_bot_version, botId=ids["botId"], botVersion="DRAFT")
    assert code == "ValidationException"


def test_custom_vocabulary(aws) -> None:
    client = aws("lexv2-models")
    ids = new_bot(client)
    code, _ = _error(client.describe_custom_vocabulary_metadata, **ids)
    assert code == "ResourceNotFoundException"
    created = client.batch_create_custom_vocabulary_item(**ids, customVocabularyItemList=[
        {"phrase": "Dockyard", "weight": 3, "displayAs": "DOCKYARD"}, {"phrase": "lex"}, {"phrase": "LEX"}])
    assert [(r["phrase"], r.get("weight")) for r in created["resources"]] == [("Dockyard", 3), ("lex", None)]
    assert created["errors"] == [{"errorCode": "DUPLICATE_INPUT", "errorMessage": "The phrase 'LEX' is given twice."}]
    again = client.batch_create_custom_vocabulary_item(**ids, customVocabularyItemList=[{"phrase": "lex"}])
    assert again["errors"][0]["errorCode"] == "RESOURCE_ALREADY_EXISTS"
    first = created["resources"][0]["itemId"]
    updated = client.batch_update_custom_vocabulary_item(**ids, customVocabularyItemList=[
        {"itemId": first, "phrase": "Dockyard", "weight": 1}, {"itemId": "nosuchitem", "phrase": "x"}])
    assert updated["resources"] == [{"itemId": first, "phrase": "Dockyard", "weight": 1}]
    assert updated["errors"][0]["errorCode"] == "RESOURCE_DOES_NOT_EXIST"
    listed = client.list_custom_vocabulary_items(**ids)["customVocabularyItems"]
    assert [i["phrase"] for i in listed] == ["Dockyard", "lex"]
    assert client.describe_custom_vocabulary_metadata(**ids)["customVocabularyStatus"] == "Ready"
    deleted = client.batch_delete_custom_vocabulary_item(**ids, customVocabularyItemList=[{"itemId": first}])
    assert [r["itemId"] for r in deleted["resources"]] == [first]
    assert client.delete_custom_vocabulary(**ids)["customVocabularyStatus"] == "Deleting"
    assert client.list_custom_vocabulary_items(**ids)["customVocabularyItems"] == []
    code, _ = _error(client.describe_custom_vocabulary_metadata, **ids)
    assert code == "ResourceNotFoundException"


def test_locale_operations(aws) -> None:
    client = aws("lexv2-models")
    ids = new_bot(client)
    second = {**ids, "localeId": "it_IT"}
    created = client.create_bot_locale(**second, nluIntentConfidenceThreshold=0.5, description="italiano",
                                       voiceSettings={"voiceId": "Carla", "engine": "neural"})
    assert (created["botLocaleStatus"], created["localeName"]) == ("Creating", "Italian (Italy)")
    client.get_waiter("bot_locale_created").wait(**second, WaiterConfig={"Delay": 1, "MaxAttempts": 10})
    described = client.describe_bot_locale(**second)
    assert (described["botLocaleStatus"], described["intentsCount"], described["slotTypesCount"]) == (
        "NotBuilt", 1, 0)
    client.update_bot_locale(**second, nluIntentConfidenceThreshold=0.7)
    assert client.describe_bot_locale(**second)["nluIntentConfidenceThreshold"] == 0.7
    names = client.list_bot_locales(botId=ids["botId"], botVersion="DRAFT")["botLocaleSummaries"]
    assert [n["localeId"] for n in names] == ["en_US", "it_IT"]
    only = client.list_bot_locales(botId=ids["botId"], botVersion="DRAFT",
                                   filters=[{"name": "BotLocaleName", "values": ["ital"], "operator": "CO"}])
    assert [n["localeId"] for n in only["botLocaleSummaries"]] == ["it_IT"]
    code, _ = _error(client.create_bot_locale, **{**ids, "localeId": "xx_XX"}, nluIntentConfidenceThreshold=0.4)
    assert code == "ValidationException"
    assert client.delete_bot_locale(**second)["botLocaleStatus"] == "Deleting"
    for _ in range(100):
        try:
            client.describe_bot_locale(**second)
        except ClientError as exc:
            assert exc.response["Error"]["Code"] == "ResourceNotFoundException"
            break
    code, _ = _error(client.describe_intent, **second, intentId="FALLBCKINT")
    assert code == "ResourceNotFoundException"


def test_intent_and_slot_listing(aws) -> None:
    client = aws("lexv2-models")
    ids, res = flower_bot(client)
    for name in ("Zeta", "Alpha"):
        client.create_intent(**ids, intentName=name, sampleUtterances=[{"utterance": name.lower()}])
    names = [i["intentName"] for i in client.list_intents(**ids)["intentSummaries"]]
    assert names == ["Alpha", "FallbackIntent", "OrderFlowers", "Zeta"]
    filtered = client.list_intents(**ids, filters=[{"name": "IntentName", "values": ["Order"], "operator": "CO"}])
    assert [i["intentId"] for i in filtered["intentSummaries"]] == [res["intent"]]
    slots = client.list_slots(**ids, intentId=res["intent"])["slotSummaries"]
    assert slots == [{"slotId": res["slot"], "slotName": "FlowerType", "slotTypeId": res["slotType"],
                      "slotConstraint": "Required", "valueElicitationPromptSpecification": prompt("Which flowers?"),
                      "lastUpdatedDateTime": slots[0]["lastUpdatedDateTime"]}]
