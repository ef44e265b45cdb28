"""Import errors: one rejected record (file, line, reason) and the fatal ``ImportFailed``."""

from __future__ import annotations

from dataclasses import dataclass


class ImportFailed(Exception):
    """The import cannot complete; ``reason`` names the file, line and cause. The load was aborted."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class RecordError:
    """A rejected record (or header): ``<file> line <n>: <reason>`` (``row`` for Parquet)."""

    file: str
    line: int | None
    reason: str
    unit: str = "line"

    def __str__(self) -> str:
        where = f" {self.unit} {self.line}" if self.line is not None else ""
        return f"{self.file}{where}: {self.reason}"


class FileRejected(Exception):
    """A whole file cannot be read (bad header, unreadable content); carries its RecordError."""

    def __init__(self, error: RecordError) -> None:
        super().__init__(str(error))
        self.error = error
