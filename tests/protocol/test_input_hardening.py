"""Input AWS refuses at its front end: lone surrogates, deep nesting, empty uri labels."""

from __future__ import annotations

import json
import urllib.error
import urllib.request

import pytest
from botocore.exceptions import ClientError
from hypothesis import given
from hypothesis import strategies as st

from dockyard.protocol.errors import AwsError
from dockyard.protocol.json_body import JsonBodyError, check_document, load_json
from dockyard.protocol.models import service_model
from dockyard.protocol.request_parser import parse_request


def _code(exc: pytest.ExceptionInfo[ClientError]) -> str:
    return exc.value.response["Error"]["Code"]


def test_lone_surrogate_in_a_graph_name_is_refused_and_never_stored(aws):
    client = aws("neptune-graph")
    with pytest.raises(ClientError) as exc:
        client.create_graph(graphName="a\ud800b", provisionedMemory=16)
    assert _code(exc) == "SerializationException"
    assert all("\ud800" not in g["name"] for g in client.list_graphs()["graphs"])


def test_lone_surrogate_in_a_bot_description_or_tag_leaves_list_bots_working(aws):
    client = aws("lexv2-models")
    base = {"roleArn": "arn:aws:iam::123456789012:role/r", "dataPrivacy": {"childDirected": False},
            "idleSessionTTLInSeconds": 300}
    with pytest.raises(ClientError) as exc:
        client.create_bot(botName="surrogate", description="x\udc00", **base)
    assert _code(exc) == "SerializationException"
    with pytest.raises(ClientError) as exc:
        client.create_bot(botName="surrogate2", botTags={"k": "\ud83d"}, **base)
    assert _code(exc) == "SerializationException"
    client.list_bots()  # still answers


def test_a_proper_astral_character_is_accepted():
    assert load_json(json.dumps({"a": "\U0001f600"}).encode()) == {"a": "\U0001f600"}


@pytest.mark.parametrize("depth", [65, 10**5])
def test_deep_json_is_a_serialization_exception(depth):
    op = service_model("neptune-graph").operation_model("CreateGraph")
    body = ("[" * depth + "]" * depth).encode()
    wrapped = b'{"tags": {"k": ' + body + b"}}"
    for doc in (body, wrapped):
        with pytest.raises(AwsError) as exc:
            parse_request(op, {}, {}, {}, doc)
        assert exc.value.code == "SerializationException"
        assert "nested deeper than 64" in exc.value.message


def test_json_at_the_depth_bound_loads():
    assert load_json(b"[" * 64 + b"]" * 64)
    with pytest.raises(JsonBodyError):
        load_json(b"[" * 65 + b"]" * 65)


def test_deep_json_to_the_control_plane_is_a_400(dockyard_server):
    body = b"[" * 10**5 + b"]" * 10**5
    req = urllib.request.Request(dockyard_server.endpoint + "/_dockyard/clock", data=body, method="POST")
    with pytest.raises(urllib.error.HTTPError) as exc:
        urllib.request.urlopen(req, timeout=10)
    assert exc.value.code == 400
    doc = json.loads(exc.value.read())
    assert "nested deeper" in doc["message"]


def test_an_empty_label_is_a_validation_error_not_another_operation(aws):
    client = aws("neptune-graph")
    with pytest.raises(ClientError) as exc:
        client.get_graph(graphIdentifier="")
    assert _code(exc) == "ValidationException"
    assert "'graphIdentifier'" in exc.value.response["Error"]["Message"]


def test_a_raw_double_slash_path_is_not_list_graphs():
    from dockyard.protocol.models import service_models
    from dockyard.protocol.routing import Router

    router = Router(service_models(["neptune-graph"]))
    found = router.candidates("GET", "/graphs//", {})
    assert found and found[0][0].operation.name == "GetGraph"
    assert found[0][1] == {"graphIdentifier": ""}
    assert router.candidates("GET", "/graphs", {})[0][0].operation.name == "ListGraphs"


_JSON_TEXT = st.text(alphabet=st.sampled_from(["a", "é", "\ud800", "\udfff", "\U0001f600", '"', "\\"]), max_size=4)
_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | _JSON_TEXT,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(_JSON_TEXT, inner, max_size=3),
    max_leaves=40,
)


def _refused(body: bytes | str, max_depth: int) -> bool:
    try:
        load_json(body, max_depth)
    except JsonBodyError:
        return True
    return False


def _walk_refuses(doc, max_depth: int) -> bool:  # type: ignore[no-untyped-def]
    try:
        check_document(doc, max_depth)
    except JsonBodyError:
        return True
    return False


@given(doc=_JSON, max_depth=st.integers(1, 6), ascii_only=st.booleans(), encoding=st.sampled_from(["utf-8", "utf-16"]))
def test_load_json_refuses_exactly_what_the_full_walk_refuses(doc, max_depth, ascii_only, encoding):
    """load_json skips the walk over bodies that cannot break its rules; it must still refuse the same."""
    text = json.dumps(doc, ensure_ascii=ascii_only)
    try:
        body = text.encode(encoding)
    except UnicodeEncodeError:  # a raw lone surrogate has no UTF-8/16 encoding: only the str body exists
        body = None
    for sent in (text, body):
        if sent is not None:
            assert _refused(sent, max_depth) == _walk_refuses(json.loads(sent), max_depth)
