"""Input validation from the model's constraints, with AWS's message wording.

    1 validation error detected: Value 'x' at 'graphIdentifier' failed to satisfy constraint:
    Member must satisfy regular expression pattern: g-[a-z0-9]{10}

Paths: top-level member names, ``a.b`` for nested members, ``a.N.member`` (1-based) for list
elements, ``a.KEY`` for map values, as AWS's Coral framework prints them.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import regex
from botocore.model import Shape

from dockyard.protocol.errors import AwsError


@lru_cache(maxsize=4096)
def _pattern(pattern: str) -> regex.Pattern[str]:
    return regex.compile(pattern)


def java_repr(value: Any) -> str:
    """A value as Java's toString prints it inside AWS validation messages."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "[" + ", ".join(java_repr(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}={java_repr(v)}" for k, v in value.items()) + "}"
    if isinstance(value, bytes):
        return "java.nio.HeapByteBuffer"
    return str(value)


def _value_text(value: Any) -> str:
    return "null" if value is None else f"'{java_repr(value)}'"


def _scalar_constraints(value: Any, shape: Shape) -> list[str]:
    out: list[str] = []
    meta = shape.metadata
    t = shape.type_name
    if t in ("string", "list", "map", "blob"):
        length = len(value)
        if "max" in meta and length > meta["max"]:
            out.append(f"Member must have length less than or equal to {meta['max']}")
        if "min" in meta and length < meta["min"]:
            out.append(f"Member must have length greater than or equal to {meta['min']}")
    elif t in ("integer", "long", "float", "double"):
        if "max" in meta and value > meta["max"]:
            out.append(f"Member must have value less than or equal to {_num(meta['max'])}")
        if "min" in meta and value < meta["min"]:
            out.append(f"Member must have value greater than or equal to {_num(meta['min'])}")
    if t == "string":
        enum = meta.get("enum")
        if enum and value not in enum:
            out.append(f"Member must satisfy enum value set: [{', '.join(enum)}]")
        pattern = meta.get("pattern")
        if pattern and not _pattern(pattern).fullmatch(value):
            out.append(f"Member must satisfy regular expression pattern: {pattern}")
    return out


def _num(v: float) -> str:
    return str(int(v)) if float(v).is_integer() else str(v)


def collect_violations(value: Any, shape: Shape, path: str, out: list[str]) -> None:
    if shape.metadata.get("document"):
        return
    t = shape.type_name
    for constraint in _scalar_constraints(value, shape):
        out.append(f"Value {_value_text(value)} at '{path}' failed to satisfy constraint: {constraint}")
    if t == "structure":
        if getattr(shape, "is_tagged_union", False):
            set_members = [k for k, v in value.items() if v is not None]
            if len(set_members) != 1:
                out.append(
                    f"Value {_value_text(value)} at '{path}' failed to satisfy constraint: "
                    f"Member must have exactly one member set, found {len(set_members)}"
                )
        _structure(value, shape, path, out)
    elif t == "list":
        for i, item in enumerate(value):
            collect_violations(item, shape.member, f"{path}.{i + 1}.member", out)
    elif t == "map":
        key_problems = sorted({c for k in value for c in _scalar_constraints(k, shape.key)})
        if key_problems:
            out.append(
                f"Value {_value_text(value)} at '{path}' failed to satisfy constraint: "
                f"Map keys must satisfy constraint: [{', '.join(key_problems)}]"
            )
        vshape = shape.value
        if vshape.type_name in ("structure", "list", "map"):
            for k, v in value.items():
                collect_violations(v, vshape, f"{path}.{k}", out)
        else:
            value_problems = sorted({c for v in value.values() for c in _scalar_constraints(v, vshape)})
            if value_problems:
                out.append(
                    f"Value {_value_text(value)} at '{path}' failed to satisfy constraint: "
                    f"Map value must satisfy constraint: [{', '.join(value_problems)}]"
                )


_CONSTRAINTS = ("min", "max", "enum", "pattern")
_SCALARS = frozenset({"string", "integer", "long", "float", "double", "boolean", "timestamp", "blob"})


def _checks(shape: Shape) -> tuple[tuple[str, Shape, bool, bool], ...]:
    """(name, shape, required, constrained) of a structure's members, memoised per shape: a scalar
    member with no constraint in the model can break none, so its value is not walked."""
    found = _MEMBER_CHECKS.get(id(shape))
    if found is not None and found[0] is shape:
        return found[1]
    required = shape.required_members
    checks = tuple(
        (name, member, name in required,
         member.metadata.get("document") is not True
         and (member.type_name not in _SCALARS or any(k in member.metadata for k in _CONSTRAINTS)))
        for name, member in shape.members.items()
    )  # fmt: skip
    if len(_MEMBER_CHECKS) >= _MEMO_LIMIT:  # shapes built afresh by a caller: never grow without bound
        _MEMBER_CHECKS.clear()
    _MEMBER_CHECKS[id(shape)] = (shape, checks)
    return checks


_MEMO_LIMIT = 4096
_MEMBER_CHECKS: dict[int, tuple[Shape, tuple[tuple[str, Shape, bool, bool], ...]]] = {}


def _structure(value: dict[str, Any], shape: Shape, prefix: str, out: list[str]) -> None:
    for name, member, required, constrained in _checks(shape):
        v = value.get(name)
        if v is None:
            if required:
                path = f"{prefix}.{name}" if prefix else name
                out.append(f"Value null at '{path}' failed to satisfy constraint: Member must not be null")
            continue
        if constrained:
            collect_violations(v, member, f"{prefix}.{name}" if prefix else name, out)


def validation_message(violations: list[str]) -> str:
    n = len(violations)
    noun = "error" if n == 1 else "errors"
    return f"{n} validation {noun} detected: " + "; ".join(violations)


def validate_input(params: dict[str, Any], shape: Shape | None) -> None:
    """Raise ValidationException listing every constraint ``params`` breaks."""
    if shape is None:
        return
    out: list[str] = []
    _structure(params, shape, "", out)
    if out:
        raise AwsError("ValidationException", validation_message(out))


def type_violation(path: str, value: Any, expected: str) -> AwsError:
    names = {
        "structure": "a structure",
        "list": "a list",
        "map": "a map",
        "integer": "an integer",
        "long": "a long",
        "float": "a float",
        "double": "a double",
        "boolean": "a boolean",
        "string": "a string",
        "timestamp": "a timestamp",
        "blob": "base64-encoded binary data",
    }
    what = names.get(expected, expected)
    where = path or "body"
    return AwsError(
        "ValidationException",
        validation_message(
            [f"Value {_value_text(value)} at '{where}' failed to satisfy constraint: Member must be {what}"]
        ),
    )
