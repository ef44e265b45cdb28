"""Typed values as the Gremlin CSV load format spells them, vectorised (and conversions between types).

Bool ``true``/``false``; integers in decimal; Float/Double in the shortest text that reads back to
the same value, non-finite as ``NaN``, ``Infinity``, ``-Infinity``; Date ``yyyy-MM-dd``; Datetime
``yyyy-MM-ddTHH:mm:ss.SSSZ`` (UTC, milliseconds, what the store keeps).
"""

from __future__ import annotations

import pyarrow as pa
import pyarrow.compute as pc

from dockyard.graph import ValueType
from dockyard.services.neptune_graph.formats.value_parsing import parse_column

_STR = pa.large_string()


def _text(value: str) -> pa.Scalar:
    return pa.scalar(value, _STR)


def _float_text(values: pa.Array) -> pa.Array:
    text = pc.cast(values, _STR)
    if pc.all(pc.fill_null(pc.is_finite(values), True)).as_py():
        return text
    text = pc.if_else(pc.is_nan(values), _text("NaN"), text)
    text = pc.if_else(pc.equal(values, float("inf")), _text("Infinity"), text)
    return pc.if_else(pc.equal(values, float("-inf")), _text("-Infinity"), text)


def has_non_finite(values: pa.Array) -> bool:
    """Whether a float column holds NaN or an infinity (the CSV writer then writes text)."""
    return not pc.all(pc.fill_null(pc.is_finite(values), True)).as_py()


def render(vtype: ValueType, values: pa.Array) -> pa.Array:
    """``values`` (``vtype.arrow_type``) as large_string text, nulls kept."""
    if isinstance(values, pa.ChunkedArray):
        values = values.combine_chunks()
    if vtype is ValueType.STRING:
        return values if values.type == _STR else pc.cast(values, _STR)
    if vtype is ValueType.BOOL:
        return pc.if_else(values, _text("true"), _text("false"))
    if vtype in (ValueType.FLOAT, ValueType.DOUBLE):
        return _float_text(values)
    if vtype is ValueType.DATETIME:
        return pc.cast(pc.strftime(values, format="%Y-%m-%dT%H:%M:%SZ"), _STR)
    return pc.cast(values, _STR)


def convert(values: pa.Array, source: ValueType, target: ValueType) -> pa.Array:
    """``values`` of ``source`` as ``target`` (through their text, as a loader would read it); a value
    the target type cannot hold becomes null (it is not exported)."""
    if source is target:
        return values
    text = render(source, values)
    if target is ValueType.STRING:
        return text
    return parse_column(text, target).values


def escape_list_element(text: pa.Array) -> pa.Array:
    """Escape ``;`` as ``\\;`` inside an element of a ``;``-separated multi-value cell."""
    return pc.replace_substring(text, ";", "\\;")
