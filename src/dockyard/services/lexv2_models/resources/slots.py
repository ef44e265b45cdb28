"""Slots of an intent: names unique per intent, slot types by id or built-in signature, the
intent's ``slotPriorities`` kept in step (a new slot is appended, a deleted one removed)."""

from __future__ import annotations

import time
from typing import Any

from dockyard.service_kit import UPPER_ALNUM, Database, random_id
from dockyard.services.lexv2_models.errors import conflict, not_found
from dockyard.services.lexv2_models.resources import intents, keys, locale_state, quotas, slot_types
from dockyard.services.lexv2_models.resources.keys import LocaleKey

Doc = dict[str, Any]

SETTINGS = ("slotName", "description", "slotTypeId", "valueElicitationSetting", "obfuscationSetting",
            "multipleValuesSetting", "subSlotSetting")  # fmt: skip


def summary(doc: Doc) -> Doc:
    """A slot with the two summary members taken from its value elicitation setting."""
    setting = doc.get("valueElicitationSetting") or {}
    return {**doc, "slotConstraint": setting.get("slotConstraint"),
            "valueElicitationPromptSpecification": setting.get("promptSpecification")}


def new_id() -> str:
    return random_id(10, UPPER_ALNUM)


def list_slots(db: Database, lk: LocaleKey, intent_id: str | None = None) -> list[Doc]:
    docs = db.list(lk.scope, keys.SLOT, parent=lk.key)
    return docs if intent_id is None else [d for d in docs if d["intentId"] == intent_id]


def load_slot(db: Database, lk: LocaleKey, intent_id: str, slot_id: str) -> Doc:
    doc = db.get(lk.scope, keys.SLOT, lk.child(slot_id))
    if doc is None or doc["intentId"] != intent_id:
        intents.load_intent(db, lk, intent_id)
        raise not_found(f"Could not find the slot with ID {slot_id} in intent {intent_id} of {lk.where()}.")
    return doc


def _check_settings(db: Database, lk: LocaleKey, intent: Doc, params: Doc, slot_id: str | None) -> None:
    name = params["slotName"]
    siblings = list_slots(db, lk, intent["intentId"])
    for other in siblings:
        if other["slotName"] == name and other["slotId"] != slot_id:
            raise conflict(f"A slot with the name {name} already exists in intent {intent['intentName']} "
                           f"(slot ID {other['slotId']}).")
    if slot_id is None:
        quotas.check_slot_count(len(siblings), intent["intentName"])
    type_id = params.get("slotTypeId")
    if type_id is not None and not slot_types.reference_exists(db, lk, type_id):
        raise not_found(f"Could not find the slot type with ID {type_id} in {lk.where()}.")
    specs = (params.get("subSlotSetting") or {}).get("slotSpecifications") or {}
    for sub_name, spec in specs.items():
        if not slot_types.reference_exists(db, lk, spec["slotTypeId"]):
            raise not_found(f"Sub slot {sub_name} of slot {name} refers to slot type {spec['slotTypeId']}, "
                            f"which does not exist in {lk.where()}.")
    quotas.check_slot_elicitation(params.get("valueElicitationSetting"), name)


def create_slot(db: Database, lk: LocaleKey, intent_id: str, params: Doc, *, slot_id: str | None = None,
                now: float | None = None, priority: int | None = None) -> Doc:
    """Store a new slot and append it to the intent's ``slotPriorities`` (or at ``priority``)."""
    now = time.time() if now is None else now
    with db.transaction():
        locale_state.editable_locale(db, lk, "slots")
        intent = intents.load_intent(db, lk, intent_id)
        _check_settings(db, lk, intent, params, None)
        slot_id = slot_id or new_id()
        doc: Doc = {k: params.get(k) for k in SETTINGS}
        doc.update(slotId=slot_id, botId=lk.bot_id, botVersion=lk.bot_version, localeId=lk.locale_id,
                   intentId=intent_id, creationDateTime=now, lastUpdatedDateTime=now)
        db.put(lk.scope, keys.SLOT, lk.child(slot_id), doc, parent=lk.key)
        priorities = list(intent.get("slotPriorities") or [])
        if priority is None:
            priority = max((p["priority"] for p in priorities), default=-1) + 1
        priorities.append({"priority": min(priority, 100), "slotId": slot_id})
        intent["slotPriorities"] = priorities
        intent["lastUpdatedDateTime"] = now
        intents.put_intent(db, lk, intent)
        locale_state.mark_changed(db, lk, now)
    return doc


def update_slot(db: Database, lk: LocaleKey, intent_id: str, slot_id: str, params: Doc,
                now: float | None = None) -> Doc:
    now = time.time() if now is None else now
    with db.transaction():
        locale_state.editable_locale(db, lk, "slots")
        intent = intents.load_intent(db, lk, intent_id)
        doc = load_slot(db, lk, intent_id, slot_id)
        _check_settings(db, lk, intent, params, slot_id)
        for key in SETTINGS:
            doc[key] = params.get(key)
        doc["lastUpdatedDateTime"] = now
        db.put(lk.scope, keys.SLOT, lk.child(slot_id), doc, parent=lk.key)
        locale_state.mark_changed(db, lk, now)
    return doc


def delete_slot(db: Database, lk: LocaleKey, intent_id: str, slot_id: str) -> None:
    with db.transaction():
        locale_state.editable_locale(db, lk, "slots")
        intent = intents.load_intent(db, lk, intent_id)
        load_slot(db, lk, intent_id, slot_id)
        db.delete(lk.scope, keys.SLOT, lk.child(slot_id))
        intent["slotPriorities"] = [p for p in intent.get("slotPriorities") or [] if p["slotId"] != slot_id]
        intents.put_intent(db, lk, intent)
        locale_state.mark_changed(db, lk)
