"""BuildBotLocale as a job: Building -> Built / Failed with golden failure reasons; NotBuilt after a
change; quotas."""

from __future__ import annotations

import boto3
import pytest
from botocore.exceptions import ClientError, WaiterError

import dockyard
from tests.services.lexv2_models.resources.airline import FAST_WAIT
from tests.services.lexv2_models.resources.builders import build, flower_bot, new_bot, prompt, required, values


def test_build_and_not_built_after_a_change(aws) -> None:
    client = aws("lexv2-models")
    ids, res = flower_bot(client)
    built = build(client, ids)
    assert (built["botLocaleStatus"], built["failureReasons"]) == ("Built", [])
    assert [e["event"] for e in built["botLocaleHistoryEvents"]] == ["Build submitted", "Built"]
    assert "lastBuildSubmittedDateTime" in built
    client.update_slot_type(**ids, slotTypeId=res["slotType"], slotTypeName="FlowerTypes",
                            slotTypeValues=values("rose", "lily", "tulip"),
                            valueSelectionSetting={"resolutionStrategy": "OriginalValue"})
    assert client.describe_bot_locale(**ids)["botLocaleStatus"] == "NotBuilt"


def test_build_failure_reasons(aws) -> None:
    client = aws("lexv2-models")
    ids, res = flower_bot(client)
    client.create_intent(**ids, intentName="Empty")
    client.update_intent(**ids, intentId=res["intent"], intentName="OrderFlowers",
                         sampleUtterances=[{"utterance": "I want {FlowerType} on {Day}"}],
                         slotPriorities=[{"priority": 0, "slotId": res["slot"]},
                                         {"priority": 1, "slotId": "GHOSTSLOT1"}])
    client.delete_slot_type(**ids, slotTypeId=res["slotType"], skipResourceInUseCheck=True)
    client.create_slot_type(**ids, slotTypeName="NoValues")
    failed = build(client, ids)
    assert failed["botLocaleStatus"] == "Failed"
    assert failed["failureReasons"] == [
        "Intent 'OrderFlowers': sample utterance 'I want {FlowerType} on {Day}' refers to slot 'Day', "
        "which is not defined in the intent.",
        "Intent 'OrderFlowers': slot priority 1 refers to slot ID GHOSTSLOT1, which does not exist in the intent.",
        f"Intent 'OrderFlowers': slot 'FlowerType' refers to slot type {res['slotType']}, which does not exist in "
        "the locale.",
        "Intent 'Empty': an intent must have at least one sample utterance.",
        "Slot type 'NoValues': a custom slot type must have at least one value.",
    ]
    with pytest.raises(WaiterError):
        client.get_waiter("bot_locale_built").wait(**ids, WaiterConfig=FAST_WAIT)


def test_only_the_fallback_intent_cannot_build(aws) -> None:
    client = aws("lexv2-models")
    ids = new_bot(client)
    failed = build(client, ids)
    assert failed["failureReasons"] == ["The bot locale must contain at least one intent besides the FallbackIntent."]


def test_required_slot_without_prompt_and_missing_priority(aws) -> None:
    client = aws("lexv2-models")
    ids, res = flower_bot(client)
    slot = client.create_slot(**ids, intentId=res["intent"], slotName="Quantity", slotTypeId="AMAZON.Number",
                              valueElicitationSetting={"slotConstraint": "Required"})
    client.update_intent(**ids, intentId=res["intent"], intentName="OrderFlowers",
                         sampleUtterances=[{"utterance": "order flowers"}],
                         slotPriorities=[{"priority": 0, "slotId": res["slot"]}])
    failed = build(client, ids)
    assert failed["failureReasons"] == [
        "Intent 'OrderFlowers': slot 'Quantity' has no entry in the intent's slot priorities.",
        "Intent 'OrderFlowers': slot 'Quantity' is required but has no prompt "
        "(valueElicitationSetting.promptSpecification).",
    ]
    assert slot["slotTypeId"] == "AMAZON.Number"


def test_building_status_with_manual_clock() -> None:
    with dockyard.mock(job_clock="manual") as mock:
        client = boto3.client("lexv2-models", region_name="us-east-1", aws_access_key_id="testing",
                              aws_secret_access_key="testing")
        jobs = mock.runtime.jobs
        for job in jobs.list(service="lexv2-models"):
            jobs.advance(job.id)
        bot_id = client.create_bot(botName="manual", roleArn="arn:aws:iam::123456789012:role/r",
                                   dataPrivacy={"childDirected": False}, idleSessionTTLInSeconds=300)["botId"]
        jobs.advance(jobs.list(kind="bot-create")[0].id)
        ids = {"botId": bot_id, "botVersion": "DRAFT", "localeId": "en_US"}
        client.create_bot_locale(**ids, nluIntentConfidenceThreshold=0.4)
        assert client.describe_bot_locale(**ids)["botLocaleStatus"] == "Creating"
        create_job = jobs.list(kind="locale-create")[0]
        jobs.advance(create_job.id)
        jobs.wait(create_job.id)
        assert client.describe_bot_locale(**ids)["botLocaleStatus"] == "NotBuilt"
        client.create_intent(**ids, intentName="Hello", sampleUtterances=[{"utterance": "hello"}])
        client.build_bot_locale(**ids)
        assert client.describe_bot_locale(**ids)["botLocaleStatus"] == "Building"
        with pytest.raises(ClientError) as info:
            client.create_intent(**ids, intentName="During")
        assert info.value.response["Error"]["Code"] == "PreconditionFailedException"
        with pytest.raises(ClientError) as info:
            client.build_bot_locale(**ids)
        assert info.value.response["Error"]["Code"] == "PreconditionFailedException"
        build_job = jobs.list(kind="locale-build")[0]
        assert build_job.status == "Building"
        jobs.advance(build_job.id)
        assert jobs.wait(build_job.id).status == "Built"
        assert client.describe_bot_locale(**ids)["botLocaleStatus"] == "Built"


def test_quotas(aws) -> None:
    client = aws("lexv2-models")
    ids, res = flower_bot(client)

    def code_and_message(call, **kwargs):  # type: ignore[no-untyped-def]
        with pytest.raises(ClientError) as info:
            call(**ids, **kwargs)
        return info.value.response["Error"]["Code"], info.value.response["Error"]["Message"]

    many = [{"utterance": f"utterance number {i}"} for i in range(1501)]
    assert code_and_message(client.create_intent, intentName="Many", sampleUtterances=many) == (
        "ServiceQuotaExceededException",
        "Intent Many has 1501 sample utterances; the maximum is 1500 sample utterances per intent.")
    code, _ = code_and_message(client.create_intent, intentName="Long", sampleUtterances=[{"utterance": "x" * 501}])
    assert code == "ValidationException"
    with_synonyms = [{"sampleValue": {"value": f"v{i}"}, "synonyms": [{"value": f"s{i}"}]} for i in range(5001)]
    code, message = code_and_message(client.create_slot_type, slotTypeName="Huge", slotTypeValues=with_synonyms)
    assert (code, message) == ("ServiceQuotaExceededException", "Slot type Huge has 10002 values and synonyms; "
                               "the maximum is 10000 per slot type.")
    setting = {**required(), "sampleUtterances": [{"utterance": f"it is {{Q}} {i}"} for i in range(11)]}
    code, _ = code_and_message(client.create_slot, intentId=res["intent"], slotName="Q", slotTypeId="AMAZON.Number",
                               valueElicitationSetting=setting)
    assert code == "ServiceQuotaExceededException"
    group = {"message": {"plainTextMessage": {"value": "a"}},
             "variations": [{"plainTextMessage": {"value": "b"}}, {"plainTextMessage": {"value": "c"}}]}
    groups = {"messageGroups": [group] * 5, "allowInterrupt": True}
    wait = {"waitingResponse": groups, "continueResponse": groups}
    setting = {"slotConstraint": "Required", "promptSpecification": {**prompt(), "messageGroups": [group] * 5},
               "waitAndContinueSpecification": wait}
    code, message = code_and_message(client.create_slot, intentId=res["intent"], slotName="Q",
                                     slotTypeId="AMAZON.Number", valueElicitationSetting=setting)
    assert (code, message) == ("ServiceQuotaExceededException",
                               "Slot Q has 45 prompts; the maximum is 30 prompts per slot.")
    for i in range(99):
        client.create_slot(**ids, intentId=res["intent"], slotName=f"S{i}", slotTypeId="AMAZON.Number",
                           valueElicitationSetting={"slotConstraint": "Optional"})
    code, _ = code_and_message(client.create_slot, intentId=res["intent"], slotName="S100",
                               slotTypeId="AMAZON.Number", valueElicitationSetting={"slotConstraint": "Optional"})
    assert code == "ServiceQuotaExceededException"


def test_locale_value_quota() -> None:
    with dockyard.mock():
        client = boto3.client("lexv2-models", region_name="us-east-1", aws_access_key_id="testing",
                              aws_secret_access_key="testing")
        ids = new_bot(client)
        for t in range(5):
            client.create_slot_type(**ids, slotTypeName=f"T{t}",
                                    slotTypeValues=values(*(f"v{i}" for i in range(10_000))))
        with pytest.raises(ClientError) as info:
            client.create_slot_type(**ids, slotTypeName="One", slotTypeValues=values("one"))
        assert info.value.response["Error"]["Message"] == (
            "The locale would have 50001 slot type values and synonyms; the maximum is 50000 per locale.")
