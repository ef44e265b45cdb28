"""A whole locale (or bot) definition at once: read it, copy it, write it, delete it.

This is the internal API for whatever handles a bot definition in bulk: ``CreateBotVersion``
(copies DRAFT locales into an immutable version), the build (reads a locale), and the import /
export jobs (write a whole locale inside one ``db.transaction()``, read a DRAFT or a version back).
Documents are the stored ones: API member names, ids, ``botId``/``botVersion``/``localeId``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from dockyard.service_kit import Database, Scope
from dockyard.services.lexv2_models.resources import keys
from dockyard.services.lexv2_models.resources.keys import LocaleKey

Doc = dict[str, Any]


@dataclass
class LocaleSnapshot:
    """One locale with every child, in creation order."""

    locale: Doc
    intents: list[Doc] = field(default_factory=list)
    slots: list[Doc] = field(default_factory=list)
    """Every slot of the locale; ``slot["intentId"]`` names its intent."""
    slot_types: list[Doc] = field(default_factory=list)
    vocabulary: Doc | None = None
    """Custom vocabulary metadata, None when the locale has none."""
    vocabulary_items: list[Doc] = field(default_factory=list)

    def slots_of(self, intent_id: str) -> list[Doc]:
        return [s for s in self.slots if s["intentId"] == intent_id]


@dataclass
class BotSnapshot:
    """A bot version: the bot (or version) document and its locales."""

    bot: Doc
    bot_version: str
    locales: dict[str, LocaleSnapshot] = field(default_factory=dict)


def read_locale(db: Database, lk: LocaleKey) -> LocaleSnapshot | None:
    """The locale and all its children, or None if the locale does not exist."""
    locale = db.get(lk.scope, keys.LOCALE, lk.key)
    if locale is None:
        return None
    return LocaleSnapshot(
        locale=locale,
        intents=db.list(lk.scope, keys.INTENT, parent=lk.key),
        slots=db.list(lk.scope, keys.SLOT, parent=lk.key),
        slot_types=db.list(lk.scope, keys.SLOT_TYPE, parent=lk.key),
        vocabulary=db.get(lk.scope, keys.VOCABULARY, lk.key),
        vocabulary_items=db.list(lk.scope, keys.VOCABULARY_ITEM, parent=lk.key),
    )


def read_bot(db: Database, scope: Scope, bot_id: str, bot_version: str = keys.DRAFT) -> BotSnapshot | None:
    """A bot's DRAFT (the bot document) or a numbered version (the version document), with locales."""
    if bot_version == keys.DRAFT:
        bot = db.get(scope, keys.BOT, bot_id)
    else:
        bot = db.get(scope, keys.BOT_VERSION, keys.version_key(bot_id, bot_version))
    if bot is None:
        return None
    snapshot = BotSnapshot(bot=bot, bot_version=bot_version)
    for locale in db.list(scope, keys.LOCALE, parent=keys.version_key(bot_id, bot_version)):
        lk = LocaleKey(scope, bot_id, bot_version, locale["localeId"])
        found = read_locale(db, lk)
        if found is not None:
            snapshot.locales[lk.locale_id] = found
    return snapshot


def _retarget(doc: Doc, lk: LocaleKey) -> Doc:
    return {**doc, "botId": lk.bot_id, "botVersion": lk.bot_version, "localeId": lk.locale_id}


def write_locale(db: Database, lk: LocaleKey, snapshot: LocaleSnapshot) -> None:
    """Write a snapshot as the locale ``lk`` (ids kept; bot id, version and locale id rewritten),
    replacing whatever the locale held. Runs in one transaction."""
    with db.transaction():
        delete_locale_tree(db, lk)
        db.put(lk.scope, keys.LOCALE, lk.key, _retarget(snapshot.locale, lk), parent=lk.parent)
        for doc in snapshot.intents:
            db.put(lk.scope, keys.INTENT, lk.child(doc["intentId"]), _retarget(doc, lk), parent=lk.key)
        for doc in snapshot.slots:
            db.put(lk.scope, keys.SLOT, lk.child(doc["slotId"]), _retarget(doc, lk), parent=lk.key)
        for doc in snapshot.slot_types:
            db.put(lk.scope, keys.SLOT_TYPE, lk.child(doc["slotTypeId"]), _retarget(doc, lk), parent=lk.key)
        if snapshot.vocabulary is not None:
            db.put(lk.scope, keys.VOCABULARY, lk.key, dict(snapshot.vocabulary), parent=lk.parent)
        for doc in snapshot.vocabulary_items:
            db.put(lk.scope, keys.VOCABULARY_ITEM, lk.child(doc["itemId"]), dict(doc), parent=lk.key)


def copy_locale(db: Database, source: LocaleKey, target: LocaleKey, **locale_changes: Any) -> LocaleSnapshot:
    """Copy a locale with its children (e.g. DRAFT -> version 3); ``locale_changes`` patch the copy's
    locale document (``botLocaleStatus="Built"``)."""
    snapshot = read_locale(db, source)
    if snapshot is None:
        raise KeyError(source.key)
    snapshot.locale = {**snapshot.locale, **locale_changes}
    write_locale(db, target, snapshot)
    return snapshot


def delete_locale_tree(db: Database, lk: LocaleKey) -> None:
    """Forget a locale and every child."""
    with db.transaction():
        for kind in keys.LOCALE_CHILD_KINDS:
            db.delete_children(lk.scope, kind, lk.key)
        db.delete(lk.scope, keys.VOCABULARY, lk.key)
        db.delete(lk.scope, keys.LOCALE, lk.key)
