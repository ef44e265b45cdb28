"""Gremlin CSV export files: quoted headers ``"~id","~label","name:String","tags:String[]"``; edges
``"~from","~to","~label",...`` (no ``~id``); String cells quoted, numbers and booleans bare, empty
= no value; multi-valued cells ``;``-separated with ``\\;`` escaping; ``Any`` cells as the loader's
JSON objects."""

from __future__ import annotations

from collections.abc import Callable

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pa_csv

from dockyard.graph import ValueType
from dockyard.services.neptune_graph.formats.export_writers.file_set import FileSet
from dockyard.services.neptune_graph.formats.export_writers.group_tables import ANY, GroupTable, OutColumn
from dockyard.services.neptune_graph.formats.export_writers.value_text import (
    escape_list_element,
    has_non_finite,
    render,
)

_STR = pa.large_string()
Convert = Callable[[pa.Array], pa.Array]
ESCAPED_COLON = "\\:"
NATIVE = (ValueType.BOOL, ValueType.BYTE, ValueType.SHORT, ValueType.INT, ValueType.LONG, ValueType.DATE)


def header_name(column: OutColumn) -> str:
    """``name:Type`` (``name:Type[]`` for lists); a ``:`` in the name is escaped as ``\\:``."""
    suffix = "[]" if column.is_list else ""
    name = column.name.replace(":", ESCAPED_COLON)
    return f"{name}:{column.type_name}{suffix}"


def _joined(vtype: ValueType) -> Convert:
    def convert(lists: pa.Array) -> pa.Array:
        flat = escape_list_element(render(vtype, pc.list_flatten(lists)))
        rebuilt = pa.LargeListArray.from_arrays(lists.offsets, flat, mask=lists.is_null())
        joined = pc.binary_join(rebuilt, pa.scalar(";", _STR))
        return pc.if_else(pc.equal(joined, ""), pa.scalar(None, _STR), joined)

    return convert


def _converter(column: OutColumn) -> Convert:
    vtype = column.vtype
    if vtype is None:
        return lambda a: a
    if column.is_list:
        return _joined(vtype)
    if vtype in NATIVE or (vtype in (ValueType.FLOAT, ValueType.DOUBLE) and not has_non_finite(column.values)):
        return lambda a: a
    return lambda a, t=vtype: render(t, a)


def _plan(table: GroupTable) -> list[tuple[str, Callable[[GroupTable], pa.Array]]]:
    if table.spec.element == "vertices":
        plan: list[tuple[str, Callable[[GroupTable], pa.Array]]] = [
            ("~id", lambda t: t.ids),
            ("~label", lambda t: t.labels),
        ]
    else:
        plan = [("~from", lambda t: t.from_ids), ("~to", lambda t: t.to_ids), ("~label", lambda t: t.labels)]
    for i, column in enumerate(table.columns):
        convert = _converter(column)
        plan.append((header_name(column), lambda t, i=i, c=convert: c(t.columns[i].values)))
    return plan


def write_csv(table: GroupTable, files: FileSet, batch_rows: int, on_rows: Callable[[int], None]) -> None:
    """Write the rows of ``table`` as one or more CSV files."""
    plan = _plan(table)
    offset = 0
    while offset < table.num_rows:
        path, fh = files.open_next()
        try:
            writer = None
            while offset < table.num_rows:
                part = table.slice(offset, batch_rows)
                batch = pa.RecordBatch.from_arrays([fn(part) for _, fn in plan], names=[name for name, _ in plan])
                if writer is None:
                    writer = pa_csv.CSVWriter(fh, batch.schema)
                writer.write_batch(batch)
                offset += part.num_rows
                on_rows(part.num_rows)
                if files.full(fh):
                    break
            assert writer is not None
            writer.close()
        except BaseException:
            fh.close()
            raise
        files.finish(path, fh)


__all__ = ["ANY", "header_name", "write_csv"]
