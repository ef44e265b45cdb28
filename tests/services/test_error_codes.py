"""Every service answers only errors its model allows for the operation (issue 10, errors one way).

For every operation of every service that has a handler, calls with hypothesis-generated valid
inputs (which name resources that mostly do not exist, or make some that then conflict) go through
the gateway; each error answered must be one of the operation's error shapes in the botocore model,
or one of the codes every AWS service may answer (``ALWAYS_ALLOWED``, with the service's own
validation and throttling codes). Lex V2's stricter not-found test is
``tests/services/lexv2_models/test_not_found_codes.py``.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from botocore.awsrequest import HeadersDict, prepare_request_dict
from botocore.parsers import create_parser
from botocore.serialize import create_serializer
from hypothesis import HealthCheck, given, settings

import dockyard
from dockyard.protocol.http_message import HttpRequest
from dockyard.protocol.models import service_model
from dockyard.services.registry import spec_by_model
from tests.protocol.shape_strategies import strategy_for

# Codes any AWS service may answer whatever its model lists (docs/decisions.md, "Errors every
# service may answer"): AWS's common errors, and the protocol-level answers of the gateway.
ALWAYS_ALLOWED = frozenset({
    "AccessDeniedException",  # AWS common error (IAM)
    "ThrottlingException",  # AWS common error (rate limits; also our throttle faults)
    "ServiceUnavailableException",  # AWS common error
    "InternalServerException",  # our answer to a bug in a handler (AWS: InternalFailure, 500)
    "SerializationException",  # a body that is no JSON (the JSON protocols' own answer)
    "UnknownOperationException",  # no operation at this method and path
    "MissingAuthenticationTokenException",  # unsigned request
    "InvalidSignatureException",  # bad signing scope (region)
    "RequestEntityTooLargeException",  # body over the API limit
    "NotImplementedException",  # an operation Dockyard does not build (501)
})
SERVICES = sorted(spec_by_model())
HANDLED = [(m, op) for m, spec in spec_by_model().items() for op in sorted(spec.handlers)
           if op in service_model(m).operation_names]
SETTINGS = settings(max_examples=4, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True,
                    database=None)


@pytest.fixture(scope="module")
def gateway() -> Iterator:
    with dockyard.mock() as mock:
        yield mock.runtime.gateway


def allowed(model: str, operation: str) -> frozenset[str]:
    spec = spec_by_model()[model]
    modelled = {e.name for e in service_model(model).operation_model(operation).error_shapes}
    return ALWAYS_ALLOWED | modelled | {spec.validation_code, spec.throttling_code}


def answer_code(gateway, model: str, operation: str, params: dict) -> str | None:
    """The error code the gateway answers ``params`` with, as botocore reads it (None: success)."""
    op = service_model(model).operation_model(operation)
    request_dict = create_serializer(service_model(model).metadata["protocol"]).serialize_to_request(params, op)
    host = f"https://{service_model(model).endpoint_prefix}.us-east-1.amazonaws.com"  # Lex V1/V2 tell by host
    prepare_request_dict(request_dict, endpoint_url=host)
    request_dict.pop("host_prefix", None)
    body = request_dict["body"]
    body = body.encode() if isinstance(body, str) else (body.read() if hasattr(body, "read") else body or b"")
    signing = service_model(model).signing_name
    headers = {**dict(request_dict["headers"]), "Authorization":
               f"AWS4-HMAC-SHA256 Credential=testing/20260101/us-east-1/{signing}/aws4_request, "
               "SignedHeaders=host, Signature=0"}
    response = gateway.dispatch(HttpRequest.from_url(request_dict["method"], request_dict["url"], headers, body))
    if response is None:  # handed to moto (a Bedrock tag call on a resource of moto's): moto's answer
        assert model in gateway.moto_serves_too, f"{model} {operation} fell through"
        return None
    if response.status < 300:
        return None
    parser = create_parser(service_model(model).metadata["protocol"])
    parsed = parser.parse({"status_code": response.status, "headers": HeadersDict(response.headers),
                           "body": response.body},
                          op.output_shape)
    return parsed["Error"]["Code"]


@pytest.mark.slow
@pytest.mark.parametrize(("model", "operation"), HANDLED, ids=[f"{m}.{o}" for m, o in HANDLED])
def test_errors_answered_are_ones_the_model_allows(gateway, model: str, operation: str) -> None:
    op = service_model(model).operation_model(operation)
    ok = allowed(model, operation)

    @SETTINGS
    @given(params=strategy_for(op.input_shape) if op.input_shape is not None else strategy_for_empty())
    def check(params: dict) -> None:
        code = answer_code(gateway, model, operation, params)
        assert code is None or code in ok, f"{model} {operation} answered {code}; the model allows {sorted(ok)}"

    check()


def strategy_for_empty():
    from hypothesis import strategies as st

    return st.just({})


def test_every_service_is_covered() -> None:
    assert {m for m, _ in HANDLED} == set(SERVICES)
    assert {"neptune-graph", "lexv2-models", "lex-models", "qconnect", "wisdom", "bedrock"} <= set(SERVICES)
