"""Neptune's type conversions (toString, toInteger, toFloat, toBoolean) and its 64-bit integer range.

Integers are Java longs: arithmetic leaving the range fails with ``long overflow``; ``toInteger`` of a
float or string out of range saturates to the nearest bound (Neptune's compliance page).
"""

from __future__ import annotations

import datetime as dt
import math
import re
from typing import Any

from dockyard.graph.query.errors import CypherTypeError, QueryError
from dockyard.graph.query.ordering import is_number
from dockyard.graph.query.values import Node, Path, Rel

LONG_MIN, LONG_MAX = -(2**63), 2**63 - 1

_INTEGER = re.compile(r"[+-]?[0-9]+")
_DECIMAL = re.compile(r"[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")
_SPECIAL = {"nan": math.nan, "infinity": math.inf, "+infinity": math.inf, "-infinity": -math.inf}


def check_long(v: int) -> int:
    """An integer result inside Java's long range, else the ``long overflow`` error."""
    if LONG_MIN <= v <= LONG_MAX:
        return v
    raise QueryError("long overflow")


def saturate(v: int) -> int:
    return LONG_MIN if v < LONG_MIN else LONG_MAX if v > LONG_MAX else v


def type_name(v: Any) -> str:
    """The Cypher name of a runtime value's type, for error messages."""
    kinds: tuple[tuple[type, str], ...] = (
        (bool, "Boolean"), (int, "Integer"), (float, "Float"), (str, "String"), (list, "List"), (dict, "Map"),
        (Node, "Node"), (Rel, "Relationship"), (Path, "Path"), (dt.datetime, "DateTime"), (dt.date, "Date"),
    )  # fmt: skip
    return next((name for kind, name in kinds if isinstance(v, kind)), "Null" if v is None else type(v).__name__)


def parse_float(text: str) -> float | None:
    """A string as Java's Double.parseDouble reads it (decimal, exponent, NaN, Infinity), else None."""
    s = text.strip()
    if _DECIMAL.fullmatch(s):
        return float(s)
    return _SPECIAL.get(s.lower()) if s in ("NaN", "Infinity", "+Infinity", "-Infinity") else None


def to_string(v: Any) -> Any:
    if v is None:
        return None
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, float):
        if math.isnan(v):
            return "NaN"
        if math.isinf(v):
            return "Infinity" if v > 0 else "-Infinity"
        if v.is_integer() and abs(v) < 1e16:
            return f"{v:.1f}"
        return repr(v)
    if isinstance(v, int | str):
        return str(v)
    if isinstance(v, dt.datetime):
        return iso_datetime(v)
    if isinstance(v, dt.date):
        return v.isoformat()
    raise CypherTypeError(f"Type mismatch: toString() cannot convert a {type_name(v)}", "InvalidArgumentValue")


def iso_datetime(v: dt.datetime) -> str:
    """Neptune's datetime text: UTC, milliseconds, ``Z``."""
    v = v.astimezone(dt.UTC) if v.tzinfo else v
    return v.strftime("%Y-%m-%dT%H:%M:%S.") + f"{v.microsecond // 1000:03d}Z"


def to_integer(v: Any) -> Any:
    if v is None:
        return None
    if isinstance(v, bool):
        return int(v)
    if isinstance(v, int):
        return saturate(v)
    if isinstance(v, float):
        if math.isnan(v):
            return None
        if math.isinf(v):
            return LONG_MAX if v > 0 else LONG_MIN
        return saturate(int(v))
    if isinstance(v, str):
        s = v.strip()
        if _INTEGER.fullmatch(s):
            return saturate(int(s))
        f = parse_float(s)
        return None if f is None else to_integer(f)
    raise CypherTypeError(f"Type mismatch: toInteger() cannot convert a {type_name(v)}", "InvalidArgumentValue")


def to_float(v: Any) -> Any:
    if v is None:
        return None
    if is_number(v):
        return float(v)
    if isinstance(v, str):
        return parse_float(v)
    raise CypherTypeError(f"Type mismatch: toFloat() cannot convert a {type_name(v)}", "InvalidArgumentValue")


def to_boolean(v: Any) -> Any:
    if v is None or isinstance(v, bool):
        return v
    if isinstance(v, str):
        return {"true": True, "false": False}.get(v.strip().lower())
    raise CypherTypeError(f"Type mismatch: toBoolean() cannot convert a {type_name(v)}", "InvalidArgumentValue")
