"""Helpers of the Lex V1 tests: polling jobs and building payloads."""

from __future__ import annotations

import io
import itertools
import json
import time
import zipfile
from typing import Any

import requests

# the server process lives for the whole session: each test works in a region of its own
REGIONS = [f"{area}-{side}-{n}" for area in ("us", "eu", "ap", "sa", "ca", "me", "af", "il")
           for side in ("east", "west", "north", "south", "central") for n in range(1, 10)]
_next_region = itertools.count()


def fresh_client(aws: Any) -> Any:
    return aws("lex-models", region_name=REGIONS[next(_next_region) % len(REGIONS)])


METADATA = {"schemaVersion": "1.0", "importType": "LEX", "importFormat": "JSON"}


def zip_bytes(files: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, body in files.items():
            archive.writestr(name, body)
    return out.getvalue()


def envelope(resource: dict[str, Any], metadata: dict[str, str] | None = None) -> bytes:
    return zip_bytes({"x.json": json.dumps({"metadata": metadata or METADATA, "resource": resource}).encode()})


def wait_import(lex: Any, import_id: str, timeout: float = 10) -> dict[str, Any]:
    end = time.monotonic() + timeout
    while True:
        out = lex.get_import(importId=import_id)
        if out["importStatus"] != "IN_PROGRESS" or time.monotonic() > end:
            return out
        time.sleep(0.02)


def import_payload(lex: Any, payload: bytes, resource_type: str, strategy: str = "FAIL_ON_CONFLICT",
                   **kw: Any) -> dict[str, Any]:
    started = lex.start_import(payload=payload, resourceType=resource_type, mergeStrategy=strategy, **kw)
    return wait_import(lex, started["importId"])


def wait_export(lex: Any, timeout: float = 10, **params: Any) -> dict[str, Any]:
    end = time.monotonic() + timeout
    while True:
        out = lex.get_export(**params)
        if out["exportStatus"] != "IN_PROGRESS" or time.monotonic() > end:
            return out
        time.sleep(0.02)


def download_resource(url: str) -> tuple[str, dict[str, Any]]:
    response = requests.get(url, timeout=30)  # the mock front door answers requests in-process
    assert response.status_code == 200, response.text
    data = response.content
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        (name,) = archive.namelist()
        return name, json.loads(archive.read(name))


def wait_bot(lex: Any, name: str, timeout: float = 10) -> dict[str, Any]:
    end = time.monotonic() + timeout
    while True:
        bot = lex.get_bot(name=name, versionOrAlias="$LATEST")
        if bot["status"] != "BUILDING" or time.monotonic() > end:
            return bot
        time.sleep(0.02)
