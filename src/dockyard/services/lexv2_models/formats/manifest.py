"""``Manifest.json``: reading both spellings seen in the wild, writing the real-export one.

Real exports: ``Manifest.json`` =
``{"metaData":{"schemaVersion":"1","fileFormat":"LexJson","resourceType":"BOT"}}``.
Documentation: ``manifest.json`` =
``{"metadata":{"schemaVersion":"1.0","fileFormat":"LexJson","resourceType":"Bot"}}``.
The reader accepts either file name (any case), either top-level key, and any case/underscore
spelling of the resource type; the writer emits the real-export form.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .errors import ArchiveError
from .json_codec import dump_json, parse_json
from .resource_type import ResourceType

MANIFEST_NAME = "Manifest.json"
SCHEMA_VERSION = "1"
FILE_FORMAT = "LexJson"


@dataclass(frozen=True)
class Manifest:
    """The parsed manifest. ``file_format`` and ``schema_version`` are kept as written."""

    resource_type: ResourceType
    file_format: str = FILE_FORMAT
    schema_version: str = SCHEMA_VERSION


def find_manifest(files: dict[str, bytes]) -> str | None:
    """The entry name of the manifest at the archive root, whatever its case."""
    for name in files:
        if name.lower() == MANIFEST_NAME.lower():
            return name
    return None


def parse_manifest(path: str, data: bytes) -> Manifest:
    raw = parse_json(path, data)
    meta: Any = None
    if isinstance(raw, dict):
        meta = raw.get("metaData", raw.get("metadata"))
    if not isinstance(meta, dict):
        raise ArchiveError([f"{path}: field 'metaData' is required and must be an object"])
    reasons: list[str] = []
    kind_text = meta.get("resourceType")
    kind = ResourceType.parse(kind_text) if isinstance(kind_text, str) else None
    if kind is None:
        reasons.append(
            f"{path}: field 'metaData.resourceType' must be one of BOT, BOTLOCALE, CUSTOMVOCABULARY "
            f"(got {kind_text!r})"
        )
    file_format = meta.get("fileFormat", FILE_FORMAT)
    if not isinstance(file_format, str) or file_format.replace("_", "").lower() != "lexjson":
        reasons.append(f"{path}: field 'metaData.fileFormat' must be 'LexJson' (got {file_format!r})")
    version = meta.get("schemaVersion", SCHEMA_VERSION)
    if str(version) not in ("1", "1.0"):
        reasons.append(f"{path}: field 'metaData.schemaVersion' must be '1' (got {version!r})")
    if reasons or kind is None:
        raise ArchiveError(reasons)
    return Manifest(kind, str(file_format), str(version))


def manifest_bytes(resource_type: ResourceType) -> bytes:
    """The manifest AWS writes for ``resource_type``."""
    meta = {
        "schemaVersion": SCHEMA_VERSION,
        "fileFormat": FILE_FORMAT,
        "resourceType": resource_type.manifest_value,
    }
    return dump_json({"metaData": meta})
