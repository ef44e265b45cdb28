"""A byte stream of N-Triples in which a line that cannot be a statement on its own is blanked.

N-Triples has one statement per line and no raw line break inside a literal. Two faults would cost
more than their own line if handed to the parser as they are (it loses its place and swallows the
lines after them): a line that is not UTF-8, and a string literal whose closing quote is missing. Such
a line is reported (``on_bad(line_number, reason)``) and replaced by an empty line, so line numbers
stay those of the file and one bad line costs one statement. Chunks are checked at C speed (a decode,
a count of quotes); only a chunk that fails is checked line by line. A literal left open is found by
the parity of unescaped quotes, so two such lines in one 4 MiB chunk still reach the parser as they are.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from typing import BinaryIO

CHUNK = 1 << 22
NOT_UTF8 = "the statement is not valid UTF-8 text"
UNCLOSED_LITERAL = "a string literal opens on this line and is never closed"
# a line holding an odd number of unescaped quotes (``\\.`` is an escape, never a quote)
_ODD_QUOTES = re.compile(rb'^(?:(?:[^"\\\n]|\\.)*"(?:[^"\\\n]|\\.)*")*(?:[^"\\\n]|\\.)*"(?:[^"\\\n]|\\.)*$', re.M)


def _unescaped_quotes(data: bytes) -> int:
    return data.count(b'"') - data.count(b'\\"') + data.count(b'\\\\"')


class StatementLines(io.RawIOBase):
    def __init__(self, inner: BinaryIO, on_bad: Callable[[int, str], None]) -> None:
        self._inner = inner
        self._on_bad = on_bad
        self._buffer = b""
        self._lines_before = 0  # newlines in the data already handed on

    def readable(self) -> bool:
        return True

    def _blank(self, chunk: bytes, bad: dict[int, str]) -> bytes:
        lines = chunk.split(b"\n")
        for index in sorted(bad):
            self._on_bad(self._lines_before + index + 1, bad[index])
            lines[index] = b""
        return b"\n".join(lines)

    def _next_chunk(self) -> bytes:
        chunk = self._inner.read(CHUNK)
        if chunk and not chunk.endswith(b"\n"):
            chunk += self._inner.readline()
        bad: dict[int, str] = {}
        try:
            chunk.decode("utf-8")
        except UnicodeDecodeError:
            for i, line in enumerate(chunk.split(b"\n")):
                try:
                    line.decode("utf-8")
                except UnicodeDecodeError:
                    bad[i] = NOT_UTF8
        if _unescaped_quotes(chunk) % 2:
            for match in _ODD_QUOTES.finditer(chunk):
                if not match.group().lstrip().startswith(b"#"):
                    bad.setdefault(chunk.count(b"\n", 0, match.start()), UNCLOSED_LITERAL)
        if bad:
            chunk = self._blank(chunk, bad)
        self._lines_before += chunk.count(b"\n")
        return chunk

    def readinto(self, buffer) -> int:  # type: ignore[override]
        if not self._buffer:
            self._buffer = self._next_chunk()
            if not self._buffer:
                return 0
        n = min(len(buffer), len(self._buffer))
        buffer[:n] = self._buffer[:n]
        self._buffer = self._buffer[n:]
        return n

    def close(self) -> None:
        self._inner.close()
        super().close()
