"""Why an import fails: every reason at once, as ``DescribeImport.failureReasons`` lists them."""

from __future__ import annotations


class ImportRefused(Exception):
    """The import cannot be applied; nothing was changed. ``reasons`` are full sentences."""

    def __init__(self, reasons: list[str]) -> None:
        self.reasons = list(dict.fromkeys(reasons)) or ["The import failed."]
        super().__init__(self.reasons[0] if len(self.reasons) == 1
                         else f"{len(self.reasons)} problems were found in the import file.")
