"""In-process calls that succeed are answered at botocore's ``before-call`` (no signing, no wire
path); errors, unsigned clients and clients whose user listens on the wire path's events take
botocore's own path, with the same answers."""

from __future__ import annotations

import boto3
import botocore
import pytest
from botocore.auth import SigV4Auth
from botocore.config import Config
from botocore.exceptions import ClientError

import dockyard

CREDENTIALS = {"aws_access_key_id": "111122223333", "aws_secret_access_key": "x", "region_name": "eu-west-1"}


@pytest.fixture
def signatures(monkeypatch):
    """How many requests botocore signed with SigV4."""
    count = [0]
    original = SigV4Auth.add_auth

    def add_auth(self, request):
        count[0] += 1
        return original(self, request)

    monkeypatch.setattr(SigV4Auth, "add_auth", add_auth)
    return count


def _client(**config):
    return boto3.client("neptune-graph", config=Config(**config), **CREDENTIALS)


def _without_metadata(answer: dict) -> dict:
    return {k: v for k, v in answer.items() if k != "ResponseMetadata"}


def test_a_successful_call_is_answered_without_signing_as_the_wire_path_answers(signatures):
    with dockyard.mock():
        direct, wire = _client(), _client()
        seen = []
        wire.meta.events.register("before-send.neptune-graph", lambda request, **_: seen.append(request))
        graph = direct.create_graph(graphName="direct", provisionedMemory=16)
        assert signatures[0] == 0
        assert graph["arn"].startswith("arn:aws:neptune-graph:eu-west-1:111122223333:graph/")  # key and region
        assert graph["ResponseMetadata"]["HTTPStatusCode"] == 201
        assert graph["ResponseMetadata"]["RetryAttempts"] == 0
        got_direct = direct.get_graph(graphIdentifier=graph["id"])
        got_wire = wire.get_graph(graphIdentifier=graph["id"])
        assert signatures[0] == 1 and len(seen) == 1  # the user's handler saw the signed request
        assert "Credential=111122223333/" in seen[0].headers["Authorization"].decode()
        assert _without_metadata(got_direct) == _without_metadata(got_wire)
        assert got_direct["ResponseMetadata"]["HTTPHeaders"] == got_wire["ResponseMetadata"]["HTTPHeaders"]
        payload = direct.execute_query(graphIdentifier=graph["id"], queryString="RETURN 1 AS x",
                                       language="OPEN_CYPHER")["payload"]  # fmt: skip
        assert payload.read() == b'{"results": [{"x": 1}]}'  # a streaming payload, as on the wire
        assert signatures[0] == 1


def test_an_error_answer_takes_botocores_path_and_runs_once_per_attempt(signatures):
    with dockyard.mock() as mock:
        client = _client(retries={"max_attempts": 3, "mode": "standard"})
        mock.runtime.faults.add_throttle("neptune-graph", "ListGraphs", 1.0)
        with pytest.raises(ClientError) as info:
            client.list_graphs()
        error = info.value.response
        assert error["Error"]["Code"] == "ThrottlingException"
        assert error["ResponseMetadata"]["RetryAttempts"] == 3  # botocore retried, as against AWS
        (rule,) = mock.runtime.faults.snapshot()["throttles"]
        assert rule["calls"] == 4 == signatures[0]  # one gateway answer per attempt, each signed
        with pytest.raises(ClientError) as info:
            client.get_graph(graphIdentifier="g-0123456789")
        assert info.value.response["Error"]["Code"] == "ResourceNotFoundException"


def test_an_unsigned_client_takes_botocores_path(signatures):
    with dockyard.mock():
        client = _client(signature_version=botocore.UNSIGNED)
        with pytest.raises(ClientError):  # answered by moto, which knows no neptune-graph route
            client.list_graphs()
        assert signatures[0] == 0


def test_a_user_handler_that_changes_the_request_before_signing_is_honoured():
    with dockyard.mock():
        client = _client()
        graph = client.create_graph(graphName="g", provisionedMemory=16)["id"]

        def rename(request, **_):  # a user's request rewrite: the wire path must run it
            request.url = request.url.replace(graph, "g-0000000000")

        client.meta.events.register("before-sign.neptune-graph.GetGraph", rename)
        with pytest.raises(ClientError) as info:
            client.get_graph(graphIdentifier=graph)
        assert info.value.response["Error"]["Code"] == "ResourceNotFoundException"
        client.meta.events.unregister("before-sign.neptune-graph.GetGraph", rename)
        assert client.get_graph(graphIdentifier=graph)["id"] == graph  # unregistered: answered directly


def test_a_user_handler_on_every_before_call_still_runs():
    with dockyard.mock():
        client = _client()
        seen = []
        client.meta.events.register("before-call", lambda model, **_: seen.append(model.name))
        client.list_graphs()  # botocore stops at the first before-call answer: the user's must come first
        assert seen == ["ListGraphs"]
