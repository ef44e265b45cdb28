"""The typed values of the property graph: the ten Neptune Analytics value types and their Arrow storage."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Any, NamedTuple

import pyarrow as pa


class ValueType(StrEnum):
    """A property value type, named as Neptune Analytics names it (the CSV header spelling)."""

    BOOL = "Bool"
    BYTE = "Byte"
    SHORT = "Short"
    INT = "Int"
    LONG = "Long"
    FLOAT = "Float"
    DOUBLE = "Double"
    STRING = "String"
    DATE = "Date"
    DATETIME = "Datetime"

    @property
    def arrow_type(self) -> pa.DataType:
        """The Arrow type a value of this type travels in (in batches, and in the store except String)."""
        return _ARROW[self]

    @property
    def storage_type(self) -> pa.DataType:
        """The Arrow type of the stored value column: String values are term-dictionary codes."""
        return pa.int64() if self is ValueType.STRING else _ARROW[self]


_ARROW: dict[ValueType, pa.DataType] = {
    ValueType.BOOL: pa.bool_(),
    ValueType.BYTE: pa.int8(),
    ValueType.SHORT: pa.int16(),
    ValueType.INT: pa.int32(),
    ValueType.LONG: pa.int64(),
    ValueType.FLOAT: pa.float32(),
    ValueType.DOUBLE: pa.float64(),
    ValueType.STRING: pa.large_string(),
    ValueType.DATE: pa.date32(),
    ValueType.DATETIME: pa.timestamp("ms", tz="UTC"),
}

INTEGER_RANGES: dict[ValueType, tuple[int, int]] = {
    ValueType.BYTE: (-(2**7), 2**7 - 1),
    ValueType.SHORT: (-(2**15), 2**15 - 1),
    ValueType.INT: (-(2**31), 2**31 - 1),
    ValueType.LONG: (-(2**63), 2**63 - 1),
}


class TypedValue(NamedTuple):
    """One property value with its declared type (an Int 1 and a Long 1 are different values)."""

    type: ValueType
    value: Any

    def __repr__(self) -> str:
        return f"{self.type.value}({self.value!r})"


def python_value(vtype: ValueType, value: Any) -> Any:
    """Normalise a Python value read back from Arrow (Datetime values become aware UTC datetimes)."""
    if vtype is ValueType.DATETIME and isinstance(value, dt.datetime) and value.tzinfo is not None:
        return value.astimezone(dt.UTC)
    return value
