"""Lex V1 and V2 both sign as ``lex``: every route of both models lands on the right operation,
by host where the host tells, and by method, path, body and ARN alone behind one port."""

from __future__ import annotations

import pytest
from botocore.awsrequest import prepare_request_dict
from botocore.serialize import create_serializer
from hypothesis import HealthCheck, given, settings

from dockyard.protocol.http_message import HttpRequest
from dockyard.protocol.models import service_model
from dockyard.runtime import Runtime

from .shape_strategies import strategy_for

V1, V2 = "lex-models", "lexv2-models"
OPS = [(svc, op) for svc in (V1, V2) for op in service_model(svc).operation_names]
ARNS = {
    V1: "arn:aws:lex:us-east-1:123456789012:bot:OrderFlowers:Prod",
    V2: "arn:aws:lex:us-east-1:123456789012:bot/ABCDEFGHIJ",
}


@pytest.fixture(scope="module")
def gateway():
    rt = Runtime()
    yield rt.gateway
    rt.close()


def _request(service: str, operation: str, params: dict, endpoint: str) -> HttpRequest:
    op = service_model(service).operation_model(operation)
    rd = create_serializer("rest-json").serialize_to_request(params, op)
    prepare_request_dict(rd, endpoint_url=endpoint)
    body = rd["body"]
    body = body.encode() if isinstance(body, str) else (body or b"")
    return HttpRequest.from_url(rd["method"], rd["url"], dict(rd["headers"]), body)


@pytest.mark.parametrize(("service", "operation"), OPS, ids=[f"{s}.{o}" for s, o in OPS])
def test_each_route_lands_on_its_operation(gateway, service: str, operation: str) -> None:
    op = service_model(service).operation_model(operation)

    @settings(max_examples=5, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
    @given(params=strategy_for(op.input_shape) if op.input_shape else strategy_for(op.output_shape))
    def check(params: dict) -> None:
        if op.input_shape is None:
            params = {}
        for key in ("resourceArn", "resourceARN"):  # V1 and V2 spell it differently
            if key in params:
                params[key] = ARNS[service]
        host = "https://models.lex.us-east-1.amazonaws.com" if service == V1 else (
            "https://models-v2-lex.us-east-1.amazonaws.com")
        for endpoint in ("http://localhost:4566", host):
            request = _request(service, operation, params, endpoint)
            services = gateway.candidate_services("lex", request.host)
            route, _ = gateway.resolve(request, services)
            assert (route.service, route.operation.name) == (service, operation), endpoint

    check()


def test_exactly_four_pairs_share_a_route() -> None:
    """The trailing slash counts: V1 GetImport ``/imports/{id}`` is not V2 ``/imports/{id}/``."""

    def routes(svc: str) -> dict[tuple[str, str], str]:
        model = service_model(svc)
        out = {}
        for name in model.operation_names:
            http = model.operation_model(name).http
            path = http["requestUri"].split("?")[0]
            import re

            out[(http["method"], re.sub(r"\{[^}]+\}", "{}", path))] = name
        return out

    v1, v2 = routes(V1), routes(V2)
    shared = sorted((v1[k], v2[k]) for k in v1.keys() & v2.keys())
    assert shared == [
        ("ListTagsForResource", "ListTagsForResource"),
        ("StartImport", "ListImports"),
        ("TagResource", "TagResource"),
        ("UntagResource", "UntagResource"),
    ]
