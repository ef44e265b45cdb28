"""Dockyard: a faithful local emulator of AWS asynchronous import and export jobs."""

from __future__ import annotations

from importlib import metadata

try:
    __version__ = metadata.version("dockyard")
except metadata.PackageNotFoundError:  # pragma: no cover - running from a source tree
    __version__ = "0.0.0"


def mock(**kwargs):  # type: ignore[no-untyped-def]
    """Start Dockyard in-process: ``with dockyard.mock(): ...`` or ``@dockyard.mock()``."""
    from dockyard.mocking.in_process import DockyardMock

    return DockyardMock(**kwargs)


__all__ = ["__version__", "mock"]
