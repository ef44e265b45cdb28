"""The ``Any`` column type: each cell is ``;``-separated JSON objects ``{"value": ..., "type": ...}``."""

from __future__ import annotations

import json
from collections.abc import Callable

import pyarrow as pa

from dockyard.graph import ValueType

_DECODER = json.JSONDecoder()


def split_any_cell(text: str, resolve_type: Callable[[str], ValueType | None]) -> list[tuple[ValueType, str]]:
    """``(type, value text)`` pairs of one cell; raises ValueError with a reason when malformed."""
    out: list[tuple[ValueType, str]] = []
    pos, n = 0, len(text)
    while pos < n:
        while pos < n and text[pos] in " \t;":
            pos += 1
        if pos >= n:
            break
        try:
            obj, pos = _DECODER.raw_decode(text, pos)
        except json.JSONDecodeError as exc:
            raise ValueError(f"is not a valid Any value ({exc.msg})") from None
        if not isinstance(obj, dict) or "value" not in obj or "type" not in obj:
            raise ValueError('is not a valid Any value (expected {"value": ..., "type": ...})')
        vtype = resolve_type(str(obj["type"]))
        if vtype is None:
            raise ValueError(f"has unknown type {obj['type']!r}")
        value = obj["value"]
        if isinstance(value, bool):
            value = "true" if value else "false"
        out.append((vtype, str(value)))
    return out


def any_column_cells(raw: pa.Array, resolve_type: Callable[[str], ValueType | None]):
    """Per row: list of (type, text) pairs, or an error reason string."""
    rows: list[list[tuple[ValueType, str]] | str] = []
    for text in raw.to_pylist():
        if text is None:
            rows.append([])
            continue
        try:
            rows.append(split_any_cell(text, resolve_type))
        except ValueError as exc:
            rows.append(str(exc))
    return rows
