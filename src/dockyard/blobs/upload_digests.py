"""The digests S3 computes over an uploaded body, fed chunk by chunk: the MD5 (the ETag and
``Content-MD5``) and the ``x-amz-checksum-*`` algorithm the request names; and S3's refusal of a
body they do not match (``BadDigest``, ``InvalidDigest``), for both front doors.

Algorithms whose library is not installed (CRC32C without ``crc32c``, CRC64NVME without ``awscrt``)
fall back to CRC32 exactly as moto's own ``compute_checksum`` does, so a stored checksum is the one
moto would have stored; such a fallback is never used to refuse a request (:attr:`exact` is False).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import zlib
from typing import Any
from xml.sax.saxutils import escape

ALGORITHMS = ("CRC32", "CRC32C", "CRC64NVME", "SHA1", "SHA256")


class _Crc32:
    def __init__(self) -> None:
        self.value = 0

    def update(self, data: bytes) -> None:
        self.value = zlib.crc32(data, self.value)

    def digest(self) -> bytes:
        return self.value.to_bytes(4, "big")


class _Crc32c:
    def __init__(self, crc32c: Any) -> None:
        self._crc32c = crc32c
        self.value = 0

    def update(self, data: bytes) -> None:
        self.value = self._crc32c.crc32c(data, self.value)

    def digest(self) -> bytes:
        return self.value.to_bytes(4, "big")


class _Crc64Nvme:
    def __init__(self, checksums: Any) -> None:
        self._checksums = checksums
        self.value = 0

    def update(self, data: bytes) -> None:
        self.value = self._checksums.crc64nvme(data, self.value)

    def digest(self) -> bytes:
        return self.value.to_bytes(8, "big")


def _checksum(algorithm: str) -> tuple[Any, bool]:
    """(running checksum of ``algorithm``, whether it is that algorithm rather than moto's fallback)."""
    if algorithm == "SHA1":
        return hashlib.sha1(), True
    if algorithm == "CRC32":
        return _Crc32(), True
    if algorithm == "CRC32C":
        try:
            import crc32c
        except ImportError:
            return _Crc32(), False
        return _Crc32c(crc32c), True
    if algorithm == "CRC64NVME":
        try:
            from awscrt import checksums
        except ImportError:
            return _Crc32(), False
        return _Crc64Nvme(checksums), True
    return hashlib.sha256(), True


class UploadDigests:
    def __init__(self, algorithm: str | None = None) -> None:
        self.algorithm = algorithm.upper() if algorithm else None
        self._md5 = hashlib.md5()
        self._checksum, self.exact = _checksum(self.algorithm) if self.algorithm else (None, False)
        self.size = 0

    def update(self, data: bytes) -> None:
        self._md5.update(data)
        if self._checksum is not None:
            self._checksum.update(data)
        self.size += len(data)

    @property
    def md5_hex(self) -> str:
        return self._md5.hexdigest()

    @property
    def md5_base64(self) -> str:
        return base64.b64encode(self._md5.digest()).decode()

    @property
    def checksum_base64(self) -> str | None:
        return None if self._checksum is None else base64.b64encode(self._checksum.digest()).decode()


def request_algorithm(headers: dict[str, str]) -> str | None:
    """The checksum algorithm a PutObject names (``x-amz-sdk-checksum-algorithm``, else the
    ``x-amz-checksum-<algorithm>`` header or trailer it sends); ``headers`` are lower-case."""
    named = headers.get("x-amz-sdk-checksum-algorithm", "").upper()
    if named in ALGORITHMS:
        return named
    for name in [headers.get("x-amz-trailer", ""), *headers]:
        name = name.strip().lower()
        algorithm = name.removeprefix("x-amz-checksum-").upper()
        if name.startswith("x-amz-checksum-") and algorithm in ALGORITHMS:
            return algorithm
    return None


def s3_error_xml(code: str, message: str, **details: str) -> str:
    extra = "".join(f"<{k}>{escape(v)}</{k}>" for k, v in details.items())
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>{code}</Code>'
            f"<Message>{escape(message)}</Message>{extra}</Error>")


def digest_refusal(headers: dict[str, str], digests: UploadDigests, trailers: dict[str, str]) -> str | None:
    """S3's 400 error XML for a body whose ``Content-MD5`` or ``x-amz-checksum-*`` value (header or
    trailer) does not match it, None when they match or none is given."""
    given_md5 = headers.get("content-md5")
    if given_md5 is not None:
        try:
            decoded = base64.b64decode(given_md5.strip(), validate=True)
        except (binascii.Error, ValueError):
            decoded = b""
        if len(decoded) != 16:
            return s3_error_xml("InvalidDigest", "The Content-MD5 you specified was invalid.")
        if given_md5.strip() != digests.md5_base64:
            return s3_error_xml("BadDigest", "The Content-MD5 you specified did not match what we received.",
                                ExpectedDigest=given_md5.strip(), CalculatedDigest=digests.md5_base64)
    if digests.algorithm and digests.exact:
        header = f"x-amz-checksum-{digests.algorithm.lower()}"
        given = headers.get(header) or trailers.get(header)
        if given is not None and given.strip() != digests.checksum_base64:
            return s3_error_xml("BadDigest",
                                f"The {digests.algorithm} you specified did not match the calculated checksum.")
    return None
