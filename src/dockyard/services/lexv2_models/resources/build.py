"""What ``BuildBotLocale`` checks: the reasons a locale definition cannot be built.

A build fails with every reason found (``failureReasons``), as Lex lists them all. The rules:

* the locale needs at least one intent besides the FallbackIntent;
* an intent without a built-in parent needs at least one sample utterance;
* a ``{Slot}`` in a sample utterance must name a slot of the intent;
* every slot priority must name a slot of the intent, and every slot must have a priority;
* a slot needs a slot type that exists (a built-in signature or a slot type of the locale);
* a required slot needs a prompt;
* a custom slot type needs at least one value; a composite slot type's sub-slots need slot types
  that exist;
* the locale holds at most 50,000 slot type values and synonyms.
"""

from __future__ import annotations

import re
from typing import Any

from dockyard.services.lexv2_models.resources import builtin_catalogue, quotas, slot_types
from dockyard.services.lexv2_models.resources.definition import LocaleSnapshot

Doc = dict[str, Any]
_SLOT_REFERENCE = re.compile(r"\{([^{}]+)\}")


def slot_references(utterance: str) -> list[str]:
    """Slot names an utterance refers to: ``{OriginCity}``."""
    return [m.strip() for m in _SLOT_REFERENCE.findall(utterance)]


def _type_exists(snapshot: LocaleSnapshot, type_ids: set[str], slot_type_id: str) -> bool:
    if slot_type_id.startswith("AMAZON."):
        return builtin_catalogue.is_built_in_slot_type(slot_type_id, snapshot.locale["localeId"])
    return slot_type_id in type_ids


def _intent_reasons(snapshot: LocaleSnapshot, intent: Doc, type_ids: set[str]) -> list[str]:
    name = intent["intentName"]
    reasons: list[str] = []
    slots = snapshot.slots_of(intent["intentId"])
    slot_names = {s["slotName"] for s in slots}
    slot_ids = {s["slotId"] for s in slots}
    utterances = intent.get("sampleUtterances") or []
    if intent.get("parentIntentSignature") is None and not utterances:
        reasons.append(f"Intent '{name}': an intent must have at least one sample utterance.")
    for item in utterances:
        for ref in slot_references(item["utterance"]):
            if ref not in slot_names:
                reasons.append(f"Intent '{name}': sample utterance '{item['utterance']}' refers to slot '{ref}', "
                               "which is not defined in the intent.")
    prioritised = set()
    for entry in intent.get("slotPriorities") or []:
        prioritised.add(entry["slotId"])
        if entry["slotId"] not in slot_ids:
            reasons.append(f"Intent '{name}': slot priority {entry['priority']} refers to slot ID "
                           f"{entry['slotId']}, which does not exist in the intent.")
    for slot in slots:
        where = f"Intent '{name}': slot '{slot['slotName']}'"
        if slot["slotId"] not in prioritised:
            reasons.append(f"{where} has no entry in the intent's slot priorities.")
        type_id = slot.get("slotTypeId")
        if type_id is None:
            reasons.append(f"{where} has no slot type.")
        elif not _type_exists(snapshot, type_ids, type_id):
            reasons.append(f"{where} refers to slot type {type_id}, which does not exist in the locale.")
        for sub_name, spec in ((slot.get("subSlotSetting") or {}).get("slotSpecifications") or {}).items():
            if not _type_exists(snapshot, type_ids, spec["slotTypeId"]):
                reasons.append(f"{where}: sub slot '{sub_name}' refers to slot type {spec['slotTypeId']}, "
                               "which does not exist in the locale.")
        setting = slot.get("valueElicitationSetting") or {}
        if setting.get("slotConstraint") == "Required" and not setting.get("promptSpecification"):
            reasons.append(f"{where} is required but has no prompt (valueElicitationSetting.promptSpecification).")
    return reasons


def _slot_type_reasons(snapshot: LocaleSnapshot, slot_type: Doc, type_ids: set[str]) -> list[str]:
    name = slot_type["slotTypeName"]
    kind = slot_types.category(slot_type)
    reasons: list[str] = []
    if kind == "Custom" and not slot_type.get("slotTypeValues"):
        reasons.append(f"Slot type '{name}': a custom slot type must have at least one value.")
    for sub in (slot_type.get("compositeSlotTypeSetting") or {}).get("subSlots") or []:
        if not _type_exists(snapshot, type_ids, sub["slotTypeId"]):
            reasons.append(f"Slot type '{name}': sub slot '{sub['name']}' refers to slot type {sub['slotTypeId']}, "
                           "which does not exist in the locale.")
    return reasons


def failure_reasons(snapshot: LocaleSnapshot) -> list[str]:
    """Every reason the locale cannot be built (empty: it builds)."""
    type_ids = {t["slotTypeId"] for t in snapshot.slot_types}
    reasons: list[str] = []
    if not any(i.get("parentIntentSignature") != builtin_catalogue.FALLBACK_INTENT for i in snapshot.intents):
        reasons.append("The bot locale must contain at least one intent besides the FallbackIntent.")
    for intent in snapshot.intents:
        reasons += _intent_reasons(snapshot, intent, type_ids)
    for slot_type in snapshot.slot_types:
        reasons += _slot_type_reasons(snapshot, slot_type, type_ids)
    total = sum(quotas.slot_type_value_count(t.get("slotTypeValues")) for t in snapshot.slot_types)
    if total > quotas.VALUES_PER_LOCALE:
        reasons.append(f"The locale has {total} slot type values and synonyms; the maximum is "
                       f"{quotas.VALUES_PER_LOCALE}.")
    return reasons
