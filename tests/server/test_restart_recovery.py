"""SIGKILL ``dockyard serve`` during a job, start it again on the same data dir: every job is in a
state the real service could show, nothing half-written survives, and finished work is all there.

S3 must outlive the Dockyard process for an import to be retried, so it lives in a separate moto
server that Dockyard reaches through DOCKYARD_S3_ENDPOINT (as a user's external S3 would).
"""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import boto3
import pytest

from tests.conftest import CREDENTIALS, ServerProcess, free_port

ROLE = "arn:aws:iam::123456789012:role/NeptuneImport"
PEOPLE = b"~id,~label,name:String\n1,person,ann\n2,person,bob\n"
KNOWS = b"~id,~from,~to,~label\ne1,1,2,knows\n"


def _control(server: ServerProcess, method: str, path: str, body: dict | None = None) -> dict:
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(server.endpoint + "/_dockyard" + path, data=data, method=method)
    with urllib.request.urlopen(req, timeout=30) as r:
        return json.loads(r.read())


def _advance(server: ServerProcess, job_id: str, to: str | None = None) -> dict:
    return _control(server, "POST", f"/jobs/{job_id}/advance", {"to": to} if to else {})["job"]


def _job_of(server: ServerProcess, parent_id: str, kind: str) -> str:
    jobs = _control(server, "GET", f"/jobs?parentId={parent_id}&kind={kind}")["jobs"]
    return jobs[-1]["id"]


@pytest.fixture
def external_s3():
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-c", "from moto.server import main; main()", "-p", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    endpoint = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            urllib.request.urlopen(endpoint + "/moto-api/", timeout=1)
            break
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.05)
    yield endpoint
    proc.terminate()
    proc.wait(10)


def test_sigkill_during_import_then_restart(tmp_path: Path, external_s3: str) -> None:
    env = {"DOCKYARD_S3_ENDPOINT": external_s3, "AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing",
           "AWS_DEFAULT_REGION": "us-east-1"}
    s3 = boto3.client("s3", endpoint_url=external_s3, **CREDENTIALS)
    s3.create_bucket(Bucket="durable")
    s3.put_object(Bucket="durable", Key="g/people.csv", Body=PEOPLE)
    s3.put_object(Bucket="durable", Key="g/knows.csv", Body=KNOWS)

    server = ServerProcess("--job-clock", "manual", data_dir=tmp_path, env=env)
    try:
        client = server.client("neptune-graph")
        done_graph = client.create_graph(graphName="finished", provisionedMemory=16)["id"]
        _advance(server, _job_of(server, done_graph, "graph-create"))
        done_task = client.start_import_task(graphIdentifier=done_graph, source="s3://durable/g/", roleArn=ROLE)
        assert _advance(server, done_task["taskId"], to="SUCCEEDED")["status"] == "SUCCEEDED"
        busy_graph = client.create_graph(graphName="busy", provisionedMemory=16)["id"]
        _advance(server, _job_of(server, busy_graph, "graph-create"))
        busy_task = client.start_import_task(graphIdentifier=busy_graph, source="s3://durable/g/", roleArn=ROLE)
        assert _advance(server, busy_task["taskId"], to="IMPORTING")["status"] == "IMPORTING"
        assert client.get_import_task(taskIdentifier=busy_task["taskId"])["status"] == "IMPORTING"
    finally:
        server.stop(signal.SIGKILL)
    assert server.proc.returncode == -signal.SIGKILL

    restarted = ServerProcess(data_dir=tmp_path, env=env)  # instant clock: the retry runs through
    try:
        client = restarted.client("neptune-graph")
        # the finished import and its graph are still there, unchanged
        finished = client.get_import_task(taskIdentifier=done_task["taskId"])
        assert finished["status"] == "SUCCEEDED" and finished["attemptNumber"] == 1
        assert client.get_graph(graphIdentifier=done_graph)["status"] == "AVAILABLE"
        summary = client.get_graph_summary(graphIdentifier=done_graph)["graphSummary"]
        assert (summary["numNodes"], summary["numEdges"]) == (2, 1)
        # the interrupted import is re-run as attempt 2 (keeping its manual clock: let it run freely now),
        # from an empty graph, and completes
        recovered = _control(restarted, "GET", f"/jobs/{busy_task['taskId']}")["job"]
        assert recovered["attempt"] == 2 and recovered["clock"] == "manual"
        _control(restarted, "POST", f"/jobs/{busy_task['taskId']}/clock", {"clock": "instant"})
        deadline = time.monotonic() + 30
        while (got := client.get_import_task(taskIdentifier=busy_task["taskId"]))["status"] != "SUCCEEDED":
            assert got["status"] not in ("FAILED", "CANCELLED"), got
            assert time.monotonic() < deadline, got
            time.sleep(0.05)
        assert got["attemptNumber"] == 2
        summary = client.get_graph_summary(graphIdentifier=busy_graph)["graphSummary"]
        assert (summary["numNodes"], summary["numEdges"]) == (2, 1)  # not doubled: nothing half-written
        assert client.get_graph(graphIdentifier=busy_graph)["status"] == "AVAILABLE"
    finally:
        restarted.stop()
