"""Where replicas and discrepancy reports read a bot's aliases: the one place to point at the alias store.

Bot aliases are kept by ``resources/aliases.py``; this module reads them through it (the test alias
``TSTALIASID`` included) and copies their documents between regions for replicas.
"""

from __future__ import annotations

from typing import Any

from dockyard.service_kit import AwsError, Database, Scope
from dockyard.services.lexv2_models.resources import aliases as alias_store
from dockyard.services.lexv2_models.resources import keys

Doc = dict[str, Any]
ALIAS_KIND = keys.BOT_ALIAS
TEST_ALIAS_ID = alias_store.TEST_ALIAS_ID


def aliases(db: Database, scope: Scope, bot: Doc) -> list[Doc]:
    """Every alias of ``bot`` (the test alias first)."""
    return alias_store.list_aliases(db, scope, bot["botId"])


def alias(db: Database, scope: Scope, bot: Doc, alias_id: str) -> Doc | None:
    try:
        return alias_store.load_alias(db, scope, bot["botId"], alias_id)
    except AwsError:
        return None


def copy_aliases(db: Database, source: Scope, target: Scope, bot_id: str) -> None:
    """Replace the alias documents of ``bot_id`` in ``target`` by the source's (same ids and parent)."""
    with db.transaction():
        db.delete_children(target, ALIAS_KIND, bot_id)
        for doc in db.list(source, ALIAS_KIND, parent=bot_id):
            db.put(target, ALIAS_KIND, keys.alias_key(bot_id, doc["botAliasId"]), doc, parent=bot_id)
