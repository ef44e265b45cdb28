"""A single PutObject to the embedded S3 (boto3's ``put_object``, a presigned PUT URL such as Lex V2's
``CreateUploadUrl``), received in bounded memory.

moto reads a request body whole (and copies it) before it stores it. Here the server reads the body
itself, a piece at a time: it decodes ``aws-chunked`` bodies, computes the MD5 (ETag,
``Content-MD5``) and the ``x-amz-checksum-*`` of the request, and enforces S3's single-PUT limit. Then:

- a body of at most :data:`REPLAY_LIMIT` bytes goes to moto as it was sent (moto answers as before);
- a larger one is written to a spooled file of the kind moto keeps objects in (on disk past about
  5 MiB) and moto gets the same request with an empty body, so it applies everything else it does
  for a PutObject (metadata, Content-Type, ACL, tags, storage class, encryption, object lock,
  versioning, conditional writes, checksum headers). When moto answers 2xx, the file becomes the
  bytes of the object version it made and the answer's ETag becomes the file's MD5.

Refusals are S3's: ``BadDigest`` when ``Content-MD5`` or the ``x-amz-checksum-*`` value does not
match the body, ``InvalidDigest`` when ``Content-MD5`` is not a base64 MD5, ``EntityTooLarge`` past
the single-PUT limit, ``IncompleteBody`` for an ``aws-chunked`` body cut short or malformed.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from typing import Any

from dockyard.blobs.aws_chunked import AwsChunkedDecoder, MalformedChunkedBody
from dockyard.blobs.moto_object_bytes import find_key, install, new_buffer
from dockyard.blobs.upload_digests import UploadDigests, digest_refusal, request_algorithm, s3_error_xml
from dockyard.gateway.http_request import HttpResponse

REPLAY_LIMIT = 1024 * 1024  # bodies up to this size go to moto unchanged
BATCH = 1024 * 1024  # body bytes hashed and written per hop to a worker thread
_DROPPED = frozenset({b"content-length", b"transfer-encoding", b"x-amz-decoded-content-length", b"x-amz-trailer",
                      b"expect"})


def s3_error(status: int, code: str, message: str, **details: str) -> HttpResponse:
    return HttpResponse(status, {"Content-Type": "application/xml"}, s3_error_xml(code, message, **details).encode())


NOT_STORED = s3_error_xml("InternalError", "We encountered an internal error. Please try again.").encode()


def entity_too_large(limit: int) -> HttpResponse:
    return s3_error(400, "EntityTooLarge", "Your proposed upload exceeds the maximum allowed size",
                    MaxSizeAllowed=str(limit))


@dataclass
class ReceivedPut:
    """The body of a PutObject, received: ``raw`` (small, replayed to moto) or ``buffer`` (staged)."""

    headers: dict[str, str]
    digests: UploadDigests
    raw: bytes | None = None
    buffer: Any = None
    trailers: dict[str, str] = field(default_factory=dict)

    def moto_headers(self, raw_headers: list[tuple[bytes, bytes]]) -> list[tuple[bytes, bytes]]:
        """The request headers moto is to see with the empty body that stands for the staged one."""
        out = [(k, v) for k, v in raw_headers if k.lower() not in _DROPPED]
        out = [(k, b"UNSIGNED-PAYLOAD") if k.lower() == b"x-amz-content-sha256" and v.startswith(b"STREAMING-")
               else (k, v) for k, v in out]
        out.append((b"content-length", b"0"))
        algorithm = self.headers.get("x-amz-sdk-checksum-algorithm", "")
        header = f"x-amz-checksum-{algorithm.lower()}"
        if algorithm and header not in self.headers:  # moto would compute it from the body it no longer sees
            value = self.trailers.get(header) or self.digests.checksum_base64 or ""
            out.append((header.encode("latin-1"), value.encode("latin-1")))
        return out

    def store(self, bucket: str, key: str,
              response_headers: list[tuple[bytes, bytes]]) -> list[tuple[bytes, bytes]] | None:
        """Make the staged bytes those of the object version moto just made; the answer's headers
        (None: that version was not found, the answer must not say the bytes were stored)."""
        version = next((v.decode("latin-1") for k, v in response_headers if k.lower() == b"x-amz-version-id"), None)
        fake_key = find_key(bucket, key, version)
        if fake_key is None:
            self.discard()
            return None
        if fake_key.size != 0:  # a later PUT of the key was stored meanwhile: it wins, as on S3
            self.discard()
            return response_headers
        install(fake_key, self.buffer, self.digests.size, self.digests.md5_hex)
        self.buffer = None
        etag = f'"{self.digests.md5_hex}"'.encode()
        return [(k, etag) if k.lower() == b"etag" else (k, v) for k, v in response_headers]

    def discard(self) -> None:
        if self.buffer is not None:
            self.buffer.close()
            self.buffer = None


class _Receiver:
    def __init__(self, headers: dict[str, str], limit: int) -> None:
        self.limit = limit
        self.decoder = AwsChunkedDecoder() if headers.get("x-amz-content-sha256", "").startswith("STREAMING-") else None
        self.put = ReceivedPut(headers, UploadDigests(request_algorithm(headers)))
        self.raw: list[bytes] | None = []  # kept while the body is small enough to replay
        self.raw_size = 0
        self.payload: list[bytes] = []

    def take(self, data: bytes) -> bool:
        """Digest (and stage) one batch of the raw body; False once it is over the limit."""
        if self.raw is not None:
            self.raw.append(data)
            self.raw_size += len(data)
        payload = self.decoder.feed(data) if self.decoder is not None else data
        self.put.digests.update(payload)
        if self.put.digests.size > self.limit:
            self.put.discard()
            return False
        if self.raw is not None and self.raw_size <= REPLAY_LIMIT:
            self.payload.append(payload)
            return True
        if self.put.buffer is None:
            self.put.buffer = new_buffer()
            for piece in self.payload:
                self.put.buffer.write(piece)
            self.raw = None
            self.payload = []
        self.put.buffer.write(payload)
        return True

    def finish(self) -> ReceivedPut | HttpResponse:
        if self.decoder is not None:
            try:
                self.decoder.finish()
            except MalformedChunkedBody:
                self.put.discard()
                return s3_error(400, "IncompleteBody", "The request body terminated unexpectedly")
            self.put.trailers = self.decoder.trailers
        refusal = digest_refusal(self.put.headers, self.put.digests, self.put.trailers)
        if refusal is not None:
            self.put.discard()
            return HttpResponse(400, {"Content-Type": "application/xml"}, refusal.encode())
        if self.raw is not None:
            self.put.raw = b"".join(self.raw)
        return self.put


async def receive_put(receive: Any, headers: dict[str, str], limit: int) -> ReceivedPut | HttpResponse:
    """Read a PutObject's body from the ASGI ``receive``: the body received, or S3's refusal."""
    receiver = _Receiver(headers, limit)
    batch: list[bytes] = []
    batched = 0
    more = True
    while more:
        message = await receive()
        if message["type"] == "http.disconnect":
            receiver.put.discard()
            return s3_error(400, "IncompleteBody", "The request body terminated unexpectedly")
        chunk = message.get("body", b"")
        more = bool(message.get("more_body"))
        if chunk:
            batch.append(chunk)
            batched += len(chunk)
        if batch and (batched >= BATCH or not more):
            data = b"".join(batch)
            batch, batched = [], 0
            try:
                taken = await asyncio.to_thread(receiver.take, data)
            except MalformedChunkedBody:
                receiver.put.discard()
                return s3_error(400, "IncompleteBody", "The request body terminated unexpectedly")
            if not taken:
                too_large = entity_too_large(limit)
                too_large.headers["Connection"] = "close"  # the rest of the body is never read
                return too_large
    return await asyncio.to_thread(receiver.finish)
