"""Read and write ``s3://`` objects and make presigned URLs.

The embedded S3 is moto's, in this process: its boto3 client is answered by moto's in-process
stubber (started by the runtime), and the presigned URLs it hands out point at the public endpoint
(``dockyard serve`` answers them, verifying signature and expiry); in-process there is none, so they
point at S3's own endpoint, which moto intercepts. Dockyard acts in the embedded S3 as its own
identity: access key :data:`INTERNAL_ACCESS_KEY` with a secret made per data dir (per process
without one), owning its internal buckets in the account :data:`INTERNAL_ACCOUNT`. With ``DOCKYARD_S3_ENDPOINT``
set, every call and URL goes to that endpoint instead (real AWS, MinIO) with the usual credential chain.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError

from dockyard.blobs.embedded_s3_disk import EmbeddedS3Disk
from dockyard.blobs.s3_access import INTERNAL_ACCOUNT, may_access
from dockyard.blobs.s3_requests import INTERNAL_ACCESS_KEY

_S3_URI = re.compile(r"s3://([^/]+)/?(.*)")


@dataclass(frozen=True)
class S3Location:
    bucket: str
    key: str

    @property
    def uri(self) -> str:
        return f"s3://{self.bucket}/{self.key}"


@dataclass(frozen=True)
class S3Object:
    key: str
    size: int


def parse_s3_uri(uri: str) -> S3Location:
    m = _S3_URI.fullmatch(uri.strip())
    if m is None:
        raise ValueError(f"'{uri}' is not an S3 URI of the form s3://bucket/prefix")
    return S3Location(m.group(1), m.group(2))


class BlobStore:
    def __init__(
        self, endpoint_url: str | None = None, public_endpoint: str | None = None, disk_dir: Path | None = None
    ) -> None:
        """``disk_dir``: keep the embedded S3 on disk there (only without ``endpoint_url``)."""
        self.endpoint_url = endpoint_url
        self.disk = EmbeddedS3Disk(disk_dir) if disk_dir is not None and endpoint_url is None else None
        path_style = Config(s3={"addressing_style": "path"}, signature_version="s3v4")
        creds: dict[str, Any] = {}
        self.internal_secret = self._internal_secret(disk_dir) if endpoint_url is None else None
        if endpoint_url is None:
            creds = {"aws_access_key_id": INTERNAL_ACCESS_KEY, "aws_secret_access_key": self.internal_secret}
        self.client = boto3.client(
            "s3", region_name="us-east-1", endpoint_url=endpoint_url, config=path_style, **creds
        )
        if endpoint_url is None:  # moto files what this client makes under Dockyard's own account
            self.client.meta.events.register("before-sign.s3", _as_internal_account)
        presign_endpoint = endpoint_url or public_endpoint
        self._presigner = (
            self.client
            if presign_endpoint == endpoint_url
            else boto3.client(
                "s3", region_name="us-east-1", endpoint_url=presign_endpoint, config=path_style, **creds
            )
        )

    @staticmethod
    def _internal_secret(disk_dir: Path | None) -> str:
        """The secret of Dockyard's own access key: kept in the data dir, so URLs handed out before a
        restart still verify after it."""
        if disk_dir is None:
            return secrets.token_hex(20)
        path = Path(disk_dir) / ".internal-secret"
        if path.exists():
            return path.read_text().strip()
        path.parent.mkdir(parents=True, exist_ok=True)
        secret = secrets.token_hex(20)
        path.write_text(secret)
        return secret

    def account_may(self, account: str, action: str, location: S3Location) -> bool:
        """Whether ``account`` may do ``action`` (``s3:GetObject``, ``s3:ListBucket``, ``s3:PutObject``)
        on ``location`` in the embedded S3: its own buckets, or what a bucket policy grants it. An
        external S3 (``DOCKYARD_S3_ENDPOINT``) decides for itself: always True here."""
        if self.endpoint_url is not None:
            return True
        return may_access(account, location.bucket, location.key or None, action)

    def restore(self) -> tuple[int, int]:
        """Load the embedded S3's disk copy into moto (start-up); (buckets, objects) loaded."""
        return (0, 0) if self.disk is None else self.disk.restore()

    def persist(self, bucket: str | None, key: str | None = None) -> None:
        """Write a change of the embedded S3 (one key, one bucket, or every bucket) to its disk copy."""
        if self.disk is not None:
            self.disk.sync(bucket, key)

    def bucket_exists(self, bucket: str) -> bool:
        try:
            self.client.head_bucket(Bucket=bucket)
        except ClientError:
            return False
        return True

    def ensure_bucket(self, bucket: str) -> None:
        if not self.bucket_exists(bucket):
            self.client.create_bucket(Bucket=bucket)
            self.persist(bucket)

    def list_objects(self, location: S3Location) -> Iterator[S3Object]:
        paginator = self.client.get_paginator("list_objects_v2")
        for page in paginator.paginate(Bucket=location.bucket, Prefix=location.key):
            for item in page.get("Contents", []):
                yield S3Object(item["Key"], int(item["Size"]))

    def size_of(self, location: S3Location) -> int | None:
        """The object's size in bytes, None when it does not exist (read from its head, not its bytes)."""
        try:
            head = self.client.head_object(Bucket=location.bucket, Key=location.key)
        except ClientError as exc:
            if exc.response.get("Error", {}).get("Code") in ("NoSuchKey", "NoSuchBucket", "404"):
                return None
            raise
        return int(head["ContentLength"])

    def get_bytes(self, location: S3Location) -> bytes:
        return self.client.get_object(Bucket=location.bucket, Key=location.key)["Body"].read()

    def get_range(self, location: S3Location, start: int, length: int) -> bytes:
        """``length`` bytes from offset ``start`` (fewer at the end of the object), one ranged GET."""
        if length <= 0:
            return b""
        rng = f"bytes={start}-{start + length - 1}"
        return self.client.get_object(Bucket=location.bucket, Key=location.key, Range=rng)["Body"].read()

    def download(self, location: S3Location, fileobj: BinaryIO) -> None:
        self.client.download_fileobj(location.bucket, location.key, fileobj)

    def put_bytes(self, location: S3Location, body: bytes, content_type: str | None = None) -> None:
        extra = {"ContentType": content_type} if content_type else {}
        self.client.put_object(Bucket=location.bucket, Key=location.key, Body=body, **extra)
        self.persist(location.bucket, location.key)

    def upload(self, location: S3Location, fileobj: BinaryIO) -> None:
        self.client.upload_fileobj(fileobj, location.bucket, location.key)
        self.persist(location.bucket, location.key)

    def delete(self, location: S3Location) -> None:
        self.client.delete_object(Bucket=location.bucket, Key=location.key)
        self.persist(location.bucket, location.key)

    def presign_get(self, location: S3Location, expires_in: int) -> str:
        return self._presigner.generate_presigned_url(
            "get_object", Params={"Bucket": location.bucket, "Key": location.key}, ExpiresIn=expires_in
        )

    def presign_put(self, location: S3Location, expires_in: int, content_type: str | None = None) -> str:
        """A presigned PUT; with ``content_type`` the Content-Type header is signed into the URL (a PUT
        without that header is refused, as S3 refuses it)."""
        params = {"Bucket": location.bucket, "Key": location.key}
        if content_type is not None:
            params["ContentType"] = content_type
        return self._presigner.generate_presigned_url("put_object", Params=params, ExpiresIn=expires_in)


def _as_internal_account(request: Any, **kwargs: Any) -> None:
    request.headers["x-moto-account-id"] = INTERNAL_ACCOUNT


def external_s3_problem(endpoint: str) -> str | None:
    """What keeps Dockyard from using the external S3 at ``endpoint`` (None: nothing we can see)."""
    if boto3.Session().get_credentials() is None:
        return (
            f"DOCKYARD_S3_ENDPOINT={endpoint} is set but no AWS credentials were found for it: set "
            "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (or AWS_PROFILE) in the server's environment; "
            "until then every import and export fails with 'Unable to locate credentials'."
        )
    return None
