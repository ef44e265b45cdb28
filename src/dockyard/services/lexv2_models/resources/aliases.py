"""Bot aliases: named pointers to a numbered bot version, and the test alias every bot has.

* ``TSTALIASID`` (name ``TestBotAlias``) exists as long as its bot and points at DRAFT. It cannot be
  created (its name is taken), renamed, pointed at another version or deleted; UpdateBotAlias changes
  its settings, and from then on it is stored like any other alias. Its tags are the bot's
  ``testBotAliasTags``.
* Any other alias: a name unique within the bot, a ``botVersion`` that is a numbered version of the
  bot that exists and is not being deleted (or none at all), ``botAliasLocaleSettings`` only for
  locales that version has. ``botAliasHistoryEvents`` gets one event per version the alias pointed
  at (``endDate`` set when it moved on, the newest 50 kept).
* An alias in use: a numbered version an alias points at cannot be deleted, nor a bot that has
  aliases besides the test alias, nor an alias a bot network uses as a member — unless the delete
  says ``skipResourceInUseCheck`` (the model has no ResourceInUseException: PreconditionFailedException).
"""

from __future__ import annotations

import time
from typing import Any

from dockyard.service_kit import UPPER_ALNUM, Database, Scope, random_id
from dockyard.services.lexv2_models.errors import conflict, not_found, precondition, validation
from dockyard.services.lexv2_models.resources import bots, keys, versions
from dockyard.services.lexv2_models.resources.keys import LocaleKey

Doc = dict[str, Any]

TEST_ALIAS_ID = bots.TEST_ALIAS_ID
TEST_ALIAS_NAME = "TestBotAlias"
TEST_ALIAS_DESCRIPTION = "test bot alias"
SETTINGS = ("botAliasName", "description", "botAliasLocaleSettings", "conversationLogSettings",
            "sentimentAnalysisSettings")  # fmt: skip
HISTORY_LIMIT = 50
BUSY = ("Creating", "Deleting")


def new_id() -> str:
    while True:
        alias_id = random_id(10, UPPER_ALNUM)
        if alias_id != TEST_ALIAS_ID:
            return alias_id


def test_alias(bot: Doc) -> Doc:
    """The test alias as every bot has it until UpdateBotAlias changes it."""
    created = bot["creationDateTime"]
    return {"botId": bot["botId"], "botAliasId": TEST_ALIAS_ID, "botAliasName": TEST_ALIAS_NAME,
            "description": TEST_ALIAS_DESCRIPTION, "botVersion": keys.DRAFT, "botAliasStatus": "Available",
            "creationDateTime": created, "lastUpdatedDateTime": created,
            "botAliasHistoryEvents": [{"botVersion": keys.DRAFT, "startDate": created}]}


def _stored(db: Database, scope: Scope, bot_id: str, alias_id: str) -> Doc | None:
    return db.get(scope, keys.BOT_ALIAS, keys.alias_key(bot_id, alias_id))


def _put(db: Database, scope: Scope, doc: Doc) -> None:
    db.put(scope, keys.BOT_ALIAS, keys.alias_key(doc["botId"], doc["botAliasId"]), doc, parent=doc["botId"])


def load_alias(db: Database, scope: Scope, bot_id: str, alias_id: str) -> Doc:
    doc = _stored(db, scope, bot_id, alias_id)
    if doc is not None:
        return doc
    bot = bots.load_bot(db, scope, bot_id)
    if alias_id == TEST_ALIAS_ID:
        return test_alias(bot)
    raise not_found(f"Could not find the bot alias with ID {alias_id} for bot {bot_id}.")


def list_aliases(db: Database, scope: Scope, bot_id: str) -> list[Doc]:
    """The test alias first, then the others in the order they were created."""
    bot = bots.load_bot(db, scope, bot_id)
    stored = db.list(scope, keys.BOT_ALIAS, parent=bot_id)
    test = next((d for d in stored if d["botAliasId"] == TEST_ALIAS_ID), None) or test_alias(bot)
    others = sorted((d for d in stored if d["botAliasId"] != TEST_ALIAS_ID),
                    key=lambda d: (d["creationDateTime"], d["botAliasName"]))
    return [test, *others]


def networks_using(db: Database, scope: Scope, bot_id: str, alias_id: str) -> list[Doc]:
    """The bot networks (DRAFT and numbered versions) that have this alias as a member:
    ``parentBotNetworks`` items."""
    found: list[Doc] = []
    candidates = [{**b, "botVersion": keys.DRAFT} for b in db.list(scope, keys.BOT)]
    candidates += db.list(scope, keys.BOT_VERSION)
    for doc in candidates:
        if any(m.get("botMemberId") == bot_id and m.get("botMemberAliasId") == alias_id
               for m in doc.get("botMembers") or []):
            found.append({"botId": doc["botId"], "botVersion": doc["botVersion"]})
    return found


def describe(db: Database, scope: Scope, bot_id: str, alias_id: str) -> Doc:
    doc = load_alias(db, scope, bot_id, alias_id)
    return {**doc, "parentBotNetworks": networks_using(db, scope, bot_id, alias_id)}


def _check_name_free(db: Database, scope: Scope, bot_id: str, name: str, alias_id: str | None) -> None:
    for other in list_aliases(db, scope, bot_id):
        if other["botAliasName"] == name and other["botAliasId"] != alias_id:
            raise conflict(f"A bot alias with the name {name} already exists for bot {bot_id} "
                           f"(bot alias ID {other['botAliasId']}).")


def _check_version(db: Database, scope: Scope, bot_id: str, alias_id: str | None, bot_version: str) -> None:
    if bot_version == keys.DRAFT:
        raise validation(f"Only the test bot alias {TEST_ALIAS_ID} points at the DRAFT version; "
                         f"point bot alias {alias_id or 'you create'} at a numbered version of bot {bot_id}.")
    version = versions.load_version(db, scope, bot_id, bot_version)
    if version["botStatus"] in ("Deleting", "Failed"):
        raise precondition(f"Version {bot_version} of bot {bot_id} is in status {version['botStatus']}; "
                           "a bot alias cannot point at it.")


def _check_locale_settings(db: Database, scope: Scope, bot_id: str, bot_version: str | None,
                           settings: Doc | None) -> None:
    if bot_version is None:
        return
    for locale_id in settings or {}:
        if db.get(scope, keys.LOCALE, LocaleKey(scope, bot_id, bot_version, locale_id).key) is None:
            raise validation(f"The bot alias locale settings name the locale {locale_id}, which version "
                             f"{bot_version} of bot {bot_id} does not have.")


def _record_version(doc: Doc, bot_version: str | None, now: float) -> None:
    """A history event when the alias starts pointing at another version."""
    events = [dict(e) for e in doc.get("botAliasHistoryEvents") or []]
    if events and events[-1].get("endDate") is None:
        if events[-1]["botVersion"] == bot_version:
            return
        events[-1]["endDate"] = now
    if bot_version is not None:
        events.append({"botVersion": bot_version, "startDate": now})
    doc["botAliasHistoryEvents"] = events[-HISTORY_LIMIT:]


def create_alias(db: Database, scope: Scope, bot_id: str, params: Doc, *, status: str = "Creating",
                 now: float | None = None) -> Doc:
    now = time.time() if now is None else now
    bot_version = params.get("botVersion")
    with db.transaction():
        bot = bots.load_bot(db, scope, bot_id)
        if bot["botStatus"] == "Deleting":
            raise precondition(f"Bot {bot_id} is in status Deleting; you cannot add an alias to it.")
        _check_name_free(db, scope, bot_id, params["botAliasName"], None)
        if bot_version is not None:
            _check_version(db, scope, bot_id, None, bot_version)
        _check_locale_settings(db, scope, bot_id, bot_version, params.get("botAliasLocaleSettings"))
        doc: Doc = {k: params.get(k) for k in SETTINGS}
        doc.update(botId=bot_id, botAliasId=new_id(), botVersion=bot_version, botAliasStatus=status,
                   creationDateTime=now, lastUpdatedDateTime=now, tags=dict(params.get("tags") or {}))
        _record_version(doc, bot_version, now)
        _put(db, scope, doc)
    return doc


def update_alias(db: Database, scope: Scope, bot_id: str, alias_id: str, params: Doc,
                 now: float | None = None) -> Doc:
    """Replace the alias's settings (``botVersion`` omitted keeps the version it points at)."""
    now = time.time() if now is None else now
    with db.transaction():
        doc = load_alias(db, scope, bot_id, alias_id)
        if doc["botAliasStatus"] in BUSY:
            raise precondition(f"Bot alias {alias_id} of bot {bot_id} is in status {doc['botAliasStatus']} and "
                               "cannot be updated now.")
        bot_version = params.get("botVersion") or doc.get("botVersion")
        if alias_id == TEST_ALIAS_ID:
            if bot_version != keys.DRAFT:
                raise validation(f"The test bot alias {TEST_ALIAS_ID} always points at the DRAFT version.")
            if params["botAliasName"] != TEST_ALIAS_NAME:
                raise validation(f"The test bot alias {TEST_ALIAS_ID} cannot be renamed; its name is "
                                 f"{TEST_ALIAS_NAME}.")
        else:
            _check_name_free(db, scope, bot_id, params["botAliasName"], alias_id)
            if params.get("botVersion") is not None:
                _check_version(db, scope, bot_id, alias_id, bot_version)
        _check_locale_settings(db, scope, bot_id, bot_version, params.get("botAliasLocaleSettings"))
        for key in SETTINGS:
            doc[key] = params.get(key)
        doc.update(botVersion=bot_version, lastUpdatedDateTime=now)
        _record_version(doc, bot_version, now)
        _put(db, scope, doc)
    return doc


def start_delete(db: Database, scope: Scope, bot_id: str, alias_id: str, skip_in_use_check: bool) -> bool:
    """Mark the alias Deleting; False when it already was (a second DeleteBotAlias)."""
    with db.transaction():
        doc = load_alias(db, scope, bot_id, alias_id)
        if alias_id == TEST_ALIAS_ID:
            raise precondition(f"The test bot alias {TEST_ALIAS_ID} cannot be deleted; it is deleted with "
                               f"bot {bot_id}.")
        if doc["botAliasStatus"] == "Deleting":
            return False
        if doc["botAliasStatus"] == "Creating":
            raise precondition(f"Bot alias {alias_id} of bot {bot_id} is in status Creating and cannot be "
                               "deleted now.")
        networks = networks_using(db, scope, bot_id, alias_id)
        if networks and not skip_in_use_check:
            names = ", ".join(f"{n['botId']} version {n['botVersion']}" for n in networks)
            raise precondition(f"Bot alias {alias_id} of bot {bot_id} is used by the bot network(s) {names}. "
                               "Remove it from them first, or set skipResourceInUseCheck to true.")
        set_status(db, scope, bot_id, alias_id, "Deleting")
    return True


def set_status(db: Database, scope: Scope, bot_id: str, alias_id: str, status: str) -> None:
    with db.transaction():
        doc = _stored(db, scope, bot_id, alias_id)
        if doc is not None:
            doc.update(botAliasStatus=status, lastUpdatedDateTime=time.time())
            _put(db, scope, doc)


def forget(db: Database, scope: Scope, bot_id: str, alias_id: str) -> None:
    db.delete(scope, keys.BOT_ALIAS, keys.alias_key(bot_id, alias_id))


def _using_version(db: Database, scope: Scope, bot_id: str, bot_version: str) -> list[Doc]:
    return [d for d in db.list(scope, keys.BOT_ALIAS, parent=bot_id)
            if d.get("botVersion") == bot_version and d["botAliasStatus"] != "Deleting"]


def _named(docs: list[Doc]) -> str:
    return ", ".join(f"{d['botAliasName']} ({d['botAliasId']})" for d in docs)


def check_version_unused(db: Database, scope: Scope, bot_id: str, bot_version: str, skip_in_use_check: bool) -> None:
    """DeleteBotVersion: refuse a version an alias points at."""
    users = _using_version(db, scope, bot_id, bot_version)
    if users and not skip_in_use_check:
        raise precondition(f"Version {bot_version} of bot {bot_id} is in use by the bot alias(es) {_named(users)}. "
                           "Point them at another version or delete them first, or set skipResourceInUseCheck "
                           "to true.")


def check_bot_unused(db: Database, scope: Scope, bot_id: str, skip_in_use_check: bool) -> None:
    """DeleteBot: refuse a bot that has aliases besides the test alias."""
    users = [d for d in db.list(scope, keys.BOT_ALIAS, parent=bot_id)
             if d["botAliasId"] != TEST_ALIAS_ID and d["botAliasStatus"] != "Deleting"]
    if users and not skip_in_use_check:
        raise precondition(f"Bot {bot_id} has the bot alias(es) {_named(users)}. Delete them first, or set "
                           "skipResourceInUseCheck to true.")
