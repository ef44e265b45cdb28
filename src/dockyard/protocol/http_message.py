"""The transport-neutral request and response both front doors (ASGI server, in-process mock) and the
gateway exchange; the serializer builds responses (lowest layer that speaks HTTP)."""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import parse_qs, urlsplit


@dataclass
class HttpRequest:
    method: str
    path: str  # still percent-encoded, without the query string
    query: dict[str, list[str]]
    headers: dict[str, str]  # lower-cased names
    body: bytes
    host: str = ""

    @classmethod
    def from_url(cls, method: str, url: str, headers: dict[str, str], body: bytes) -> HttpRequest:
        parts = urlsplit(url)
        lowered = {k.lower(): v for k, v in headers.items()}
        return cls(
            method=method.upper(),
            path=parts.path or "/",
            query=parse_qs(parts.query, keep_blank_values=True),
            headers=lowered,
            body=body,
            host=lowered.get("host", parts.netloc),
        )


@dataclass
class HttpResponse:
    status: int
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""


class MediaPayload(bytes):
    """A blob payload that names its media type: the serializer answers it as the Content-Type
    (a plain ``bytes`` payload answers ``application/octet-stream``)."""

    media_type: str

    def __new__(cls, data: bytes, media_type: str) -> MediaPayload:
        payload = super().__new__(cls, data)
        payload.media_type = media_type
        return payload
