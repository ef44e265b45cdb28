"""Invalid inputs answer ValidationException with AWS's wording (hand-written expectations)."""

from __future__ import annotations

import json

import pytest

from dockyard.protocol.errors import AwsError
from dockyard.protocol.http_message import HttpRequest
from dockyard.protocol.models import service_model
from dockyard.protocol.validator import validate_input
from dockyard.runtime import Runtime

NEPTUNE = service_model("neptune-graph")
LEXV2 = service_model("lexv2-models")


def _validate(model, operation: str, params: dict) -> str:
    with pytest.raises(AwsError) as info:
        validate_input(params, model.operation_model(operation).input_shape)
    assert info.value.code == "ValidationException"
    return info.value.message


def test_pattern() -> None:
    assert _validate(NEPTUNE, "GetGraph", {"graphIdentifier": "graph-1"}) == (
        "1 validation error detected: Value 'graph-1' at 'graphIdentifier' failed to satisfy constraint: "
        "Member must satisfy regular expression pattern: g-[a-z0-9]{10}"
    )


def test_enum() -> None:
    msg = _validate(
        NEPTUNE,
        "StartImportTask",
        {"graphIdentifier": "g-0123456789", "source": "s3://b/p", "format": "JSON",
         "roleArn": "arn:aws:iam::123456789012:role/r"},
    )
    assert msg == (
        "1 validation error detected: Value 'JSON' at 'format' failed to satisfy constraint: "
        "Member must satisfy enum value set: [CSV, OPEN_CYPHER, PARQUET, NTRIPLES]"
    )


def test_length_and_pattern_both_reported() -> None:
    msg = _validate(NEPTUNE, "CreateGraph", {"graphName": "x" * 64, "provisionedMemory": 16})
    assert msg == (
        "1 validation error detected: Value '" + "x" * 64 + "' at 'graphName' failed to satisfy constraint: "
        "Member must have length less than or equal to 63"
    )
    msg = _validate(NEPTUNE, "CreateGraph", {"graphName": "", "provisionedMemory": 16})
    assert msg.startswith("2 validation errors detected: ")
    prefix = "Value '' at 'graphName' failed to satisfy constraint: "
    assert prefix + "Member must have length greater than or equal to 1" in msg
    assert prefix + "Member must satisfy regular expression pattern" in msg


def test_range() -> None:
    # The bounds come from the model (botocore moved provisionedMemory's minimum from 16 to 1).
    create = NEPTUNE.operation_model("CreateGraph").input_shape.members
    replica_max = create["replicaCount"].metadata["max"]
    memory_min = create["provisionedMemory"].metadata["min"]
    msg = _validate(NEPTUNE, "CreateGraph",
                    {"graphName": "ok", "provisionedMemory": memory_min - 1, "replicaCount": replica_max + 1})
    assert msg == (
        f"2 validation errors detected: Value '{replica_max + 1}' at 'replicaCount' failed to satisfy constraint: "
        f"Member must have value less than or equal to {replica_max}; Value '{memory_min - 1}' at "
        f"'provisionedMemory' failed to satisfy constraint: Member must have value greater than or equal to "
        f"{memory_min}"
    )


def test_missing_required() -> None:
    msg = _validate(NEPTUNE, "CreateGraph", {"provisionedMemory": 16})
    assert msg == (
        "1 validation error detected: Value null at 'graphName' failed to satisfy constraint: "
        "Member must not be null"
    )


def test_nested_and_list_paths() -> None:
    msg = _validate(
        LEXV2,
        "CreateIntent",
        {"botId": "ABCDEFGHIJ", "botVersion": "DRAFT", "localeId": "en_US", "intentName": "Book",
         "sampleUtterances": [{"utterance": "hi"}, {}]},
    )
    assert msg == (
        "1 validation error detected: Value null at 'sampleUtterances.2.member.utterance' failed to "
        "satisfy constraint: Member must not be null"
    )


def test_map_keys() -> None:
    msg = _validate(NEPTUNE, "CreateGraph", {"graphName": "ok", "provisionedMemory": 16, "tags": {"": "v"}})
    assert msg == (
        "1 validation error detected: Value '{=v}' at 'tags' failed to satisfy constraint: "
        "Map keys must satisfy constraint: [Member must have length greater than or equal to 1, "
        "Member must satisfy regular expression pattern: [a-zA-Z+-=._:/]+]"
    )


def test_union_needs_exactly_one_member() -> None:
    msg = _validate(
        NEPTUNE,
        "StartImportTask",
        {"graphIdentifier": "g-0123456789", "source": "s3://b/p", "roleArn": "arn:aws:iam::123456789012:role/r",
         "importOptions": {}},
    )
    assert msg == (
        "1 validation error detected: Value '{}' at 'importOptions' failed to satisfy constraint: "
        "Member must have exactly one member set, found 0"
    )


@pytest.fixture(scope="module")
def runtime():
    rt = Runtime()
    yield rt
    rt.close()


def _call(runtime, method: str, path: str, body: dict | str | None = None, query: str = "",
          signing_name: str = "neptune-graph") -> tuple[int, dict, dict]:
    headers = {
        "Authorization": f"AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260101/us-east-1/{signing_name}/aws4_request, "
        "SignedHeaders=host, Signature=x",
        "Content-Type": "application/json",
    }
    raw = body if isinstance(body, str) else json.dumps(body or {})
    req = HttpRequest.from_url(method, f"http://localhost{path}{'?' + query if query else ''}", headers, raw.encode())
    resp = runtime.gateway.dispatch(req)
    return resp.status, resp.headers, json.loads(resp.body)


def test_wrong_type_on_the_wire(runtime) -> None:
    status, headers, doc = _call(runtime, "POST", "/graphs", {"graphName": "ok", "provisionedMemory": "lots"})
    assert status == 400
    assert headers["X-Amzn-ErrorType"] == "ValidationException"
    assert doc == {
        "message": "1 validation error detected: Value 'lots' at 'provisionedMemory' failed to satisfy "
        "constraint: Member must be an integer",
        "reason": "CONSTRAINT_VIOLATION",
    }
    status, _, doc = _call(runtime, "GET", "/graphs", query="maxResults=ten")
    assert status == 400
    assert "Value 'ten' at 'maxResults'" in doc["message"]


def test_bad_json_body(runtime) -> None:
    status, headers, _ = _call(runtime, "POST", "/graphs", "{not json")
    assert status == 400
    assert headers["X-Amzn-ErrorType"] == "SerializationException"


def test_unimplemented_operation_names_itself(runtime) -> None:
    path = "/knowledgeBases/00000000-0000-4000-8000-000000000000/messageTemplates"
    status, headers, doc = _call(runtime, "GET", path, signing_name="wisdom")
    assert status == 501
    assert headers["X-Amzn-ErrorType"] == "NotImplementedException"
    assert "qconnect ListMessageTemplates" in doc["message"]


def test_unknown_route(runtime) -> None:
    status, headers, _ = _call(runtime, "GET", "/no/such/thing")
    assert status == 404
    assert headers["X-Amzn-ErrorType"] == "UnknownOperationException"
