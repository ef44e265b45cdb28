"""Intents: names unique per locale, one FallbackIntent per locale, built-in parents by signature."""

from __future__ import annotations

import time
from typing import Any

from dockyard.service_kit import UPPER_ALNUM, Database, random_id
from dockyard.services.lexv2_models.errors import conflict, not_found, validation
from dockyard.services.lexv2_models.resources import builtin_catalogue, keys, locale_state, quotas
from dockyard.services.lexv2_models.resources.keys import LocaleKey

Doc = dict[str, Any]

SETTINGS = (
    "intentName", "intentDisplayName", "description", "parentIntentSignature", "sampleUtterances",
    "dialogCodeHook", "fulfillmentCodeHook", "intentConfirmationSetting", "intentClosingSetting", "inputContexts",
    "outputContexts", "kendraConfiguration", "initialResponseSetting", "qnAIntentConfiguration",
    "qInConnectIntentConfiguration",
)  # fmt: skip

FALLBACK_ID = "FALLBCKINT"
FALLBACK_NAME = "FallbackIntent"


def new_id() -> str:
    return random_id(10, UPPER_ALNUM)


def load_intent(db: Database, lk: LocaleKey, intent_id: str) -> Doc:
    doc = db.get(lk.scope, keys.INTENT, lk.child(intent_id))
    if doc is None:
        locale_state.load_locale(db, lk)
        raise not_found(f"Could not find the intent with ID {intent_id} in {lk.where()}.")
    return doc


def list_intents(db: Database, lk: LocaleKey) -> list[Doc]:
    return db.list(lk.scope, keys.INTENT, parent=lk.key)


def _check_name_free(db: Database, lk: LocaleKey, name: str, intent_id: str | None) -> None:
    for other in db.project(lk.scope, keys.INTENT, ["intentName", "intentId"], parent=lk.key):
        if other["intentName"] == name and other["intentId"] != intent_id:
            raise conflict(f"An intent with the name {name} already exists in {lk.where()} "
                           f"(intent ID {other['intentId']}).")


def _check_settings(db: Database, lk: LocaleKey, params: Doc, intent_id: str | None) -> None:
    name = params["intentName"]
    _check_name_free(db, lk, name, intent_id)
    parent = params.get("parentIntentSignature")
    if parent is not None and not builtin_catalogue.is_built_in_intent(parent, lk.locale_id):
        raise validation(f"The parent intent signature {parent} is not a built-in intent available in "
                         f"locale {lk.locale_id}.")
    if parent == builtin_catalogue.FALLBACK_INTENT:
        if intent_id != FALLBACK_ID:
            raise conflict(f"{lk.where().capitalize()} already has a fallback intent; a locale has exactly one "
                           "intent with parentIntentSignature AMAZON.FallbackIntent.")
        if params.get("sampleUtterances"):
            raise validation("The fallback intent (AMAZON.FallbackIntent) cannot have sample utterances.")
    quotas.check_intent_utterances(params.get("sampleUtterances"), name)


def create_intent(db: Database, lk: LocaleKey, params: Doc, *, intent_id: str | None = None,
                  now: float | None = None, check: bool = True) -> Doc:
    """Store a new intent (CreateIntent params; ``slotPriorities`` also accepted, holding slot ids)."""
    now = time.time() if now is None else now
    with db.transaction():
        if check:
            locale_state.editable_locale(db, lk, "intents")
            _check_settings(db, lk, params, intent_id)
        intent_id = intent_id or new_id()
        doc: Doc = {k: params.get(k) for k in SETTINGS}
        doc.update(intentId=intent_id, slotPriorities=list(params.get("slotPriorities") or []), botId=lk.bot_id,
                   botVersion=lk.bot_version, localeId=lk.locale_id, creationDateTime=now, lastUpdatedDateTime=now)
        db.put(lk.scope, keys.INTENT, lk.child(intent_id), doc, parent=lk.key)
        locale_state.mark_changed(db, lk, now)
    return doc


def create_fallback_intent(db: Database, lk: LocaleKey, now: float | None = None) -> Doc:
    """The built-in ``FallbackIntent`` every locale gets (id ``FALLBCKINT``, as in real exports)."""
    params = {"intentName": FALLBACK_NAME, "description": "Default intent when no other intent matches",
              "parentIntentSignature": builtin_catalogue.FALLBACK_INTENT}
    return create_intent(db, lk, params, intent_id=FALLBACK_ID, now=now, check=False)


def update_intent(db: Database, lk: LocaleKey, intent_id: str, params: Doc, now: float | None = None) -> Doc:
    """Replace an intent's settings (UpdateIntent is a full replacement). Without ``slotPriorities``
    the current priorities are kept."""
    now = time.time() if now is None else now
    with db.transaction():
        locale_state.editable_locale(db, lk, "intents")
        doc = load_intent(db, lk, intent_id)
        if doc.get("parentIntentSignature") == builtin_catalogue.FALLBACK_INTENT:
            if params.get("parentIntentSignature") not in (None, builtin_catalogue.FALLBACK_INTENT):
                raise validation("You cannot change the parent intent signature of the fallback intent.")
            params = {**params, "parentIntentSignature": builtin_catalogue.FALLBACK_INTENT}
        _check_settings(db, lk, params, intent_id)
        for key in SETTINGS:
            doc[key] = params.get(key)
        if params.get("slotPriorities") is not None:
            doc["slotPriorities"] = list(params["slotPriorities"])
        doc["lastUpdatedDateTime"] = now
        db.put(lk.scope, keys.INTENT, lk.child(intent_id), doc, parent=lk.key)
        locale_state.mark_changed(db, lk, now)
    return doc


def put_intent(db: Database, lk: LocaleKey, doc: Doc) -> None:
    """Write an intent document as it is (slot priority bookkeeping)."""
    db.put(lk.scope, keys.INTENT, lk.child(doc["intentId"]), doc, parent=lk.key)


def delete_intent(db: Database, lk: LocaleKey, intent_id: str) -> None:
    """Delete an intent and its slots. The fallback intent cannot be deleted."""
    with db.transaction():
        locale_state.editable_locale(db, lk, "intents")
        doc = load_intent(db, lk, intent_id)
        if doc.get("parentIntentSignature") == builtin_catalogue.FALLBACK_INTENT:
            raise validation("You cannot delete the fallback intent (AMAZON.FallbackIntent) of a locale.")
        for slot in db.list(lk.scope, keys.SLOT, parent=lk.key):
            if slot["intentId"] == intent_id:
                db.delete(lk.scope, keys.SLOT, lk.child(slot["slotId"]))
        db.delete(lk.scope, keys.INTENT, lk.child(intent_id))
        locale_state.mark_changed(db, lk)
