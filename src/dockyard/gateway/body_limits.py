"""Size limits of requests, per kind of request, configurable for tests.

* API (JSON) bodies of our services: 10 MiB (``DOCKYARD_MAX_API_BODY_BYTES``), AWS's API front-end
  limit; a larger body answers 413 ``RequestEntityTooLargeException`` and is never parsed.
* S3 single PUT: 5 GiB (``DOCKYARD_MAX_S3_PUT_BYTES``), answered by the server front door with S3's
  ``EntityTooLarge`` before the body is read.
"""

from __future__ import annotations

import os

DEFAULT_MAX_API_BODY = 10 * 1024 * 1024
DEFAULT_MAX_S3_PUT = 5 * 1024**3


def _env_int(name: str, default: int) -> int:
    try:
        return int(os.environ.get(name, default))
    except ValueError:
        return default


def max_api_body() -> int:
    return _env_int("DOCKYARD_MAX_API_BODY_BYTES", DEFAULT_MAX_API_BODY)


def max_s3_put() -> int:
    return _env_int("DOCKYARD_MAX_S3_PUT_BYTES", DEFAULT_MAX_S3_PUT)
