"""A quick-response import whose process stops right after the import's writes (inside the job's
success hook, before its COMPLETE record): the writes and the record are one commit, so after the
restart the retried job imports the file once and ends COMPLETE."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import boto3
import pytest
from moto import mock_aws

import dockyard
from dockyard.jobs.errors import EngineStopped
from dockyard.services.qconnect.jobs import quick_response_import
from tests.conftest import CREDENTIALS
from tests.services.qconnect.helpers import csv_file, knowledge_base, upload, wait

ROWS = ("Greeting,Hello!,plain,Opening line,hi,en_US,Chat,,true,",
        "Refund policy,Refunds take 5 days.,plain,How refunds work,refund,en_US,Chat,,true,")


def test_import_stopped_after_its_writes_is_applied_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    stopped = threading.Event()
    set_status = quick_response_import.import_jobs.set_status

    def stop_at_complete(db: Any, scope: Any, job_id: str, status: str, *args: Any) -> None:
        set_status(db, scope, job_id, status, *args)
        if status == "COMPLETE":  # the quick responses and the import document are written
            stopped.set()
            raise EngineStopped()  # the process stops here, before the job's COMPLETE record

    with mock_aws():
        with dockyard.mock(data_dir=tmp_path):
            client = boto3.client("qconnect", **CREDENTIALS)
            kb_id = knowledge_base(client)
            monkeypatch.setattr(quick_response_import.import_jobs, "set_status", stop_at_complete)
            upload_id = upload(client, kb_id, csv_file(*ROWS))
            job_id = client.start_import_job(knowledgeBaseId=kb_id, importJobType="QUICK_RESPONSES",
                                             uploadId=upload_id)["importJob"]["importJobId"]
            assert stopped.wait(20)
        monkeypatch.undo()
        with dockyard.mock(data_dir=tmp_path) as restarted:
            client = boto3.client("qconnect", **CREDENTIALS)
            record = restarted.jobs.wait(job_id, timeout=20)
            assert (record.status, record.attempt) == ("COMPLETE", 2), record.status_reason
            job = wait(client, kb_id, job_id)
            assert job["status"] == "COMPLETE", job
            names = [q["name"] for q in client.list_quick_responses(knowledgeBaseId=kb_id)["quickResponseSummaries"]]
            assert sorted(names) == ["Greeting", "Refund policy"]
