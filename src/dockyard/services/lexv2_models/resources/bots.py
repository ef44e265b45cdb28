"""Bots: the resource documents and their rules (names unique per account and region, quota)."""

from __future__ import annotations

import time
from typing import Any

from dockyard.service_kit import UPPER_ALNUM, Database, Scope, random_id
from dockyard.services.lexv2_models.errors import conflict, not_found, precondition
from dockyard.services.lexv2_models.resources import definition, keys, quotas

Doc = dict[str, Any]

SETTINGS = ("botName", "description", "roleArn", "dataPrivacy", "idleSessionTTLInSeconds", "botType",
            "botMembers", "errorLogSettings")  # fmt: skip
TEST_ALIAS_ID = "TSTALIASID"


def new_id() -> str:
    return random_id(10, UPPER_ALNUM)


def load_bot(db: Database, scope: Scope, bot_id: str) -> Doc:
    doc = db.get(scope, keys.BOT, bot_id)
    if doc is None:
        raise not_found(f"Could not find the bot with ID {bot_id}.")
    return doc


def _check_name_free(db: Database, scope: Scope, name: str, bot_id: str | None = None) -> None:
    for other in db.list(scope, keys.BOT):
        if other["botName"] == name and other["botId"] != bot_id:
            raise conflict(f"A bot with the name {name} already exists (bot ID {other['botId']}).")


def create_bot(db: Database, scope: Scope, params: Doc, *, status: str = "Creating", bot_id: str | None = None,
               now: float | None = None) -> Doc:
    """Store a new bot (DRAFT version) from CreateBot params; checks the name and the bot quota."""
    now = time.time() if now is None else now
    with db.transaction():
        quotas.check_bot_count(db.count(scope, keys.BOT))
        _check_name_free(db, scope, params["botName"])
        bot_id = bot_id or new_id()
        doc: Doc = {k: params.get(k) for k in SETTINGS}
        doc.update({
            "botId": bot_id,
            "botType": params.get("botType") or "Bot",
            "botStatus": status,
            "creationDateTime": now,
            "lastUpdatedDateTime": now,
            "botTags": dict(params.get("botTags") or {}),
            "testBotAliasTags": dict(params.get("testBotAliasTags") or {}),
            "latestBotVersion": None,
            "nextVersion": 1,
        })
        db.put(scope, keys.BOT, bot_id, doc)
    return doc


def update_bot(db: Database, scope: Scope, bot_id: str, params: Doc, now: float | None = None) -> Doc:
    with db.transaction():
        doc = load_bot(db, scope, bot_id)
        require_status(doc, ("Available", "Failed", "Inactive"), "updated")
        _check_name_free(db, scope, params["botName"], bot_id)
        for key in SETTINGS:
            doc[key] = params.get(key)
        doc["botType"] = params.get("botType") or doc.get("botType") or "Bot"
        doc["lastUpdatedDateTime"] = time.time() if now is None else now
        db.put(scope, keys.BOT, bot_id, doc)
    return doc


def set_status(db: Database, scope: Scope, bot_id: str, status: str, **changes: Any) -> Doc | None:
    with db.transaction():
        doc = db.get(scope, keys.BOT, bot_id)
        if doc is None:
            return None
        doc.update(changes, botStatus=status, lastUpdatedDateTime=time.time())
        db.put(scope, keys.BOT, bot_id, doc)
    return doc


def require_status(doc: Doc, allowed: tuple[str, ...], action: str) -> None:
    if doc["botStatus"] not in allowed:
        raise precondition(f"Bot {doc['botId']} is in status {doc['botStatus']} and cannot be {action} now.")


def networks_using(db: Database, scope: Scope, bot_id: str) -> list[str]:
    """Ids of bot networks that have ``bot_id`` as a member."""
    return [other["botId"] for other in db.list(scope, keys.BOT)
            if any(m.get("botMemberId") == bot_id for m in other.get("botMembers") or [])]


def delete_bot_tree(db: Database, scope: Scope, bot_id: str) -> None:
    """Forget a bot with every version, locale, locale child, alias and resource policy (one transaction)."""
    with db.transaction():
        db.delete_children(scope, keys.BOT_ALIAS, bot_id)
        db.delete_children(scope, keys.RESOURCE_POLICY, bot_id)
        versions = [keys.DRAFT, *(v["botVersion"] for v in db.list(scope, keys.BOT_VERSION, parent=bot_id))]
        for version in versions:
            for locale in db.list(scope, keys.LOCALE, parent=keys.version_key(bot_id, version)):
                definition.delete_locale_tree(db, keys.LocaleKey(scope, bot_id, version, locale["localeId"]))
            db.delete(scope, keys.BOT_VERSION, keys.version_key(bot_id, version))
        db.delete(scope, keys.BOT, bot_id)
