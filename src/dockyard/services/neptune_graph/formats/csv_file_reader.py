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
import tempfile
from collections.abc import Callable
from pathlib import Path

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
from dockyard.services.neptune_graph.formats.unclosed_quote import UnclosedQuote, byte_facts, find_unclosed_quote

BLOCK_SIZE = 16 << 20
RECORD_BATCH = 50_000
UNCLOSED_QUOTE = "a quoted value opens on this line and is never closed (the file ends inside it)"
NOT_UTF8 = "the record is not valid UTF-8 text"
LineMap = Callable[[int | None], int | None]


def _same_line(line: int | None) -> int | None:
    return line


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
    lines: LineMap = _same_line,
) -> int:
    """Load one CSV file; returns the number of data rows seen. Raises FileRejected on a bad header.

    A quoted value still open at the end of the file is one rejected record (named by the line its
    quote opened on); reading resumes on the line after that one (``_skip_unclosed``). ``lines``
    maps line numbers of ``source`` to those of the file the user gave (after such a repair)."""
    facts = byte_facts(source)
    unclosed = find_unclosed_quote(source, facts)
    if unclosed is not None:
        return _skip_unclosed(ctx, source, plan_header, lines, unclosed)
    header = read_header(source)
    if header is None:
        return 0
    try:
        plan = plan_header(header)
    except ValueError as exc:
        raise FileRejected(RecordError(source.name, 1, str(exc))) from None
    n_cols = len(header)
    locator = LineLocator(lambda: open_decompressed(source), n_cols)
    if not facts.utf8:  # pyarrow cannot skip just the records that are not UTF-8: read it record by record
        return _load_records(ctx, plan, source, locator, n_cols, lines)
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
                return RecordError(source.name, lines(locator.line_of(offset + row)), "")

            _load_text_batch(ctx, plan, [batch.column(i) for i in range(n_cols)], batch.num_rows, locate)
    except pa.ArrowInvalid as exc:
        if "Empty CSV file" in str(exc):
            return rows_seen
        raise FileRejected(RecordError(source.name, None, f"is not valid CSV: {exc}")) from None
    finally:
        stream.close()
    if odd_rows:
        rows_seen += _load_odd_rows(ctx, plan, source, locator, n_cols, lines)
    return rows_seen


def _skip_unclosed(
    ctx: ImportContext,
    source: SourceFile,
    plan_header: Callable[[list[str]], TabularPlan],
    lines: LineMap,
    unclosed: UnclosedQuote,
) -> int:
    """Reject the record whose quote never closes and load the file without the lines from its first
    one to the one its quote opened on (the header too is never read from inside such a value)."""
    error = RecordError(source.name, lines(unclosed.quote_line), UNCLOSED_QUOTE)
    if unclosed.record_line == 1:
        raise FileRejected(error)
    ctx.error(error)  # raises ImportFailed with failOnError
    removed = unclosed.quote_line - unclosed.record_line + 1

    def shifted(line: int | None) -> int | None:
        return lines(None if line is None else line if line < unclosed.record_line else line + removed)

    with tempfile.TemporaryDirectory(prefix="dockyard-csv-") as tmp:
        repaired = Path(tmp) / "repaired.csv"
        dropped = 0
        with open_decompressed(source) as raw, open(repaired, "wb") as out:
            # lines split as find_unclosed_quote splits them (a lone CR ends a line too); bytes kept as they are
            text = io.TextIOWrapper(raw, encoding="utf-8", errors="surrogateescape", newline="")
            for number, line in enumerate(text, start=1):
                if unclosed.record_line <= number <= unclosed.quote_line:
                    dropped += 1
                else:
                    out.write(line.encode("utf-8", "surrogateescape"))
        if dropped == 0:  # nothing to cut: reading again would find the same quote (and recurse forever)
            raise FileRejected(error)
        return 1 + load_csv_file(ctx, SourceFile(source.name, repaired), plan_header, shifted)


def _load_odd_rows(
    ctx: ImportContext, plan: TabularPlan, source: SourceFile, locator: LineLocator, n_cols: int, lines: LineMap
) -> int:
    return _load_fields(ctx, plan, source, locator.odd_records(), n_cols, lines)


def _load_records(
    ctx: ImportContext, plan: TabularPlan, source: SourceFile, locator: LineLocator, n_cols: int, lines: LineMap
) -> int:
    """Every record through Python's csv module, in batches (a file holding bytes that are not UTF-8)."""
    seen = 0
    batch: list[tuple[int, list[str]]] = []
    for record in locator.records():
        batch.append(record)
        if len(batch) >= RECORD_BATCH:
            ctx.check_cancelled()
            seen += _load_fields(ctx, plan, source, batch, n_cols, lines)
            batch = []
    return seen + _load_fields(ctx, plan, source, batch, n_cols, lines)


def _load_fields(
    ctx: ImportContext,
    plan: TabularPlan,
    source: SourceFile,
    records: list[tuple[int, list[str]]],
    n_cols: int,
    lines: LineMap,
) -> int:
    """Records read by Python's csv module: too many fields or not UTF-8 is a rejected record, fewer
    fields are padded (missing trailing values = no value)."""
    padded: list[list[str]] = []
    found: list[int | None] = []
    for line, fields in records:
        if len(fields) > n_cols:
            ctx.error(RecordError(source.name, lines(line),
                                  f"record has {len(fields)} fields but the header has {n_cols}"))
            continue
        if not any(f.strip() for f in fields):
            continue
        if not _is_utf8(fields):  # the locator keeps bytes that are not UTF-8 as surrogates
            ctx.error(RecordError(source.name, lines(line), NOT_UTF8))
            continue
        padded.append(fields + [""] * (n_cols - len(fields)))
        found.append(lines(line))
    if padded:
        columns = [pa.array([row[i] for row in padded], pa.large_string()) for i in range(n_cols)]
        _load_text_batch(ctx, plan, columns, len(padded), lambda row: RecordError(source.name, found[row], ""))
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


def _is_utf8(fields: list[str]) -> bool:
    try:
        "".join(fields).encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True

