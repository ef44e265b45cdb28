"""Resource limits applied while opening an uploaded zip (zip-bomb and abuse protection)."""

from __future__ import annotations

from dataclasses import dataclass

MB = 1024 * 1024


@dataclass(frozen=True)
class ZipLimits:
    """Limits checked against the *actual* decompressed bytes, never only the headers.

    AWS documents no import size limit for Lex V2; these defaults are generous for real bots
    (the 2-locale sample bot is 144 KB uncompressed) while stopping zip bombs early.
    """

    max_total_uncompressed: int = 50 * MB
    """Sum of all decompressed entries."""
    max_entries: int = 20_000
    """Number of entries, directories included."""
    max_ratio: float = 100.0
    """Largest decompressed/compressed ratio allowed for one entry ..."""
    ratio_threshold: int = 1 * MB
    """... once that entry has produced more than this many bytes (small JSON compresses well)."""
    chunk_size: int = 64 * 1024
    """Read granularity when streaming an entry."""


DEFAULT_LIMITS = ZipLimits()
