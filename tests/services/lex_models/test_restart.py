"""Lex V1 jobs stopped after their effects were committed, then restarted on the same data dir: the
job ends as it would have without the stop, and nothing is written twice."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import boto3
from moto import mock_aws

import dockyard

from .helpers import download_resource, envelope, wait_import
from .test_import_export import _bot_resource

ROLE = "arn:aws:iam::123456789012:role/lex"
CREDENTIALS = {"aws_access_key_id": "testing", "aws_secret_access_key": "testing", "region_name": "us-east-1"}


def _import_stopped_in_progress(tmp_path: Path, payload: bytes, strategy: str) -> str:
    """StartImport on a manual clock: the body writes the definitions, the job waits in IN_PROGRESS;
    then the process stops."""
    with dockyard.mock(data_dir=tmp_path, job_clock="manual") as mock:
        lex = boto3.client("lex-models", **CREDENTIALS)
        import_id = lex.start_import(payload=payload, resourceType="BOT", mergeStrategy=strategy)["importId"]
        mock.jobs.wait(import_id, status="IN_PROGRESS")
        # the body runs in IN_PROGRESS: the definitions are in once it has written them (manual clock:
        # the job then waits there for the advance to COMPLETE)
        _until(lambda: any(i["name"] == "SayHello" for i in lex.get_intents()["intents"]))
        got = lex.get_import(importId=import_id)
        assert got["importStatus"] == "IN_PROGRESS", got
    return import_id


def test_import_committed_before_a_stop_completes_after_the_restart(tmp_path: Path) -> None:
    with mock_aws():
        import_id = _import_stopped_in_progress(tmp_path, envelope(_bot_resource()), "FAIL_ON_CONFLICT")
        with dockyard.mock(data_dir=tmp_path) as restarted:
            lex = boto3.client("lex-models", **CREDENTIALS)
            restarted.jobs.advance(import_id)  # the job keeps its manual clock
            done = wait_import(lex, import_id)
            assert done["importStatus"] == "COMPLETE", done.get("failureReason")
            assert lex.get_bot(name="ColourBot", versionOrAlias="$LATEST")["name"] == "ColourBot"
            assert [v["version"] for v in lex.get_slot_type_versions(name="Colours")["slotTypes"]] == [
                "$LATEST", "1"]  # versioned once, not once per attempt


def test_migration_committed_before_a_stop_completes_after_the_restart(tmp_path: Path) -> None:
    with mock_aws():
        with dockyard.mock(data_dir=tmp_path):
            lex = boto3.client("lex-models", **CREDENTIALS)
            assert wait_import(lex, lex.start_import(payload=envelope(_bot_resource()), resourceType="BOT",
                                                     mergeStrategy="FAIL_ON_CONFLICT")["importId"])[
                "importStatus"] == "COMPLETE"
            lex.create_bot_version(name="ColourBot")
        with dockyard.mock(data_dir=tmp_path) as mock:
            mock.jobs.set_default_clock("manual", "lex-models", "migration")
            lex = boto3.client("lex-models", **CREDENTIALS)
            started = lex.start_migration(v1BotName="ColourBot", v1BotVersion="1", v2BotName="ColourBotV",
                                          v2BotRole=ROLE, migrationStrategy="CREATE_NEW")
            v2 = boto3.client("lexv2-models", **CREDENTIALS)
            ids = {"botId": started["v2BotId"], "botVersion": "DRAFT", "localeId": "en_US"}
            _until(lambda: len(v2.list_intents(**ids)["intentSummaries"]) > 1)  # the writes are in
            assert lex.get_migration(migrationId=started["migrationId"])["migrationStatus"] == "IN_PROGRESS"
        with dockyard.mock(data_dir=tmp_path) as restarted:
            lex = boto3.client("lex-models", **CREDENTIALS)
            v2 = boto3.client("lexv2-models", **CREDENTIALS)
            restarted.jobs.advance(started["migrationId"])
            done = restarted.jobs.wait(started["migrationId"])
            assert done.status == "COMPLETED", done.status_reason
            names = sorted(i["intentName"] for i in v2.list_intents(**ids)["intentSummaries"])
            assert names == ["FallbackIntent", "PickColour", "SayHello"]  # written once


def _until(check: Any, timeout: float = 20.0) -> None:
    end = time.monotonic() + timeout
    while not check():
        assert time.monotonic() < end, "timed out"
        time.sleep(0.05)


def test_export_in_progress_at_a_stop_is_ready_after_the_restart(tmp_path: Path) -> None:
    params = {"name": "SayHello", "version": "1", "resourceType": "INTENT", "exportType": "LEX"}
    with mock_aws():
        with dockyard.mock(data_dir=tmp_path) as mock:
            lex = boto3.client("lex-models", **CREDENTIALS)
            lex.put_intent(name="SayHello", sampleUtterances=["hi"], fulfillmentActivity={"type": "ReturnIntent"})
            lex.create_intent_version(name="SayHello")
            mock.jobs.set_default_clock("manual", "lex-models", "export")
            assert lex.get_export(**params)["exportStatus"] == "IN_PROGRESS"
        with dockyard.mock(data_dir=tmp_path) as restarted:
            lex = boto3.client("lex-models", **CREDENTIALS)
            (job,) = restarted.jobs.list(service="lex-models", kind="export")
            assert (job.status, job.attempt) == ("IN_PROGRESS", 2)
            restarted.jobs.advance(job.id, to="READY")
            restarted.jobs.wait(job.id)
            ready = lex.get_export(**params)
            assert ready["exportStatus"] == "READY", ready.get("failureReason")
            _, resource = download_resource(ready["url"])
            assert resource["resource"]["name"] == "SayHello"
