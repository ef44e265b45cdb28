"""AWS errors as exceptions; their wire form is decided from the service model's error shapes.

Services build their errors in their own ``errors.py`` (the codes their model allows per operation,
checked by ``tests/services/test_error_codes.py``); this module holds only the exception types.
"""

from __future__ import annotations

from typing import Any


class AwsError(Exception):
    """An error the service answers with. ``code`` names an error shape of the service model
    (``ValidationException``) or a generic AWS code; ``fields`` are the shape's other members."""

    def __init__(self, code: str, message: str, status: int | None = None, **fields: Any) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.status = status
        self.fields = {k: v for k, v in fields.items() if v is not None}

    def __repr__(self) -> str:
        return f"AwsError({self.code!r}, {self.message!r})"


class NotImplementedOperation(AwsError):
    def __init__(self, service: str, operation: str, reason: str | None = None) -> None:
        why = f" ({reason})" if reason else ""
        super().__init__(
            "NotImplementedException",
            f"Dockyard does not implement {service} {operation} yet{why}. "
            "See the README's list of supported operations.",
            status=501,
        )
