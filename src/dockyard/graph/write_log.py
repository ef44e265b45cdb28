"""The write-ahead log of a persistent store: one JSON line per committed write transaction.

A line holds the new whole state of every vertex and edge the transaction touched (``null`` for a
deletion) and the next edge number. A line is written with one ``write`` and made durable with
``fsync`` before the commit is acknowledged, so a torn last line (a crash mid-write) belongs to a
transaction nobody was told had committed: replay drops it. The log belongs to one generation of
the columnar files (``persistence.log_path``); merging the delta into a new generation starts a new,
empty log.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from dockyard.graph.graph_view import Edge, Vertex
from dockyard.graph.value_types import TypedValue, ValueType

Record = dict[str, Any]


def _encode_value(tv: TypedValue) -> list[Any]:
    value = tv.value
    if tv.type is ValueType.DATETIME or tv.type is ValueType.DATE:
        value = value.isoformat()
    elif isinstance(value, float) and not math.isfinite(value):
        value = repr(value)
    return [tv.type.value, value]


def _decode_value(item: list[Any]) -> TypedValue:
    vtype = ValueType(item[0])
    value = item[1]
    if vtype is ValueType.DATETIME:
        value = dt.datetime.fromisoformat(value)
    elif vtype is ValueType.DATE:
        value = dt.date.fromisoformat(value)
    elif vtype in (ValueType.FLOAT, ValueType.DOUBLE):
        value = float(value)
    return TypedValue(vtype, value)


def encode_vertex(v: Vertex | None) -> Any:
    if v is None:
        return None
    return [list(v.labels), {k: [_encode_value(x) for x in values] for k, values in v.properties.items()}]


def decode_vertex(vid: str, item: Any) -> Vertex | None:
    if item is None:
        return None
    labels, props = item
    return Vertex(vid, tuple(labels), {k: [_decode_value(x) for x in values] for k, values in props.items()})


def encode_edge(e: Edge | None) -> Any:
    if e is None:
        return None
    return [e.from_id, e.to_id, e.label, {k: _encode_value(x) for k, x in e.properties.items()}]


def decode_edge(eid: str, item: Any) -> Edge | None:
    if item is None:
        return None
    src, dst, label, props = item
    return Edge(eid, src, dst, label, {k: _decode_value(x) for k, x in props.items()})


class WriteLog:
    """Appends committed transactions to one log file (opened lazily, kept open)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._fd: int | None = None

    def append(self, record: Record) -> None:
        line = (json.dumps(record, separators=(",", ":"), allow_nan=False) + "\n").encode()
        if self._fd is None:
            self._fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
        os.write(self._fd, line)
        os.fsync(self._fd)

    def close(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None


def read_log(path: Path) -> Iterator[Record]:
    """The records of a log, dropping a torn (undecodable) last line."""
    if not path.exists():
        return
    lines = path.read_bytes().split(b"\n")
    for i, line in enumerate(lines):
        if not line.strip():
            continue
        try:
            yield json.loads(line)
        except ValueError:
            if i >= len(lines) - 2:  # the last line (possibly followed by nothing): a torn write
                return
            raise
