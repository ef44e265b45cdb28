"""Source files and their byte streams: gzip detected by magic bytes, bytes read counted for progress."""

from __future__ import annotations

import gzip
import io
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

GZIP_MAGIC = b"\x1f\x8b"


@dataclass(frozen=True)
class SourceFile:
    """One input file of an import: a display ``name`` (used in error messages, e.g. the S3 key's
    basename), a local ``path``, and its ``size`` in bytes (taken from the file when omitted)."""

    name: str
    path: Path
    size: int | None = None

    @classmethod
    def from_path(cls, path: str | os.PathLike[str], name: str | None = None) -> SourceFile:
        p = Path(path)
        return cls(name or p.name, p, p.stat().st_size)

    @property
    def byte_size(self) -> int:
        return self.size if self.size is not None else self.path.stat().st_size

    def open_raw(self) -> BinaryIO:
        return open(self.path, "rb")


class CountingReader(io.RawIOBase):
    """A raw binary stream over ``inner`` that counts bytes read and calls ``on_read(total)``."""

    def __init__(self, inner: BinaryIO, on_read: Callable[[int], None] | None = None) -> None:
        self._inner = inner
        self.bytes_read = 0
        self._on_read = on_read

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:  # type: ignore[override]
        n = self._inner.readinto(buffer)  # type: ignore[attr-defined]
        if n:
            self.bytes_read += n
            if self._on_read is not None:
                self._on_read(self.bytes_read)
        return n or 0

    def close(self) -> None:
        self._inner.close()
        super().close()


class _OwningGzipFile(gzip.GzipFile):
    """A GzipFile that closes its underlying stream too."""

    def __init__(self, raw: BinaryIO) -> None:
        super().__init__(fileobj=raw, mode="rb")
        self._raw = raw

    def close(self) -> None:
        try:
            super().close()
        finally:
            self._raw.close()


def is_gzip(source: SourceFile) -> bool:
    with source.open_raw() as fh:
        return fh.read(2) == GZIP_MAGIC


def open_decompressed(source: SourceFile, on_read: Callable[[int], None] | None = None) -> BinaryIO:
    """A buffered binary stream of the file's content (gunzipped if it starts with the gzip magic);
    ``on_read`` receives the number of raw (compressed) bytes consumed so far."""
    gz = is_gzip(source)
    raw = io.BufferedReader(CountingReader(source.open_raw(), on_read), buffer_size=1 << 20)
    if gz:
        return _OwningGzipFile(raw)  # type: ignore[return-value]
    return raw  # type: ignore[return-value]


def is_blank(source: SourceFile) -> bool:
    """True when the file has no content but whitespace (after decompression)."""
    with open_decompressed(source) as fh:
        while True:
            chunk = fh.read(1 << 16)
            if not chunk:
                return True
            if chunk.strip():
                return False
