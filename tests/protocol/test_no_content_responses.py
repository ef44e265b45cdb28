"""A 204 response has no body: a stray "{}" would be read as the start of the next response on a
keep-alive connection (botocore then retries a request that already succeeded)."""

from __future__ import annotations

import pytest

from dockyard.protocol.models import service_model
from dockyard.protocol.response_serializer import serialize_response

SERVICES = ("lex-models", "lexv2-models", "qconnect", "wisdom", "neptune-graph", "bedrock")
# every 204 operation with no output shape or an empty one (qconnect DeleteAssistant)
NO_CONTENT = [(svc, op) for svc in SERVICES for op in service_model(svc).operation_names
              if service_model(svc).operation_model(op).http.get("responseCode") == 204
              and not getattr(service_model(svc).operation_model(op).output_shape, "members", None)]


@pytest.mark.parametrize(("service", "operation"), NO_CONTENT, ids=[f"{s}.{o}" for s, o in NO_CONTENT])
def test_no_content_has_no_body(service: str, operation: str) -> None:
    response = serialize_response(service_model(service).operation_model(operation), {})
    assert (response.status, response.body) == (204, b"")
