"""Test sets: imported from a CSV (uploaded, or at importInputLocation), read through the test-set
operations, merged, exported as CSV."""

from __future__ import annotations

from typing import Any

import pytest
from botocore.exceptions import ClientError

from dockyard.services.lexv2_models.formats import read_test_set_csv, zip_files
from tests.services.lexv2_models.import_export.helpers import export_file, import_file, unique, wait_import, zip_entries
from tests.services.lexv2_models.resources.airline import ROLE_ARN

CSV = (b"Line #,Conversation #,Source,Input,Expected Output Intent,Expected Output Slot 1\r\n"
       b"1,-,User,I want a large pizza,OrderPizza,PizzaSize = large\r\n"
       b"2,c1,User,hello,Greeting,\r\n"
       b"3,c1,Agent,How can I help?,,\r\n"
       b"4,c1,User,a small one please,OrderPizza,PizzaSize = small\r\n")
MORE = b"Line #,Conversation #,Source,Input,Expected Output Intent\r\n1,-,User,bye,Goodbye\r\n"


def _spec(name: str, bucket: str = "lex-test-sets", path: str = "input/set.csv") -> dict[str, Any]:
    return {"testSetImportResourceSpecification": {
        "testSetName": name, "description": "pizza tests", "roleArn": ROLE_ARN,
        "storageLocation": {"s3BucketName": "lex-test-set-store", "s3Path": "sets/"},
        "importInputLocation": {"s3BucketName": bucket, "s3Path": path}, "modality": "Text"}}


def test_test_set_import_read_update_export_delete(aws) -> None:
    client = aws("lexv2-models")
    name = unique("tests")
    answer = import_file(client, CSV, _spec(name))
    assert answer["importStatus"] == "Completed", answer["failureReasons"]
    test_set_id = answer["importedResourceId"]
    assert answer["importedResourceName"] == name

    described = client.describe_test_set(testSetId=test_set_id)
    assert (described["testSetName"], described["status"], described["numTurns"], described["modality"]) == (
        name, "Ready", 4, "Text")
    assert described["storageLocation"] == {"s3BucketName": "lex-test-set-store", "s3Path": "sets/"}
    assert described["roleArn"] == ROLE_ARN

    records = client.list_test_set_records(testSetId=test_set_id, maxResults=3)
    assert len(records["testSetRecords"]) == 3 and records["nextToken"]
    rest = client.list_test_set_records(testSetId=test_set_id, nextToken=records["nextToken"])["testSetRecords"]
    first, second, agent, last = [*records["testSetRecords"], *rest]
    assert first == {"recordNumber": 1, "turnSpecification": {"userTurn": {
        "input": {"utteranceInput": {"textInput": "I want a large pizza"}},
        "expected": {"intent": {"name": "OrderPizza", "slots": {"PizzaSize": {"value": "large"}}}}}}}
    assert (second["conversationId"], second["turnNumber"]) == ("c1", 1)
    assert agent["turnSpecification"] == {"agentTurn": {"agentPrompt": "How can I help?"}}
    assert (last["recordNumber"], last["turnNumber"]) == (4, 3)

    listed = client.list_test_sets(maxResults=100)["testSets"]
    assert test_set_id in [t["testSetId"] for t in listed]

    renamed = client.update_test_set(testSetId=test_set_id, testSetName=name + "b", description="renamed")
    assert (renamed["testSetName"], renamed["description"]) == (name + "b", "renamed")

    _, files = export_file(client, {"testSetExportSpecification": {"testSetId": test_set_id}}, "CSV")
    assert list(files) == [f"{name}b.csv"]
    assert read_test_set_csv(files[f"{name}b.csv"]) == read_test_set_csv(CSV)

    client.delete_test_set(testSetId=test_set_id)
    with pytest.raises(ClientError) as err:
        client.describe_test_set(testSetId=test_set_id)
    assert err.value.response["Error"]["Code"] == "ResourceNotFoundException"


def test_test_set_from_import_input_location(aws) -> None:
    client = aws("lexv2-models")
    s3 = aws("s3")
    bucket = unique("lex-input-")
    s3.create_bucket(Bucket=bucket)
    s3.put_object(Bucket=bucket, Key="sets/pizza.csv", Body=CSV)
    import_id = client.create_upload_url()["importId"]  # nothing PUT: the CSV comes from S3
    client.start_import(importId=import_id, resourceSpecification=_spec(unique("s3"), bucket, "sets/pizza.csv"),
                        mergeStrategy="FailOnConflict")
    answer = wait_import(client, import_id)
    assert answer["importStatus"] == "Completed", answer["failureReasons"]
    assert client.describe_test_set(testSetId=answer["importedResourceId"])["numTurns"] == 4

    missing = client.create_upload_url()["importId"]
    client.start_import(importId=missing, resourceSpecification=_spec(unique("s3"), bucket, "sets/none.csv"),
                        mergeStrategy="FailOnConflict")
    assert wait_import(client, missing)["failureReasons"] == [
        f"Could not read the test set file s3://{bucket}/sets/none.csv: the object does not exist."]


def test_test_set_merge_strategies_zip_and_password(aws) -> None:
    client = aws("lexv2-models")
    name = unique("merge")
    first = import_file(client, CSV, _spec(name))
    test_set_id = first["importedResourceId"]

    clash = import_file(client, MORE, _spec(name))
    assert clash["failureReasons"] == [f"A test set named {name} already exists (test set ID {test_set_id}); "
                                       "with mergeStrategy FailOnConflict nothing was imported."]
    appended = import_file(client, zip_entries({"more.csv": MORE}), _spec(name), merge="Append")
    assert appended["importedResourceId"] == test_set_id
    assert client.describe_test_set(testSetId=test_set_id)["numTurns"] == 5

    replaced = import_file(client, zip_files({"more.csv": MORE}, password="pw"), _spec(name), merge="Overwrite",
                           password="pw")
    assert replaced["importStatus"] == "Completed", replaced["failureReasons"]
    assert client.describe_test_set(testSetId=test_set_id)["numTurns"] == 1


def test_bad_test_set_csv(aws) -> None:
    client = aws("lexv2-models")
    answer = import_file(client, b"Line #,Source,Input\r\n1,Robot,hi\r\n", _spec(unique("bad")))
    assert answer["importStatus"] == "Failed"
    assert answer["failureReasons"] == ["test-set.csv: line 2: column 'Source' must be User or Agent (got 'Robot')"]
    audio = import_file(client, CSV, {"testSetImportResourceSpecification": {
        **_spec(unique("audio"))["testSetImportResourceSpecification"], "modality": "Audio"}})
    assert audio["failureReasons"] == ["test-set.csv: the file holds a Text test set but the import's modality is "
                                       "Audio"]


def test_test_set_not_found(aws) -> None:
    client = aws("lexv2-models")
    for call in (lambda: client.describe_test_set(testSetId="NOSUCHSET0"),
                 lambda: client.list_test_set_records(testSetId="NOSUCHSET0"),
                 lambda: client.create_export(resourceSpecification={"testSetExportSpecification": {
                     "testSetId": "NOSUCHSET0"}}, fileFormat="CSV")):
        with pytest.raises(ClientError) as err:
            call()
        assert err.value.response["Error"]["Code"] == "ResourceNotFoundException"
