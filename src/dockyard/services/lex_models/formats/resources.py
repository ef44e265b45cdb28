"""The envelope's resources: which type a resource is, and the limits every imported value meets.

Pure: dicts in, a list of precise problems out.
"""

from __future__ import annotations

import re
from typing import Any

NAME = re.compile(r"[a-zA-Z_]+")
MAX_UTTERANCES = 1500
MAX_UTTERANCE_CHARS = 200
MAX_SLOTS = 100
MAX_VALUES = 10_000
MAX_VALUE_CHARS = 140
MAX_INTENTS = 250
MAX_BOT_UTTERANCE_CHARS = 200_000
MAX_BOT_VALUES = 50_000


def resource_type(resource: dict[str, Any]) -> str:
    """BOT, INTENT or SLOT_TYPE, from the members only that type has."""
    if any(k in resource for k in ("locale", "childDirected", "intents", "clarificationPrompt", "abortStatement")):
        return "BOT"
    if any(k in resource for k in ("sampleUtterances", "fulfillmentActivity", "slots", "parentIntentSignature")):
        return "INTENT"
    if any(k in resource for k in ("enumerationValues", "valueSelectionStrategy", "parentSlotTypeSignature")):
        return "SLOT_TYPE"
    return "UNKNOWN"


def problems(resource: dict[str, Any], expected: str) -> list[str]:
    found = resource_type(resource)
    if found != expected:
        return [f"The resource is a {found}, but resourceType is {expected}."]
    check = {"BOT": _bot, "INTENT": _intent, "SLOT_TYPE": _slot_type}[expected]
    return check(resource, "resource")


def _name(resource: Any, where: str, max_len: int = 100) -> list[str]:
    if not isinstance(resource, dict):
        return [f"{where} is not an object."]
    name = resource.get("name")
    if not isinstance(name, str) or not NAME.fullmatch(name) or len(name) > max_len:
        return [f"{where}.name {name!r} is invalid: it must be 1-{max_len} letters or underscores."]
    return []


def _slot_type(st: Any, where: str) -> list[str]:
    out = _name(st, where)
    if out:
        return out
    values = st.get("enumerationValues") or []
    if not isinstance(values, list):
        return [f"{where}.enumerationValues is not a list."]
    count = 0
    for i, value in enumerate(values):
        if not isinstance(value, dict) or not isinstance(value.get("value"), str):
            out.append(f"{where}.enumerationValues[{i}] has no string value.")
            continue
        synonyms = value.get("synonyms") or []
        if not isinstance(synonyms, list):
            out.append(f"{where}.enumerationValues[{i}].synonyms is not a list.")
            continue
        count += 1 + len(synonyms)
        for text in [value["value"], *synonyms]:
            if not isinstance(text, str) or len(text) > MAX_VALUE_CHARS:
                out.append(f"Slot type {st['name']}: the value {str(text)[:40]!r} is longer than "
                           f"{MAX_VALUE_CHARS} characters.")
    if count > MAX_VALUES:
        out.append(f"Slot type {st['name']} has {count} values and synonyms; the limit is {MAX_VALUES}.")
    return out


def _intent(intent: Any, where: str) -> list[str]:
    out = _name(intent, where)
    if out:
        return out
    utterances = intent.get("sampleUtterances") or []
    if not isinstance(utterances, list) or not all(isinstance(u, str) for u in utterances):
        return [f"Intent {intent['name']}: sampleUtterances is not a list of strings."]
    if len(utterances) > MAX_UTTERANCES:
        out.append(f"Intent {intent['name']} has {len(utterances)} utterances; the limit is {MAX_UTTERANCES}.")
    out += [f"Intent {intent['name']}: the utterance {u[:40]!r} is longer than {MAX_UTTERANCE_CHARS} characters."
            for u in utterances if len(u) > MAX_UTTERANCE_CHARS]
    slots = intent.get("slots") or []
    if not isinstance(slots, list):
        return [*out, f"Intent {intent['name']}: slots is not a list."]
    if len(slots) > MAX_SLOTS:
        out.append(f"Intent {intent['name']} has {len(slots)} slots; the limit is {MAX_SLOTS}.")
    for i, slot in enumerate(slots):
        out += _name(slot, f"Intent {intent['name']} slots[{i}]")
        if isinstance(slot, dict) and not isinstance(slot.get("slotType"), str):
            out.append(f"Intent {intent['name']}: slot {slot.get('name')} has no slotType.")
    slot_types = intent.get("slotTypes") or []
    if not isinstance(slot_types, list):
        return [*out, f"Intent {intent['name']}: slotTypes is not a list."]
    for i, st in enumerate(slot_types):
        out += _slot_type(st, f"Intent {intent['name']} slotTypes[{i}]")
    return out


def _bot(bot: Any, where: str) -> list[str]:
    out = _name(bot, where, 50)
    if out:
        return out
    intents = bot.get("intents") or []
    if not isinstance(intents, list):
        return [f"Bot {bot['name']}: intents is not a list."]
    if len(intents) > MAX_INTENTS:
        out.append(f"Bot {bot['name']} has {len(intents)} intents; the limit is {MAX_INTENTS}.")
    for i, intent in enumerate(intents):
        out += _intent(intent, f"{where}.intents[{i}]")
    slot_types = bot.get("slotTypes") or []
    if not isinstance(slot_types, list):
        return [*out, f"Bot {bot['name']}: slotTypes is not a list."]
    for i, st in enumerate(slot_types):
        out += _slot_type(st, f"{where}.slotTypes[{i}]")
    if out:
        return out
    chars = sum(len(u) for i in intents for u in i.get("sampleUtterances") or [])
    if chars > MAX_BOT_UTTERANCE_CHARS:
        out.append(f"Bot {bot['name']} has {chars} utterance characters; the limit is {MAX_BOT_UTTERANCE_CHARS}.")
    values = sum(1 + len(v.get("synonyms") or []) for st in bot.get("slotTypes") or []
                 for v in st.get("enumerationValues") or [])
    if values > MAX_BOT_VALUES:
        out.append(f"Bot {bot['name']} has {values} slot type values and synonyms; the limit is {MAX_BOT_VALUES}.")
    return out
