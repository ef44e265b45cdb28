"""Parquet export files, loader-compatible (aws-formats §1.5): columns ``~id``/``~label`` (vertices),
``~from``/``~to``/``~label`` (edges), one typed column per property named by the property alone
(int8 Byte, int16 Short, int32 Int, int64 Long, float32 Float, float64 Double, bool Bool, string
String, date32 Date, timestamp[ms, UTC] Datetime, ``list<...>`` multi-valued). ``Any`` columns hold
the loader's JSON cells as strings. Any/Date/Datetime columns are declared in the file's key-value
metadata under ``metadata``: ``{"anyTypeColumns": [...], "dateTypeColumns": [...],
"dateTimeTypeColumns": [...]}``. Column chunks are uncompressed (the loader documents no compression).
"""

from __future__ import annotations

import json
from collections.abc import Callable

import pyarrow as pa
import pyarrow.parquet as pq

from dockyard.graph import ValueType
from dockyard.services.neptune_graph.formats.export_writers.file_set import FileSet
from dockyard.services.neptune_graph.formats.export_writers.group_tables import ANY, GroupTable, OutColumn


def _field(column: OutColumn) -> pa.Field:
    vtype = column.vtype
    if vtype is None:
        return pa.field(column.name, pa.string())
    scalar = pa.string() if vtype is ValueType.STRING else vtype.arrow_type
    return pa.field(column.name, pa.list_(scalar) if column.is_list else scalar)


def _metadata(table: GroupTable) -> dict[bytes, bytes]:
    declared: dict[str, list[str]] = {"anyTypeColumns": [], "dateTypeColumns": [], "dateTimeTypeColumns": []}
    for column in table.columns:
        if column.type_name == ANY:
            declared["anyTypeColumns"].append(column.name)
        elif column.vtype is ValueType.DATE:
            declared["dateTypeColumns"].append(column.name)
        elif column.vtype is ValueType.DATETIME:
            declared["dateTimeTypeColumns"].append(column.name)
    return {b"metadata": json.dumps(declared).encode()}


def _schema(table: GroupTable) -> pa.Schema:
    system = ["~id", "~label"] if table.spec.element == "vertices" else ["~from", "~to", "~label"]
    fields = [pa.field(name, pa.string()) for name in system] + [_field(c) for c in table.columns]
    return pa.schema(fields, metadata=_metadata(table))


def _arrays(part: GroupTable, schema: pa.Schema) -> list[pa.Array]:
    if part.spec.element == "vertices":
        system = [part.ids, part.labels]
    else:
        system = [part.from_ids, part.to_ids, part.labels]
    arrays = [*system, *(c.values for c in part.columns)]
    return [a.cast(f.type) for a, f in zip(arrays, schema, strict=True)]


def write_parquet(table: GroupTable, files: FileSet, batch_rows: int, on_rows: Callable[[int], None]) -> None:
    """Write the rows of ``table`` as one or more Parquet files."""
    schema = _schema(table)
    offset = 0
    while offset < table.num_rows:
        path, fh = files.open_next()
        try:
            with pq.ParquetWriter(fh, schema, compression="NONE") as writer:
                while offset < table.num_rows:
                    part = table.slice(offset, batch_rows)
                    writer.write_batch(pa.RecordBatch.from_arrays(_arrays(part, schema), schema=schema))
                    offset += part.num_rows
                    on_rows(part.num_rows)
                    if files.full(fh):
                        break
        except BaseException:
            fh.close()
            raise
        files.finish(path, fh)
