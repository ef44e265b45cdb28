"""Streaming a CSV file with pyarrow: header, string batches, odd-shaped rows, line numbers.

The header row is read separately with Python's csv module (quoted headers, BOM, spaces); the data
is read by ``pyarrow.csv.open_csv`` as all-string columns in large blocks (newlines inside quoted
values allowed), cleaned vectorised, and handed to the format's plan. Rows with the wrong number of
fields are set aside by pyarrow and handled after the file: a row with fewer fields is padded with
empty fields (missing trailing values = no value); one with more is rejected. Line numbers come
from :class:`LineLocator`, computed only when something must be reported.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable

import pyarrow as pa
import pyarrow.csv as pa_csv

from dockyard.services.neptune_graph.formats.csv_cells import clean_cells
from dockyard.services.neptune_graph.formats.errors import FileRejected, RecordError
from dockyard.services.neptune_graph.formats.import_context import ImportContext
from dockyard.services.neptune_graph.formats.line_locator import LineLocator
from dockyard.services.neptune_graph.formats.source_stream import SourceFile, open_decompressed
from dockyard.services.neptune_graph.formats.tabular_records import (
    TabularPlan,
    assemble,
    convert_text_property,
    emit,
)

BLOCK_SIZE = 16 << 20


def read_header(source: SourceFile) -> list[str] | None:
    """The header fields (BOM removed, trimmed), or None for a file without any record."""
    with open_decompressed(source) as raw:
        text = io.TextIOWrapper(raw, encoding="utf-8", errors="replace", newline="")
        for fields in csv.reader(text):
            if fields:
                fields[0] = fields[0].lstrip("\ufeff")
                return [f.strip(" \t") for f in fields]
    return None


def load_csv_file(
    ctx: ImportContext,
    source: SourceFile,
    plan_header: Callable[[list[str]], TabularPlan],
) -> int:
    """Load one CSV file; returns the number of data rows seen. Raises FileRejected on a bad header."""
    header = read_header(source)
    if header is None:
        return 0
    try:
        plan = plan_header(header)
    except ValueError as exc:
        raise FileRejected(RecordError(source.name, 1, str(exc))) from None
    n_cols = len(header)
    locator = LineLocator(lambda: open_decompressed(source), n_cols)
    odd_rows = 0

    def on_invalid(_row: pa_csv.InvalidRow) -> str:
        nonlocal odd_rows
        odd_rows += 1
        return "skip"

    names = [f"c{i}" for i in range(n_cols)]
    stream = open_decompressed(source, ctx.progress)
    rows_seen = 0
    try:
        reader = pa_csv.open_csv(
            stream,
            read_options=pa_csv.ReadOptions(skip_rows=1, column_names=names, block_size=BLOCK_SIZE),
            parse_options=pa_csv.ParseOptions(newlines_in_values=True, invalid_row_handler=on_invalid),
            convert_options=pa_csv.ConvertOptions(
                column_types={n: pa.large_string() for n in names},
                strings_can_be_null=False,
                quoted_strings_can_be_null=False,
            ),
        )
        for batch in reader:
            ctx.check_cancelled()
            offset = rows_seen
            rows_seen += batch.num_rows

            def locate(row: int, offset: int = offset) -> RecordError:
                return RecordError(source.name, locator.line_of(offset + row), "")

            _load_text_batch(ctx, plan, [batch.column(i) for i in range(n_cols)], batch.num_rows, locate)
    except pa.ArrowInvalid as exc:
        if "Empty CSV file" in str(exc):
            return rows_seen
        raise FileRejected(RecordError(source.name, None, f"is not valid CSV: {exc}")) from None
    finally:
        stream.close()
    if odd_rows:
        rows_seen += _load_odd_rows(ctx, plan, source, locator, n_cols)
    return rows_seen


def _load_odd_rows(ctx: ImportContext, plan: TabularPlan, source: SourceFile, locator: LineLocator, n_cols: int) -> int:
    padded: list[list[str]] = []
    lines: list[int] = []
    for line, fields in locator.odd_records():
        if len(fields) > n_cols:
            ctx.error(RecordError(source.name, line, f"record has {len(fields)} fields but the header has {n_cols}"))
            continue
        if not any(f.strip() for f in fields):
            continue
        padded.append(fields + [""] * (n_cols - len(fields)))
        lines.append(line)
    if padded:
        columns = [pa.array([row[i] for row in padded], pa.large_string()) for i in range(n_cols)]
        _load_text_batch(ctx, plan, columns, len(padded), lambda row: RecordError(source.name, lines[row], ""))
    return len(padded)


def _load_text_batch(
    ctx: ImportContext,
    plan: TabularPlan,
    raw_columns: list[pa.Array],
    n_rows: int,
    locate: Callable[[int], RecordError],
) -> None:
    columns = [clean_cells(c) for c in raw_columns]
    converted = [convert_text_property(columns[i], prop, plan) for i, prop in plan.props]
    emit(ctx, assemble(plan, columns, converted, n_rows), locate)
