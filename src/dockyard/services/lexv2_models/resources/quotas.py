"""Lex V2 quotas (aws-formats §2.5, the Lex V2 quotas page) and their checks.

Counts of things in a container raise ``ServiceQuotaExceededException``; sizes of one value raise
``ValidationException`` (the model already bounds most sizes: a slot-type value is 1..140
characters by the model, stricter than the documented 500, so the model's limit is what applies).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from dockyard.services.lexv2_models.errors import quota, validation

BOTS_PER_ACCOUNT = 100
SLOTS_PER_INTENT = 100
UTTERANCES_PER_INTENT = 1500
UTTERANCE_CHARACTERS = 500
UTTERANCES_PER_SLOT = 10
PROMPTS_PER_SLOT = 30
VALUES_PER_SLOT_TYPE = 10_000
VALUES_PER_LOCALE = 50_000
SLOT_TYPE_VALUE_CHARACTERS = 500
VERSIONS_PER_BOT = 100


def check_bot_count(existing: int) -> None:
    if existing >= BOTS_PER_ACCOUNT:
        raise quota(f"You have reached the maximum number of bots ({BOTS_PER_ACCOUNT}) allowed in this account "
                    "and Region. Delete a bot before creating another one.")


def check_version_count(existing: int, bot_id: str) -> None:
    if existing >= VERSIONS_PER_BOT:
        raise quota(f"Bot {bot_id} has reached the maximum number of versions ({VERSIONS_PER_BOT}). "
                    "Delete a version before creating another one.")


def check_slot_count(existing: int, intent_name: str) -> None:
    if existing >= SLOTS_PER_INTENT:
        raise quota(f"Intent {intent_name} has reached the maximum number of slots ({SLOTS_PER_INTENT}).")


def check_intent_utterances(utterances: list[dict[str, Any]] | None, intent_name: str) -> None:
    items = utterances or []
    if len(items) > UTTERANCES_PER_INTENT:
        raise quota(f"Intent {intent_name} has {len(items)} sample utterances; the maximum is "
                    f"{UTTERANCES_PER_INTENT} sample utterances per intent.")
    for item in items:
        text = item.get("utterance", "")
        if len(text) > UTTERANCE_CHARACTERS:
            raise validation(f"Sample utterance '{text[:50]}...' in intent {intent_name} is {len(text)} characters "
                             f"long; the maximum is {UTTERANCE_CHARACTERS} characters.")


def check_slot_elicitation(setting: dict[str, Any] | None, slot_name: str) -> None:
    setting = setting or {}
    utterances = setting.get("sampleUtterances") or []
    if len(utterances) > UTTERANCES_PER_SLOT:
        raise quota(f"Slot {slot_name} has {len(utterances)} sample utterances; the maximum is "
                    f"{UTTERANCES_PER_SLOT} sample utterances per slot.")
    prompts = count_messages(setting)
    if prompts > PROMPTS_PER_SLOT:
        raise quota(f"Slot {slot_name} has {prompts} prompts; the maximum is {PROMPTS_PER_SLOT} prompts per slot.")


def count_messages(tree: Any) -> int:
    """How many messages (a ``message`` and each of its ``variations``) a settings tree holds."""
    if isinstance(tree, list):
        return sum(count_messages(x) for x in tree)
    if not isinstance(tree, dict):
        return 0
    total = 0
    for key, value in tree.items():
        if key == "message" and isinstance(value, dict):
            total += 1
        elif key == "variations" and isinstance(value, list):
            total += len(value)
        else:
            total += count_messages(value)
    return total


def slot_type_value_count(values: Iterable[dict[str, Any]] | None) -> int:
    """Values plus synonyms, the unit of the slot-type quotas."""
    return sum(1 + len(v.get("synonyms") or []) for v in values or [])


def check_slot_type_values(values: list[dict[str, Any]] | None, slot_type_name: str, locale_total: int) -> None:
    """``locale_total``: values + synonyms of the locale's *other* slot types."""
    count = slot_type_value_count(values)
    if count > VALUES_PER_SLOT_TYPE:
        raise quota(f"Slot type {slot_type_name} has {count} values and synonyms; the maximum is "
                    f"{VALUES_PER_SLOT_TYPE} per slot type.")
    if count + locale_total > VALUES_PER_LOCALE:
        raise quota(f"The locale would have {count + locale_total} slot type values and synonyms; the maximum is "
                    f"{VALUES_PER_LOCALE} per locale.")
    for item in values or []:
        for entry in [item.get("sampleValue") or {}, *(item.get("synonyms") or [])]:
            text = entry.get("value", "")
            if len(text) > SLOT_TYPE_VALUE_CHARACTERS:
                raise validation(f"Slot type value '{text[:50]}...' is longer than "
                                 f"{SLOT_TYPE_VALUE_CHARACTERS} characters.")

