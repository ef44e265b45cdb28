"""The embedded S3 (moto's backends, in this process) kept on disk under ``<data-dir>/s3/``.

moto holds buckets and objects in memory. With ``--data-dir`` every change is written through to
files before the S3 response leaves the server, and :meth:`EmbeddedS3Disk.restore` loads them back
into moto when the server starts, so an object put before a SIGKILL is there after the restart::

    <root>/<bucket>/bucket.json                     owner account, region, bucket policy
    <root>/<bucket>/objects/<sha256 of key>.data    the object's bytes
    <root>/<bucket>/objects/<sha256 of key>.json    key, ETag, last modified, metadata (Content-Type, x-amz-meta-*)

Object bytes move between moto and the files a chunk at a time (:mod:`moto_object_bytes`).
A restored object's ETag is recomputed from its bytes (the MD5, as for any single PUT); an object
made by a multipart upload therefore gets the plain MD5 instead of its ``<md5>-<parts>`` ETag.

What is kept: buckets (owner, region, policy) and the newest version of each object with its
metadata. What is not: older object versions, ACLs, tags, bucket configurations other than the
policy, and multipart uploads still in progress (a completed one is an object like any other).
Files are replaced atomically (write, then rename), so a kill mid-write leaves the previous copy.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import threading
from datetime import datetime
from pathlib import Path
from typing import Any

from dockyard.blobs.moto_object_bytes import copy_to, load_file, moto_bucket

_BUCKET_NAME = re.compile(r"[a-z0-9][a-z0-9.\-_]{1,254}")
_PARTITION = "aws"


def _backends() -> Any:
    from moto.s3.models import s3_backends

    return s3_backends


def _key_file(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()


def _write_atomically(path: Path, write: Any) -> None:
    tmp = path.with_name(path.name + ".tmp")
    with open(tmp, "wb") as fh:
        write(fh)
    os.replace(tmp, path)


class EmbeddedS3Disk:
    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self.root.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()

    # -- writing through ------------------------------------------------------------------------

    def sync(self, bucket: str | None, key: str | None = None) -> None:
        """Make the disk copy of ``bucket`` (one ``key`` of it when given; every bucket when None)
        match moto's state."""
        with self._lock:
            if bucket is None:
                names = set(_backends().bucket_accounts) | {p.name for p in self.root.iterdir() if p.is_dir()}
                for name in sorted(names):
                    self._sync_bucket(name)
            elif key is None or moto_bucket(bucket) is None or not (self.root / bucket).is_dir():
                self._sync_bucket(bucket)
            else:
                self._sync_key(moto_bucket(bucket), self.root / bucket / "objects", key)

    def _sync_bucket(self, name: str) -> None:
        if not _BUCKET_NAME.fullmatch(name):
            return
        folder = self.root / name
        bucket = moto_bucket(name)
        if bucket is None:
            shutil.rmtree(folder, ignore_errors=True)
            return
        objects = folder / "objects"
        objects.mkdir(parents=True, exist_ok=True)
        policy = bucket.policy.decode("utf-8") if isinstance(bucket.policy, bytes) else bucket.policy
        record = {"name": name, "account": bucket.account_id, "region": bucket.region_name, "policy": policy}
        _write_atomically(folder / "bucket.json", lambda fh: fh.write(json.dumps(record).encode()))
        wanted = {_key_file(k): k for k in list(bucket.keys.keys())}
        for meta in objects.glob("*.json"):
            if meta.stem not in wanted:
                meta.unlink(missing_ok=True)
                (objects / f"{meta.stem}.data").unlink(missing_ok=True)
        for key in wanted.values():
            self._sync_key(bucket, objects, key)

    def _sync_key(self, bucket: Any, objects: Path, key: str) -> None:
        stem = _key_file(key)
        meta_path, data_path = objects / f"{stem}.json", objects / f"{stem}.data"
        from moto.s3.models import FakeKey

        fake_key = bucket.keys.get(key) if bucket is not None else None
        if not isinstance(fake_key, FakeKey):  # gone, or a delete marker
            meta_path.unlink(missing_ok=True)
            data_path.unlink(missing_ok=True)
            return
        record = {
            "key": key,
            "etag": fake_key.etag,
            "last_modified": fake_key.last_modified.isoformat(),
            "size": fake_key.size,
            "metadata": dict(fake_key.metadata),
        }
        if meta_path.exists():
            try:
                old = json.loads(meta_path.read_bytes())
            except ValueError:
                old = None
            if old == record and data_path.exists():
                return  # unchanged since the last write
        # data first, then the record naming it: a record on disk always has its whole data file
        meta_path.unlink(missing_ok=True)
        _write_atomically(data_path, lambda fh: copy_to(fake_key, fh))
        _write_atomically(meta_path, lambda fh: fh.write(json.dumps(record).encode()))

    # -- restoring ------------------------------------------------------------------------------

    def restore(self) -> tuple[int, int]:
        """Load every bucket and object found on disk into moto; (buckets, objects) loaded."""
        backends = _backends()
        buckets = objects = 0
        with self._lock:
            for folder in sorted(p for p in self.root.iterdir() if p.is_dir()):
                try:
                    record = json.loads((folder / "bucket.json").read_bytes())
                except (OSError, ValueError):
                    continue
                name = record["name"]
                backend = backends[record["account"]][_PARTITION]
                if name not in backends.bucket_accounts:
                    backend.create_bucket(name, record["region"])
                if record.get("policy"):
                    backend.put_bucket_policy(name, record["policy"].encode("utf-8"))
                buckets += 1
                for meta in sorted((folder / "objects").glob("*.json")):
                    objects += self._restore_object(backend, name, meta)
        return buckets, objects

    @staticmethod
    def _restore_object(backend: Any, bucket: str, meta: Path) -> int:
        data_path = meta.with_suffix(".data")
        try:
            record = json.loads(meta.read_bytes())
            size = data_path.stat().st_size
        except (OSError, ValueError):
            return 0
        if size != record.get("size", size):
            return 0
        fake_key = backend.put_object(bucket, record["key"], b"", disable_notification=True)
        try:
            with open(data_path, "rb") as fh:  # streamed into moto's buffer, never read whole
                load_file(fake_key, fh)
        except OSError:
            backend.delete_object(bucket, record["key"])
            return 0
        fake_key.set_metadata(dict(record.get("metadata", {})), replace=True)
        if record.get("last_modified"):
            fake_key.last_modified = datetime.fromisoformat(record["last_modified"])
        return 1

    def disk_usage(self) -> int:
        """Bytes the copy takes (object data plus its small JSON records)."""
        return sum(p.stat().st_size for p in self.root.rglob("*") if p.is_file())
