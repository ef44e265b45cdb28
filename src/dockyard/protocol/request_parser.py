"""rest-json request parsing: uri labels, querystring, headers, JSON body and payloads -> params dict.

The params use the model's member names, exactly as a boto3 user passes them, so a handler reads
``params["graphIdentifier"]`` whatever the wire names are.
"""

from __future__ import annotations

import base64
import math
from typing import Any, NamedTuple
from urllib.parse import parse_qs

from botocore.model import OperationModel, Shape

from dockyard.protocol.errors import AwsError
from dockyard.protocol.json_body import JsonBodyError, load_json
from dockyard.protocol.wire_types import WireTypeError, text_to_scalar, to_datetime

_JSON_TYPES = {
    "string": (str,),
    "boolean": (bool,),
    "integer": (int,),
    "long": (int,),
    "float": (int, float),
    "double": (int, float),
}
_SPECIAL_FLOATS = {"NaN": math.nan, "Infinity": math.inf, "-Infinity": -math.inf}


class ParseError(Exception):
    """A member whose wire value does not fit its shape."""

    def __init__(self, path: str, value: Any, expected: str) -> None:
        super().__init__(path)
        self.path = path
        self.value = value
        self.expected = expected


def parse_request(
    operation: OperationModel,
    labels: dict[str, str],
    query: dict[str, list[str]],
    headers: dict[str, str],
    body: bytes,
) -> dict[str, Any]:
    shape = operation.input_shape
    if shape is None:
        return {}
    plan = _plan(shape)
    params: dict[str, Any] = {}
    payload_name = plan.payload_name
    body_members = plan.body_members
    used_query: set[str] = set()
    query_maps: list[tuple[str, Shape]] = []
    for loc, name, wire, member in plan.located:
        try:
            if loc == "uri":
                if wire in labels and labels[wire] == "":
                    raise AwsError(
                        "ValidationException",
                        f"1 validation error detected: Value '' at '{name}' failed to satisfy constraint: "
                        "Member must have length greater than or equal to 1",
                        status=400,
                    )
                if wire in labels:
                    params[name] = text_to_scalar(labels[wire], member.type_name)
            elif loc == "querystring":
                if member.type_name == "map":
                    query_maps.append((name, member))
                elif wire in query:
                    used_query.add(wire)
                    params[name] = _from_query(query[wire], member)
            elif loc == "header":
                if wire in headers:  # the plan holds header names lower-cased
                    params[name] = _from_header(headers[wire], member)
            else:  # "headers": a prefix, lower-cased
                found = {k[len(wire) :]: v for k, v in headers.items() if k.startswith(wire)}
                if found:
                    params[name] = found
        except WireTypeError as exc:
            raise ParseError(name, exc.value, exc.expected) from exc
    for name, member in query_maps:
        found_map: dict[str, Any] = {}
        for k, values in query.items():
            if k in used_query:
                continue
            if member.value.type_name == "list":
                found_map[k] = values
            else:
                found_map[k] = values[0]
        if found_map:
            params[name] = found_map
    if payload_name:
        member = shape.members[payload_name]
        if member.type_name == "blob":
            if body or member.serialization.get("streaming"):
                params[payload_name] = body
        elif member.type_name == "string":
            if body:
                try:
                    params[payload_name] = body.decode("utf-8")
                except UnicodeDecodeError:
                    raise AwsError("SerializationException", "Request body is not valid UTF-8", status=400) from None
        elif body:
            params[payload_name] = _from_json(_load_json(body), member, payload_name)
    elif body_members and body.strip() and _is_form(headers):
        params.update(_from_form(body, body_members))
    elif body_members and body.strip():
        doc = _load_json(body)
        if not isinstance(doc, dict):
            raise ParseError("", doc, "structure")
        for name, member in body_members.items():
            wire = plan.body_wires[name]
            if wire in doc and doc[wire] is not None:
                params[name] = _from_json(doc[wire], member, name)
    return params


class _Plan(NamedTuple):
    """Where each input member of an operation travels, read once from its shape."""

    payload_name: str | None
    located: tuple[tuple[str, str, str, Shape], ...]  # (location, name, wire name, shape), in model order
    body_members: dict[str, Shape]  # members of the JSON body (none when there is a payload member)
    body_wires: dict[str, str]


_MEMO_LIMIT = 4096
_PLANS: dict[int, tuple[Shape, _Plan]] = {}


def _plan(shape: Shape) -> _Plan:
    """The member plan of an input shape (memoised: shapes live as long as their cached model)."""
    found = _PLANS.get(id(shape))
    if found is not None and found[0] is shape:
        return found[1]
    payload_name = shape.serialization.get("payload")
    located: list[tuple[str, str, str, Shape]] = []
    body_members: dict[str, Shape] = {}
    for name, member in shape.members.items():
        loc = member.serialization.get("location")
        wire = member.serialization.get("name", name)
        if loc in ("header", "headers"):
            located.append((loc, name, wire.lower(), member))
        elif loc in ("uri", "querystring"):
            located.append((loc, name, wire, member))
        elif loc is None and name != payload_name:
            body_members[name] = member
    body_wires = {name: member.serialization.get("name", name) for name, member in body_members.items()}
    plan = _Plan(payload_name, tuple(located), body_members, body_wires)
    if len(_PLANS) >= _MEMO_LIMIT:  # shapes built afresh by a caller: never grow without bound
        _PLANS.clear()
    _PLANS[id(shape)] = (shape, plan)
    return plan


def _is_form(headers: dict[str, str]) -> bool:
    return headers.get("content-type", "").split(";")[0].strip().lower() == "application/x-www-form-urlencoded"


def _from_form(body: bytes, members: dict[str, Shape]) -> dict[str, Any]:
    """A rest-json body sent form-encoded (Neptune's HTTP clients such as graph-notebook do): each
    field names a top-level member by its wire name; scalar fields are text as in a query string,
    structure/list/map/document members carry JSON text. Unknown fields are ignored."""
    try:
        fields = parse_qs(body.decode("utf-8"), keep_blank_values=True)
    except UnicodeDecodeError:
        raise AwsError("SerializationException", "Request body is not valid UTF-8", status=400) from None
    params: dict[str, Any] = {}
    for name, member in members.items():
        values = fields.get(member.serialization.get("name", name))
        if not values:
            continue
        text = values[-1]
        if member.type_name in ("structure", "list", "map") or member.metadata.get("document"):
            params[name] = _from_json(_load_json(text.encode()), member, name)
        else:
            try:
                params[name] = text_to_scalar(text, member.type_name)
            except WireTypeError as exc:
                raise ParseError(name, exc.value, exc.expected) from exc
    return params


def _load_json(body: bytes) -> Any:
    try:
        return load_json(body)
    except JsonBodyError as exc:
        raise AwsError("SerializationException", str(exc), status=400) from None


def _from_query(values: list[str], member: Shape) -> Any:
    if member.type_name == "list":
        return [text_to_scalar(v, member.member.type_name) for v in values]
    text = values[0]
    if member.type_name == "timestamp":
        return to_datetime(text)
    return text_to_scalar(text, member.type_name)


def _from_header(text: str, member: Shape) -> Any:
    if member.type_name == "string" and member.serialization.get("jsonvalue"):
        try:
            return load_json(base64.b64decode(text))
        except (JsonBodyError, ValueError) as exc:
            raise WireTypeError(text, "JSON value") from exc
    if member.type_name == "list":
        return [text_to_scalar(v.strip(), member.member.type_name) for v in text.split(",")]
    return text_to_scalar(text, member.type_name)


def _from_json(value: Any, shape: Shape, path: str) -> Any:
    t = shape.type_name
    if shape.metadata.get("document"):
        return value
    if t == "structure":
        if not isinstance(value, dict):
            raise ParseError(path, value, t)
        out: dict[str, Any] = {}
        for name, member in shape.members.items():
            wire = member.serialization.get("name", name)
            if wire in value and value[wire] is not None:
                out[name] = _from_json(value[wire], member, f"{path}.{name}")
        return out
    if t == "list":
        if not isinstance(value, list):
            raise ParseError(path, value, t)
        return [_from_json(v, shape.member, f"{path}.{i + 1}.member") for i, v in enumerate(value)]
    if t == "map":
        if not isinstance(value, dict):
            raise ParseError(path, value, t)
        return {k: _from_json(v, shape.value, f"{path}.{k}") for k, v in value.items()}
    if t == "timestamp":
        try:
            return to_datetime(value)
        except WireTypeError as exc:
            raise ParseError(path, value, t) from exc
    if t == "blob":
        if not isinstance(value, str):
            raise ParseError(path, value, t)
        try:
            return base64.b64decode(value, validate=True)
        except ValueError as exc:
            raise ParseError(path, value, t) from exc
    if t in ("float", "double") and value in _SPECIAL_FLOATS:
        return _SPECIAL_FLOATS[value]
    expected = _JSON_TYPES.get(t)
    if expected is None:
        return value
    if not isinstance(value, expected) or (t != "boolean" and isinstance(value, bool)):
        raise ParseError(path, value, t)
    if t in ("float", "double"):
        return float(value)
    return value
