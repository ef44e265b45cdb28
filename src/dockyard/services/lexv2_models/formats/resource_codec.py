"""One resource file (Bot/BotLocale/Intent/Slot/SlotType JSON) <-> its model dataclass."""

from __future__ import annotations

from dataclasses import fields as dataclass_fields
from typing import Any, TypeVar

from botocore.model import Shape

from .archive_names import to_api, to_archive
from .file_fields import FileField
from .model import SlotPriority
from .shape_check import check_value, member_shape

T = TypeVar("T")

# Archive keys that must be present (non-null), per resource.
REQUIRED_KEYS: dict[str, tuple[str, ...]] = {
    "bot": ("name", "dataPrivacy", "idleSessionTTLInSeconds"),
    "locale": ("identifier", "nluConfidenceThreshold"),
    "intent": ("name",),
    "slot": ("name", "valueElicitationSetting"),
    "slot_type": ("name",),
}
# Keys whose API shape does not describe the archive value: only "must be a string".
_PLAIN_STRINGS = frozenset({"identifier", "version", "slotTypeName"})


def decode_resource(
    path: str, raw: Any, cls: type[T], table: tuple[FileField, ...], resource: str, out: list[str]
) -> T | None:
    """Build ``cls`` from the parsed file ``raw``; append ``path: ...`` reasons to ``out``."""
    if not isinstance(raw, dict):
        out.append(f"{path}: the file must hold a JSON object")
        return None
    problems: list[str] = []
    for key in REQUIRED_KEYS[resource]:
        if raw.get(key) is None:
            problems.append(f"field '{key}' is required")
    values: dict[str, Any] = {}
    for spec in table:
        value = raw.get(spec.key)
        _check_field(spec, value, resource, problems)
        shape = _translated_shape(spec, resource)
        values[spec.attr] = to_api(value, shape) if shape is not None and value is not None else value
    out.extend(f"{path}: {p}" for p in problems)
    if problems:
        return None
    known = {spec.key for spec in table}
    values["extra"] = {k: v for k, v in raw.items() if k not in known}
    if "slot_priorities" in values and values["slot_priorities"] is not None:
        values["slot_priorities"] = [
            SlotPriority(p["priority"], p["slotName"]) for p in values["slot_priorities"]
        ]
    accepted = {f.name for f in dataclass_fields(cls)}  # type: ignore[arg-type]
    return cls(**{k: v for k, v in values.items() if k in accepted})


def _check_field(spec: FileField, value: Any, resource: str, problems: list[str]) -> None:
    if value is None:
        return
    if spec.key in _PLAIN_STRINGS:
        if not isinstance(value, str):
            problems.append(f"field '{spec.key}' must be a string")
        return
    if spec.key == "slotPriorities":
        _check_priorities(value, problems)
        return
    shape = member_shape(resource, spec.api)
    if shape is not None:
        check_value(value, shape, spec.key, problems)


def _check_priorities(value: Any, problems: list[str]) -> None:
    if not isinstance(value, list):
        problems.append("field 'slotPriorities' must be a list")
        return
    for index, item in enumerate(value):
        where = f"slotPriorities[{index}]"
        if not isinstance(item, dict):
            problems.append(f"field '{where}' must be an object")
            continue
        priority = item.get("priority")
        if priority is None:
            problems.append(f"field '{where}.priority' is required")
        elif isinstance(priority, bool) or not isinstance(priority, int) or not 0 <= priority <= 100:
            problems.append(f"field '{where}.priority' must be an integer from 0 to 100")
        name = item.get("slotName")
        if name is None:
            problems.append(f"field '{where}.slotName' is required")
        elif not isinstance(name, str):
            problems.append(f"field '{where}.slotName' must be a string")


def _translated_shape(spec: FileField, resource: str) -> Shape | None:
    """The API shape whose archive spellings apply to this field (none for plain keys)."""
    if spec.key in _PLAIN_STRINGS or spec.key == "slotPriorities":
        return None
    return member_shape(resource, spec.api)


def encode_resource(obj: Any, table: tuple[FileField, ...], resource: str) -> dict[str, Any]:
    """The file's JSON object (archive spellings), keys in table order, then ``extra``."""
    out: dict[str, Any] = {}
    for spec in table:
        value = getattr(obj, spec.attr)
        if value is None and not spec.always:
            continue
        if spec.key == "slotPriorities" and value is not None:
            value = [{"priority": p.priority, "slotName": p.slot_name} for p in value]
        shape = _translated_shape(spec, resource)
        out[spec.key] = to_archive(value, shape) if shape is not None and value is not None else value
    for key, value in obj.extra.items():
        out.setdefault(key, value)
    return out
