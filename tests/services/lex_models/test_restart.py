"""Lex V1 jobs stopped after their effects were committed, then restarted on the same data dir: the
job ends as it would have without the stop, and nothing is written twice."""

from __future__ import annotations

from pathlib import Path

import boto3
from moto import mock_aws

import dockyard

from .helpers import envelope, wait_import
from .test_import_export import _bot_resource

CREDENTIALS = {"aws_access_key_id": "testing", "aws_secret_access_key": "testing", "region_name": "us-east-1"}


def _import_stopped_in_progress(tmp_path: Path, payload: bytes, strategy: str) -> str:
    """StartImport on a manual clock: the body writes the definitions, the job waits in IN_PROGRESS;
    then the process stops."""
    with dockyard.mock(data_dir=tmp_path, job_clock="manual") as mock:
        lex = boto3.client("lex-models", **CREDENTIALS)
        import_id = lex.start_import(payload=payload, resourceType="BOT", mergeStrategy=strategy)["importId"]
        mock.jobs.wait(import_id, status="IN_PROGRESS")
        assert lex.get_intent(name="SayHello", version="$LATEST")  # the definitions are in
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
