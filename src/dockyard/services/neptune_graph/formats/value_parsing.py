"""Vectorised conversion of text columns to typed Arrow columns, with a mask of rejected values.

Used by both CSV formats (and by Parquet for declared Date/Datetime/Any string columns). Fast
path: one Arrow cast; only when it fails (or yields non-finite floats) are rows inspected one by one
with regular expressions (RE2, still vectorised) and, as a last resort, Python per value.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

import pyarrow as pa
import pyarrow.compute as pc

from dockyard.graph import ValueType
from dockyard.graph.value_types import INTEGER_RANGES

_INT_RE = r"^[+-]?[0-9]+$"
_FLOAT_RE = r"^[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?$"
_DATE_RE = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}([+-][0-9]{4})?$"
_DATETIME_RE = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}(T[0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]+)?)?)?(Z|[+-][0-9]{2}(:?[0-9]{2})?)?$"
_Z = pa.scalar("Z", pa.large_string())
_EMPTY = pa.scalar("", pa.large_string())
GREMLIN_FLOAT_TOKENS = frozenset({"Infinity", "+Infinity", "-Infinity", "INF", "+INF", "-INF", "NaN"})
OPENCYPHER_FLOAT_TOKENS = frozenset({"Infinity", "+Infinity", "-Infinity", "NaN"})


@dataclass(frozen=True)
class Parsed:
    """``values`` (``vtype.arrow_type``; null where the text was null or rejected) and ``invalid``
    (bool per row, true where a present value was rejected; None when nothing was)."""

    values: pa.Array
    invalid: pa.Array | None


def type_description(vtype: ValueType) -> str:
    """How a type is named in a rejection reason (``... is not a valid Byte``; out-of-range too)."""
    return vtype.value


def _invalid(raw: pa.Array, values: pa.Array) -> pa.Array | None:
    mask = pc.and_(raw.is_valid(), values.is_null())
    return mask if pc.any(mask).as_py() else None


def _per_value(raw: pa.Array, fn: Callable[[str], object], arrow_type: pa.DataType) -> pa.Array:
    out = []
    for text in raw.to_pylist():
        if text is None:
            out.append(None)
            continue
        try:
            out.append(fn(text))
        except (ValueError, OverflowError):
            out.append(None)
    return pa.array(out, arrow_type)


def _only_matching(raw: pa.Array, pattern: str) -> pa.Array:
    ok = pc.match_substring_regex(raw, pattern)
    return pc.if_else(ok, raw, pa.scalar(None, raw.type))


def _parse_integer(raw: pa.Array, vtype: ValueType) -> Parsed:
    try:
        as64 = pc.cast(raw, pa.int64())
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        candidate = pc.replace_substring_regex(_only_matching(raw, _INT_RE), r"^\+", "")
        try:
            as64 = pc.cast(candidate, pa.int64())
        except pa.ArrowInvalid:
            lo, hi = INTEGER_RANGES[ValueType.LONG]
            as64 = _per_value(candidate, lambda t: int(t) if lo <= int(t) <= hi else None, pa.int64())
    lo, hi = INTEGER_RANGES[vtype]
    if vtype is not ValueType.LONG:
        out_of_range = pc.or_(pc.less(as64, lo), pc.greater(as64, hi))
        if pc.any(out_of_range).as_py():
            as64 = pc.if_else(out_of_range, pa.scalar(None, pa.int64()), as64)
    values = pc.cast(as64, vtype.arrow_type)
    return Parsed(values, _invalid(raw, values))


def _parse_float(raw: pa.Array, vtype: ValueType, tokens: frozenset[str]) -> Parsed:
    try:
        as64 = pc.cast(raw, pa.float64())
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        candidate = pc.if_else(
            pc.or_(pc.match_substring_regex(raw, _FLOAT_RE), pc.is_in(raw, pa.array(sorted(tokens)))),
            raw,
            pa.scalar(None, raw.type),
        )
        as64 = pc.cast(candidate, pa.float64())
    nonfinite = pc.invert(pc.is_finite(as64))
    if pc.any(nonfinite).as_py():
        # Non-finite values must come from an allowed token (not '1e999', not 'inf' in openCypher).
        bad = pc.and_(nonfinite, pc.invert(pc.is_in(raw, pa.array(sorted(tokens)))))
        as64 = pc.if_else(bad, pa.scalar(None, pa.float64()), as64)
    if vtype is ValueType.FLOAT:
        as32 = pc.cast(as64, pa.float32(), safe=False)
        overflow = pc.and_(pc.is_finite(as64), pc.invert(pc.is_finite(as32)))
        values = pc.if_else(overflow, pa.scalar(None, pa.float32()), as32)
    else:
        values = as64
    return Parsed(values, _invalid(raw, values))


def _parse_date(raw: pa.Array) -> Parsed:
    candidate = pc.utf8_slice_codeunits(_only_matching(raw, _DATE_RE), 0, 10)
    try:
        values = pc.cast(candidate, pa.date32())
    except pa.ArrowInvalid:
        values = _per_value(candidate, dt.date.fromisoformat, pa.date32())
    return Parsed(values, _invalid(raw, values))


def normalise_datetime(text: pa.Array) -> pa.Array:
    """Make accepted datetime spellings castable: time for date-only, ms precision, Z when zoneless."""
    text = pc.replace_substring_regex(text, r"^([0-9]{4}-[0-9]{2}-[0-9]{2})($|Z|[+-])", r"\1T00:00\2")
    text = pc.replace_substring_regex(text, r"(\.[0-9]{3})[0-9]+", r"\1")
    zoned = pc.match_substring_regex(text, r"T.*(Z|[+-][0-9]{2}(:?[0-9]{2})?)$")
    return pc.if_else(
        zoned,
        text,
        pc.binary_join_element_wise(text, _Z, _EMPTY),
    )


def _python_datetime(text: str) -> dt.datetime:
    value = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    return value.astimezone(dt.UTC)


def _parse_datetime(raw: pa.Array) -> Parsed:
    candidate = normalise_datetime(_only_matching(raw, _DATETIME_RE))
    target = ValueType.DATETIME.arrow_type
    try:
        values = pc.cast(candidate, target)
    except pa.ArrowInvalid:
        values = _per_value(candidate, _python_datetime, target)
    return Parsed(values, _invalid(raw, values))


def parse_column(raw: pa.Array, vtype: ValueType, *, float_tokens: frozenset[str] = GREMLIN_FLOAT_TOKENS) -> Parsed:
    """Convert ``raw`` (strings, null = no value) to ``vtype``. Bool: ``true`` (any case) is true and
    every other value false, as Neptune documents."""
    if isinstance(raw, pa.ChunkedArray):
        raw = raw.combine_chunks()
    if raw.type != pa.large_string():
        raw = raw.cast(pa.large_string())
    if vtype is ValueType.STRING:
        return Parsed(raw, None)
    if vtype is ValueType.BOOL:
        return Parsed(pc.equal(pc.utf8_lower(raw), "true"), None)
    if vtype in INTEGER_RANGES:
        return _parse_integer(raw, vtype)
    if vtype in (ValueType.FLOAT, ValueType.DOUBLE):
        return _parse_float(raw, vtype, float_tokens)
    if vtype is ValueType.DATE:
        return _parse_date(raw)
    return _parse_datetime(raw)
