"""``dockyard serve`` as a user starts it: a separate process, healthy, answering boto3 and S3."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import urllib.request

from tests.conftest import REPO_ROOT, ServerProcess


def test_health_answers_version_and_services(dockyard_server: ServerProcess) -> None:
    with urllib.request.urlopen(dockyard_server.endpoint + "/_dockyard/health") as r:
        doc = json.loads(r.read())
    assert doc["status"] == "ready"
    assert re.fullmatch(r"\d+\.\d+\.\d+.*", doc["version"])
    assert "neptune-graph" in doc["services"]


def test_boto3_from_another_process(dockyard_server: ServerProcess) -> None:
    script = (
        "import boto3, sys\n"
        f"c = boto3.client('neptune-graph', endpoint_url='{dockyard_server.endpoint}', region_name='us-east-1',"
        " aws_access_key_id='x', aws_secret_access_key='y')\n"
        "g = c.create_graph(graphName='from-another-process', provisionedMemory=16)\n"
        "print(c.get_graph(graphIdentifier=g['id'])['name'])\n"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=True)
    assert out.stdout.strip() == "from-another-process"


def test_make_run_starts_the_same_server() -> None:
    makefile = (REPO_ROOT / "Makefile").read_text()
    run_recipe = makefile.split("\nrun:", 1)[1].split("\n\n", 1)[0]
    assert "dockyard serve --host 127.0.0.1 --port $(PORT)" in run_recipe
    assert "PORT ?= 4566" in makefile


def test_cli_help_lists_commands() -> None:
    out = subprocess.run([sys.executable, "-m", "dockyard", "--help"], capture_output=True, text=True, check=True)
    assert "serve" in out.stdout
    out = subprocess.run(
        [sys.executable, "-m", "dockyard", "serve", "--help"], capture_output=True, text=True, check=True
    )
    assert "--data-dir" in out.stdout and "--job-clock" in out.stdout


def test_unknown_service_requests_fall_through_to_moto(dockyard_server: ServerProcess) -> None:
    sqs = dockyard_server.client("sqs")
    url = sqs.create_queue(QueueName="fallthrough")["QueueUrl"]
    sqs.send_message(QueueUrl=url, MessageBody="hello")
    assert sqs.receive_message(QueueUrl=url)["Messages"][0]["Body"] == "hello"


def test_presigned_urls_keep_bodies_and_expire(dockyard_server: ServerProcess) -> None:
    import time

    s3 = dockyard_server.client("s3")
    s3.create_bucket(Bucket="presigned")
    put = s3.generate_presigned_url("put_object", Params={"Bucket": "presigned", "Key": "k"}, ExpiresIn=60)
    # urllib sends a form content type by default: moto alone would store an empty object
    urllib.request.urlopen(urllib.request.Request(put, data=b"payload", method="PUT"))
    assert s3.get_object(Bucket="presigned", Key="k")["Body"].read() == b"payload"
    get = s3.generate_presigned_url("get_object", Params={"Bucket": "presigned", "Key": "k"}, ExpiresIn=1)
    time.sleep(2.2)
    try:
        urllib.request.urlopen(get)
    except urllib.error.HTTPError as exc:
        assert exc.code == 403
        assert b"Request has expired" in exc.read()
    else:
        raise AssertionError("an expired presigned URL was honoured")
