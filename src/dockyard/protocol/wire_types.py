"""Conversions between wire text and Python values for the scalar shape types (rest-json)."""

from __future__ import annotations

import base64
import calendar
import math
from datetime import UTC, datetime
from email.utils import formatdate
from typing import Any

from botocore.utils import parse_timestamp


class WireTypeError(ValueError):
    """A value whose type does not fit its shape; ``expected`` names the shape's type."""

    def __init__(self, value: Any, expected: str) -> None:
        super().__init__(expected)
        self.value = value
        self.expected = expected


def to_datetime(value: Any) -> datetime:
    if isinstance(value, bool):
        raise WireTypeError(value, "timestamp")
    try:
        dt = parse_timestamp(value)
    except (ValueError, TypeError, OverflowError) as exc:
        raise WireTypeError(value, "timestamp") from exc
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=UTC)
    return dt.astimezone(UTC)


def timestamp_to_wire(value: datetime | float | int | str, fmt: str) -> Any:
    if isinstance(value, str):
        value = to_datetime(value)
    if isinstance(value, int | float):
        value = datetime.fromtimestamp(value, UTC)
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    value = value.astimezone(UTC)
    if fmt == "iso8601":
        if value.microsecond:
            return value.strftime("%Y-%m-%dT%H:%M:%S.%fZ")
        return value.strftime("%Y-%m-%dT%H:%M:%SZ")
    if fmt == "rfc822":
        return formatdate(calendar.timegm(value.timetuple()), usegmt=True)
    seconds = calendar.timegm(value.timetuple())
    if value.microsecond:
        return round(seconds + value.microsecond / 1_000_000, 3)
    return seconds


def text_to_scalar(text: str, type_name: str) -> Any:
    """A scalar from uri / querystring / header text."""
    if type_name == "string":
        return text
    if type_name in ("integer", "long"):
        try:
            return int(text)
        except ValueError as exc:
            raise WireTypeError(text, type_name) from exc
    if type_name in ("float", "double"):
        try:
            return float(text)
        except ValueError as exc:
            raise WireTypeError(text, type_name) from exc
    if type_name == "boolean":
        lowered = text.lower()
        if lowered in ("true", "false"):
            return lowered == "true"
        raise WireTypeError(text, type_name)
    if type_name == "timestamp":
        return to_datetime(text)
    if type_name == "blob":
        return base64.b64decode(text)
    raise WireTypeError(text, type_name)


def scalar_to_text(value: Any, type_name: str, timestamp_format: str = "iso8601") -> str:
    if type_name == "boolean":
        return "true" if value else "false"
    if type_name == "timestamp":
        return str(timestamp_to_wire(value, timestamp_format))
    if type_name == "blob":
        return base64.b64encode(value).decode()
    if type_name in ("float", "double") and isinstance(value, float) and not math.isfinite(value):
        return "NaN" if math.isnan(value) else ("Infinity" if value > 0 else "-Infinity")
    return str(value)
