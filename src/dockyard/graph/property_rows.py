"""Per-owner access to the sorted ``(owner, key, value)`` property tables, over numpy columns.

Each value type's table becomes numpy columns and a CSR (``csr.sorted_rows``) over its owners, built in
one vectorised pass; reading one owner's properties converts only that owner's few rows to Python
values (term codes decoded through the view's term cache), so the first query on a 1M-edge graph does
not pay for a Python list of every value.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator

import numpy as np
import pyarrow as pa

from dockyard.graph.csr import Csr, sorted_rows
from dockyard.graph.value_types import TypedValue, ValueType

Decode = Callable[[list[int]], list[str]]

_EPOCH_DAY = dt.date(1970, 1, 1).toordinal()
_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)


def numpy_values(vtype: ValueType, column: pa.Array | pa.ChunkedArray) -> np.ndarray:
    """A stored value column as numpy (Date as int32 days, Datetime as int64 ms since the epoch)."""
    if isinstance(column, pa.ChunkedArray):
        column = column.combine_chunks()
    if vtype is ValueType.DATE:
        column = column.cast(pa.int32())
    elif vtype is ValueType.DATETIME:
        column = column.cast(pa.int64())
    return column.to_numpy(zero_copy_only=False)


def python_values(vtype: ValueType, values: np.ndarray, decode: Decode) -> list:
    """numpy stored values as the Python values Arrow's ``to_pylist`` would give (``python_value``
    normalised: Datetime values are aware UTC datetimes)."""
    items = values.tolist()
    if vtype is ValueType.STRING:
        return decode(items)
    if vtype is ValueType.DATE:
        return [dt.date.fromordinal(_EPOCH_DAY + d) for d in items]
    if vtype is ValueType.DATETIME:
        return [_EPOCH + dt.timedelta(milliseconds=ms) for ms in items]
    return items


class PropertyRows:
    """The property values of each owner (vertex or edge index), by value type."""

    def __init__(self, tables: dict[ValueType, pa.Table], n_owners: int, decode: Decode) -> None:
        self._decode = decode
        self._parts: list[tuple[ValueType, Csr, np.ndarray, np.ndarray]] = []
        for vtype, table in tables.items():
            if table.num_rows == 0:
                continue
            owners = table["owner"].to_numpy()
            keys = table["key"].to_numpy()
            self._parts.append((vtype, sorted_rows(owners, n_owners), keys, numpy_values(vtype, table["value"])))

    def items(self, owner: int) -> Iterator[tuple[str, TypedValue]]:
        """``(key, value)`` of every property value ``owner`` holds, type by type, in table order."""
        for vtype, csr, keys, values in self._parts:
            start, end = csr.bounds(owner)
            if start == end:
                continue
            names = self._decode(keys[start:end].tolist())
            for name, value in zip(names, python_values(vtype, values[start:end], self._decode), strict=True):
                yield name, TypedValue(vtype, value)
