"""The V1 import/export file: a zip holding one JSON file in the envelope
``{"metadata": {"schemaVersion": "1.0", "importType": "LEX", "importFormat": "JSON"}, "resource": {...}}``.

Pure: bytes in, a resource dict out (or ``FormatError`` with a precise reason), and back.
The zip is read defensively: one entry only, no paths leaving the archive, bounded sizes.
"""

from __future__ import annotations

import io
import json
import zipfile
import zlib
from typing import Any

MAX_UNCOMPRESSED = 50 * 1024 * 1024  # a bomb guard far above any real bot (200,000 utterance chars)
MAX_RATIO = 200
METADATA = {"schemaVersion": "1.0", "importType": "LEX", "importFormat": "JSON"}


class FormatError(ValueError):
    """The payload is not a V1 import file; the message says why."""


def read_payload(payload: bytes) -> dict[str, Any]:
    """The envelope's ``resource`` (checked: one JSON file, known metadata, a JSON object)."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(payload))
    except (zipfile.BadZipFile, ValueError, NotImplementedError, EOFError, OSError) as exc:
        raise FormatError("The payload is not a valid zip archive.") from exc
    with archive:
        if any(not i.filename for i in archive.infolist()):
            raise FormatError("The zip archive has an entry without a name.")
        entries = [i for i in archive.infolist() if not i.is_dir()]
        if len(entries) != 1:
            raise FormatError(f"The zip archive must contain exactly one JSON file; it contains {len(entries)}.")
        entry = entries[0]
        name = entry.filename.replace("\\", "/")
        if name.startswith("/") or ".." in name.split("/") or ":" in name:
            raise FormatError(f"The zip entry '{entry.filename}' has a path outside the archive.")
        if entry.file_size > MAX_UNCOMPRESSED or (
            entry.compress_size and entry.file_size / entry.compress_size > MAX_RATIO and entry.file_size > 1 << 20
        ):
            raise FormatError(f"The zip entry '{entry.filename}' expands too much ({entry.file_size} bytes).")
        try:
            with archive.open(entry) as handle:
                data = handle.read(MAX_UNCOMPRESSED + 1)
        except (zipfile.BadZipFile, RuntimeError, NotImplementedError, OSError, ValueError, EOFError,
                zlib.error) as exc:  # ValueError: a header offset before the file start ("negative seek")
            raise FormatError(f"The zip entry '{entry.filename}' cannot be read: {exc}.") from exc
        if len(data) > MAX_UNCOMPRESSED:
            raise FormatError(f"The zip entry '{entry.filename}' expands too much.")
    try:
        document = json.loads(data.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise FormatError(f"{entry.filename} is not UTF-8 text.") from exc
    except json.JSONDecodeError as exc:
        raise FormatError(f"{entry.filename} is not valid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}.") \
            from exc
    return _resource(document, entry.filename)


def _resource(document: Any, file_name: str) -> dict[str, Any]:
    if not isinstance(document, dict) or not isinstance(document.get("metadata"), dict):
        raise FormatError(f"{file_name} has no metadata object.")
    metadata = document["metadata"]
    for key, expected in METADATA.items():
        if metadata.get(key) != expected:
            raise FormatError(f"{file_name}: metadata.{key} is {metadata.get(key)!r}; Lex V1 imports '{expected}'.")
    resource = document.get("resource")
    if not isinstance(resource, dict):
        raise FormatError(f"{file_name} has no resource object.")
    return resource


def write_payload(file_name: str, resource: dict[str, Any]) -> bytes:
    """The zip an export serves (and an import reads)."""
    body = json.dumps({"metadata": METADATA, "resource": resource}, indent=2).encode()
    return zip_one(file_name, body)


def zip_one(file_name: str, body: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(file_name, body)
    return out.getvalue()
