"""With ``--data-dir`` the embedded S3 survives a SIGKILL: buckets (owner, policy), objects (bytes,
Content-Type, user metadata) and deletions are all as they were, and a Neptune import whose source
is in the embedded S3, killed mid-run, is retried after the restart and succeeds."""

from __future__ import annotations

import json
import signal
import time
import urllib.request
from pathlib import Path

import pytest
from botocore.exceptions import ClientError

from tests.conftest import ServerProcess
from tests.server.test_restart_recovery import KNOWS, PEOPLE, ROLE, _advance, _control, _job_of

pytestmark = pytest.mark.slow

POLICY = {
    "Version": "2012-10-17",
    "Statement": [{"Effect": "Allow", "Principal": {"AWS": "222222222222"}, "Action": "s3:GetObject",
                   "Resource": "arn:aws:s3:::kept/*"}],
}


def _kill(server: ServerProcess) -> None:
    server.stop(signal.SIGKILL)
    assert server.proc.returncode == -signal.SIGKILL


def test_objects_buckets_and_policies_survive_sigkill(tmp_path: Path) -> None:
    server = ServerProcess(data_dir=tmp_path)
    try:
        s3 = server.client("s3", aws_access_key_id="111111111111")
        s3.create_bucket(Bucket="kept")
        s3.put_object(Bucket="kept", Key="docs/a.json", Body=b'{"a": 1}', ContentType="application/json",
                      Metadata={"origin": "test"})
        s3.put_object(Bucket="kept", Key="gone.txt", Body=b"soon deleted")
        s3.delete_object(Bucket="kept", Key="gone.txt")
        s3.put_bucket_policy(Bucket="kept", Policy=json.dumps(POLICY))
        url = s3.generate_presigned_url("put_object", Params={"Bucket": "kept", "Key": "via-url.bin"}, ExpiresIn=60)
        urllib.request.urlopen(urllib.request.Request(url, data=b"\x00\x01binary", method="PUT"), timeout=10)
        s3.create_bucket(Bucket="emptied")
        s3.delete_bucket(Bucket="emptied")
    finally:
        _kill(server)

    restarted = ServerProcess(data_dir=tmp_path)
    try:
        s3 = restarted.client("s3", aws_access_key_id="111111111111")
        got = s3.get_object(Bucket="kept", Key="docs/a.json")
        assert got["Body"].read() == b'{"a": 1}'
        assert got["ContentType"] == "application/json" and got["Metadata"] == {"origin": "test"}
        assert s3.get_object(Bucket="kept", Key="via-url.bin")["Body"].read() == b"\x00\x01binary"
        keys = [o["Key"] for o in s3.list_objects_v2(Bucket="kept")["Contents"]]
        assert keys == ["docs/a.json", "via-url.bin"]  # the deleted object stays deleted
        assert [b["Name"] for b in s3.list_buckets()["Buckets"]] == ["kept"]
        assert json.loads(s3.get_bucket_policy(Bucket="kept")["Policy"]) == POLICY
        # the bucket still belongs to its account: the policy's grantee reads, a third account does not
        granted = restarted.client("s3", aws_access_key_id="222222222222")
        assert granted.get_object(Bucket="kept", Key="docs/a.json")["Body"].read() == b'{"a": 1}'
        with pytest.raises(ClientError) as denied:
            restarted.client("s3", aws_access_key_id="333333333333").get_object(Bucket="kept", Key="docs/a.json")
        assert denied.value.response["Error"]["Code"] == "AccessDenied"
    finally:
        restarted.stop()
    assert (tmp_path / "s3" / "kept" / "bucket.json").exists()


def test_neptune_import_from_embedded_s3_is_retried_after_sigkill(tmp_path: Path) -> None:
    server = ServerProcess("--job-clock", "manual", data_dir=tmp_path)
    try:
        s3 = server.client("s3")
        s3.create_bucket(Bucket="graph-source")
        s3.put_object(Bucket="graph-source", Key="g/people.csv", Body=PEOPLE)
        s3.put_object(Bucket="graph-source", Key="g/knows.csv", Body=KNOWS)
        client = server.client("neptune-graph")
        graph = client.create_graph(graphName="busy", provisionedMemory=16)["id"]
        _advance(server, _job_of(server, graph, "graph-create"))
        task = client.start_import_task(graphIdentifier=graph, source="s3://graph-source/g/", roleArn=ROLE)
        assert _advance(server, task["taskId"], to="IMPORTING")["status"] == "IMPORTING"
    finally:
        _kill(server)

    restarted = ServerProcess(data_dir=tmp_path)
    try:
        client = restarted.client("neptune-graph")
        _control(restarted, "POST", f"/jobs/{task['taskId']}/clock", {"clock": "instant"})
        deadline = time.monotonic() + 30
        while (got := client.get_import_task(taskIdentifier=task["taskId"]))["status"] != "SUCCEEDED":
            assert got["status"] not in ("FAILED", "CANCELLED"), got
            assert time.monotonic() < deadline, got
            time.sleep(0.05)
        assert got["attemptNumber"] == 2
        summary = client.get_graph_summary(graphIdentifier=graph)["graphSummary"]
        assert (summary["numNodes"], summary["numEdges"]) == (2, 1)
    finally:
        restarted.stop()
