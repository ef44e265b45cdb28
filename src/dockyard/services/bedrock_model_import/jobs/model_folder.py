"""The model folder in S3, as the import job reads it: its files, small files whole, shard headers by range."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from typing import Any

from dockyard.service_kit import S3Location, parse_s3_uri
from dockyard.services.bedrock_model_import.formats.safetensors_header import (
    HeaderError,
    Tensor,
    header_length,
    parse_header,
)

FIRST_READ = 64 * 1024  # one ranged GET covers the 8-byte length and a header of up to 64 KiB
MAX_SMALL_FILE = 256 * 2**20  # config, tokenizer and index files are read whole; none is near this
HEADER_READERS = 8  # shard headers are read in parallel (each read is one S3 round trip)


class FolderError(ValueError):
    """The folder cannot be read as a model folder; the message says why and what to do."""


class ModelFolder:
    """The files directly under an ``s3://bucket/prefix`` (sub-folders are not part of the model)."""

    def __init__(self, blobs: Any, uri: str, account: str | None = None) -> None:
        """``account``: the job's account, which must be allowed to read the folder (None: not checked)."""
        self.blobs, self.uri = blobs, uri
        loc = parse_s3_uri(uri)
        self.bucket = loc.bucket
        self.prefix = loc.key if not loc.key or loc.key.endswith("/") else loc.key + "/"
        if not blobs.bucket_exists(loc.bucket):
            raise FolderError(f"The S3 bucket {loc.bucket} does not exist or the role cannot read it. Check the "
                              f"s3Uri {uri}.")
        if account is not None and not blobs.account_may(account, "s3:GetObject", S3Location(loc.bucket, self.prefix)):
            raise FolderError(f"Access Denied: account {account} is not authorized to perform s3:GetObject on "
                              f"arn:aws:s3:::{loc.bucket}/{self.prefix}: the bucket belongs to another account and "
                              f"its bucket policy does not grant it. Check the s3Uri {uri}.")
        listed = {o.key[len(self.prefix):]: o.size for o in blobs.list_objects(S3Location(loc.bucket, self.prefix))}
        self.sizes = {k: v for k, v in listed.items() if k and "/" not in k}
        if not self.sizes:
            raise FolderError(f"No model files were found at {uri}. Upload the Hugging Face model folder to that "
                              "prefix.")

    def __contains__(self, name: str) -> bool:
        return name in self.sizes

    def location(self, name: str) -> S3Location:
        return S3Location(self.bucket, self.prefix + name)

    def read(self, name: str) -> bytes:
        if self.sizes[name] > MAX_SMALL_FILE:
            raise FolderError(f"{name} is {self.sizes[name]} bytes, more than the {MAX_SMALL_FILE} bytes a model's "
                              f"{name} can be. Upload the file saved with the model.")
        return self.blobs.get_bytes(self.location(name))

    def headers(self, shards: list[str]) -> dict[str, list[Tensor]]:
        """Every shard's tensors, from its header alone; the first corrupt shard (in name order) fails."""
        with ThreadPoolExecutor(max_workers=max(1, min(HEADER_READERS, len(shards)))) as pool:
            pending = {shard: pool.submit(self.header, shard) for shard in shards}
        found: dict[str, list[Tensor]] = {}
        for shard in shards:
            try:
                found[shard] = pending[shard].result()
            except HeaderError as exc:
                raise FolderError(f"The safetensors file {shard} is corrupt: {exc}. Re-save the weights with "
                                  "safetensors.") from exc
        return found

    def header(self, shard: str) -> list[Tensor]:
        """One shard's header: one ranged GET of its start, a second only for a header longer than that."""
        size, where = self.sizes[shard], self.location(shard)
        first = self.blobs.get_range(where, 0, min(size, 8 + FIRST_READ)) if size else b""
        n = header_length(first, size)
        raw = first[8:8 + n]
        if len(raw) < n:
            raw += self.blobs.get_range(where, 8 + len(raw), n - len(raw))
        return parse_header(raw, size)
