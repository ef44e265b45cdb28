"""Bot versions: immutable numbered snapshots of built DRAFT (or other version) locales."""

from __future__ import annotations

import time
from typing import Any

from dockyard.service_kit import Database, Scope
from dockyard.services.lexv2_models.errors import not_found, precondition, validation
from dockyard.services.lexv2_models.resources import bots, definition, keys, quotas
from dockyard.services.lexv2_models.resources.keys import LocaleKey

Doc = dict[str, Any]

# a version takes the bot's settings as they are, but has a description of its own
COPIED_BOT_SETTINGS = tuple(k for k in bots.SETTINGS if k != "description")


def version_number(version: str) -> int:
    return 0 if version == keys.DRAFT else int(version)


def draft_view(bot: Doc) -> Doc:
    """The DRAFT version as a version document (the bot itself)."""
    return {**bot, "botVersion": keys.DRAFT}


def load_version(db: Database, scope: Scope, bot_id: str, bot_version: str) -> Doc:
    if bot_version == keys.DRAFT:
        return draft_view(bots.load_bot(db, scope, bot_id))
    doc = db.get(scope, keys.BOT_VERSION, keys.version_key(bot_id, bot_version))
    if doc is None:
        bots.load_bot(db, scope, bot_id)
        raise not_found(f"Could not find version {bot_version} of the bot with ID {bot_id}.")
    return doc


def list_versions(db: Database, scope: Scope, bot_id: str) -> list[Doc]:
    """DRAFT first, then the numbered versions."""
    bot = bots.load_bot(db, scope, bot_id)
    return [draft_view(bot), *db.list(scope, keys.BOT_VERSION, parent=bot_id)]


def create_version(db: Database, scope: Scope, bot_id: str, params: Doc, *, status: str = "Versioning",
                   now: float | None = None) -> Doc:
    """Snapshot the requested locales into the next version number (the copy is made now)."""
    now = time.time() if now is None else now
    spec: dict[str, Doc] = params["botVersionLocaleSpecification"]
    with db.transaction():
        bot = bots.load_bot(db, scope, bot_id)
        bots.require_status(bot, ("Available",), "versioned")
        quotas.check_version_count(db.count(scope, keys.BOT_VERSION, parent=bot_id), bot_id)
        if not spec:
            raise validation("botVersionLocaleSpecification must name at least one locale.")
        sources: list[tuple[LocaleKey, str]] = []
        for locale_id, details in spec.items():
            source = LocaleKey(scope, bot_id, details["sourceBotVersion"], locale_id)
            locale = db.get(scope, keys.LOCALE, source.key)
            if locale is None:
                raise not_found(f"Could not find the bot locale {locale_id} for bot {bot_id} "
                                f"version {source.bot_version}.")
            if locale["botLocaleStatus"] != "Built":
                raise precondition(f"The bot locale {locale_id} of bot {bot_id} version {source.bot_version} is in "
                                   f"status {locale['botLocaleStatus']}; build it before creating a version.")
            sources.append((source, locale_id))
        number = str(bot.get("nextVersion") or 1)
        for source, _ in sources:
            definition.copy_locale(db, source, source.at_version(number), botLocaleStatus="Built", failureReasons=[])
        doc: Doc = {k: bot.get(k) for k in COPIED_BOT_SETTINGS}
        doc.update(botId=bot_id, botVersion=number, description=params.get("description"), botStatus=status,
                   creationDateTime=now, failureReasons=[], botVersionLocaleSpecification=spec)
        db.put(scope, keys.BOT_VERSION, keys.version_key(bot_id, number), doc, parent=bot_id)
        bot.update(nextVersion=int(number) + 1, latestBotVersion=number, botStatus="Versioning",
                   lastUpdatedDateTime=now)
        db.put(scope, keys.BOT, bot_id, bot)
    return doc


def set_status(db: Database, scope: Scope, bot_id: str, bot_version: str, status: str, **changes: Any) -> None:
    with db.transaction():
        doc = db.get(scope, keys.BOT_VERSION, keys.version_key(bot_id, bot_version))
        if doc is not None:
            doc.update(changes, botStatus=status)
            db.put(scope, keys.BOT_VERSION, keys.version_key(bot_id, bot_version), doc, parent=bot_id)


def start_delete(db: Database, scope: Scope, bot_id: str, bot_version: str) -> Doc:
    if bot_version == keys.DRAFT:
        raise validation("You cannot delete the DRAFT version of a bot; delete the bot instead.")
    with db.transaction():
        doc = load_version(db, scope, bot_id, bot_version)
        if doc["botStatus"] in ("Versioning", "Deleting"):
            raise precondition(f"Version {bot_version} of bot {bot_id} is in status {doc['botStatus']} and cannot "
                               "be deleted now.")
        set_status(db, scope, bot_id, bot_version, "Deleting")
    return {**doc, "botStatus": "Deleting"}


def delete_version_tree(db: Database, scope: Scope, bot_id: str, bot_version: str) -> None:
    with db.transaction():
        for locale in db.list(scope, keys.LOCALE, parent=keys.version_key(bot_id, bot_version)):
            definition.delete_locale_tree(db, LocaleKey(scope, bot_id, bot_version, locale["localeId"]))
        db.delete(scope, keys.BOT_VERSION, keys.version_key(bot_id, bot_version))
        bot = db.get(scope, keys.BOT, bot_id)
        if bot is not None and bot.get("latestBotVersion") == bot_version:
            remaining = [v["botVersion"] for v in db.list(scope, keys.BOT_VERSION, parent=bot_id)]
            bot["latestBotVersion"] = max(remaining, key=int) if remaining else None
            db.put(scope, keys.BOT, bot_id, bot)
