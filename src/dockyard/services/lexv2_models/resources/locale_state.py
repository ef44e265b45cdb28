"""Loading a locale and moving its status: what every child (intent, slot, slot type, vocabulary)
needs, kept apart from locale creation so children do not depend on it."""

from __future__ import annotations

import time
from typing import Any

from dockyard.service_kit import Database
from dockyard.services.lexv2_models.errors import not_found, precondition, validation
from dockyard.services.lexv2_models.resources import keys
from dockyard.services.lexv2_models.resources.keys import LocaleKey

Doc = dict[str, Any]

CHANGEABLE_STATUSES = ("NotBuilt", "Built", "Failed", "ReadyExpressTesting")
HISTORY_LIMIT = 50


def load_locale(db: Database, lk: LocaleKey) -> Doc:
    doc = db.get(lk.scope, keys.LOCALE, lk.key)
    if doc is None:
        if lk.bot_version == keys.DRAFT and db.get(lk.scope, keys.BOT, lk.bot_id) is None:
            raise not_found(f"Could not find the bot with ID {lk.bot_id}.")
        raise not_found(f"Could not find the bot locale {lk.locale_id} for bot {lk.bot_id} "
                        f"version {lk.bot_version}.")
    return doc


def require_draft(lk: LocaleKey, what: str = "resources") -> None:
    if lk.bot_version != keys.DRAFT:
        raise validation(f"You can only change {what} in the DRAFT version of bot {lk.bot_id}; "
                         f"version {lk.bot_version} is immutable.")


def editable_locale(db: Database, lk: LocaleKey, what: str = "resources") -> Doc:
    """The DRAFT locale a change applies to; refuses versions and locales that are busy."""
    require_draft(lk, what)
    doc = load_locale(db, lk)
    if doc["botLocaleStatus"] in ("Building", "Deleting", "Creating", "Importing"):
        raise precondition(f"The bot locale {lk.locale_id} of bot {lk.bot_id} is in status "
                           f"{doc['botLocaleStatus']}; try again when it is done.")
    return doc


def add_history(doc: Doc, event: str, when: float) -> None:
    events = [*(doc.get("botLocaleHistoryEvents") or []), {"event": event, "eventDate": when}]
    doc["botLocaleHistoryEvents"] = events[-HISTORY_LIMIT:]


def mark_changed(db: Database, lk: LocaleKey, now: float | None = None) -> None:
    """A definition change: a built (or failed) locale needs a new build (``NotBuilt``)."""
    now = time.time() if now is None else now
    doc = db.get(lk.scope, keys.LOCALE, lk.key)
    if doc is None:
        return
    if doc["botLocaleStatus"] in CHANGEABLE_STATUSES:
        doc["botLocaleStatus"] = "NotBuilt"
        doc["failureReasons"] = []
    doc["lastUpdatedDateTime"] = now
    db.put(lk.scope, keys.LOCALE, lk.key, doc, parent=lk.parent)


def set_status(db: Database, lk: LocaleKey, status: str, event: str | None = None, **changes: Any) -> Doc | None:
    with db.transaction():
        doc = db.get(lk.scope, keys.LOCALE, lk.key)
        if doc is None:
            return None
        now = time.time()
        doc.update(changes, botLocaleStatus=status, lastUpdatedDateTime=now)
        if event:
            add_history(doc, event, now)
        db.put(lk.scope, keys.LOCALE, lk.key, doc, parent=lk.parent)
    return doc
