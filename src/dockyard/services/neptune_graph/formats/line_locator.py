"""Finding physical line numbers of CSV records, and recovering rows pyarrow rejected.

pyarrow's CSV reader does not report line numbers, and a quoted field may contain newlines, so a
record's index is not its line. When (and only when) a file needs line numbers — a rejected record,
or rows with the wrong number of fields — this module re-reads the file once with Python's csv
module, which tracks physical lines, and maps "k-th record with the header's field count" (what
pyarrow returns, in order) to its first line. Blank lines are skipped by both readers alike.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator
from typing import BinaryIO

csv.field_size_limit(1 << 30)


class LineLocator:
    """Lazily scans a CSV file (header first) and answers line numbers of well-shaped records."""

    def __init__(self, open_stream: Callable[[], BinaryIO], n_columns: int) -> None:
        self._open = open_stream
        self._n = n_columns
        self._lines: list[int] = []
        self._odd: list[tuple[int, list[str]]] = []
        self._records: Iterator[tuple[int, list[str]]] | None = None
        self._done = False

    def _scan(self) -> Iterator[tuple[int, list[str]]]:
        with self._open() as raw:
            text = io.TextIOWrapper(raw, encoding="utf-8", errors="surrogateescape", newline="")
            reader = csv.reader(text)
            previous_end = 0
            header_seen = False
            for fields in reader:
                start = previous_end + 1
                previous_end = reader.line_num
                if not fields:
                    continue
                if not header_seen:
                    header_seen = True
                    continue
                yield start, fields

    def records(self) -> Iterator[tuple[int, list[str]]]:
        """Every data record of the file: ``(first line, fields)``; bytes that are not UTF-8 are kept
        as surrogates (``surrogateescape``), so a caller can tell such a record."""
        return self._scan()

    def _advance(self) -> bool:
        if self._done:
            return False
        if self._records is None:
            self._records = self._scan()
        for start, fields in self._records:
            if len(fields) == self._n:
                self._lines.append(start)
                return True
            self._odd.append((start, fields))
        self._done = True
        return False

    def line_of(self, row: int) -> int | None:
        """First line of the ``row``-th (0-based) record having exactly the header's field count."""
        while len(self._lines) <= row:
            if not self._advance():
                return None
        return self._lines[row]

    def odd_records(self) -> list[tuple[int, list[str]]]:
        """All records whose field count differs from the header's: ``(line, fields)``."""
        while self._advance():
            pass
        return list(self._odd)
