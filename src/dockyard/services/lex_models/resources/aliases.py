"""Bot aliases (documents of kind ``alias``, id ``<bot>|<alias>``, parent the bot): checksums on
update, at most 5 per bot (an [UNVERIFIED] limit, see docs/lex-v1.md), pointing at a bot version."""

from __future__ import annotations

import re
import uuid
from typing import Any

from dockyard.service_kit import RequestContext
from dockyard.services.lex_models import errors
from dockyard.services.lex_models.resources import definitions as defs

MAX_ALIASES = 5
NUMBER = re.compile(r"[0-9]+")


def bot_arn(ctx: RequestContext, bot: str) -> str:
    return ctx.arn("lex", f"bot:{bot}")


def alias_arn(ctx: RequestContext, bot: str, alias: str) -> str:
    return ctx.arn("lex", f"bot:{bot}:{alias}")


def find(ctx: RequestContext, bot: str, name: str) -> dict[str, Any] | None:
    return ctx.deps.db.get(ctx.scope, "alias", f"{bot}|{name}")


def load(ctx: RequestContext, bot: str, name: str) -> dict[str, Any]:
    doc = find(ctx, bot, name)
    if doc is None:
        raise errors.not_found(f"The alias {name} of bot {bot} does not exist.")
    return doc


def resolve_version(ctx: RequestContext, bot: str, version_or_alias: str) -> str:
    if version_or_alias == defs.LATEST or NUMBER.fullmatch(version_or_alias):
        return version_or_alias
    alias = find(ctx, bot, version_or_alias)
    if alias is None:
        raise errors.not_found(f"The bot {bot} has no version or alias {version_or_alias}.")
    return alias["botVersion"]


def put(ctx: RequestContext, params: dict[str, Any]) -> dict[str, Any]:
    db, bot, name = ctx.deps.db, params["botName"], params["name"]
    if not defs.NAME_PATTERN.fullmatch(name):
        raise errors.bad_request(f"The alias name '{name}' is invalid: letters and underscores only ([a-zA-Z_]+).")
    if defs.find(db, ctx.scope, defs.BOT, bot, params["botVersion"]) is None:
        raise errors.bad_request(f"The bot {bot} version {params['botVersion']} does not exist.")
    current = find(ctx, bot, name)
    checksum = params.get("checksum")
    now = ctx.deps.now()
    if current is None:
        if checksum:
            raise errors.precondition_failed(f"The alias {name} does not exist yet: leave the checksum empty.")
        if db.count(ctx.scope, "alias", parent=bot) >= MAX_ALIASES:
            raise errors.limit_exceeded(f"Bot {bot} already has {MAX_ALIASES} aliases, the maximum.")
        created = now
    else:
        if checksum != current["checksum"]:
            raise errors.precondition_failed(
                f"The checksum value doesn't match for '{name}'. Get the latest checksum and try again.")
        created = current["createdDate"]
    doc = {"name": name, "botName": bot, "botVersion": params["botVersion"],
           "description": params.get("description"), "conversationLogs": params.get("conversationLogs"),
           "checksum": str(uuid.uuid4()), "createdDate": created, "lastUpdatedDate": now}
    db.put(ctx.scope, "alias", f"{bot}|{name}", {k: v for k, v in doc.items() if v is not None}, parent=bot)
    return doc


def delete(ctx: RequestContext, bot: str, name: str) -> None:
    load(ctx, bot, name)
    ctx.deps.db.delete(ctx.scope, "alias", f"{bot}|{name}")
