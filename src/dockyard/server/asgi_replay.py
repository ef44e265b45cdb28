"""An ASGI ``receive`` that hands on a request body already read (once, then a disconnect)."""

from __future__ import annotations

from typing import Any


def replay_body(body: bytes) -> Any:
    """A ``receive`` callable giving ``body`` as the whole request, then ``http.disconnect``."""
    sent = False

    async def receive() -> dict[str, Any]:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return {"type": "http.disconnect"}

    return receive
