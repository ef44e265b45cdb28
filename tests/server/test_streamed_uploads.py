"""A single PUT to the embedded S3 goes to storage in bounded memory: a large presigned PUT raises the
server's peak RSS by far less than its size, and the object reads back byte for byte with the MD5 as
its ETag. Larger-than-replay PutObjects keep everything moto gives a PutObject (metadata, tags,
checksums, versions), and wrong digests answer S3's ``BadDigest``."""

from __future__ import annotations

import base64
import hashlib
import http.client
import io
import os
import signal
import urllib.error
import urllib.request
import zlib
from pathlib import Path

import pytest
from botocore.exceptions import ClientError

from dockyard.server.streamed_put import REPLAY_LIMIT
from tests.conftest import ServerProcess

MB = 1024 * 1024
BIG = 160 * MB
STAGED = REPLAY_LIMIT * 3 + 12345  # over the size moto gets whole: the streamed path


@pytest.fixture(scope="module")
def server():
    process = ServerProcess()
    yield process
    process.stop()


class PatternBody:
    """``size`` bytes made on the fly (the test holds no copy): blocks of a SHA-256 chain."""

    def __init__(self, size: int) -> None:
        self.left = size
        self.block = hashlib.sha256(b"seed").digest() * 2048  # 64 KiB
        self.at = 0

    def read(self, n: int = -1) -> bytes:
        n = self.left if n < 0 else min(n, self.left)
        out = bytearray()
        while len(out) < n:
            if self.at == len(self.block):
                self.block, self.at = hashlib.sha256(self.block[:32]).digest() * 2048, 0
            take = self.block[self.at:self.at + n - len(out)]
            out += take
            self.at += len(take)
        self.left -= n
        return bytes(out)


def _md5_of_pattern(size: int) -> str:
    body, md5 = PatternBody(size), hashlib.md5()
    while chunk := body.read(MB):
        md5.update(chunk)
    return md5.hexdigest()


def _status_kib(pid: int, field: str) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    raise AssertionError(f"no {field} in /proc/{pid}/status")


def _reset_peak(pid: int) -> int:
    """Reset the process's peak RSS (VmHWM) to its current RSS where the kernel allows; the baseline (KiB)."""
    try:
        Path(f"/proc/{pid}/clear_refs").write_text("5")
    except OSError:
        return _status_kib(pid, "VmHWM")
    return _status_kib(pid, "VmRSS")


def _unsigned_put(server: ServerProcess, path: str, body: bytes | None, headers: dict[str, str],
                  chunks: list[bytes] | None = None) -> tuple[int, bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=60)
    try:
        if chunks is not None:
            conn.request("PUT", path, body=iter(chunks), headers=headers, encode_chunked=True)
        else:
            conn.request("PUT", path, body=body, headers=headers)
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


@pytest.mark.slow
def test_large_presigned_put_is_stored_in_bounded_memory(server: ServerProcess) -> None:
    s3 = server.client("s3")
    s3.create_bucket(Bucket="large-uploads")
    url = s3.generate_presigned_url("put_object", Params={"Bucket": "large-uploads", "Key": "blob.bin"},
                                    ExpiresIn=600)
    baseline_kib = _reset_peak(server.proc.pid)
    request = urllib.request.Request(url, data=PatternBody(BIG), method="PUT",  # type: ignore[arg-type]
                                     headers={"Content-Length": str(BIG)})
    with urllib.request.urlopen(request, timeout=600) as response:
        etag = response.headers["ETag"]
    grown_mb = (_status_kib(server.proc.pid, "VmHWM") - baseline_kib) / 1024
    # moto alone holds a PUT whole, twice: ~320 MB for this body; streamed, a few MB of buffers
    assert grown_mb < BIG / MB / 4, f"peak RSS grew by {grown_mb:.0f} MB for a {BIG // MB} MB PUT"

    expected_md5 = _md5_of_pattern(BIG)
    assert etag == f'"{expected_md5}"'
    head = s3.head_object(Bucket="large-uploads", Key="blob.bin")
    assert head["ContentLength"] == BIG and head["ETag"] == etag
    got, md5 = s3.get_object(Bucket="large-uploads", Key="blob.bin")["Body"], hashlib.md5()
    expected = PatternBody(BIG)
    while chunk := got.read(4 * MB):
        assert chunk == expected.read(len(chunk))
        md5.update(chunk)
    assert expected.left == 0 and md5.hexdigest() == expected_md5


def test_streamed_put_object_keeps_metadata_tags_and_checksum(server: ServerProcess) -> None:
    s3 = server.client("s3")
    s3.create_bucket(Bucket="kept-headers")
    data = os.urandom(STAGED)
    put = s3.put_object(Bucket="kept-headers", Key="k", Body=data, ContentType="text/x-test",
                        Metadata={"origin": "streamed"}, Tagging="team=blue", ChecksumAlgorithm="SHA256",
                        StorageClass="STANDARD_IA")
    sha256 = base64.b64encode(hashlib.sha256(data).digest()).decode()
    assert put["ETag"] == f'"{hashlib.md5(data).hexdigest()}"'
    assert put["ChecksumSHA256"] == sha256
    got = s3.get_object(Bucket="kept-headers", Key="k", ChecksumMode="ENABLED")
    assert got["Body"].read() == data
    assert got["ContentType"] == "text/x-test" and got["Metadata"] == {"origin": "streamed"}
    assert got["ChecksumSHA256"] == sha256 and got["StorageClass"] == "STANDARD_IA"
    assert s3.get_object_tagging(Bucket="kept-headers", Key="k")["TagSet"] == [{"Key": "team", "Value": "blue"}]
    listed = s3.list_objects_v2(Bucket="kept-headers")["Contents"]
    assert [(o["Key"], o["Size"], o["ETag"]) for o in listed] == [("k", STAGED, put["ETag"])]


@pytest.mark.parametrize("key", ["why?a=1", "a%2Fb", "dir//ünï code+sign.bin", "~/#hash"])
def test_streamed_put_keeps_keys_with_reserved_characters(server: ServerProcess, key: str) -> None:
    s3 = server.client("s3")
    s3.create_bucket(Bucket="odd-keys")
    data = os.urandom(STAGED)
    s3.put_object(Bucket="odd-keys", Key=key, Body=data)
    assert s3.get_object(Bucket="odd-keys", Key=key)["Body"].read() == data
    assert key in [o["Key"] for o in s3.list_objects_v2(Bucket="odd-keys")["Contents"]]


def test_streamed_puts_to_a_versioned_bucket_keep_every_version(server: ServerProcess) -> None:
    s3 = server.client("s3")
    s3.create_bucket(Bucket="versioned-uploads")
    s3.put_bucket_versioning(Bucket="versioned-uploads", VersioningConfiguration={"Status": "Enabled"})
    first, second = os.urandom(STAGED), os.urandom(STAGED + 1)
    v1 = s3.put_object(Bucket="versioned-uploads", Key="doc", Body=io.BytesIO(first))["VersionId"]
    v2 = s3.put_object(Bucket="versioned-uploads", Key="doc", Body=io.BytesIO(second))["VersionId"]
    assert v1 != v2
    assert s3.get_object(Bucket="versioned-uploads", Key="doc")["Body"].read() == second
    old = s3.get_object(Bucket="versioned-uploads", Key="doc", VersionId=v1)
    assert old["Body"].read() == first and old["ETag"] == f'"{hashlib.md5(first).hexdigest()}"'


@pytest.mark.parametrize("size", [100, STAGED], ids=["replayed", "streamed"])
def test_wrong_content_md5_is_bad_digest_and_stores_nothing(server: ServerProcess, size: int) -> None:
    s3 = server.client("s3")
    s3.create_bucket(Bucket=f"digests-{size}")
    data = os.urandom(size)
    wrong = base64.b64encode(hashlib.md5(b"something else").digest()).decode()
    with pytest.raises(ClientError) as exc:
        s3.put_object(Bucket=f"digests-{size}", Key="k", Body=data, ContentMD5=wrong)
    assert exc.value.response["Error"]["Code"] == "BadDigest"
    assert exc.value.response["ResponseMetadata"]["HTTPStatusCode"] == 400
    with pytest.raises(ClientError):
        s3.head_object(Bucket=f"digests-{size}", Key="k")
    with pytest.raises(ClientError) as invalid:
        s3.put_object(Bucket=f"digests-{size}", Key="k", Body=data, ContentMD5="not-an-md5")
    assert invalid.value.response["Error"]["Code"] == "InvalidDigest"
    right = base64.b64encode(hashlib.md5(data).digest()).decode()
    s3.put_object(Bucket=f"digests-{size}", Key="k", Body=data, ContentMD5=right)
    assert s3.get_object(Bucket=f"digests-{size}", Key="k")["Body"].read() == data


def test_wrong_checksum_header_is_bad_digest(server: ServerProcess) -> None:
    s3 = server.client("s3")
    s3.create_bucket(Bucket="checksums")
    with pytest.raises(ClientError) as exc:
        s3.put_object(Bucket="checksums", Key="k", Body=os.urandom(STAGED), ChecksumCRC32="AAAAAA==")
    assert exc.value.response["Error"]["Code"] == "BadDigest"
    assert "CRC32" in exc.value.response["Error"]["Message"]


def _aws_chunked(data: bytes, piece: int, crc32: str) -> bytes:
    out = bytearray()
    for start in range(0, len(data), piece):
        chunk = data[start:start + piece]
        out += f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n"
    return bytes(out) + f"0\r\nx-amz-checksum-crc32:{crc32}\r\n\r\n".encode()


@pytest.mark.parametrize("size", [1000, STAGED], ids=["replayed", "streamed"])
def test_aws_chunked_body_with_trailing_checksum(server: ServerProcess, size: int) -> None:
    s3 = server.client("s3")
    s3.create_bucket(Bucket=f"chunked-{size}")
    data = os.urandom(size)
    crc32 = base64.b64encode(zlib.crc32(data).to_bytes(4, "big")).decode()
    headers = {"x-amz-content-sha256": "STREAMING-UNSIGNED-PAYLOAD-TRAILER", "Content-Encoding": "aws-chunked",
               "x-amz-decoded-content-length": str(size), "x-amz-trailer": "x-amz-checksum-crc32",
               "x-amz-sdk-checksum-algorithm": "CRC32"}
    status, body = _unsigned_put(server, f"/chunked-{size}/k", _aws_chunked(data, 65536, crc32), headers)
    assert status == 200, body
    got = s3.get_object(Bucket=f"chunked-{size}", Key="k", ChecksumMode="ENABLED")
    assert got["Body"].read() == data and got["ChecksumCRC32"] == crc32
    assert got["ETag"] == f'"{hashlib.md5(data).hexdigest()}"'
    assert "ContentEncoding" not in got
    status, body = _unsigned_put(server, f"/chunked-{size}/bad", _aws_chunked(data, 65536, "AAAAAA=="), headers)
    assert status == 400 and b"<Code>BadDigest</Code>" in body


def test_chunked_transfer_without_length_over_the_limit_is_entity_too_large() -> None:
    limited = ServerProcess(env={"DOCKYARD_MAX_S3_PUT_BYTES": str(2 * MB)})
    try:
        limited.client("s3").create_bucket(Bucket="limited")
        status, body = _unsigned_put(limited, "/limited/big", None, {}, chunks=[b"x" * MB] * 3)
        assert status == 400 and b"<Code>EntityTooLarge</Code>" in body
        with pytest.raises(ClientError):
            limited.client("s3").head_object(Bucket="limited", Key="big")
        status, _ = _unsigned_put(limited, "/limited/fits", None, {}, chunks=[b"x" * MB] * 2)
        assert status == 200
    finally:
        limited.stop()


@pytest.mark.slow
def test_streamed_object_survives_sigkill_with_data_dir(tmp_path: Path) -> None:
    data = os.urandom(STAGED)
    first = ServerProcess(data_dir=tmp_path)
    try:
        s3 = first.client("s3")
        s3.create_bucket(Bucket="kept-big")
        url = s3.generate_presigned_url("put_object", Params={"Bucket": "kept-big", "Key": "k"}, ExpiresIn=60)
        urllib.request.urlopen(urllib.request.Request(url, data=data, method="PUT"), timeout=60).read()
    finally:
        first.stop(signal.SIGKILL)
    assert (tmp_path / "s3" / "kept-big" / "objects").is_dir()
    restarted = ServerProcess(data_dir=tmp_path)
    try:
        got = restarted.client("s3").get_object(Bucket="kept-big", Key="k")
        assert got["Body"].read() == data and got["ETag"] == f'"{hashlib.md5(data).hexdigest()}"'
    finally:
        restarted.stop()
