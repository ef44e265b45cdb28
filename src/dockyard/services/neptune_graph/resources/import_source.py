"""An import task's source: the files under an S3 prefix, fetched to a local folder, and the format
they are in when the task does not say."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from botocore.exceptions import ClientError

from dockyard.service_kit import BlobStore, S3Location, parse_s3_uri
from dockyard.services.neptune_graph.formats.source_stream import SourceFile

PARQUET_MAGIC = b"PAR1"


class SourceProblem(Exception):
    """The source cannot be imported; the message is the task's statusReason."""


def list_source(blobs: BlobStore, source: str, account: str | None = None) -> tuple[S3Location, list[Any]]:
    """The objects under ``source``, which ``account`` (the task's) must be allowed to list and read."""
    try:
        location = parse_s3_uri(source)
    except ValueError as exc:
        raise SourceProblem(f"The source {source!r} is not an S3 URI (s3://bucket/prefix).") from exc
    if not blobs.bucket_exists(location.bucket):
        raise SourceProblem(f"The S3 bucket {location.bucket!r} of source {source} does not exist.")
    if account is not None and not blobs.account_may(account, "s3:ListBucket", S3Location(location.bucket, "")):
        raise SourceProblem(_access_denied(account, "s3:ListBucket", location.bucket, source))
    try:
        objects = [o for o in blobs.list_objects(location) if not o.key.endswith("/")]
    except ClientError as exc:
        raise SourceProblem(f"Could not list {source}: {exc}") from exc
    if not objects:
        raise SourceProblem(f"No data files were found under {source}.")
    for obj in objects:
        if account is not None and not blobs.account_may(account, "s3:GetObject", S3Location(location.bucket, obj.key)):
            raise SourceProblem(_access_denied(account, "s3:GetObject", f"{location.bucket}/{obj.key}", source))
    return location, sorted(objects, key=lambda o: o.key)


def _access_denied(account: str, action: str, resource: str, source: str) -> str:
    return (
        f"Access Denied: account {account} is not authorized to perform {action} on arn:aws:s3:::{resource} "
        f"(source {source}): the bucket belongs to another account and its bucket policy does not grant it."
    )


def fetch(blobs: BlobStore, bucket: str, objects: list[Any], folder: Path) -> list[SourceFile]:
    """Download every object into ``folder``; files keep their S3 key (minus folders) as name."""
    files = []
    for i, obj in enumerate(objects):
        local = folder / f"{i:06d}"
        with open(local, "wb") as fh:
            blobs.download(S3Location(bucket, obj.key), fh)
        files.append(SourceFile(obj.key.rsplit("/", 1)[-1], local, obj.size))
    return files


def infer_format(files: list[SourceFile]) -> str:
    """The format of files the task did not name: by extension, then by the first line.

    ``.nt`` -> NTRIPLES; Parquet magic bytes or ``.parquet`` -> PARQUET; a header with ``:ID``,
    ``:START_ID`` or ``:END_ID`` -> OPEN_CYPHER; anything else -> CSV (Gremlin).
    """
    import gzip

    for f in files:
        name = f.name.lower().removesuffix(".gz")
        if name.endswith(".nt"):
            return "NTRIPLES"
        if name.endswith(".parquet"):
            return "PARQUET"
        with f.open_raw() as raw:
            head = raw.read(4)
            raw.seek(0)
            if head == PARQUET_MAGIC:
                return "PARQUET"
            stream = gzip.GzipFile(fileobj=raw) if head[:2] == b"\x1f\x8b" else raw
            first = stream.readline(65536).decode("utf-8", "replace")
        if not first.strip():
            continue
        if first.lstrip().startswith(("<", "_:")):
            return "NTRIPLES"
        if any(marker in first for marker in (":ID", ":START_ID", ":END_ID")):
            return "OPEN_CYPHER"
        return "CSV"
    return "CSV"
