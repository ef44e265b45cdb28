"""Check archive JSON values against the botocore ``lexv2-models`` shapes.

Differences from request validation, because export files are Describe* responses written by
AWS: ``null`` means "unset" everywhere, keys the model does not know are tolerated (newer
exports add fields before botocore does), and the archive spellings of :mod:`.archive_names`
are understood (and used in messages). Messages name the field path in the file, e.g.
``field 'sampleUtterances[2].utterance' must be a string``.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from botocore.model import Shape

from dockyard.service_kit import service_model

from .archive_names import ENUM_RENAMES, api_member, archive_key, enum_to_api

_RESOURCES = {
    "bot": "Bot",
    "locale": "BotLocale",
    "intent": "Intent",
    "slot": "Slot",
    "slot_type": "SlotType",
}


@cache
def member_shape(resource: str, member: str) -> Shape | None:
    """The shape of ``member`` in Create/Update<resource> input or Describe<resource> output."""
    model = service_model("lexv2-models")
    name = _RESOURCES[resource]
    candidates = [
        model.operation_model(f"Create{name}").input_shape,
        model.operation_model(f"Update{name}").input_shape,
        model.operation_model(f"Describe{name}").output_shape,
    ]
    for shape in candidates:
        if shape is not None and member in shape.members:
            return shape.members[member]
    return None


@cache
def _pattern(pattern: str) -> re.Pattern[str] | None:
    try:
        return re.compile(pattern)
    except re.error:
        return None


def check_value(value: Any, shape: Shape, path: str, out: list[str]) -> None:
    """Append a message to ``out`` for each violation inside ``value`` (``None`` is always fine)."""
    if value is None:
        return
    kind = shape.type_name
    checker = _CHECKERS.get(kind)
    if checker is not None:
        checker(value, shape, path, out)


def _structure(value: Any, shape: Shape, path: str, out: list[str]) -> None:
    if not isinstance(value, dict):
        out.append(f"field '{path}' must be an object")
        return
    for name in shape.required_members:
        key = archive_key(shape, name)
        if value.get(key) is None and value.get(name) is None:
            out.append(f"field '{_join(path, key)}' is required")
    for key, item in value.items():
        member = api_member(shape, key)
        if member is not None:
            check_value(item, shape.members[member], _join(path, key), out)


def _list(value: Any, shape: Shape, path: str, out: list[str]) -> None:
    if not isinstance(value, list):
        out.append(f"field '{path}' must be a list")
        return
    _bounds(len(value), shape, path, out, "items")
    for index, item in enumerate(value):
        check_value(item, shape.member, f"{path}[{index}]", out)


def _map(value: Any, shape: Shape, path: str, out: list[str]) -> None:
    if not isinstance(value, dict):
        out.append(f"field '{path}' must be an object")
        return
    _bounds(len(value), shape, path, out, "entries")
    for key, item in value.items():
        check_value(item, shape.value, _join(path, str(key)), out)


def _string(value: Any, shape: Shape, path: str, out: list[str]) -> None:
    if not isinstance(value, str):
        out.append(f"field '{path}' must be a string")
        return
    enum = shape.metadata.get("enum")
    if enum and enum_to_api(shape, value) not in enum:
        allowed = [ENUM_RENAMES.get(shape.name, {}).get(e, e) for e in enum]
        out.append(f"field '{path}' must be one of {', '.join(allowed)} (got {value!r})")
        return
    _bounds(len(value), shape, path, out, "characters")
    pattern = shape.metadata.get("pattern")
    compiled = _pattern(pattern) if pattern else None
    if compiled is not None and not compiled.search(value):
        out.append(f"field '{path}' must match the pattern {pattern} (got {value!r})")


def _integer(value: Any, shape: Shape, path: str, out: list[str]) -> None:
    if isinstance(value, bool) or not isinstance(value, int):
        out.append(f"field '{path}' must be an integer")
        return
    _range(value, shape, path, out)


def _number(value: Any, shape: Shape, path: str, out: list[str]) -> None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        out.append(f"field '{path}' must be a number")
        return
    _range(value, shape, path, out)


def _boolean(value: Any, shape: Shape, path: str, out: list[str]) -> None:
    if not isinstance(value, bool):
        out.append(f"field '{path}' must be a boolean")


def _bounds(size: int, shape: Shape, path: str, out: list[str], unit: str) -> None:
    low, high = shape.metadata.get("min"), shape.metadata.get("max")
    if low is not None and size < low:
        out.append(f"field '{path}' must have at least {low} {unit}")
    elif high is not None and size > high:
        out.append(f"field '{path}' must have at most {high} {unit}")


def _range(value: float, shape: Shape, path: str, out: list[str]) -> None:
    low, high = shape.metadata.get("min"), shape.metadata.get("max")
    if low is not None and value < low:
        out.append(f"field '{path}' must be at least {low:g}")
    elif high is not None and value > high:
        out.append(f"field '{path}' must be at most {high:g}")


def _join(path: str, name: str) -> str:
    return f"{path}.{name}" if path else name


_CHECKERS = {
    "structure": _structure,
    "list": _list,
    "map": _map,
    "string": _string,
    "integer": _integer,
    "long": _integer,
    "double": _number,
    "float": _number,
    "boolean": _boolean,
}
