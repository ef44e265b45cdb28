"""The context a reader works in: the loader, the error policy (failOnError), progress, cancellation."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from dockyard.graph import BulkLoader
from dockyard.services.neptune_graph.formats.errors import ImportFailed, RecordError

MAX_ERROR_DETAILS = 10
MAX_ERROR_DETAILS_CHARS = 4000


@dataclass
class ImportContext:
    """Shared by every reader of one import.

    ``error()`` records a rejected record; with ``fail_on_error`` it raises :class:`ImportFailed` at
    once (the caller aborts the load). ``progress(file_bytes_read)`` reports bytes consumed of the
    current file; ``check_cancelled()`` may raise anything.
    """

    loader: BulkLoader
    fail_on_error: bool
    check_cancelled: Callable[[], None] = lambda: None
    on_file_progress: Callable[[int], None] = lambda _n: None
    blank_node_prefix: str = "http://dockyard.local/bnode/"
    error_count: int = 0
    first_errors: list[RecordError] = field(default_factory=list)

    def error(self, err: RecordError) -> None:
        """Record one rejected record (raises ImportFailed when failOnError is set)."""
        self.error_count += 1
        if len(self.first_errors) < MAX_ERROR_DETAILS:
            self.first_errors.append(err)
        if self.fail_on_error:
            raise ImportFailed(str(err))

    def progress(self, file_bytes_read: int) -> None:
        self.on_file_progress(file_bytes_read)

    def error_details(self) -> str | None:
        """The first errors, one per line, bounded in length; None when there were none."""
        if not self.first_errors:
            return None
        text = "\n".join(str(e) for e in self.first_errors)
        more = self.error_count - len(self.first_errors)
        if more > 0:
            text += f"\n... and {more} more error(s)"
        if len(text) > MAX_ERROR_DETAILS_CHARS:
            text = text[: MAX_ERROR_DETAILS_CHARS - 3] + "..."
        return text
