"""The definition model <-> API request/response members (Create*/Describe* field names).

Nested values are already in API spelling in the model, so only the top-level names change
(see :mod:`.file_fields`). References stay *names*: the caller maps them to ids:

* ``SlotDefinition`` -> ``slotTypeId`` holds the slot-type **name** (or ``AMAZON.*``);
* ``IntentDefinition`` -> ``slotPriorities[].slotId`` holds the slot **name**.

Children (locales, intents, slots, slot types) are not included: create them one by one.
"""

from __future__ import annotations

from dataclasses import fields as dataclass_fields
from typing import Any, TypeVar

from .file_fields import BOT_FIELDS, INTENT_FIELDS, LOCALE_FIELDS, SLOT_FIELDS, SLOT_TYPE_FIELDS, FileField
from .model import (
    BotDefinition,
    IntentDefinition,
    LocaleDefinition,
    SlotDefinition,
    SlotPriority,
    SlotTypeDefinition,
)

T = TypeVar("T")

_TABLES: dict[type, tuple[FileField, ...]] = {
    BotDefinition: BOT_FIELDS,
    LocaleDefinition: LOCALE_FIELDS,
    IntentDefinition: INTENT_FIELDS,
    SlotDefinition: SLOT_FIELDS,
    SlotTypeDefinition: SLOT_TYPE_FIELDS,
}


def to_api_fields(obj: Any) -> dict[str, Any]:
    """API-named members of ``obj`` that are set (``extra`` included), e.g. for CreateIntent."""
    out: dict[str, Any] = {}
    for spec in _TABLES[type(obj)]:
        value = getattr(obj, spec.attr)
        if value is None:
            continue
        if spec.attr == "slot_priorities":
            value = [{"priority": p.priority, "slotId": p.slot_name} for p in value]
        out[spec.api] = value
    for key, value in obj.extra.items():
        if value is not None:
            out.setdefault(key, value)
    return out


def from_api_fields(cls: type[T], data: dict[str, Any]) -> T:
    """Build a definition (without children) from a Describe* response; unknown members are
    dropped (timestamps, status, ids of parents). ``slotPriorities[].slotId`` and ``slotTypeId``
    must already hold names."""
    values: dict[str, Any] = {}
    for spec in _TABLES[cls]:
        value = data.get(spec.api)
        if spec.attr == "slot_priorities" and value is not None:
            value = [SlotPriority(p["priority"], p["slotId"]) for p in value]
        values[spec.attr] = value
    accepted = {f.name for f in dataclass_fields(cls)}  # type: ignore[arg-type]
    return cls(**{k: v for k, v in values.items() if k in accepted})
