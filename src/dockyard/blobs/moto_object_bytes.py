"""The bytes of an object in the embedded S3 (moto's ``FakeKey``), moved in chunks, never whole.

moto keeps an object's bytes in a ``SpooledTemporaryFile`` (``FakeKey._value_buffer``: in memory up
to ``MOTO_S3_DEFAULT_KEY_BUFFER_SIZE``, about 5 MiB, on disk beyond it), but its public ``value``
reads them whole. This module is the one place that relies on that buffer: it gives a key the bytes
of an upload staged in such a file, and copies a key's bytes to a file, in bounded memory.
"""

from __future__ import annotations

import shutil
import tempfile
from typing import Any, BinaryIO

CHUNK = 1024 * 1024


def new_buffer() -> Any:
    """A file for an object's bytes, of the kind moto keeps them in (spills to disk past its size)."""
    from moto.settings import get_s3_default_key_buffer_size

    return tempfile.SpooledTemporaryFile(max_size=get_s3_default_key_buffer_size())


def moto_bucket(name: str) -> Any | None:
    """moto's bucket ``name`` in whichever account owns it (None: no such bucket)."""
    from moto.s3.models import s3_backends

    owner = s3_backends.bucket_accounts.get(name)
    if owner is None:
        return None
    partition, account = owner
    return s3_backends[account][partition].buckets.get(name)


def find_key(bucket_name: str, key: str, version_id: str | None) -> Any | None:
    """The object version a PutObject just made (the newest when the bucket is not versioned)."""
    from moto.s3.models import FakeKey

    bucket = moto_bucket(bucket_name)
    if bucket is None:
        return None
    if version_id and version_id != "null":
        found = [k for k in bucket.keys.getlist(key, []) if getattr(k, "version_id", None) == version_id]
        return found[0] if found and isinstance(found[0], FakeKey) else None
    fake_key = bucket.keys.get(key)
    return fake_key if isinstance(fake_key, FakeKey) else None


def install(fake_key: Any, buffer: Any, size: int, md5_hex: str | None) -> None:
    """Make ``buffer`` (``size`` bytes, MD5 ``md5_hex``; None: moto computes it when asked) the
    bytes of ``fake_key``; the key's previous buffer is closed."""
    with fake_key.lock:
        old = fake_key._value_buffer
        fake_key._value_buffer = buffer
        fake_key.contentsize = size
        fake_key._etag = md5_hex
    old.close()


def load_file(fake_key: Any, fh: BinaryIO) -> None:
    """Give ``fake_key`` the bytes read from ``fh`` (its ETag becomes their MD5)."""
    buffer = new_buffer()
    shutil.copyfileobj(fh, buffer, CHUNK)
    install(fake_key, buffer, buffer.tell(), None)


def copy_to(fake_key: Any, fh: BinaryIO) -> None:
    """Write ``fake_key``'s bytes to ``fh``, a chunk at a time."""
    with fake_key.lock:
        buffer = fake_key._value_buffer
        buffer.seek(0)
        shutil.copyfileobj(buffer, fh, CHUNK)
