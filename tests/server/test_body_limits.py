"""Request-size limits per kind of request (limits lowered through the environment for the test)."""

from __future__ import annotations

import boto3
import pytest
from botocore.config import Config
from botocore.exceptions import ClientError

from tests.conftest import CREDENTIALS, ServerProcess

LIMITS = {"DOCKYARD_MAX_API_BODY_BYTES": "4000", "DOCKYARD_MAX_S3_PUT_BYTES": "1000"}


@pytest.fixture(scope="module")
def small_limits_server():
    server = ServerProcess(env=LIMITS)
    yield server
    server.stop()


def _big_tags(n: int) -> dict[str, str]:
    return {f"k{i}": "v" * 200 for i in range(n)}


def test_api_body_over_the_limit_is_a_413_and_creates_nothing(small_limits_server):
    client = small_limits_server.client("neptune-graph")
    with pytest.raises(ClientError) as exc:
        client.create_graph(graphName="too-big", provisionedMemory=16, tags=_big_tags(20))
    assert exc.value.response["ResponseMetadata"]["HTTPStatusCode"] == 413
    assert exc.value.response["Error"]["Code"] == "RequestEntityTooLargeException"
    assert client.list_graphs()["graphs"] == []
    client.create_graph(graphName="fits", provisionedMemory=16, tags=_big_tags(2))


def test_s3_single_put_over_the_limit_is_entity_too_large(small_limits_server):
    s3 = small_limits_server.client("s3")
    s3.create_bucket(Bucket="limits")
    s3.put_object(Bucket="limits", Key="small", Body=b"x" * 1000)
    with pytest.raises(ClientError) as exc:
        s3.put_object(Bucket="limits", Key="big", Body=b"x" * 1001)
    assert exc.value.response["Error"]["Code"] == "EntityTooLarge"
    with pytest.raises(ClientError):
        s3.head_object(Bucket="limits", Key="big")


def test_in_process_mock_enforces_the_api_limit(monkeypatch):
    from dockyard.mocking.in_process import DockyardMock

    monkeypatch.setenv("DOCKYARD_MAX_API_BODY_BYTES", "4000")
    with DockyardMock():
        client = boto3.client("neptune-graph", config=Config(retries={"max_attempts": 1}), **CREDENTIALS)
        with pytest.raises(ClientError) as exc:
            client.create_graph(graphName="too-big", provisionedMemory=16, tags=_big_tags(20))
    assert exc.value.response["Error"]["Code"] == "RequestEntityTooLargeException"
