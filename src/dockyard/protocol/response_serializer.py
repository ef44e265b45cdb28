"""rest-json response serialisation: status code, header members, payloads and JSON bodies; errors."""

from __future__ import annotations

import base64
import json
import math
from typing import Any

from botocore.model import OperationModel, ServiceModel, Shape

from dockyard.protocol.errors import AwsError
from dockyard.protocol.http_message import HttpResponse
from dockyard.protocol.wire_types import scalar_to_text, timestamp_to_wire

JSON_CONTENT_TYPE = "application/json"


def serialize_response(operation: OperationModel, output: dict[str, Any]) -> HttpResponse:
    status = operation.http.get("responseCode", 200)
    headers: dict[str, str] = {}
    shape = operation.output_shape
    if shape is None:
        # a 204 carries no body (HTTP forbids one: a stray "{}" corrupts the next keep-alive response)
        return HttpResponse(status, {"Content-Type": JSON_CONTENT_TYPE}, b"" if status == 204 else b"{}")
    payload_name = shape.serialization.get("payload")
    body_doc: dict[str, Any] = {}
    body: bytes | None = None
    for name, member in shape.members.items():
        value = output.get(name)
        if value is None:
            continue
        loc = member.serialization.get("location")
        wire = member.serialization.get("name", name)
        if loc == "header":
            headers[wire] = _header_text(value, member)
        elif loc == "headers":
            for k, v in value.items():
                headers[wire + k] = str(v)
        elif loc == "statusCode":
            status = int(value)
        elif name == payload_name:
            if member.type_name == "blob":
                body = value if isinstance(value, bytes) else bytes(value)
                headers.setdefault("Content-Type", getattr(value, "media_type", "application/octet-stream"))
            elif member.type_name == "string":
                body = value.encode("utf-8")
                headers.setdefault("Content-Type", "text/plain")
            else:
                body = _dumps(_to_json(value, member))
        else:
            body_doc[wire] = _to_json(value, member)
    if body is None:
        # a 204 with nothing for the body carries none (see above), even with an empty output shape
        body = b"" if status == 204 and not body_doc else _dumps(body_doc)
    headers.setdefault("Content-Type", JSON_CONTENT_TYPE)
    return HttpResponse(status, headers, body)


def _dumps(doc: Any) -> bytes:
    return json.dumps(doc, separators=(",", ":"), ensure_ascii=False, allow_nan=False).encode("utf-8")


def _header_text(value: Any, member: Shape) -> str:
    if member.type_name == "string" and member.serialization.get("jsonvalue"):
        return base64.b64encode(_dumps(value)).decode()
    if member.type_name == "list":
        return ",".join(scalar_to_text(v, member.member.type_name) for v in value)
    fmt = member.serialization.get("timestampFormat", "rfc822")
    return scalar_to_text(value, member.type_name, fmt)


def _to_json(value: Any, shape: Shape) -> Any:
    t = shape.type_name
    if shape.metadata.get("document"):
        return value
    if t == "structure":
        out: dict[str, Any] = {}
        for name, member in shape.members.items():
            v = value.get(name)
            if v is not None:
                out[member.serialization.get("name", name)] = _to_json(v, member)
        return out
    if t == "list":
        return [_to_json(v, shape.member) for v in value]
    if t == "map":
        return {k: _to_json(v, shape.value) for k, v in value.items()}
    if t == "timestamp":
        return timestamp_to_wire(value, shape.serialization.get("timestampFormat", "unixTimestamp"))
    if t == "blob":
        return base64.b64encode(value).decode()
    if t in ("float", "double"):
        f = float(value)
        if not math.isfinite(f):
            return "NaN" if math.isnan(f) else ("Infinity" if f > 0 else "-Infinity")
        return f
    return value


def serialize_error(model: ServiceModel | None, error: AwsError) -> HttpResponse:
    status = error.status
    doc: dict[str, Any] = {}
    message_key = "message"
    shape = _error_shape(model, error.code)
    if shape is not None:
        status = status or shape.metadata.get("error", {}).get("httpStatusCode", 400)
        if "Message" in shape.members and "message" not in shape.members:
            message_key = "Message"
        for name, member in shape.members.items():
            if name in error.fields:
                doc[member.serialization.get("name", name)] = _to_json(error.fields[name], member)
    else:
        doc.update(error.fields)
    doc[message_key] = error.message
    headers = {"Content-Type": JSON_CONTENT_TYPE, "X-Amzn-ErrorType": error.code}
    return HttpResponse(status or 400, headers, _dumps(doc))


def _error_shape(model: ServiceModel | None, code: str) -> Shape | None:
    if model is None:
        return None
    for shape in model.error_shapes:
        if shape.name == code or shape.error_code == code:
            return shape
    return None
