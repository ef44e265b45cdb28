"""Reader of Parquet files (``format=PARQUET``, ``parquetType=COLUMNAR``, aws-formats §1.5).

System columns as in Gremlin CSV (``~id``, ``~label`` as a ``;``-joined string or a list of
strings, ``~from``, ``~to``; an edge ``~id`` is ignored). Property types come from the Parquet
schema: int8 Byte, int16 Short, int32 Int, int64 Long, uint8 Short, uint16 Int, uint32/uint64 Long,
float16/float32 Float, float64 Double, bool Bool, string String, date32/date64 Date, timestamp
Datetime (naive = UTC), list<T> a multi-valued vertex property. String columns can be declared
``Any``/``Date``/``Datetime`` in the file's key-value metadata under the key ``metadata``, whose JSON
is ``{"anyTypeColumns": [...], "dateTypeColumns": [...], "dateTimeTypeColumns": [...]}`` (a wrapping
``{"metadata": {...}}`` is accepted too). Nulls are "no value". Errors name the 1-based row.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from dockyard.graph import PropertyColumn, ValueType
from dockyard.services.neptune_graph.formats.csv_cells import split_multi
from dockyard.services.neptune_graph.formats.errors import FileRejected, RecordError
from dockyard.services.neptune_graph.formats.import_context import ImportContext
from dockyard.services.neptune_graph.formats.source_stream import SourceFile, is_gzip, open_decompressed
from dockyard.services.neptune_graph.formats.tabular_records import (
    Converted,
    PropertyPlan,
    TabularPlan,
    assemble,
    convert_text_property,
    emit,
)
from dockyard.services.neptune_graph.formats.type_names import any_element_type

BATCH_ROWS = 1 << 18
SYSTEM = ("~id", "~label", "~from", "~to")


def _scalar_type(t: pa.DataType) -> ValueType | None:
    if pa.types.is_dictionary(t):
        t = t.value_type
    if pa.types.is_boolean(t):
        return ValueType.BOOL
    for check, vtype in (
        (pa.types.is_int8, ValueType.BYTE),
        (pa.types.is_int16, ValueType.SHORT),
        (pa.types.is_int32, ValueType.INT),
        (pa.types.is_int64, ValueType.LONG),
        (pa.types.is_uint8, ValueType.SHORT),
        (pa.types.is_uint16, ValueType.INT),
        (pa.types.is_uint32, ValueType.LONG),
        (pa.types.is_uint64, ValueType.LONG),
        (pa.types.is_float16, ValueType.FLOAT),
        (pa.types.is_float32, ValueType.FLOAT),
        (pa.types.is_float64, ValueType.DOUBLE),
        (pa.types.is_string, ValueType.STRING),
        (pa.types.is_large_string, ValueType.STRING),
        (pa.types.is_date, ValueType.DATE),
        (pa.types.is_timestamp, ValueType.DATETIME),
    ):
        if check(t):
            return vtype
    return None


def _declared(schema: pa.Schema) -> dict[str, set[str]]:
    raw = (schema.metadata or {}).get(b"metadata")
    out = {"anyTypeColumns": set(), "dateTypeColumns": set(), "dateTimeTypeColumns": set()}
    if not raw:
        return out
    try:
        doc = json.loads(raw)
    except ValueError:
        raise ValueError("the 'metadata' key-value entry is not valid JSON") from None
    if isinstance(doc, dict) and isinstance(doc.get("metadata"), dict):
        doc = doc["metadata"]
    if not isinstance(doc, dict):
        raise ValueError("the 'metadata' key-value entry must be a JSON object")
    for key in out:
        value = doc.get(key, [])
        if not isinstance(value, list):
            raise ValueError(f"metadata {key} must be a list of column names")
        out[key] = {str(v) for v in value}
    return out


class _ParquetPlan:
    """Column roles and conversions of one Parquet file."""

    def __init__(self, schema: pa.Schema) -> None:
        names = schema.names
        declared = _declared(schema)
        seen = {n: i for i, n in enumerate(names) if n in SYSTEM}
        if len(set(names)) != len(names):
            raise ValueError("the file has duplicate column names")
        is_edge = "~from" in seen or "~to" in seen
        if is_edge and ("~from" not in seen or "~to" not in seen):
            raise ValueError("an edge file needs both ~from and ~to columns")
        if is_edge and "~label" not in seen:
            raise ValueError("an edge file needs a ~label column")
        if not is_edge and "~id" not in seen:
            raise ValueError("the file has neither ~id (vertex file) nor ~from/~to (edge file)")
        self.kind = "edge" if is_edge else "vertex"
        self.props: list[tuple[int, PropertyPlan, str]] = []  # (column, plan, mode)
        for i, field in enumerate(schema):
            if field.name in SYSTEM or field.name.startswith("~"):
                if field.name not in SYSTEM:
                    raise ValueError(f"unknown system column {field.name!r}")
                continue
            t = field.type
            is_list = pa.types.is_list(t) or pa.types.is_large_list(t)
            elem = t.value_type if is_list else t
            if is_list and is_edge:
                raise ValueError(f"edge property column {field.name!r} cannot be a list")
            mode = "typed"
            vtype = _scalar_type(elem)
            textual = vtype is ValueType.STRING
            if field.name in declared["anyTypeColumns"]:
                mode, vtype = "any", None
            elif field.name in declared["dateTypeColumns"]:
                mode, vtype = ("text" if textual else "typed"), ValueType.DATE
            elif field.name in declared["dateTimeTypeColumns"]:
                mode, vtype = ("text" if textual else "typed"), ValueType.DATETIME
            if mode != "any" and vtype is None:
                raise ValueError(f"column {field.name!r} has an unsupported type {t}")
            if mode != "typed" and not textual:
                raise ValueError(f"column {field.name!r} is declared in metadata but is not a string column")
            self.props.append((i, PropertyPlan(field.name, field.name, vtype, is_list), mode))
        self.tabular = TabularPlan(
            self.kind,
            id_col=seen.get("~id") if not is_edge else None,
            label_col=seen.get("~label"),
            from_col=seen.get("~from"),
            to_col=seen.get("~to"),
            resolve_any_type=any_element_type,
        )


def _as_text(column: pa.Array) -> pa.Array:
    if pa.types.is_dictionary(column.type):
        column = column.dictionary_decode()
    return column.cast(pa.large_string())


def _typed(column: pa.Array, plan: PropertyPlan) -> Converted:
    assert plan.vtype is not None
    if pa.types.is_dictionary(column.type):
        column = column.dictionary_decode()
    target = plan.vtype.arrow_type
    if plan.array:
        target = pa.large_list(target)
    elem_type = column.type.value_type if plan.array else column.type
    if pa.types.is_uint64(elem_type):
        flat = pc.list_flatten(column) if plan.array else column
        too_big = pc.fill_null(pc.greater(flat, 2**63 - 1), False)
        if pc.any(too_big).as_py():
            raise ValueError(f"column {plan.header!r} holds a uint64 value beyond the Long range")
    if pa.types.is_timestamp(elem_type) and elem_type.tz is None:
        column = column.cast(pa.large_list(pa.timestamp("ms")) if plan.array else pa.timestamp("ms"))
    return Converted([PropertyColumn(plan.key, plan.vtype, column.cast(target, safe=False))])


def _local_copy(source: SourceFile, tmp: Path) -> Path:
    if not is_gzip(source):
        return source.path
    target = tmp / "decompressed.parquet"
    with open_decompressed(source) as src, open(target, "wb") as dst:
        shutil.copyfileobj(src, dst, 1 << 20)
    return target


def read_parquet(ctx: ImportContext, source: SourceFile) -> int:
    """Load one Parquet vertex or edge file; returns rows seen."""
    with tempfile.TemporaryDirectory(prefix="dockyard-parquet-") as tmp:
        path = _local_copy(source, Path(tmp))
        try:
            pf = pq.ParquetFile(path)
        except (pa.ArrowInvalid, OSError) as exc:
            raise FileRejected(RecordError(source.name, None, f"is not a valid Parquet file: {exc}")) from None
        try:
            plan = _ParquetPlan(pf.schema_arrow)
        except ValueError as exc:
            raise FileRejected(RecordError(source.name, None, str(exc))) from None
        total_rows = max(1, pf.metadata.num_rows)
        size = source.byte_size
        rows_seen = 0
        for batch in pf.iter_batches(batch_size=BATCH_ROWS):
            ctx.check_cancelled()
            offset = rows_seen
            rows_seen += batch.num_rows
            batch, row_of = _utf8_rows(ctx, batch, source, offset)
            try:
                _load_batch(ctx, plan, batch, source, row_of)
            except ValueError as exc:
                ctx.error(RecordError(source.name, offset + 1, str(exc), "row"))
            ctx.progress(size * rows_seen // total_rows)
        return rows_seen


def _utf8_rows(
    ctx: ImportContext, batch: pa.RecordBatch, source: SourceFile, offset: int
) -> tuple[pa.RecordBatch, Callable[[int], int]]:
    """Reject the rows holding a string that is not UTF-8 (Parquet does not guarantee it; the row
    alone is bad). Returns the other rows and the file row number (1-based) of each."""
    bad: set[int] = set()
    for column in batch.columns:
        try:
            column.validate(full=True)
        except pa.ArrowInvalid:
            for row in range(len(column)):
                try:
                    column.slice(row, 1).validate(full=True)
                except pa.ArrowInvalid:
                    bad.add(row)
    if not bad:
        return batch, lambda row: offset + row + 1
    for row in sorted(bad):
        ctx.error(RecordError(source.name, offset + row + 1, "the row holds a string that is not valid UTF-8", "row"))
    kept = [i for i in range(batch.num_rows) if i not in bad]
    return batch.take(pa.array(kept, pa.int64())), lambda row: offset + kept[row] + 1


def _load_batch(
    ctx: ImportContext, plan: _ParquetPlan, batch: pa.RecordBatch, source: SourceFile, row_of: Callable[[int], int]
) -> None:
    tab = plan.tabular
    columns: list[pa.Array | None] = [None] * batch.num_columns
    for col in (tab.id_col, tab.from_col, tab.to_col):
        if col is not None:
            columns[col] = _as_text(batch.column(col))
    labels = None
    if tab.label_col is not None:
        raw_labels = batch.column(tab.label_col)
        if pa.types.is_list(raw_labels.type) or pa.types.is_large_list(raw_labels.type):
            if tab.kind == "edge":
                raise ValueError("an edge ~label column must hold strings, not lists")
            labels = raw_labels.cast(pa.large_list(pa.large_string()))
            columns[tab.label_col] = pa.nulls(batch.num_rows, pa.large_string())
        else:
            text = _as_text(raw_labels)
            columns[tab.label_col] = text
            if tab.kind == "vertex":
                labels = split_multi(text)
    converted = []
    for col, prop, mode in plan.props:
        column = batch.column(col)
        if mode == "typed":
            converted.append(_typed(column, prop))
        else:
            converted.append(convert_text_property(_as_text(column), prop, tab))
    assembled = assemble(tab, columns, converted, batch.num_rows, labels=labels)  # type: ignore[arg-type]
    emit(ctx, assembled, lambda row: RecordError(source.name, row_of(row), "", "row"))
