"""What real S3 does with presigned URLs and moto does not: refuse expired ones, and keep the body of
a presigned PUT whatever its content type (moto stores a form-encoded body as empty)."""

from __future__ import annotations

import time
from calendar import timegm
from datetime import datetime

from dockyard.gateway.http_request import HttpResponse

_EXPIRED = (
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>AccessDenied</Code>"
    "<Message>Request has expired</Message><X-Amz-Expires>{expires}</X-Amz-Expires>"
    "<Expires>{expired_at}</Expires><ServerTime>{now}</ServerTime></Error>"
)


def is_presigned(query: dict[str, list[str]]) -> bool:
    """SigV4 (``X-Amz-Signature``) or SigV2 (``Signature`` + ``Expires``) query authentication."""
    return ("X-Amz-Signature" in query and "X-Amz-Date" in query) or (
        "Signature" in query and "Expires" in query
    )


def _expiry(query: dict[str, list[str]]) -> tuple[int, int] | None:
    """(signed at, lifetime in seconds) of a presigned URL."""
    try:
        if "X-Amz-Date" in query:
            signed_at = timegm(datetime.strptime(query["X-Amz-Date"][0], "%Y%m%dT%H%M%SZ").timetuple())
            return signed_at, int(query.get("X-Amz-Expires", ["604800"])[0])
        return int(query["Expires"][0]), 0
    except (KeyError, ValueError):
        return None


def expired_response(query: dict[str, list[str]], now: float | None = None) -> HttpResponse | None:
    """The S3 error for an expired presigned URL, or None while it is valid."""
    expiry = _expiry(query)
    if expiry is None:
        return None
    signed_at, expires = expiry
    now = time.time() if now is None else now
    if now <= signed_at + expires:
        return None
    fmt = "%Y-%m-%dT%H:%M:%SZ"
    body = _EXPIRED.format(
        expires=expires,
        expired_at=time.strftime(fmt, time.gmtime(signed_at + expires)),
        now=time.strftime(fmt, time.gmtime(now)),
    )
    return HttpResponse(403, {"Content-Type": "application/xml"}, body.encode())


_SIGNATURE_MISMATCH = (
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>SignatureDoesNotMatch</Code>"
    "<Message>The request signature we calculated does not match the signature you provided. Check your key "
    "and signing method.</Message></Error>"
)


def missing_signed_headers(query: dict[str, list[str]], headers: dict[str, str]) -> HttpResponse | None:
    """S3's refusal of a presigned request that lacks a header the URL signed (``X-Amz-SignedHeaders``),
    e.g. the Content-Type a Q in Connect upload URL requires; None when every signed header is sent."""
    signed = query.get("X-Amz-SignedHeaders", [""])[0].split(";")
    if any(name and name not in headers for name in signed):
        return HttpResponse(403, {"Content-Type": "application/xml"}, _SIGNATURE_MISMATCH.encode())
    return None


def fix_put_headers(headers: list[tuple[bytes, bytes]]) -> list[tuple[bytes, bytes]]:
    """Presigned PUTs keep their body: a form content type becomes application/octet-stream."""
    out = []
    for name, value in headers:
        if name.lower() == b"content-type" and value.lower().startswith(b"application/x-www-form-urlencoded"):
            value = b"application/octet-stream"
        out.append((name, value))
    return out
