"""Bot locales: one per supported language of a bot version; each gets the built-in FallbackIntent."""

from __future__ import annotations

import time
from typing import Any

from dockyard.service_kit import Database
from dockyard.services.lexv2_models.errors import conflict, precondition, validation
from dockyard.services.lexv2_models.resources import bots, builtin_catalogue, intents, keys, locale_state
from dockyard.services.lexv2_models.resources.keys import LocaleKey

Doc = dict[str, Any]

SETTINGS = ("description", "nluIntentConfidenceThreshold", "voiceSettings", "unifiedSpeechSettings",
            "audioFillerSettings", "speechRecognitionSettings", "generativeAISettings", "speechDetectionSensitivity",
            "speakerDiarizationSettings")  # fmt: skip


def counted(db: Database, lk: LocaleKey, doc: Doc) -> Doc:
    """The locale document with ``intentsCount`` and ``slotTypesCount``."""
    return {**doc, "intentsCount": db.count(lk.scope, keys.INTENT, parent=lk.key),
            "slotTypesCount": db.count(lk.scope, keys.SLOT_TYPE, parent=lk.key)}


def list_locales(db: Database, scope: Any, bot_id: str, bot_version: str) -> list[Doc]:
    return db.list(scope, keys.LOCALE, parent=keys.version_key(bot_id, bot_version))


def create_locale(db: Database, lk: LocaleKey, params: Doc, *, status: str = "Creating",
                  now: float | None = None) -> Doc:
    """Store a new DRAFT locale with its FallbackIntent."""
    now = time.time() if now is None else now
    locale_state.require_draft(lk, "locales")
    name = builtin_catalogue.locale_name(lk.locale_id)
    if name is None:
        raise validation(f"The locale {lk.locale_id} is not supported. Supported locales: "
                         f"{', '.join(sorted(builtin_catalogue.LOCALE_NAMES))}.")
    with db.transaction():
        bot = bots.load_bot(db, lk.scope, lk.bot_id)
        if bot["botStatus"] in ("Deleting", "Failed"):
            raise precondition(f"Bot {lk.bot_id} is in status {bot['botStatus']}; you cannot add a locale to it.")
        if db.get(lk.scope, keys.LOCALE, lk.key) is not None:
            raise conflict(f"The locale {lk.locale_id} already exists for bot {lk.bot_id} version {lk.bot_version}.")
        doc: Doc = {k: params.get(k) for k in SETTINGS}
        doc.update(botId=lk.bot_id, botVersion=lk.bot_version, localeId=lk.locale_id, localeName=name,
                   botLocaleStatus=status, failureReasons=[], creationDateTime=now, lastUpdatedDateTime=now,
                   botLocaleHistoryEvents=[])
        db.put(lk.scope, keys.LOCALE, lk.key, doc, parent=lk.parent)
        intents.create_fallback_intent(db, lk, now)
        doc = db.get(lk.scope, keys.LOCALE, lk.key) or doc
    return doc


def update_locale(db: Database, lk: LocaleKey, params: Doc, now: float | None = None) -> Doc:
    now = time.time() if now is None else now
    with db.transaction():
        doc = locale_state.editable_locale(db, lk, "locales")
        for key in SETTINGS:
            doc[key] = params.get(key)
        doc["lastUpdatedDateTime"] = now
        db.put(lk.scope, keys.LOCALE, lk.key, doc, parent=lk.parent)
        locale_state.mark_changed(db, lk, now)
    return db.get(lk.scope, keys.LOCALE, lk.key) or doc
