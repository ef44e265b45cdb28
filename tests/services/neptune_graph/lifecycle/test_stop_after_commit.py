"""Neptune Analytics jobs stopped after their body's effects were written, then restarted on the same
data dir (in-process): the retried job (attempt 2) ends as it would have, nothing doubled or lost."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import boto3
import pytest
from moto import mock_aws

import dockyard
from tests.services.neptune_graph.exports.export_helpers import KMS, list_files, new_bucket
from tests.services.neptune_graph.imports.import_helpers import ROLE, new_graph, upload

CREDENTIALS = {"aws_access_key_id": "testing", "aws_secret_access_key": "testing", "region_name": "us-east-1"}
NODES = b":ID,:LABEL,name:String\n1,person,ann\n2,person,bob\n3,robot,r2\n"
RELATIONSHIPS = b":START_ID,:END_ID,:TYPE\n1,2,knows\n2,3,owns\n"


@pytest.fixture
def aws_mock() -> Iterator[None]:
    with mock_aws():
        yield


def _clients() -> tuple[Any, Any]:
    return boto3.client("neptune-graph", **CREDENTIALS), boto3.client("s3", **CREDENTIALS)


def _counts(client: Any, graph_id: str) -> tuple[int, int]:
    summary = client.get_graph_summary(graphIdentifier=graph_id)["graphSummary"]
    return summary["numNodes"], summary["numEdges"]


def _until(check: Any, timeout: float = 20.0) -> None:
    end = time.monotonic() + timeout
    while not check():
        assert time.monotonic() < end, "timed out"
        time.sleep(0.02)


def test_import_loaded_before_a_stop_is_not_loaded_twice(tmp_path: Path, aws_mock: None) -> None:
    with dockyard.mock(data_dir=tmp_path) as mock:
        client, s3 = _clients()
        graph_id = new_graph(client)
        source = upload(s3, {"n.csv": NODES, "r.csv": RELATIONSHIPS})
        mock.jobs.set_default_clock("manual", "neptune-graph", "import-task")
        task_id = client.start_import_task(graphIdentifier=graph_id, source=source, roleArn=ROLE,
                                           format="OPEN_CYPHER")["taskId"]
        mock.jobs.advance(task_id, to="IMPORTING")
        _until(lambda: "statementCount" in mock.jobs.get(task_id).details)  # loaded; waits to be SUCCEEDED
        assert _counts(client, graph_id) == (3, 2)
    with dockyard.mock(data_dir=tmp_path) as restarted:
        client, _ = _clients()
        assert restarted.jobs.get(task_id).attempt == 2
        restarted.jobs.advance(task_id, to="SUCCEEDED")
        assert restarted.jobs.wait(task_id).status == "SUCCEEDED"
        assert _counts(client, graph_id) == (3, 2)


def test_reset_with_a_snapshot_stopped_after_emptying_keeps_the_snapshot(tmp_path: Path, aws_mock: None) -> None:
    with dockyard.mock(data_dir=tmp_path) as mock:
        client, s3 = _clients()
        graph_id = new_graph(client)
        source = upload(s3, {"n.csv": NODES, "r.csv": RELATIONSHIPS})
        task_id = client.start_import_task(graphIdentifier=graph_id, source=source, roleArn=ROLE,
                                           format="OPEN_CYPHER")["taskId"]
        assert mock.jobs.wait(task_id, timeout=30).status == "SUCCEEDED"
        mock.jobs.set_default_clock("manual", "neptune-graph", "graph-reset")
        client.reset_graph(graphIdentifier=graph_id, skipSnapshot=False)
        _until(lambda: _counts(client, graph_id) == (0, 0))  # snapshot taken, graph emptied; RESETTING
        (snapshot,) = client.list_graph_snapshots(graphIdentifier=graph_id)["graphSnapshots"]
        assert snapshot["status"] == "AVAILABLE"
    with dockyard.mock(data_dir=tmp_path) as restarted:
        client, _ = _clients()
        (job,) = [j for j in restarted.jobs.list() if j.kind == "graph-reset"]
        restarted.jobs.advance(job.id, to="AVAILABLE")
        assert restarted.jobs.wait(job.id).status == "AVAILABLE"
        restored = client.restore_graph_from_snapshot(snapshotIdentifier=snapshot["id"], graphName="restored")["id"]
        _until(lambda: client.get_graph(graphIdentifier=restored)["status"] == "AVAILABLE")
        assert _counts(client, restored) == (3, 2)  # the snapshot still holds the data


def test_export_written_before_a_stop_is_written_again_once(tmp_path: Path, aws_mock: None) -> None:
    with dockyard.mock(data_dir=tmp_path) as mock:
        client, s3 = _clients()
        graph_id = new_graph(client)
        task_id = client.start_import_task(graphIdentifier=graph_id, source=upload(s3, {"n.csv": NODES,
                                           "r.csv": RELATIONSHIPS}), roleArn=ROLE, format="OPEN_CYPHER")["taskId"]
        assert mock.jobs.wait(task_id, timeout=30).status == "SUCCEEDED"
        destination = f"s3://{new_bucket(s3)}/out/"
        mock.jobs.set_default_clock("manual", "neptune-graph", "export-task")
        export_id = client.start_export_task(graphIdentifier=graph_id, roleArn=ROLE, format="CSV",
                                             destination=destination, kmsKeyIdentifier=KMS)["taskId"]
        mock.jobs.advance(export_id, to="EXPORTING")
        _until(lambda: "folder" in mock.jobs.get(export_id).artifacts)  # files written; waits to be SUCCEEDED
        first = list_files(s3, destination, export_id)
        assert first
    with dockyard.mock(data_dir=tmp_path) as restarted:
        client, s3 = _clients()
        assert restarted.jobs.get(export_id).attempt == 2
        restarted.jobs.advance(export_id, to="SUCCEEDED")
        assert restarted.jobs.wait(export_id).status == "SUCCEEDED"
        assert list_files(s3, destination, export_id) == first
