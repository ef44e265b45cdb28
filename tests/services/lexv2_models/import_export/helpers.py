"""Import/export steps as a user takes them through boto3, and small bots and archives."""

from __future__ import annotations

import io
import time
import uuid
import zipfile
from pathlib import Path
from typing import Any

import requests

from tests.services.lexv2_models.resources.airline import ROLE_ARN

FAST_WAIT = {"Delay": 1, "MaxAttempts": 20}
MANIFEST = b'{"metaData":{"schemaVersion":"1","fileFormat":"LexJson","resourceType":"BOT"}}'


def unique(prefix: str) -> str:
    return f"{prefix}{uuid.uuid4().hex[:10]}"


def zip_dir(root: Path) -> bytes:
    """The export folder zipped as AWS ships it (no README, no directory entries)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(root.rglob("*.json")):
            archive.writestr(path.relative_to(root).as_posix(), path.read_bytes())
    return buffer.getvalue()


def zip_entries(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def unzip(data: bytes, password: str | None = None) -> dict[str, bytes]:
    import pyzipper

    with pyzipper.AESZipFile(io.BytesIO(data)) as archive:
        if password:
            archive.setpassword(password.encode())
        return {info.filename: archive.read(info) for info in archive.infolist()}


def upload(client: Any, data: bytes) -> str:
    """CreateUploadUrl, then an HTTP PUT of ``data`` to the URL (as a user does); the import id."""
    answer = client.create_upload_url()
    response = requests.put(answer["uploadUrl"], data=data, timeout=30)
    assert response.status_code == 200, response.text
    return answer["importId"]


def download(url: str) -> bytes:
    response = requests.get(url, timeout=30)
    assert response.status_code == 200, response.text
    return response.content


def wait_import(client: Any, import_id: str, timeout: float = 20.0) -> dict[str, Any]:
    """DescribeImport until the import is no longer InProgress."""
    deadline = time.monotonic() + timeout
    while True:
        answer = client.describe_import(importId=import_id)
        if answer["importStatus"] != "InProgress" or time.monotonic() > deadline:
            return answer
        time.sleep(0.02)


def wait_export(client: Any, export_id: str, timeout: float = 20.0) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    while True:
        answer = client.describe_export(exportId=export_id)
        if answer["exportStatus"] != "InProgress" or time.monotonic() > deadline:
            return answer
        time.sleep(0.02)


def bot_spec(name: str, **extra: Any) -> dict[str, Any]:
    return {"botImportSpecification": {"botName": name, "roleArn": ROLE_ARN,
                                       "dataPrivacy": {"childDirected": False}, **extra}}


def import_file(client: Any, data: bytes, spec: dict[str, Any], merge: str = "FailOnConflict",
                password: str | None = None) -> dict[str, Any]:
    """The whole import; the final DescribeImport answer."""
    import_id = upload(client, data)
    extra = {"filePassword": password} if password else {}
    started = client.start_import(importId=import_id, resourceSpecification=spec, mergeStrategy=merge, **extra)
    assert started["importStatus"] == "InProgress"
    return wait_import(client, import_id)


def export_file(client: Any, spec: dict[str, Any], file_format: str = "LexJson",
                password: str | None = None) -> tuple[dict[str, Any], dict[str, bytes]]:
    """The whole export; (final DescribeExport answer, archive entries)."""
    extra = {"filePassword": password} if password else {}
    created = client.create_export(resourceSpecification=spec, fileFormat=file_format, **extra)
    assert created["exportStatus"] == "InProgress"
    answer = wait_export(client, created["exportId"])
    assert answer["exportStatus"] == "Completed", answer.get("failureReasons")
    return answer, unzip(download(answer["downloadUrl"]), password)


def new_bot_with_locale(client: Any, name: str | None = None, locale_id: str = "en_US") -> dict[str, str]:
    """A bot imported from a one-intent archive; returns the DRAFT locale's ids."""
    from tests.services.lexv2_models.import_export.archives import small_bot_archive

    name = name or unique("bot")
    answer = import_file(client, small_bot_archive(name, locale_id), bot_spec(name))
    assert answer["importStatus"] == "Completed", answer["failureReasons"]
    return {"botId": answer["importedResourceId"], "botVersion": "DRAFT", "localeId": locale_id}


def build_and_version(client: Any, ids: dict[str, str]) -> str:
    """Build the DRAFT locale and make version 1 of it; the version."""
    from tests.services.lexv2_models.resources.builders import build

    assert build(client, ids)["botLocaleStatus"] == "Built"
    spec = {ids["localeId"]: {"sourceBotVersion": "DRAFT"}}
    version = client.create_bot_version(botId=ids["botId"], botVersionLocaleSpecification=spec)["botVersion"]
    client.get_waiter("bot_version_available").wait(botId=ids["botId"], botVersion=version, WaiterConfig=FAST_WAIT)
    return version
