"""What real S3 does with presigned URLs and moto does not: check their signature, refuse expired
ones, and keep the body of a presigned PUT whatever its content type (moto stores a form-encoded body
as empty).

Signatures (SigV4 ``X-Amz-Signature`` and SigV2 ``Signature``) are recomputed with botocore's own
signers from the secret key of the URL's access key id (see :func:`secret_keys_for`): a changed
signature, path, query parameter (``X-Amz-Expires`` raised, another ``X-Amz-Credential``) or signed
header answers S3's ``SignatureDoesNotMatch``.
"""

from __future__ import annotations

import hmac
import os
import time
from calendar import timegm
from collections.abc import Callable
from datetime import datetime
from urllib.parse import unquote, urlsplit, urlunsplit

from botocore.auth import HmacV1QueryAuth, S3SigV4QueryAuth
from botocore.awsrequest import AWSRequest, HTTPHeaders
from botocore.credentials import Credentials

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


# The secret key every access key id is taken to have unless DOCKYARD_SECRET_ACCESS_KEYS names
# another: moto's and this README's test credentials.
DEFAULT_SECRET_KEY = "testing"


def secret_keys_for(access_key: str, internal: tuple[str, str] | None = None) -> list[str]:
    """The secret keys a URL signed by ``access_key`` may have been signed with: Dockyard's own for
    its internal identity, else the one ``DOCKYARD_SECRET_ACCESS_KEYS`` (``KEYID=SECRET,...``) names,
    else :data:`DEFAULT_SECRET_KEY`."""
    if internal is not None and access_key == internal[0]:
        return [internal[1]]
    for pair in os.environ.get("DOCKYARD_SECRET_ACCESS_KEYS", "").split(","):
        key, sep, secret = pair.strip().partition("=")
        if sep and key == access_key:
            return [secret]
    return [DEFAULT_SECRET_KEY]


def presigned_access_key(query: dict[str, list[str]]) -> str | None:
    """The access key id a presigned URL names (SigV4 credential scope or SigV2 ``AWSAccessKeyId``)."""
    if "X-Amz-Credential" in query:
        return query["X-Amz-Credential"][0].split("/", 1)[0]
    if "AWSAccessKeyId" in query:
        return query["AWSAccessKeyId"][0]
    return None


def _without_param(raw_query: str, name: str) -> str:
    return "&".join(p for p in raw_query.split("&") if p and unquote(p.partition("=")[0]) != name)


def _sigv4_signature(method: str, url: str, query: dict[str, list[str]], headers: dict[str, str], secret: str) -> str:
    scope = query["X-Amz-Credential"][0].split("/")
    access_key, region, service = scope[0], scope[2], scope[3]
    signer = S3SigV4QueryAuth(Credentials(access_key, secret), service, region, expires=0)
    signed = [h for h in query.get("X-Amz-SignedHeaders", ["host"])[0].split(";") if h]
    request = AWSRequest(method=method, url=url, headers={h: headers.get(h, "") for h in signed})
    request.context["timestamp"] = query["X-Amz-Date"][0]
    canonical = signer.canonical_request(request)
    return signer.signature(signer.string_to_sign(request, canonical), request)


class _SigV2AtExpiry(HmacV1QueryAuth):
    """botocore's SigV2 query signer, with the URL's own expiry where the string to sign holds a date
    (botocore's computes it from the clock)."""

    def __init__(self, credentials: Credentials, expires_at: str) -> None:
        super().__init__(credentials)
        self.expires_at = expires_at

    def _get_date(self) -> str:
        return self.expires_at


def _sigv2_signature(method: str, url: str, query: dict[str, list[str]], headers: dict[str, str], secret: str) -> str:
    signer = _SigV2AtExpiry(Credentials(query["AWSAccessKeyId"][0], secret), query["Expires"][0])
    signed_headers = HTTPHeaders()
    for name, value in headers.items():
        if name in ("content-md5", "content-type") or name.startswith("x-amz-"):
            signed_headers[name] = value
    return signer.get_signature(method, urlsplit(url), signed_headers)


def signature_mismatch(
    method: str,
    url: str,
    query: dict[str, list[str]],
    headers: dict[str, str],
    secrets: Callable[[str], list[str]],
) -> HttpResponse | None:
    """S3's ``SignatureDoesNotMatch`` for a presigned request whose signature none of the secret keys
    of its access key id reproduces (None: it verifies). ``url`` is the request's URL as received
    (scheme, Host, percent-encoded path and query)."""
    parts = urlsplit(url)
    refusal = HttpResponse(403, {"Content-Type": "application/xml"}, _SIGNATURE_MISMATCH.encode())
    sigv4 = "X-Amz-Signature" in query
    signature_param = "X-Amz-Signature" if sigv4 else "Signature"
    access_key = presigned_access_key(query)
    if access_key is None or signature_param not in query:
        return refusal
    given = query[signature_param][0].encode("utf-8", "replace")
    unsigned = urlunsplit((parts.scheme, parts.netloc, parts.path, _without_param(parts.query, signature_param), ""))
    header_sets = [headers]
    if not sigv4 and headers.get("content-type", "").lower().startswith("application/x-www-form-urlencoded"):
        # SigV2 signs the Content-Type; the form type urllib & co. add unasked is also tried as unsent
        # (as fix_put_headers keeps the body such a PUT carries)
        header_sets.append({k: v for k, v in headers.items() if k != "content-type"})
    sign = _sigv4_signature if sigv4 else _sigv2_signature
    for secret in secrets(access_key):
        for candidate in header_sets:
            try:
                if hmac.compare_digest(sign(method, unsigned, query, candidate, secret).encode(), given):
                    return None
            except (ValueError, IndexError, KeyError):
                return refusal
    return refusal
