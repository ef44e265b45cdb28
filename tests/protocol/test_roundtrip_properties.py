"""botocore is the oracle: what it serialises we parse back equal; what we serialise it parses equal.

Every operation of the five services, inputs and outputs, with hypothesis-generated values.
"""

from __future__ import annotations

import io

import pytest
from botocore.awsrequest import HeadersDict, prepare_request_dict
from botocore.parsers import create_parser
from botocore.response import StreamingBody
from botocore.serialize import create_serializer
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dockyard.protocol.http_message import HttpRequest
from dockyard.protocol.models import service_model
from dockyard.protocol.request_parser import parse_request
from dockyard.protocol.response_serializer import serialize_response
from dockyard.protocol.routing import Router
from dockyard.protocol.validator import validate_input
from dockyard.services.registry import spec_by_model

from .shape_strategies import strategy_for

SERVICES = sorted(spec_by_model())
OPERATIONS = [(svc, op) for svc in SERVICES for op in service_model(svc).operation_names]
WITH_INPUT = [(s, o) for s, o in OPERATIONS if service_model(s).operation_model(o).input_shape is not None]
WITH_OUTPUT = [(s, o) for s, o in OPERATIONS if service_model(s).operation_model(o).output_shape is not None]
ROUTERS = {svc: Router({svc: service_model(svc)}) for svc in SERVICES}
SETTINGS = settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=True,
)


def _drop_empty_wire_only(params: dict, shape) -> dict:
    """Members the wire cannot carry when empty (query lists/maps, header lists, empty payload blobs)."""
    out = dict(params)
    payload = shape.serialization.get("payload")
    for name, member in shape.members.items():
        loc = member.serialization.get("location")
        value = out.get(name)
        if value in ([], {}) and loc in ("querystring", "header", "headers"):
            out.pop(name)
        if name == payload and value == b"" and not member.serialization.get("streaming"):
            out.pop(name)
        if loc == "headers" and isinstance(value, dict):
            out[name] = {k.lower(): v for k, v in value.items()}
    return out


def _lower_header_maps(parsed: dict, shape) -> dict:
    for name, member in shape.members.items():
        if member.serialization.get("location") == "headers" and name in parsed:
            parsed[name] = {k.lower(): v for k, v in parsed[name].items()}
    return parsed


@pytest.mark.parametrize(("service", "operation"), WITH_INPUT, ids=[f"{s}.{o}" for s, o in WITH_INPUT])
def test_input_parses_back_equal(service: str, operation: str) -> None:
    op = service_model(service).operation_model(operation)
    serializer = create_serializer("rest-json")

    @SETTINGS
    @given(params=strategy_for(op.input_shape))
    def check(params: dict) -> None:
        request_dict = serializer.serialize_to_request(params, op)
        prepare_request_dict(request_dict, endpoint_url="http://localhost:4566")
        request_dict.pop("host_prefix", None)
        body = request_dict["body"]
        if isinstance(body, str):
            body = body.encode("utf-8")
        elif hasattr(body, "read"):
            body = body.read()
        request = HttpRequest.from_url(
            request_dict["method"], request_dict["url"], dict(request_dict["headers"]), body or b""
        )
        found = ROUTERS[service].candidates(request.method, request.path, request.query)
        assert found, f"no route for {request.method} {request.path}"
        _route, labels = next((r, lb) for r, lb in found if r.operation.name == operation)
        parsed = parse_request(op, labels, request.query, request.headers, request.body)
        on_wire = _drop_empty_wire_only(params, op.input_shape)
        assert _lower_header_maps(parsed, op.input_shape) == on_wire
        if on_wire.keys() == params.keys():  # an empty query list is absent on the wire, as on AWS
            validate_input(parsed, op.input_shape)  # valid params are accepted after the trip, too

    check()


@pytest.mark.parametrize(("service", "operation"), WITH_OUTPUT, ids=[f"{s}.{o}" for s, o in WITH_OUTPUT])
def test_output_parses_back_equal(service: str, operation: str) -> None:
    op = service_model(service).operation_model(operation)
    parser = create_parser("rest-json")

    @SETTINGS
    @given(output=strategy_for(op.output_shape, respect_patterns=False))
    def check(output: dict) -> None:
        response = serialize_response(op, output)
        body = response.body
        if op.has_streaming_output:  # botocore hands streaming payloads over unread, as a stream
            body = StreamingBody(io.BytesIO(body), len(body))
        parsed = parser.parse(
            {"status_code": response.status, "headers": HeadersDict(response.headers), "body": body},
            op.output_shape,
        )
        parsed.pop("ResponseMetadata", None)
        if op.has_streaming_output:
            name = op.output_shape.serialization["payload"]
            if name in parsed:
                parsed[name] = parsed[name].read()
        expected = _drop_empty_wire_only(output, op.output_shape)
        assert _lower_header_maps(parsed, op.output_shape) == expected

    check()


def test_every_operation_has_a_unique_route_within_its_service() -> None:
    for svc in SERVICES:
        model = service_model(svc)
        seen: dict[tuple, str] = {}
        for name in model.operation_names:
            http = model.operation_model(name).http
            key = (http["method"], http["requestUri"].rstrip("/"))
            assert key not in seen, f"{svc}: {name} and {seen[key]} share {key}"
            seen[key] = name


_ = st  # strategies are built per operation above
