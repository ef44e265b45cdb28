"""Cross-file checks inside one locale: slot types and slots that are referred to must exist."""

from __future__ import annotations

from typing import Any

from .model import LocaleDefinition

BUILT_IN_PREFIX = "AMAZON."


def reference_reasons(
    locale: LocaleDefinition, locale_dir: str, present: frozenset[str] = frozenset()
) -> list[str]:
    """Every dangling reference of ``locale``; ``locale_dir`` prefixes the file paths.

    ``present`` holds the entry paths of the archive: a resource whose file exists but was
    refused (already reported) is not reported again as missing.
    """
    reasons: list[str] = []
    known_types = set(locale.slot_types) | {t.id for t in locale.slot_types.values() if t.id}
    known_types |= {p.split("/")[-2] for p in present if p.startswith(f"{locale_dir}/SlotTypes/")}
    for intent in locale.intents.values():
        base = f"{locale_dir}/Intents/{intent.name}"
        for slot in intent.slots.values():
            path = f"{base}/Slots/{slot.name}/Slot.json"
            type_name = slot.slot_type_name
            if type_name is not None and not _resolves(type_name, known_types):
                reasons.append(
                    f"{path}: field 'slotTypeName' refers to slot type {type_name!r}, which is neither a "
                    f"built-in AMAZON.* type nor a slot type of locale {locale.locale_id}"
                )
            for key, spec in _sub_slot_specs(slot.sub_slot_setting):
                ref = spec.get("slotTypeId")
                if isinstance(ref, str) and not _resolves(ref, known_types):
                    reasons.append(
                        f"{path}: field 'subSlotSetting.slotSpecifications.{key}.slotTypeId' refers to "
                        f"unknown slot type {ref!r}"
                    )
        for index, priority in enumerate(intent.slot_priorities or []):
            refused = f"{base}/Slots/{priority.slot_name}/Slot.json" in present
            if priority.slot_name not in intent.slots and not refused:
                reasons.append(
                    f"{base}/Intent.json: field 'slotPriorities[{index}].slotName' refers to slot "
                    f"{priority.slot_name!r}, which the intent does not have"
                )
    for slot_type in locale.slot_types.values():
        path = f"{locale_dir}/SlotTypes/{slot_type.name}/SlotType.json"
        for index, sub in enumerate(_sub_slots(slot_type.composite_slot_type_setting)):
            ref = sub.get("slotTypeId", sub.get("slotTypeName"))
            if isinstance(ref, str) and not _resolves(ref, known_types):
                reasons.append(
                    f"{path}: field 'compositeSlotTypeSetting.subSlots[{index}].slotTypeId' refers to "
                    f"unknown slot type {ref!r}"
                )
    return reasons


def _resolves(ref: str, known: set[str]) -> bool:
    return ref.startswith(BUILT_IN_PREFIX) or ref in known


def _sub_slot_specs(setting: Any) -> list[tuple[str, dict[str, Any]]]:
    specs = setting.get("slotSpecifications") if isinstance(setting, dict) else None
    if not isinstance(specs, dict):
        return []
    return [(k, v) for k, v in specs.items() if isinstance(v, dict)]


def _sub_slots(setting: Any) -> list[dict[str, Any]]:
    subs = setting.get("subSlots") if isinstance(setting, dict) else None
    return [s for s in subs if isinstance(s, dict)] if isinstance(subs, list) else []
