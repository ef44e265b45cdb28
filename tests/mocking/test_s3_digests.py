"""A PutObject whose Content-MD5 or x-amz-checksum-* value does not match its body answers S3's
``BadDigest`` (a malformed Content-MD5 ``InvalidDigest``) and stores nothing, in both front doors;
matching values are accepted, whether the body is bytes or a stream (aws-chunked with a trailer)."""

from __future__ import annotations

import base64
import hashlib
import io
import os
from collections.abc import Callable
from typing import Any

import pytest
from botocore.exceptions import ClientError

DATA = os.urandom(200_000)
WRONG_MD5 = base64.b64encode(hashlib.md5(b"other").digest()).decode()


@pytest.mark.parametrize("stream", [False, True], ids=["bytes", "stream"])
@pytest.mark.parametrize(("extra", "code"), [
    ({"ContentMD5": WRONG_MD5}, "BadDigest"),
    ({"ContentMD5": "not base64 md5"}, "InvalidDigest"),
    ({"ChecksumCRC32": "AAAAAA=="}, "BadDigest"),
    ({"ChecksumSHA256": base64.b64encode(hashlib.sha256(b"other").digest()).decode()}, "BadDigest"),
])
def test_mismatched_digest_is_refused(aws: Callable[..., Any], stream: bool, extra: dict[str, str],
                                      code: str) -> None:
    s3 = aws("s3")
    s3.create_bucket(Bucket="digest-checks")
    with pytest.raises(ClientError) as exc:
        s3.put_object(Bucket="digest-checks", Key="refused", Body=io.BytesIO(DATA) if stream else DATA, **extra)
    assert exc.value.response["Error"]["Code"] == code
    assert exc.value.response["ResponseMetadata"]["HTTPStatusCode"] == 400
    with pytest.raises(ClientError):
        s3.head_object(Bucket="digest-checks", Key="refused")


@pytest.mark.parametrize("stream", [False, True], ids=["bytes", "stream"])
def test_matching_digests_are_accepted(aws: Callable[..., Any], stream: bool) -> None:
    s3 = aws("s3")
    s3.create_bucket(Bucket="digest-checks")
    md5 = base64.b64encode(hashlib.md5(DATA).digest()).decode()
    sha256 = base64.b64encode(hashlib.sha256(DATA).digest()).decode()
    put = s3.put_object(Bucket="digest-checks", Key="kept", Body=io.BytesIO(DATA) if stream else DATA,
                        ContentMD5=md5, ChecksumSHA256=sha256)
    assert put["ETag"] == f'"{hashlib.md5(DATA).hexdigest()}"'
    assert s3.get_object(Bucket="digest-checks", Key="kept")["Body"].read() == DATA
    s3.put_object(Bucket="digest-checks", Key="summed", Body=io.BytesIO(DATA) if stream else DATA,
                  ChecksumAlgorithm="SHA256")
    got = s3.get_object(Bucket="digest-checks", Key="summed", ChecksumMode="ENABLED")
    assert got["Body"].read() == DATA and got["ChecksumSHA256"] == sha256
