"""Test-set discrepancy reports through boto3 in both front doors: a test set with known discrepancies
(intents the bot lacks, a slot an intent lacks) checked against a bot locale through its test alias;
the report's exact top errors and raw output."""

from __future__ import annotations

import json
from typing import Any

import pytest
from botocore.exceptions import ClientError

from tests.services.lexv2_models.front_doors import Door, eventually
from tests.services.lexv2_models.import_export.helpers import download, import_file, unique
from tests.services.lexv2_models.resources.airline import ROLE_ARN
from tests.services.lexv2_models.resources.builders import flower_bot

CSV = (b"Line #,Conversation #,Source,Input,Expected Output Intent,Expected Output Slot 1,Expected Output Slot 2\r\n"
       b"1,-,User,I want roses,OrderFlowers,FlowerType = roses,\r\n"
       b"2,-,User,roses for tomorrow,OrderFlowers,FlowerType = roses,PickupDate = tomorrow\r\n"
       b"3,-,User,cancel it,CancelOrder,,\r\n"
       b"4,c1,User,hello,Greeting,,\r\n"
       b"5,c1,Agent,Hi! What would you like?,,,\r\n"
       b"6,c1,User,cancel,CancelOrder,,\r\n"
       b"7,-,User,lilies on monday,OrderFlowers,PickupDate = monday,\r\n")

INTENT_ERRORS = [
    {"intentName": "CancelOrder",
     "errorMessage": "The test set expects the intent CancelOrder, which the bot locale does not have (2 turns: "
                     "record 3, 6)."},
    {"intentName": "Greeting",
     "errorMessage": "The test set expects the intent Greeting, which the bot locale does not have (1 turn: "
                     "record 4)."},
]
SLOT_ERRORS = [
    {"intentName": "OrderFlowers", "slotName": "PickupDate",
     "errorMessage": "The test set expects the slot PickupDate in the intent OrderFlowers, which the intent does "
                     "not have (2 turns: record 2, 7)."},
]


def _test_set(client: Any) -> str:
    spec = {"testSetImportResourceSpecification": {
        "testSetName": unique("flowers"), "roleArn": ROLE_ARN, "modality": "Text",
        "storageLocation": {"s3BucketName": "lex-test-set-store", "s3Path": "sets/"},
        "importInputLocation": {"s3BucketName": "lex-test-sets", "s3Path": "flowers.csv"}}}
    answer = import_file(client, CSV, spec)
    assert answer["importStatus"] == "Completed", answer["failureReasons"]
    return answer["importedResourceId"]


def test_a_report_lists_the_known_discrepancies(door: Door) -> None:
    client = door.client()
    ids, _ = flower_bot(client)
    test_set_id = _test_set(client)
    target = {"botAliasTarget": {"botId": ids["botId"], "botAliasId": "TSTALIASID", "localeId": "en_US"}}
    door.clock("manual", "test-set-discrepancy")
    created = client.create_test_set_discrepancy_report(testSetId=test_set_id, target=target)
    report_id = created["testSetDiscrepancyReportId"]
    assert (created["testSetId"], created["target"]) == (test_set_id, target)
    held = client.describe_test_set_discrepancy_report(testSetDiscrepancyReportId=report_id)
    assert held["testSetDiscrepancyReportStatus"] == "InProgress"
    assert "testSetDiscrepancyTopErrors" not in held and "testSetDiscrepancyRawOutputUrl" not in held
    door.advance(report_id)
    report = eventually(lambda: client.describe_test_set_discrepancy_report(testSetDiscrepancyReportId=report_id),
                        lambda r: r["testSetDiscrepancyReportStatus"] != "InProgress")
    assert report["testSetDiscrepancyReportStatus"] == door.job(report_id)["status"] == "Completed"
    assert report["failureReasons"] == []
    assert report["testSetDiscrepancyTopErrors"] == {"intentDiscrepancies": INTENT_ERRORS,
                                                     "slotDiscrepancies": SLOT_ERRORS}
    raw = json.loads(download(report["testSetDiscrepancyRawOutputUrl"]))
    assert (raw["testSetDiscrepancyReportId"], raw["testSetId"], raw["target"], raw["botVersion"]) == (
        report_id, test_set_id, target, "DRAFT")
    assert [(d["intentName"], d["recordNumbers"]) for d in raw["intentDiscrepancies"]] == [
        ("CancelOrder", [3, 6]), ("Greeting", [4])]
    assert [(d["intentName"], d["slotName"], d["recordNumbers"]) for d in raw["slotDiscrepancies"]] == [
        ("OrderFlowers", "PickupDate", [2, 7])]


def test_a_matching_bot_has_no_discrepancies_and_missing_things_are_not_found(door: Door) -> None:
    client = door.client()
    ids, resources = flower_bot(client)
    test_set_id = _test_set(client)
    for name in ("CancelOrder", "Greeting"):
        client.create_intent(**ids, intentName=name, sampleUtterances=[{"utterance": name.lower()}])
    type_id = resources["slotType"]
    client.create_slot(**ids, intentId=resources["intent"], slotName="PickupDate", slotTypeId=type_id,
                       valueElicitationSetting={"slotConstraint": "Optional"})
    target = {"botAliasTarget": {"botId": ids["botId"], "botAliasId": "TSTALIASID", "localeId": "en_US"}}
    report_id = client.create_test_set_discrepancy_report(testSetId=test_set_id, target=target)[
        "testSetDiscrepancyReportId"]
    report = eventually(lambda: client.describe_test_set_discrepancy_report(testSetDiscrepancyReportId=report_id),
                        lambda r: r["testSetDiscrepancyReportStatus"] != "InProgress")
    assert report["testSetDiscrepancyTopErrors"] == {"intentDiscrepancies": [], "slotDiscrepancies": []}

    for call in (
        lambda: client.create_test_set_discrepancy_report(testSetId="NOSUCHSET0", target=target),
        lambda: client.create_test_set_discrepancy_report(testSetId=test_set_id, target={"botAliasTarget": {
            **target["botAliasTarget"], "botAliasId": "NOSUCHALIA"}}),
        lambda: client.create_test_set_discrepancy_report(testSetId=test_set_id, target={"botAliasTarget": {
            **target["botAliasTarget"], "localeId": "fr_FR"}}),
        lambda: client.describe_test_set_discrepancy_report(testSetDiscrepancyReportId="NOSUCHREPO"),
    ):
        with pytest.raises(ClientError) as err:
            call()
        assert err.value.response["Error"]["Code"] == "ResourceNotFoundException"
