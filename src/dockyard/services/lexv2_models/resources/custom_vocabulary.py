"""A locale's custom vocabulary: items (phrase, weight, displayAs) and its metadata.

Batch calls answer per-item ``errors`` (``DUPLICATE_INPUT`` for a phrase or id given twice in one
call, ``RESOURCE_ALREADY_EXISTS`` for a phrase the vocabulary holds, ``RESOURCE_DOES_NOT_EXIST``
for an unknown item id) and apply the rest.
"""

from __future__ import annotations

import time
from typing import Any

from dockyard.service_kit import UPPER_ALNUM, Database, random_id, service_model
from dockyard.services.lexv2_models.errors import not_found
from dockyard.services.lexv2_models.resources import keys, locale_state
from dockyard.services.lexv2_models.resources.keys import LocaleKey

Doc = dict[str, Any]
# what an item stores: the members of the model's CustomVocabularyItem
ITEM_FIELDS = tuple(service_model("lexv2-models").shape_for("CustomVocabularyItem").members)


def list_items(db: Database, lk: LocaleKey) -> list[Doc]:
    return db.list(lk.scope, keys.VOCABULARY_ITEM, parent=lk.key)


def load_metadata(db: Database, lk: LocaleKey) -> Doc:
    doc = db.get(lk.scope, keys.VOCABULARY, lk.key)
    if doc is None:
        locale_state.load_locale(db, lk)
        raise not_found(f"Could not find the custom vocabulary of {lk.where()}.")
    return doc


def _touch_metadata(db: Database, lk: LocaleKey, now: float) -> None:
    doc = db.get(lk.scope, keys.VOCABULARY, lk.key) or {"customVocabularyStatus": "Ready", "creationDateTime": now}
    doc["lastUpdatedDateTime"] = now
    db.put(lk.scope, keys.VOCABULARY, lk.key, doc, parent=lk.parent)


def _error(item_id: str | None, code: str, message: str) -> Doc:
    return {"itemId": item_id, "errorCode": code, "errorMessage": message}


def _put_item(db: Database, lk: LocaleKey, item: Doc) -> Doc:
    doc = {k: item.get(k) for k in ITEM_FIELDS if item.get(k) is not None}
    db.put(lk.scope, keys.VOCABULARY_ITEM, lk.child(doc["itemId"]), doc, parent=lk.key)
    return doc


def batch_create(db: Database, lk: LocaleKey, items: list[Doc], *, check: bool = True) -> tuple[list[Doc], list[Doc]]:
    """Add items; returns (created items, errors)."""
    now = time.time()
    created: list[Doc] = []
    errors: list[Doc] = []
    with db.transaction():
        if check:
            locale_state.editable_locale(db, lk, "the custom vocabulary")
        phrases = {d["phrase"].lower() for d in list_items(db, lk)}
        seen: set[str] = set()
        for item in items:
            phrase = item["phrase"].lower()
            if phrase in seen:
                errors.append(_error(None, "DUPLICATE_INPUT", f"The phrase '{item['phrase']}' is given twice."))
                continue
            seen.add(phrase)
            if phrase in phrases:
                errors.append(_error(None, "RESOURCE_ALREADY_EXISTS",
                                     f"The phrase '{item['phrase']}' is already in the custom vocabulary."))
                continue
            created.append(_put_item(db, lk, {**item, "itemId": item.get("itemId") or random_id(10, UPPER_ALNUM)}))
        if created:
            _touch_metadata(db, lk, now)
            locale_state.mark_changed(db, lk, now)
    return created, errors


def batch_update(db: Database, lk: LocaleKey, items: list[Doc]) -> tuple[list[Doc], list[Doc]]:
    now = time.time()
    updated: list[Doc] = []
    errors: list[Doc] = []
    with db.transaction():
        locale_state.editable_locale(db, lk, "the custom vocabulary")
        current = {d["itemId"]: d for d in list_items(db, lk)}
        seen: set[str] = set()
        for item in items:
            item_id = item["itemId"]
            if item_id in seen:
                errors.append(_error(item_id, "DUPLICATE_INPUT", f"The item {item_id} is given twice."))
                continue
            seen.add(item_id)
            if item_id not in current:
                errors.append(_error(item_id, "RESOURCE_DOES_NOT_EXIST", f"Could not find the item {item_id}."))
                continue
            clash = next((d for d in current.values()
                          if d["itemId"] != item_id and d["phrase"].lower() == item["phrase"].lower()), None)
            if clash is not None:
                errors.append(_error(item_id, "RESOURCE_ALREADY_EXISTS",
                                     f"The phrase '{item['phrase']}' is already used by item {clash['itemId']}."))
                continue
            current[item_id] = _put_item(db, lk, item)
            updated.append(current[item_id])
        if updated:
            _touch_metadata(db, lk, now)
            locale_state.mark_changed(db, lk, now)
    return updated, errors


def batch_delete(db: Database, lk: LocaleKey, item_ids: list[str]) -> tuple[list[Doc], list[Doc]]:
    deleted: list[Doc] = []
    errors: list[Doc] = []
    with db.transaction():
        locale_state.editable_locale(db, lk, "the custom vocabulary")
        current = {d["itemId"]: d for d in list_items(db, lk)}
        for item_id in item_ids:
            if item_id not in current:
                errors.append(_error(item_id, "RESOURCE_DOES_NOT_EXIST", f"Could not find the item {item_id}."))
                continue
            db.delete(lk.scope, keys.VOCABULARY_ITEM, lk.child(item_id))
            deleted.append(current.pop(item_id))
        if deleted:
            _touch_metadata(db, lk, time.time())
            locale_state.mark_changed(db, lk)
    return deleted, errors


def delete_vocabulary(db: Database, lk: LocaleKey) -> None:
    """Delete every item and the metadata."""
    with db.transaction():
        locale_state.editable_locale(db, lk, "the custom vocabulary")
        load_metadata(db, lk)
        db.delete_children(lk.scope, keys.VOCABULARY_ITEM, lk.key)
        db.delete(lk.scope, keys.VOCABULARY, lk.key)
        locale_state.mark_changed(db, lk)
