"""What the server does with a request it hands to moto (S3 above all) on the way in and out.

In: a presigned URL is checked as S3 checks it (expiry, signature, signed headers); the requester's
account (from the access key id: 12 digits select that account, Dockyard's own key its internal one,
any other the default ``123456789012``) is told to moto, so buckets belong to the account that made
them; a request to another account's bucket is refused with S3's ``AccessDenied`` unless the bucket
policy grants it. The body is streamed to moto as it arrives, never read whole here.

Out: with ``--data-dir``, a successful change (PUT, POST, DELETE) is written to the embedded S3's
disk copy before its response leaves.
"""

from __future__ import annotations

import asyncio
import re
from typing import Any
from urllib.parse import parse_qs, unquote

from dockyard.blobs import INTERNAL_ACCESS_KEY, INTERNAL_ACCOUNT
from dockyard.blobs.s3_access import may_access
from dockyard.gateway.http_request import HttpResponse
from dockyard.gateway.identity import DEFAULT_ACCOUNT
from dockyard.server import presigned_guard

Scope = dict[str, Any]
_CREDENTIAL = re.compile(r"Credential=([^/,\s]+)/\d{8}/[^/]+/([^/]+)/aws4_request")
_SIGV2 = re.compile(r"^AWS ([^:\s]+):")
_ACCOUNT_KEY = re.compile(r"\d{12}")
_ACCESS_DENIED = (
    '<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>AccessDenied</Code><Message>Access Denied</Message></Error>'
)
# query parameters that list or page a bucket rather than naming a sub-resource
_LIST_PARAMS = frozenset(
    {"list-type", "prefix", "delimiter", "marker", "max-keys", "continuation-token", "start-after",
     "fetch-owner", "encoding-type", "x-id"}
)


def _credential(headers: dict[str, str], query: dict[str, list[str]]) -> tuple[str | None, str | None]:
    """(access key id, signing service) of a request, from its Authorization header or presigned query."""
    auth = headers.get("authorization", "")
    m = _CREDENTIAL.search(auth) or _CREDENTIAL.search("Credential=" + query.get("X-Amz-Credential", [""])[0])
    if m is not None:
        return m.group(1), m.group(2)
    m2 = _SIGV2.match(auth)
    if m2 is not None:
        return m2.group(1), "s3"
    if "AWSAccessKeyId" in query:
        return query["AWSAccessKeyId"][0], "s3"
    return None, None


def account_of(access_key: str | None) -> str:
    if access_key == INTERNAL_ACCESS_KEY:
        return INTERNAL_ACCOUNT
    if access_key is not None and _ACCOUNT_KEY.fullmatch(access_key):
        return access_key
    return DEFAULT_ACCOUNT


def s3_target(path: str, host: str) -> tuple[str | None, str | None]:
    """(bucket, key) a path-style or virtual-hosted S3 request names (percent-decoded)."""
    hostname = host.rsplit(":", 1)[0] if not host.startswith("[") else host
    if hostname.endswith(".localhost") or ".s3." in hostname or ".s3-" in hostname:
        bucket = hostname.split(".", 1)[0]
        key = unquote(path.lstrip("/")) or None
        return bucket, key
    parts = path.lstrip("/").split("/", 1)
    if not parts[0]:
        return None, None
    return unquote(parts[0]), (unquote(parts[1]) or None) if len(parts) == 2 else None


def s3_action(method: str, key: str | None, query: dict[str, list[str]]) -> str | None:
    """The IAM action a request is (None: CreateBucket, which S3 answers whoever owns the name)."""
    if key is not None:
        return {"GET": "s3:GetObject", "HEAD": "s3:GetObject", "DELETE": "s3:DeleteObject"}.get(
            method, "s3:PutObject"
        )
    subresources = sorted(set(query) - _LIST_PARAMS)
    verb = {"GET": "Get", "HEAD": "Get", "PUT": "Put", "DELETE": "Delete", "POST": "Put"}.get(method, "Get")
    if method == "POST" and "delete" in query:
        return "s3:DeleteObject"
    if not subresources:
        return {"PUT": None, "DELETE": "s3:DeleteBucket"}.get(method, "s3:ListBucket")
    return f"s3:{verb}Bucket{subresources[0].capitalize()}"


def _refusal(status: int, body: str) -> HttpResponse:
    return HttpResponse(status, {"Content-Type": "application/xml"}, body.encode())


class MotoPassthrough:
    def __init__(self, moto: Any, blobs: Any) -> None:
        self.moto = moto
        self.blobs = blobs

    def _secrets(self, access_key: str) -> list[str]:
        internal = None
        if self.blobs.internal_secret is not None:
            internal = (INTERNAL_ACCESS_KEY, self.blobs.internal_secret)
        return presigned_guard.secret_keys_for(access_key, internal)

    def guard(self, scope: Scope, headers: dict[str, str]) -> tuple[HttpResponse | None, Scope]:
        """S3's refusal of the request (or None) and the scope moto is to see."""
        method = scope["method"]
        raw_query = scope.get("query_string", b"").decode("latin-1")
        query = parse_qs(raw_query, keep_blank_values=True)
        path = scope.get("raw_path", scope["path"].encode()).decode("latin-1").split("?", 1)[0]
        host = headers.get("host", "")
        access_key, service = _credential(headers, query)
        if service not in (None, "s3"):
            return None, scope  # another service moto serves (IAM, STS, ...): moto's own rules
        if presigned_guard.is_presigned(query):
            url = f"{scope.get('scheme', 'http')}://{host}{path}" + (f"?{raw_query}" if raw_query else "")
            refusal = (
                presigned_guard.expired_response(query)
                or presigned_guard.signature_mismatch(method, url, query, headers, self._secrets)
                or presigned_guard.missing_signed_headers(query, headers)
            )
            if refusal is not None:
                return refusal, scope
        account = account_of(access_key)
        bucket, key = s3_target(path, host)
        if bucket is not None and self.blobs.endpoint_url is None:
            action = s3_action(method, key, query)
            if action is not None and not may_access(account, bucket, key, action):
                return _refusal(403, _ACCESS_DENIED), scope
            source = headers.get("x-amz-copy-source")
            if source:
                src_bucket, src_key = s3_target("/" + unquote(source.split("?", 1)[0]).lstrip("/"), "")
                if src_bucket and not may_access(account, src_bucket, src_key, "s3:GetObject"):
                    return _refusal(403, _ACCESS_DENIED), scope
        raw_headers = [(k, v) for k, v in scope["headers"] if k.lower() != b"x-moto-account-id"]
        raw_headers.append((b"x-moto-account-id", account.encode()))
        if method == "PUT" and presigned_guard.is_presigned(query):
            raw_headers = presigned_guard.fix_put_headers(raw_headers)
        return None, dict(scope, headers=raw_headers)

    def _persist_target(self, scope: Scope, headers: dict[str, str]) -> tuple[bool, str | None, str | None]:
        """(whether the request may change the embedded S3's disk copy, bucket, key)."""
        method = scope["method"]
        if self.blobs.disk is None or method not in ("PUT", "POST", "DELETE"):
            return False, None, None
        query = parse_qs(scope.get("query_string", b"").decode("latin-1"), keep_blank_values=True)
        if "uploads" in query or ("uploadId" in query and method != "POST"):
            return False, None, None  # multipart uploads in progress are not kept; completion is
        path = scope.get("raw_path", scope["path"].encode()).decode("latin-1").split("?", 1)[0]
        bucket, key = s3_target(path, headers.get("host", ""))
        if key is not None and method == "POST" and "uploadId" not in query:
            key = None
        if key is None and method == "POST" and "delete" not in query:
            bucket = None  # a form upload or anything else: reconcile every bucket
        return True, bucket, key

    async def __call__(self, scope: Scope, receive: Any, send: Any, headers: dict[str, str]) -> HttpResponse | None:
        """Hand the request to moto (answering it), or return the refusal to send instead."""
        refusal, scope = self.guard(scope, headers)
        if refusal is not None:
            return refusal
        persist, bucket, key = self._persist_target(scope, headers)
        if not persist:
            await self.moto(scope, receive, send)
            return None

        async def send_after_persisting(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start" and message["status"] < 300:
                await asyncio.to_thread(self.blobs.persist, bucket, key)
            await send(message)

        await self.moto(scope, receive, send_after_persisting)
        return None
