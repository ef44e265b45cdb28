"""Loading a JSON request body the way AWS's front ends accept one.

AWS refuses, before any operation sees it, a body that is not UTF-8 JSON, a string holding a lone
UTF-16 surrogate (``"\\ud800"`` decodes to no Unicode scalar value, so it could never be stored or
written back) and a document nested deeper than a bound. Dockyard does the same, so such input is
never stored and never makes a later response fail.
"""

from __future__ import annotations

import json
import re
from typing import Any

MAX_DEPTH = 64  # nesting of objects/arrays; the deepest model shape of the emulated services is far less
_SURROGATE = re.compile("[\ud800-\udfff]")


class JsonBodyError(ValueError):
    """A body that is not a JSON document AWS would accept (the message says why)."""


def load_json(body: bytes | str, max_depth: int = MAX_DEPTH) -> Any:
    """The parsed document, or ``JsonBodyError`` for invalid JSON, lone surrogates or deep nesting."""
    try:
        doc = json.loads(body)
    except RecursionError:
        raise JsonBodyError(f"JSON document nested deeper than {max_depth} levels") from None
    except (ValueError, UnicodeDecodeError) as exc:
        raise JsonBodyError(f"Request body is not valid JSON: {exc.__class__.__name__} at {_where(exc)}") from None
    if _may_break_rules(body, max_depth):
        check_document(doc, max_depth)
    return doc


def _may_break_rules(body: bytes | str, max_depth: int) -> bool:
    """Whether the parsed ``body`` can hold a lone surrogate or nest ``max_depth`` deep (else the walk
    of :func:`check_document` is skipped): UTF-8 bytes encode no surrogate, so one comes only from a
    ``\\u`` escape (or a ``str`` body), and nesting needs as many ``[``/``{`` characters. A NUL byte
    (UTF-16/32 JSON, which ``json.loads`` also reads) always takes the walk."""
    if isinstance(body, str):
        return "\\u" in body or _SURROGATE.search(body) is not None or body.count("[") + body.count("{") >= max_depth
    return b"\\u" in body or b"\x00" in body or body.count(b"[") + body.count(b"{") >= max_depth


def check_document(doc: Any, max_depth: int = MAX_DEPTH) -> None:
    """Raise ``JsonBodyError`` if ``doc`` nests deeper than ``max_depth`` or holds a lone surrogate."""
    stack: list[tuple[Any, int]] = [(doc, 0)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, str):
            if _SURROGATE.search(value):
                raise JsonBodyError("Invalid UTF-8: the string contains a lone surrogate character")
        elif isinstance(value, dict | list):
            if depth >= max_depth:
                raise JsonBodyError(f"JSON document nested deeper than {max_depth} levels")
            if isinstance(value, dict):
                for k, v in value.items():
                    stack.append((k, depth + 1))
                    stack.append((v, depth + 1))
            else:
                stack.extend((v, depth + 1) for v in value)


def has_lone_surrogate(text: str) -> bool:
    return _SURROGATE.search(text) is not None


def _where(exc: BaseException) -> str:
    if isinstance(exc, json.JSONDecodeError):
        return f"line {exc.lineno} column {exc.colno}"
    if isinstance(exc, UnicodeDecodeError):
        return f"byte {exc.start}"
    return "an unknown position"
