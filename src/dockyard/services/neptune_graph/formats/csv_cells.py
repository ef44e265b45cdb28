"""Cell-level CSV clean-up, vectorised: trimming, space-before-quote fields, empty = no value, arrays.

Decision (documented): leading/trailing spaces and tabs of every field are dropped (real Neptune
files such as ``~id, name:String`` / ``v1, "marko", 29`` rely on it), and a field of the form
`` "text"`` (spaces, then a quoted value) is unquoted, ``""`` becoming ``"``. An empty field is
"no value" (null).
"""

from __future__ import annotations

import pyarrow as pa
import pyarrow.compute as pc

_SPACE_QUOTED = r'^[ \t]+"(?s:.*)"[ \t]*$'
_ESCAPED_SEMICOLON = "\\;"
_PLACEHOLDER = "\x00"


def _large(values: pa.Array | pa.ChunkedArray) -> pa.Array:
    if isinstance(values, pa.ChunkedArray):
        values = values.combine_chunks()
    return values if values.type == pa.large_string() else values.cast(pa.large_string())


def clean_cells(raw: pa.Array | pa.ChunkedArray) -> pa.Array:
    """Trimmed values, null where empty."""
    values = _large(raw)
    if pc.any(pc.match_substring_regex(values, r"^[ \t]|[ \t]$")).as_py():
        trimmed = pc.utf8_trim(values, " \t")
        quoted = pc.match_substring_regex(values, _SPACE_QUOTED)
        if pc.any(quoted).as_py():
            inner = pc.replace_substring(pc.utf8_slice_codeunits(trimmed, 1, -1), '""', '"')
            trimmed = pc.if_else(quoted, inner, trimmed)
        values = trimmed
    empty = pc.equal(values, "")
    if pc.any(empty).as_py():
        values = pc.if_else(empty, pa.scalar(None, pa.large_string()), values)
    return values


def split_multi(values: pa.Array) -> pa.ListArray:
    """Split ``a;b;c`` (``\\;`` escapes a literal semicolon) into a list per row; elements are trimmed
    and empty elements become nulls (dropped by the loader). Null rows give empty lists."""
    values = _large(values)
    escaped = pc.any(pc.match_substring(values, _ESCAPED_SEMICOLON)).as_py()
    if escaped:
        values = pc.replace_substring(values, _ESCAPED_SEMICOLON, _PLACEHOLDER)
    lists = pc.split_pattern(values.fill_null(""), ";")
    flat = pc.utf8_trim(pc.list_flatten(lists), " \t")
    if escaped:
        flat = pc.replace_substring(flat, _PLACEHOLDER, ";")
    flat = pc.if_else(pc.equal(flat, ""), pa.scalar(None, pa.large_string()), flat)
    return pa.LargeListArray.from_arrays(lists.offsets.cast(pa.int64()), flat)


def rebuild_list(lists: pa.Array, flat_values: pa.Array) -> pa.Array:
    """The list array with ``lists``'s row structure and new (converted) element values."""
    return pa.LargeListArray.from_arrays(lists.offsets.cast(pa.int64()), flat_values)
