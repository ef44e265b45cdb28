"""JSON as Lex V2 writes it (compact, UTF-8, unescaped) and parsing with positioned errors."""

from __future__ import annotations

import json
from typing import Any

from .errors import ArchiveError


def parse_json(path: str, data: bytes) -> Any:
    """Parse ``data`` (UTF-8, a BOM tolerated); failures name ``path`` and the line/column."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ArchiveError([f"{path}: not valid UTF-8 (byte {exc.start})"]) from None
    try:
        return json.loads(text, parse_constant=_reject_constant)
    except json.JSONDecodeError as exc:
        raise ArchiveError(
            [f"{path}: invalid JSON at line {exc.lineno} column {exc.colno}: {exc.msg}"]
        ) from None
    except ValueError as exc:
        raise ArchiveError([f"{path}: invalid JSON: {exc}"]) from None


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not valid JSON")


def dump_json(value: Any) -> bytes:
    """Serialise like the real exports: one line, no spaces, non-ASCII kept as UTF-8, no newline."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode("utf-8")
