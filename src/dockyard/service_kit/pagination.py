"""Opaque nextToken pagination over an ordered list, as every List* operation needs it."""

from __future__ import annotations

import base64
import json
from collections.abc import Sequence
from typing import Any, TypeVar

from dockyard.protocol.errors import AwsError

T = TypeVar("T")


def paginate(
    items: Sequence[T],
    max_results: int | None,
    next_token: str | None,
    default_max: int = 100,
    validation_code: str = "ValidationException",
    **error_fields: Any,
) -> tuple[list[T], str | None]:
    """The page starting at ``next_token`` and the token of the page after it (None at the end)."""
    start = 0
    if next_token:
        try:
            start = int(json.loads(base64.urlsafe_b64decode(next_token.encode()))["offset"])
        except (ValueError, KeyError, TypeError) as exc:
            raise AwsError(validation_code, f"Invalid nextToken: '{next_token}'", **error_fields) from exc
    size = max_results or default_max
    page = list(items[start : start + size])
    end = start + size
    if end >= len(items):
        return page, None
    token = base64.urlsafe_b64encode(json.dumps({"offset": end}).encode()).decode()
    return page, token
