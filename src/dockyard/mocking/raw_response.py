"""The in-memory stand-in for urllib3's response that botocore's ``AWSResponse`` reads a body from."""

from __future__ import annotations

from io import BytesIO
from typing import Any


class RawResponse(BytesIO):
    def stream(self, **kwargs: Any) -> Any:
        chunk = self.read()
        while chunk:
            yield chunk
            chunk = self.read()
