"""The botocore ``before-send`` handler that answers our services' requests in-process.

It sits first among botocore's built-in handlers (before moto's), so every client made after
``dockyard`` is imported passes through it; it answers only while a ``dockyard.mock()`` is active
and only for requests our gateway claims, returning None for the rest (moto or the network
answers those).
"""

from __future__ import annotations

import threading
from typing import Any
from urllib.parse import parse_qs, urlsplit

from botocore.awsrequest import AWSResponse
from botocore.handlers import BUILTIN_HANDLERS

from dockyard.blobs.aws_chunked import AwsChunkedDecoder, MalformedChunkedBody
from dockyard.blobs.s3_requests import (
    ACCESS_DENIED_XML,
    INTERNAL_ACCESS_KEY,
    account_of,
    allowed,
    credential,
    is_single_put,
    s3_target,
)
from dockyard.blobs.upload_digests import UploadDigests, digest_refusal, request_algorithm, s3_error_xml
from dockyard.gateway.identity import DEFAULT_ACCOUNT, is_ours
from dockyard.mocking.direct_answers import ANSWER_KEY, DirectAnswers
from dockyard.mocking.raw_response import RawResponse
from dockyard.protocol.http_message import HttpRequest, HttpResponse

_PIECE = 1024 * 1024


class DockyardStubber:
    def __init__(self) -> None:
        self._active: list[Any] = []  # stack of Runtimes; the innermost answers
        self._lock = threading.Lock()

    def push(self, runtime: Any) -> None:
        with self._lock:
            self._active.append(runtime)

    def pop(self, runtime: Any) -> None:
        with self._lock:
            self._active.remove(runtime)

    def current(self) -> Any:
        """The runtime answering now (the innermost active mock), or None."""
        with self._lock:
            return self._active[-1] if self._active else None

    def __call__(self, request: Any, **kwargs: Any) -> AWSResponse | None:
        if not self._active:
            return None
        runtime = self._active[-1]
        context = getattr(request, "context", None) or {}
        if ANSWER_KEY in context:  # the answer direct_answers kept for botocore's own path
            return self._answered(request, context.pop(ANSWER_KEY))
        if not is_ours(request.headers.get("Authorization"), runtime.gateway.signing_names):
            return _s3_account_rules(runtime, request)  # leave the body untouched: moto or the network reads it
        body = request.body
        if body is None:
            body = b""
        elif hasattr(body, "read"):
            pos = body.tell() if hasattr(body, "tell") else None
            body = body.read()
            if pos is not None:
                request.body.seek(pos)
        elif isinstance(body, str):
            body = body.encode("utf-8")
        headers = {
            k: (v.decode("utf-8") if isinstance(v, bytes) else str(v)) for k, v in request.headers.items()
        }
        http_request = HttpRequest.from_url(request.method, request.url, headers, bytes(body))
        return self._answered(request, runtime.gateway.dispatch(http_request))

    @staticmethod
    def _answered(request: Any, response: HttpResponse | None) -> AWSResponse | None:
        if response is None:
            return None
        request.dockyard_answered = True  # later before-send handlers (moto's) leave it alone
        # an HTTP client reads no body from a 204 (RFC 9110): the in-process door answers as the server does
        body = b"" if response.status == 204 else response.body
        return AWSResponse(request.url, response.status, response.headers, RawResponse(body))


def _s3_account_rules(runtime: Any, request: Any) -> AWSResponse | None:
    """A user's S3 call to the embedded S3 (moto's stubber answers it next) acts as the account of its
    access key: moto is told that account, and another account's bucket answers AccessDenied unless
    its policy grants it (as the server's front door does)."""
    if runtime.blobs.endpoint_url is not None:
        return None
    headers = {k.lower(): (v.decode("latin-1") if isinstance(v, bytes) else str(v)) for k, v in request.headers.items()}
    url = urlsplit(request.url)
    query = parse_qs(url.query, keep_blank_values=True)
    access_key, service = credential(headers, query)
    if service != "s3" or access_key == INTERNAL_ACCESS_KEY:
        return None  # another service, or Dockyard's own client (its account is set already)
    account = account_of(access_key, DEFAULT_ACCOUNT)
    if not allowed(account, request.method, url.path, url.netloc, query, headers):
        request.dockyard_answered = True
        body = RawResponse(ACCESS_DENIED_XML.encode())
        return AWSResponse(request.url, 403, {"Content-Type": "application/xml"}, body)
    if is_single_put(request.method, s3_target(url.path, url.netloc)[1], query, headers):
        refusal = _digest_refusal(request, headers)
        if refusal is not None:
            request.dockyard_answered = True
            return AWSResponse(request.url, 400, {"Content-Type": "application/xml"}, RawResponse(refusal.encode()))
    request.headers["x-moto-account-id"] = account
    return None


def _digest_refusal(request: Any, headers: dict[str, str]) -> str | None:
    """S3's ``BadDigest``/``InvalidDigest`` for a PutObject whose ``Content-MD5`` or checksum does not
    match its body, as the server answers it (moto checks neither). A streamed body is read a chunk
    at a time and put back where it was."""
    if "content-md5" not in headers and request_algorithm(headers) is None:
        return None
    digests, trailers = UploadDigests(request_algorithm(headers)), {}
    decoder = AwsChunkedDecoder() if headers.get("x-amz-content-sha256", "").startswith("STREAMING-") else None
    body = request.body
    pos = body.tell() if hasattr(body, "tell") else 0  # botocore's aws-chunked wrapper seeks to 0 only
    try:
        if hasattr(body, "read"):
            while piece := body.read(_PIECE):
                digests.update(decoder.feed(piece) if decoder is not None else piece)
        else:
            data = body.encode("utf-8") if isinstance(body, str) else bytes(body or b"")
            digests.update(decoder.feed(data) if decoder is not None else data)
        if decoder is not None:
            decoder.finish()
            trailers = decoder.trailers
    except MalformedChunkedBody:
        return s3_error_xml("IncompleteBody", "The request body terminated unexpectedly")
    finally:
        if hasattr(body, "read"):
            body.seek(pos)
    return digest_refusal(headers, digests, trailers)


STUBBER = DockyardStubber()
DIRECT_ANSWERS = DirectAnswers(STUBBER)


def _moto_skips_answered_requests() -> None:
    """botocore calls *every* before-send handler, even after one answered: moto's stubber would
    then process (and, for services moto also mocks, such as Lex V2, fail on) requests Dockyard
    already answered. Its handler skips requests marked ``dockyard_answered``."""
    try:
        from moto.core.botocore_stubber import BotocoreStubber
    except ImportError:  # moto absent: nothing to patch
        return
    original = BotocoreStubber.__call__
    if getattr(original, "_dockyard_aware", False):
        return

    def call(self: Any, event_name: str, request: Any, **kwargs: Any) -> Any:
        if getattr(request, "dockyard_answered", False):
            return None
        return original(self, event_name, request, **kwargs)

    call._dockyard_aware = True  # type: ignore[attr-defined]
    BotocoreStubber.__call__ = call  # type: ignore[method-assign]


def install() -> None:
    """Put the handler first among botocore's built-ins (idempotent)."""
    if not any(entry[1] is STUBBER for entry in BUILTIN_HANDLERS):
        BUILTIN_HANDLERS.insert(0, ("before-send", STUBBER))
    if not any(entry[1] is DIRECT_ANSWERS for entry in BUILTIN_HANDLERS):
        BUILTIN_HANDLERS.insert(0, ("before-call", DIRECT_ANSWERS))
    _moto_skips_answered_requests()


install()
