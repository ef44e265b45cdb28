"""Finding a quoted CSV value that is opened and never closed.

RFC 4180 lets a quoted value span lines, so a quote that is never closed swallows every line after
it into one value (pyarrow and Python's csv module both read it that way, without complaint). A value
still open at the end of the file is a malformed record: :func:`find_unclosed_quote` says which
record and which line its quote opened on. :func:`byte_facts` counts the ``"`` characters in one
pass at C speed (and checks UTF-8 in the same pass); only an odd count pays for the scan that follows
the quoting line by line. (A file ending inside quotes has an odd count unless an unquoted value
holds a stray quote too: such a file is read as RFC 4180 says, the open value reported by the reader
only if it breaks the record's shape or types.)
"""

from __future__ import annotations

import codecs
import io
from dataclasses import dataclass

from dockyard.services.neptune_graph.formats.source_stream import SourceFile, open_decompressed

QUOTE = '"'
CHUNK = 1 << 22


@dataclass(frozen=True)
class UnclosedQuote:
    record_line: int  # first line of the record holding the value
    quote_line: int  # the line where the quote opened


@dataclass(frozen=True)
class ByteFacts:
    odd_quotes: bool  # an odd number of ``"``: a quoted value may be left open
    utf8: bool  # the whole file is UTF-8


def byte_facts(source: SourceFile) -> ByteFacts:
    """One pass over the (decompressed) bytes at C speed: quote parity and UTF-8 validity."""
    count = 0
    decoder = codecs.getincrementaldecoder("utf-8")()
    utf8 = True
    with open_decompressed(source) as fh:
        while chunk := fh.read(CHUNK):
            count += chunk.count(b'"')
            if utf8:
                try:
                    decoder.decode(chunk)
                except UnicodeDecodeError:
                    utf8 = False
        if utf8:
            try:
                decoder.decode(b"", final=True)
            except UnicodeDecodeError:
                utf8 = False
    return ByteFacts(count % 2 == 1, utf8)


def _scan_line(line: str, in_quotes: bool) -> tuple[bool, bool]:
    """Follow RFC 4180 quoting over one physical line from the given state; returns whether it ends
    inside quotes and whether that open quote was opened on this line."""
    i, n = 0, len(line)
    field_start = not in_quotes
    opened_here = False
    while i < n:
        if in_quotes:
            j = line.find(QUOTE, i)
            if j < 0:
                break
            if j + 1 < n and line[j + 1] == QUOTE:  # an escaped quote
                i = j + 2
                continue
            in_quotes, field_start, i = False, False, j + 1
        elif field_start and line[i] == QUOTE:
            in_quotes, opened_here, i = True, True, i + 1
        else:  # an unquoted value (a quote inside it is literal) or what follows a closing quote
            j = line.find(",", i)
            if j < 0:
                break
            field_start, i = True, j + 1
    return in_quotes, opened_here


def find_unclosed_quote(source: SourceFile, facts: ByteFacts) -> UnclosedQuote | None:
    """The record whose quoted value is still open at the end of the file, or None."""
    if not facts.odd_quotes:
        return None
    in_quotes = False
    record_line = quote_line = 0
    with open_decompressed(source) as raw:
        text = io.TextIOWrapper(raw, encoding="utf-8", errors="replace", newline="")
        for number, line in enumerate(text, start=1):
            if not in_quotes:
                record_line = number
            in_quotes, opened_here = _scan_line(line, in_quotes)
            if in_quotes and opened_here:
                quote_line = number
    return UnclosedQuote(record_line, quote_line) if in_quotes else None
