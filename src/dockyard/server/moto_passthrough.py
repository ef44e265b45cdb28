"""What the server does with a request it hands to moto (S3 above all) on the way in and out.

In: a presigned URL is checked as S3 checks it (expiry, signature, signed headers); the requester's
account (from the access key id: 12 digits select that account, Dockyard's own key its internal one,
any other the default ``123456789012``) is told to moto, so buckets belong to the account that made
them; a request to another account's bucket is refused with S3's ``AccessDenied`` unless the bucket
policy grants it. A single PutObject's body is received here a piece at a time and stored in bounded
memory (:mod:`dockyard.server.streamed_put`); any other body is streamed to moto as it arrives.

Out: with ``--data-dir``, a successful change (PUT, POST, DELETE) is written to the embedded S3's
disk copy before its response leaves.
"""

from __future__ import annotations

import asyncio
from typing import Any
from urllib.parse import parse_qs

from dockyard.blobs import INTERNAL_ACCESS_KEY
from dockyard.blobs.s3_requests import ACCESS_DENIED_XML, account_of, allowed, credential, is_single_put, s3_target
from dockyard.gateway.body_limits import max_s3_put
from dockyard.gateway.http_request import HttpResponse
from dockyard.gateway.identity import DEFAULT_ACCOUNT
from dockyard.server import presigned_guard, streamed_put
from dockyard.server.asgi_replay import replay_body

Scope = dict[str, Any]


def _refusal(status: int, body: str) -> HttpResponse:
    return HttpResponse(status, {"Content-Type": "application/xml"}, body.encode())


class MotoPassthrough:
    def __init__(self, moto: Any, blobs: Any) -> None:
        self.moto = moto
        self.blobs = blobs
        # (bucket, key) of staged PutObjects moto is answering: a read of that key waits until the
        # staged bytes are the object's (moto holds an empty version for that instant)
        self._storing: dict[tuple[str, str], asyncio.Event] = {}

    async def _wait_for_store(self, scope: Scope, headers: dict[str, str]) -> None:
        if not self._storing or scope["method"] not in ("GET", "HEAD"):
            return
        path = scope.get("raw_path", scope["path"].encode()).decode("latin-1").split("?", 1)[0]
        bucket, key = s3_target(path, headers.get("host", ""))
        storing = self._storing.get((bucket or "", key or ""))
        if storing is not None:
            await storing.wait()

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
        access_key, service = credential(headers, query)
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
        account = account_of(access_key, DEFAULT_ACCOUNT)
        if self.blobs.endpoint_url is None and not allowed(account, method, path, host, query, headers):
            return _refusal(403, ACCESS_DENIED_XML), scope
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

    async def _receive_put(self, scope: Scope, headers: dict[str, str], receive: Any) -> Any:
        """The PutObject body received (``streamed_put.ReceivedPut``), S3's refusal, or None when the
        request is not a single PutObject to the embedded S3."""
        query = parse_qs(scope.get("query_string", b"").decode("latin-1"), keep_blank_values=True)
        if credential(headers, query)[1] not in (None, "s3"):
            return None
        path = scope.get("raw_path", scope["path"].encode()).decode("latin-1").split("?", 1)[0]
        if not is_single_put(scope["method"], s3_target(path, headers.get("host", ""))[1], query, headers):
            return None
        return await streamed_put.receive_put(receive, headers, max_s3_put())

    async def __call__(self, scope: Scope, receive: Any, send: Any, headers: dict[str, str]) -> HttpResponse | None:
        """Hand the request to moto (answering it), or return the refusal to send instead."""
        refusal, scope = self.guard(scope, headers)
        if refusal is not None:
            return refusal
        await self._wait_for_store(scope, headers)
        received = await self._receive_put(scope, headers, receive)
        if isinstance(received, HttpResponse):
            return received
        staged = received if received is not None and received.buffer is not None else None
        if received is not None:
            body = b"" if staged is not None else received.raw
            receive = replay_body(body or b"")
            if staged is not None:
                scope = dict(scope, headers=staged.moto_headers(scope["headers"]))
        persist, bucket, key = self._persist_target(scope, headers)
        if not persist and staged is None:
            await self.moto(scope, receive, send)
            return None
        bucket_name, key_name = s3_target(
            scope.get("raw_path", scope["path"].encode()).decode("latin-1").split("?", 1)[0], headers.get("host", "")
        )
        if staged is not None and (bucket_name is None or key_name is None):
            staged.discard()
            staged = None
        storing = asyncio.Event() if staged is not None else None

        failed = False

        async def send_after_storing(message: dict[str, Any]) -> None:
            nonlocal failed
            if failed:
                return  # moto's body of an answer replaced by the InternalError below
            if message["type"] == "http.response.start" and message["status"] < 300:
                if staged is not None:
                    stored = await asyncio.to_thread(staged.store, bucket_name, key_name, list(message["headers"]))
                    if stored is None:  # never answer 200 for bytes that were not stored
                        failed = True
                        await _send_not_stored(send)
                        return
                    message = dict(message, headers=stored)
                if persist:
                    await asyncio.to_thread(self.blobs.persist, bucket, key)
            await send(message)

        if storing is not None:
            self._storing[(bucket_name, key_name)] = storing
        try:
            await self.moto(scope, receive, send_after_storing)
        finally:
            if staged is not None:
                staged.discard()  # moto refused it (or the key went away): its bytes are dropped
            if storing is not None:
                if self._storing.get((bucket_name, key_name)) is storing:
                    del self._storing[(bucket_name, key_name)]
                storing.set()
        return None


async def _send_not_stored(send: Any) -> None:
    body = streamed_put.NOT_STORED
    headers = [(b"content-type", b"application/xml"), (b"content-length", str(len(body)).encode())]
    await send({"type": "http.response.start", "status": 500, "headers": headers})
    await send({"type": "http.response.body", "body": body})

