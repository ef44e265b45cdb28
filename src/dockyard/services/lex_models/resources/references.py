"""Which definitions use which: a slot type used by an intent, an intent used by a bot, a bot
version used by an alias cannot be deleted (ResourceInUseException names one user)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from dockyard.service_kit import Database, Scope
from dockyard.services.lex_models import errors
from dockyard.services.lex_models.resources import definitions as defs


def slot_type_refs(intent: dict[str, Any]) -> Iterator[tuple[str, str]]:
    for slot in intent.get("slots") or []:
        if not str(slot.get("slotType", "")).startswith("AMAZON."):
            yield slot["slotType"], slot.get("slotTypeVersion") or defs.LATEST


def intent_refs(bot: dict[str, Any]) -> Iterator[tuple[str, str]]:
    for ref in bot.get("intents") or []:
        yield ref["intentName"], ref.get("intentVersion") or defs.LATEST


def check_deletable(db: Database, scope: Scope, family: defs.Family, name: str, version: str | None) -> None:
    """Raise ResourceInUseException when something uses ``name`` (at ``version``, or any version)."""
    def used(ref: tuple[str, str]) -> bool:
        return ref[0] == name and (version is None or ref[1] == version)

    what = f"{name}" if version is None else f"{name} version {version}"
    if family is defs.SLOT_TYPE:
        for intent in defs.all_docs(db, scope, defs.INTENT):
            if any(used(r) for r in slot_type_refs(intent)):
                raise errors.in_use(f"The slot type {what} is used by intent {intent['name']}.", "Intent",
                                    {"name": intent["name"], "version": intent["version"]})
    elif family is defs.INTENT:
        for bot in defs.all_docs(db, scope, defs.BOT):
            if any(used(r) for r in intent_refs(bot)):
                raise errors.in_use(f"The intent {what} is used by bot {bot['name']}.", "Bot",
                                    {"name": bot["name"], "version": bot["version"]})
    else:
        for alias in db.list(scope, "alias", parent=name):
            if version is None or alias["botVersion"] == version:
                raise errors.in_use(f"The bot {what} is used by alias {alias['name']}.", "BotAlias",
                                    {"name": alias["name"], "version": alias["botVersion"]})
