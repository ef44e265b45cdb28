"""Tags of the Lex V2 resources a caller names by ARN: a bot (its ``botTags``), its test alias (the
bot's ``testBotAliasTags``) and its other aliases (their ``tags``)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from dockyard.service_kit import Database, Scope
from dockyard.services.lexv2_models.errors import not_found
from dockyard.services.lexv2_models.resources import arns, bots, keys

Tags = dict[str, str]


def _owner(db: Database, scope: Scope, arn: str) -> tuple[dict[str, Any], str, Callable[[], None]]:
    """The document holding the ARN's tags, the member they are in, and how to store the document."""
    named = arns.parse(scope, arn)
    if named is not None and named.alias_id in (None, bots.TEST_ALIAS_ID):
        bot = db.get(scope, keys.BOT, named.bot_id)
        if bot is not None:
            field = "botTags" if named.alias_id is None else "testBotAliasTags"
            return bot, field, lambda: db.put(scope, keys.BOT, bot["botId"], bot)
    elif named is not None and named.alias_id is not None:
        alias = db.get(scope, keys.BOT_ALIAS, keys.alias_key(named.bot_id, named.alias_id))
        if alias is not None:
            return alias, "tags", lambda: db.put(scope, keys.BOT_ALIAS, keys.alias_key(named.bot_id, named.alias_id),
                                                 alias, parent=named.bot_id)
    raise not_found(f"Could not find the resource {arn}.")


def get_tags(db: Database, scope: Scope, arn: str) -> Tags:
    doc, field, _ = _owner(db, scope, arn)
    return dict(doc.get(field) or {})


def tag(db: Database, scope: Scope, arn: str, tags: Tags) -> None:
    with db.transaction():
        doc, field, save = _owner(db, scope, arn)
        doc[field] = {**(doc.get(field) or {}), **tags}
        save()


def untag(db: Database, scope: Scope, arn: str, tag_keys: list[str]) -> None:
    with db.transaction():
        doc, field, save = _owner(db, scope, arn)
        doc[field] = {k: v for k, v in (doc.get(field) or {}).items() if k not in tag_keys}
        save()
