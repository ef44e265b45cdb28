"""The import API around the job: StartImport's own refusals, ListImports, DeleteImport, statuses
under the manual clock, 7-day history."""

from __future__ import annotations

import time

import pytest
from botocore.exceptions import ClientError

from dockyard.services.lexv2_models.resources import exports, imports
from tests.services.lexv2_models.import_export.archives import small_bot_archive, vocabulary_archive
from tests.services.lexv2_models.import_export.conftest import Lex
from tests.services.lexv2_models.import_export.helpers import (
    FAST_WAIT,
    bot_spec,
    import_file,
    new_bot_with_locale,
    unique,
    upload,
    wait_import,
)
from tests.services.lexv2_models.resources.builders import fresh_account_client


def _code(err: pytest.ExceptionInfo[ClientError]) -> str:
    return err.value.response["Error"]["Code"]


def test_start_import_refusals(aws) -> None:
    client = aws("lexv2-models")
    with pytest.raises(ClientError) as err:
        client.start_import(importId="NOSUCHIMP0", resourceSpecification=bot_spec("X"), mergeStrategy="Overwrite")
    assert _code(err) == "ResourceNotFoundException"
    import_id = upload(client, small_bot_archive("X"))
    client.start_import(importId=import_id, resourceSpecification=bot_spec(unique("X")), mergeStrategy="Overwrite")
    with pytest.raises(ClientError) as err:
        client.start_import(importId=import_id, resourceSpecification=bot_spec("X"), mergeStrategy="Overwrite")
    assert _code(err) == "ConflictException"
    with pytest.raises(ClientError) as err:
        client.start_import(importId=upload(client, b""), mergeStrategy="Overwrite", resourceSpecification={
            **bot_spec("X"), "customVocabularyImportSpecification": {"botId": "ABCDEFGHIJ", "botVersion": "DRAFT",
                                                                     "localeId": "en_US"}})
    assert _code(err) == "ValidationException"


def test_list_and_delete_imports(aws) -> None:
    client = fresh_account_client(aws)
    ids = new_bot_with_locale(client)
    bot_import = client.list_imports()["importSummaries"][0]
    assert bot_import["importedResourceType"] == "Bot"
    assert bot_import["importedResourceId"] == ids["botId"]
    vocabulary = import_file(client, vocabulary_archive([("olive", 1)]),
                             {"customVocabularyImportSpecification": dict(ids)})
    failed = import_file(client, b"not a zip", bot_spec(unique("Bad")))
    listed = client.list_imports()["importSummaries"]
    assert [i["importId"] for i in listed] == [failed["importId"], vocabulary["importId"], bot_import["importId"]]
    assert set(listed[1]) == {"importId", "importedResourceId", "importedResourceName", "importStatus",
                              "mergeStrategy", "creationDateTime", "lastUpdatedDateTime", "importedResourceType"}
    only = client.list_imports(filters=[{"name": "ImportResourceType", "values": ["CustomVocabulary"],
                                         "operator": "EQ"}])["importSummaries"]
    assert [i["importId"] for i in only] == [vocabulary["importId"]]
    of_bot = client.list_imports(botId=ids["botId"], botVersion="DRAFT", localeId="en_US")
    assert [i["importId"] for i in of_bot["importSummaries"]] == [vocabulary["importId"]]
    page = client.list_imports(maxResults=1, sortBy={"attribute": "LastUpdatedDateTime", "order": "Ascending"})
    assert [i["importId"] for i in page["importSummaries"]] == [bot_import["importId"]] and page["nextToken"]

    deleted = client.delete_import(importId=failed["importId"])
    assert (deleted["importId"], deleted["importStatus"]) == (failed["importId"], "Deleting")
    with pytest.raises(ClientError) as err:
        client.describe_import(importId=failed["importId"])
    assert _code(err) == "ResourceNotFoundException"
    assert failed["importId"] not in [i["importId"] for i in client.list_imports()["importSummaries"]]


def test_manual_clock_import_lands_only_when_completed(manual_lex: Lex) -> None:
    client = manual_lex.client
    import_id = upload(client, small_bot_archive("Held"))
    client.start_import(importId=import_id, resourceSpecification=bot_spec("Held"), mergeStrategy="Overwrite")
    time.sleep(0.2)
    assert client.describe_import(importId=import_id)["importStatus"] == "InProgress"
    assert client.list_bots()["botSummaries"] == []
    with pytest.raises(ClientError) as err:
        client.delete_import(importId=import_id)
    assert _code(err) == "PreconditionFailedException"
    manual_lex.mock.jobs.advance(import_id)
    client.get_waiter("bot_import_completed").wait(importId=import_id, WaiterConfig=FAST_WAIT)
    assert [b["botName"] for b in client.list_bots()["botSummaries"]] == ["Held"]


def test_manual_clock_export_and_failed_waiters(manual_lex: Lex) -> None:
    client = manual_lex.client
    import_id = upload(client, b"garbage")
    client.start_import(importId=import_id, resourceSpecification=bot_spec("Bad"), mergeStrategy="Overwrite")
    assert wait_import(client, import_id)["importStatus"] == "Failed"  # a refused file fails at once
    from botocore.exceptions import WaiterError

    with pytest.raises(WaiterError):
        client.get_waiter("bot_import_completed").wait(importId=import_id, WaiterConfig=FAST_WAIT)

    import_id = upload(client, small_bot_archive("Good"))
    client.start_import(importId=import_id, resourceSpecification=bot_spec("Good"), mergeStrategy="Overwrite")
    manual_lex.mock.jobs.advance(import_id)
    bot_id = wait_import(client, import_id)["importedResourceId"]
    export_id = client.create_export(resourceSpecification={"botExportSpecification": {
        "botId": bot_id, "botVersion": "DRAFT"}}, fileFormat="LexJson")["exportId"]
    time.sleep(0.2)
    described = client.describe_export(exportId=export_id)
    assert described["exportStatus"] == "InProgress" and "downloadUrl" not in described
    with pytest.raises(ClientError) as err:
        client.update_export(exportId=export_id, filePassword="pw")
    assert _code(err) == "ConflictException"
    manual_lex.mock.jobs.advance(export_id)
    client.get_waiter("bot_export_completed").wait(exportId=export_id, WaiterConfig=FAST_WAIT)


def test_history_is_kept_seven_days(lex: Lex) -> None:
    client = lex.client
    ids = new_bot_with_locale(client)
    export_id = client.create_export(resourceSpecification={"botExportSpecification": {
        "botId": ids["botId"], "botVersion": "DRAFT"}}, fileFormat="LexJson")["exportId"]
    import_id = client.list_imports()["importSummaries"][0]["importId"]
    db = lex.mock.runtime.db
    found = db.find(imports.IMPORT, import_id)
    assert found is not None
    scope = found[0]
    for kind, doc_id, days in ((imports.IMPORT, import_id, 6.9), (exports.EXPORT, export_id, 6.9)):
        doc = db.get(scope, kind, doc_id)
        db.put(scope, kind, doc_id, {**doc, "creationDateTime": time.time() - days * 86400})
    assert client.describe_import(importId=import_id)["importStatus"] == "Completed"
    assert len(client.list_exports()["exportSummaries"]) == 1
    for kind, doc_id in ((imports.IMPORT, import_id), (exports.EXPORT, export_id)):
        doc = db.get(scope, kind, doc_id)
        db.put(scope, kind, doc_id, {**doc, "creationDateTime": time.time() - 7.1 * 86400})
    assert client.list_imports()["importSummaries"] == []
    assert client.list_exports()["exportSummaries"] == []
    for call in (lambda: client.describe_import(importId=import_id),
                 lambda: client.describe_export(exportId=export_id)):
        with pytest.raises(ClientError) as err:
            call()
        assert _code(err) == "ResourceNotFoundException"
    assert db.get(scope, imports.IMPORT, import_id) is None


def test_interrupted_import_is_run_again_after_a_restart(tmp_path) -> None:
    """recovery="retry": an import held InProgress when Dockyard stops completes after the restart."""
    import boto3
    from moto import mock_aws

    import dockyard
    from tests.services.lexv2_models.import_export.conftest import CREDENTIALS

    with mock_aws():  # one S3 across both runs, as a server's S3 endpoint would be
        with dockyard.mock(data_dir=tmp_path, job_clock="manual"):
            client = boto3.client("lexv2-models", **CREDENTIALS)
            import_id = upload(client, small_bot_archive("Restarted"))
            client.start_import(importId=import_id, resourceSpecification=bot_spec("Restarted"),
                                mergeStrategy="FailOnConflict")
            time.sleep(0.1)
            assert client.describe_import(importId=import_id)["importStatus"] == "InProgress"
        with dockyard.mock(data_dir=tmp_path) as restarted:
            client = boto3.client("lexv2-models", **CREDENTIALS)
            assert restarted.jobs.get(import_id).attempt == 2  # queued again (it keeps its manual clock)
            restarted.jobs.advance(import_id)
            answer = wait_import(client, import_id)
            assert answer["importStatus"] == "Completed", answer["failureReasons"]
            assert [b["botName"] for b in client.list_bots()["botSummaries"]] == ["Restarted"]


def test_deleting_an_import_or_export_removes_its_job(lex: Lex) -> None:
    client = lex.client
    ids = new_bot_with_locale(client, unique("Deleted"))
    import_id = client.list_imports()["importSummaries"][0]["importId"]
    assert lex.mock.jobs.find(import_id) is not None
    client.delete_import(importId=import_id)
    assert lex.mock.jobs.find(import_id) is None
    export_id = client.create_export(resourceSpecification={"botExportSpecification": {
        "botId": ids["botId"], "botVersion": "DRAFT"}}, fileFormat="LexJson")["exportId"]
    deadline = time.monotonic() + 20
    while client.describe_export(exportId=export_id)["exportStatus"] == "InProgress":
        assert time.monotonic() < deadline
        time.sleep(0.05)
    assert lex.mock.jobs.find(export_id) is not None
    client.delete_export(exportId=export_id)
    assert lex.mock.jobs.find(export_id) is None
    assert [j.id for j in lex.mock.jobs.list() if j.id in (import_id, export_id)] == []
