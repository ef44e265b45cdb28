"""The one exception the archive library raises."""

from __future__ import annotations


class ArchiveError(Exception):
    """An archive (or CSV/TSV file) that cannot be accepted.

    ``reasons`` lists every problem found, each a short self-contained sentence that names the
    entry and, where it applies, the field path - ready to become a ``failureReasons`` item of
    ``DescribeImport``.
    """

    def __init__(self, reasons: list[str]) -> None:
        self.reasons = list(reasons)
        super().__init__("; ".join(self.reasons) if self.reasons else "invalid archive")
