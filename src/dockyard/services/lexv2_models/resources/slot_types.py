"""Slot types: custom, extended built-in (``AMAZON.AlphaNumeric`` + regex), external grammar and
composite; names unique per locale; a slot type in use cannot be deleted."""

from __future__ import annotations

import time
from typing import Any

from dockyard.service_kit import UPPER_ALNUM, Database, random_id
from dockyard.services.lexv2_models.errors import conflict, not_found, precondition, validation
from dockyard.services.lexv2_models.resources import builtin_catalogue, keys, locale_state, quotas
from dockyard.services.lexv2_models.resources.keys import LocaleKey

Doc = dict[str, Any]

SETTINGS = ("slotTypeName", "description", "slotTypeValues", "valueSelectionSetting", "parentSlotTypeSignature",
            "externalSourceSetting", "compositeSlotTypeSetting")  # fmt: skip


def category(doc: Doc) -> str:
    if doc.get("compositeSlotTypeSetting"):
        return "Composite"
    if doc.get("externalSourceSetting"):
        return "ExternalGrammar"
    if doc.get("parentSlotTypeSignature"):
        return "Extended"
    return "Custom"


def new_id() -> str:
    return random_id(10, UPPER_ALNUM)


def load_slot_type(db: Database, lk: LocaleKey, slot_type_id: str) -> Doc:
    doc = db.get(lk.scope, keys.SLOT_TYPE, lk.child(slot_type_id))
    if doc is None:
        locale_state.load_locale(db, lk)
        raise not_found(f"Could not find the slot type with ID {slot_type_id} in {lk.where()}.")
    return doc


def list_slot_types(db: Database, lk: LocaleKey) -> list[Doc]:
    return db.list(lk.scope, keys.SLOT_TYPE, parent=lk.key)


def reference_exists(db: Database, lk: LocaleKey, slot_type_id: str) -> bool:
    """A slot (or sub-slot) may use a built-in signature or a slot type id of the same locale."""
    if slot_type_id.startswith("AMAZON."):
        return builtin_catalogue.is_built_in_slot_type(slot_type_id, lk.locale_id)
    return db.get(lk.scope, keys.SLOT_TYPE, lk.child(slot_type_id)) is not None


def _check_settings(db: Database, lk: LocaleKey, params: Doc, slot_type_id: str | None) -> None:
    name = params["slotTypeName"]
    for other in db.project(lk.scope, keys.SLOT_TYPE, ["slotTypeName", "slotTypeId"], parent=lk.key):
        if other["slotTypeName"] == name and other["slotTypeId"] != slot_type_id:
            raise conflict(f"A slot type with the name {name} already exists in {lk.where()} "
                           f"(slot type ID {other['slotTypeId']}).")
    parent = params.get("parentSlotTypeSignature")
    values = params.get("slotTypeValues")
    external = params.get("externalSourceSetting")
    composite = params.get("compositeSlotTypeSetting")
    if parent is not None and parent not in builtin_catalogue.EXTENDABLE_SLOT_TYPES:
        raise validation(f"The parent slot type signature {parent} is not valid; only "
                         f"{', '.join(sorted(builtin_catalogue.EXTENDABLE_SLOT_TYPES))} can be extended.")
    regex = (params.get("valueSelectionSetting") or {}).get("regexFilter")
    if regex is not None and parent is None:
        raise validation("A regexFilter can only be used in a slot type that extends AMAZON.AlphaNumeric.")
    if sum(x is not None for x in (external, composite)) + bool(values) > 1:
        raise validation("A slot type has either slotTypeValues, an externalSourceSetting or a "
                         "compositeSlotTypeSetting, not more than one of them.")
    if external is not None and not (external.get("grammarSlotTypeSetting") or {}).get("source"):
        raise validation("externalSourceSetting.grammarSlotTypeSetting.source is required for a grammar slot type.")
    for sub in (composite or {}).get("subSlots") or []:
        if not reference_exists(db, lk, sub["slotTypeId"]):
            raise not_found(f"Sub slot {sub['name']} of composite slot type {name} refers to slot type "
                            f"{sub['slotTypeId']}, which does not exist in {lk.where()}.")
    locale_total = db.count_array_items(lk.scope, keys.SLOT_TYPE, "slotTypeValues", parent=lk.key, nested="synonyms",
                                        exclude_id=None if slot_type_id is None else lk.child(slot_type_id))
    quotas.check_slot_type_values(values, name, locale_total)


def create_slot_type(db: Database, lk: LocaleKey, params: Doc, *, slot_type_id: str | None = None,
                     now: float | None = None) -> Doc:
    now = time.time() if now is None else now
    with db.transaction():
        locale_state.editable_locale(db, lk, "slot types")
        _check_settings(db, lk, params, None)
        slot_type_id = slot_type_id or new_id()
        doc: Doc = {k: params.get(k) for k in SETTINGS}
        doc.update(slotTypeId=slot_type_id, botId=lk.bot_id, botVersion=lk.bot_version, localeId=lk.locale_id,
                   creationDateTime=now, lastUpdatedDateTime=now)
        db.put(lk.scope, keys.SLOT_TYPE, lk.child(slot_type_id), doc, parent=lk.key)
        locale_state.mark_changed(db, lk, now)
    return doc


def update_slot_type(db: Database, lk: LocaleKey, slot_type_id: str, params: Doc, now: float | None = None) -> Doc:
    now = time.time() if now is None else now
    with db.transaction():
        locale_state.editable_locale(db, lk, "slot types")
        doc = load_slot_type(db, lk, slot_type_id)
        _check_settings(db, lk, params, slot_type_id)
        for key in SETTINGS:
            doc[key] = params.get(key)
        doc["lastUpdatedDateTime"] = now
        db.put(lk.scope, keys.SLOT_TYPE, lk.child(slot_type_id), doc, parent=lk.key)
        locale_state.mark_changed(db, lk, now)
    return doc


def users(db: Database, lk: LocaleKey, slot_type_id: str) -> list[str]:
    """What uses a slot type: ``slot X of intent Y`` and ``composite slot type Z`` descriptions."""
    names = {i["intentId"]: i["intentName"] for i in db.list(lk.scope, keys.INTENT, parent=lk.key)}
    found = [f"slot {s['slotName']} of intent {names.get(s['intentId'], s['intentId'])}"
             for s in db.list(lk.scope, keys.SLOT, parent=lk.key) if _slot_uses(s, slot_type_id)]
    found += [f"composite slot type {t['slotTypeName']}" for t in list_slot_types(db, lk)
              if any(sub.get("slotTypeId") == slot_type_id
                     for sub in (t.get("compositeSlotTypeSetting") or {}).get("subSlots") or [])]
    return found


def _slot_uses(slot: Doc, slot_type_id: str) -> bool:
    if slot.get("slotTypeId") == slot_type_id:
        return True
    specs = (slot.get("subSlotSetting") or {}).get("slotSpecifications") or {}
    return any(spec.get("slotTypeId") == slot_type_id for spec in specs.values())


def delete_slot_type(db: Database, lk: LocaleKey, slot_type_id: str, skip_in_use_check: bool = False) -> None:
    with db.transaction():
        locale_state.editable_locale(db, lk, "slot types")
        doc = load_slot_type(db, lk, slot_type_id)
        in_use = users(db, lk, slot_type_id)
        if in_use and not skip_in_use_check:
            raise precondition(f"The slot type {doc['slotTypeName']} ({slot_type_id}) is in use by "
                               f"{', '.join(in_use)}. Remove it from them first, or set "
                               "skipResourceInUseCheck to true.")
        db.delete(lk.scope, keys.SLOT_TYPE, lk.child(slot_type_id))
        locale_state.mark_changed(db, lk)
