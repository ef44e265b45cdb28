"""One label's numbered files (``part-00000`` ...): a new file once the current one reaches the size
threshold; each file is handed to ``publish`` (the upload) as soon as it is complete."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO


class FileSet:
    """Local files of one file set, in a scratch folder, published one by one."""

    def __init__(self, folder: Path, name: str, threshold: int, publish: Callable[[int, Path], None]) -> None:
        self._folder = folder
        self._name = name
        self.threshold = threshold
        self._publish = publish
        self.count = 0

    def open_next(self) -> tuple[Path, BinaryIO]:
        """The next file, open for writing."""
        path = self._folder / f"{self._name}-{self.count:05d}"
        return path, open(path, "wb")  # closed by finish()

    def full(self, fh: BinaryIO) -> bool:
        return fh.tell() >= self.threshold

    def finish(self, path: Path, fh: BinaryIO) -> None:
        """Close, publish and delete the current file."""
        fh.close()
        try:
            self._publish(self.count, path)
        finally:
            path.unlink(missing_ok=True)
        self.count += 1
