"""An import's or export's state is its job record, held one way (issue 10 item 5): DescribeImport and
DescribeExport read status and last update from the job, the stored documents hold no job state,
and deleting an import or export removes its job too. Both front doors."""

from __future__ import annotations

import time
from datetime import datetime

import dockyard
from tests.services.lexv2_models.front_doors import Door
from tests.services.lexv2_models.import_export.archives import small_bot_archive
from tests.services.lexv2_models.import_export.helpers import bot_spec, unique, upload, wait_export, wait_import

JOB_STATE = {"importStatus", "exportStatus", "failureReasons", "lastUpdatedDateTime", "fileName"}


def _same_time(answered: datetime, job: dict) -> bool:
    """The wire carries milliseconds."""
    return abs(answered.timestamp() - job["updatedAt"]) < 0.001


def test_describe_import_and_export_read_the_job(door: Door) -> None:
    client = door.client()
    door.clock("manual", "import")
    door.clock("manual", "export")
    name = unique("Held")
    import_id = upload(client, small_bot_archive(name))
    client.start_import(importId=import_id, resourceSpecification=bot_spec(name), mergeStrategy="FailOnConflict")
    time.sleep(0.3)  # nothing moves a held job: no hook, no timer
    held = client.describe_import(importId=import_id)
    assert held["importStatus"] == door.job(import_id)["status"] == "InProgress"
    assert "importedResourceId" not in held
    door.advance(import_id)  # the manual clock: the job moves, and DescribeImport with it
    done = wait_import(client, import_id)
    job = door.job(import_id)
    assert done["importStatus"] == job["status"] == "Completed"
    assert _same_time(done["lastUpdatedDateTime"], job)
    assert done["importedResourceName"] == name

    export_id = client.create_export(resourceSpecification={"botExportSpecification": {
        "botId": done["importedResourceId"], "botVersion": "DRAFT"}}, fileFormat="LexJson")["exportId"]
    assert client.describe_export(exportId=export_id)["exportStatus"] == "InProgress"
    door.advance(export_id)
    exported = wait_export(client, export_id)
    job = door.job(export_id)
    assert exported["exportStatus"] == job["status"] == "Completed" and exported["downloadUrl"]
    assert _same_time(exported["lastUpdatedDateTime"], job)
    client.update_export(exportId=export_id, filePassword="secret-pw")  # a change to the export: the job's too
    updated = client.describe_export(exportId=export_id)
    assert _same_time(updated["lastUpdatedDateTime"], door.job(export_id))
    assert updated["lastUpdatedDateTime"] > exported["lastUpdatedDateTime"]


def test_a_failed_import_reads_its_reasons_from_the_job(door: Door) -> None:
    client = door.client()
    import_id = upload(client, b"not a zip")
    client.start_import(importId=import_id, resourceSpecification=bot_spec(unique("Bad")),
                        mergeStrategy="FailOnConflict")
    failed = wait_import(client, import_id)
    job = door.job(import_id)
    assert failed["importStatus"] == job["status"] == "Failed"
    assert failed["failureReasons"] == job["details"]["failureReasons"]


def test_delete_import_and_export_leave_no_job(door: Door) -> None:
    client = door.client()
    name = unique("Gone")
    import_id = upload(client, small_bot_archive(name))
    client.start_import(importId=import_id, resourceSpecification=bot_spec(name), mergeStrategy="FailOnConflict")
    bot_id = wait_import(client, import_id)["importedResourceId"]
    export_id = client.create_export(resourceSpecification={"botExportSpecification": {
        "botId": bot_id, "botVersion": "DRAFT"}}, fileFormat="LexJson")["exportId"]
    wait_export(client, export_id)
    assert {import_id, export_id} <= set(door.job_ids(service="lexv2-models"))
    assert client.delete_import(importId=import_id)["importStatus"] == "Deleting"
    assert client.delete_export(exportId=export_id)["exportStatus"] == "Deleting"
    assert not {import_id, export_id} & set(door.job_ids(service="lexv2-models"))


def test_the_documents_hold_no_job_state() -> None:
    with dockyard.mock() as mock:
        door = Door("mock", lambda service, **kw: __import__("boto3").client(
            service, aws_access_key_id="a", aws_secret_access_key="b", **kw), mock=mock)
        client = door.client()
        name = unique("Plain")
        import_id = upload(client, small_bot_archive(name))
        client.start_import(importId=import_id, resourceSpecification=bot_spec(name), mergeStrategy="Overwrite")
        bot_id = wait_import(client, import_id)["importedResourceId"]
        export_id = client.create_export(resourceSpecification={"botExportSpecification": {
            "botId": bot_id, "botVersion": "DRAFT"}}, fileFormat="LexJson")["exportId"]
        assert wait_export(client, export_id)["exportStatus"] == "Completed"
        db = mock.runtime.db
        for kind, doc_id in (("import", import_id), ("export", export_id)):
            found = db.find(kind, doc_id)
            assert found is not None
            assert not JOB_STATE & set(found[1]), found[1]
