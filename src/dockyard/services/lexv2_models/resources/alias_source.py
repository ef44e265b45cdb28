"""Where replicas and discrepancy reports read a bot's aliases: the one place to point at the alias store.

Bot aliases are stored by their own module (``resources/aliases*``); this module only reads them,
so that ListBotAliasReplicas, the replica copy and CreateTestSetDiscrepancyReport need no other
change when that storage moves. It assumes alias documents of kind ``ALIAS_KIND`` whose parent is
the bot id, each with ``botAliasId``, ``botVersion``, ``creationDateTime`` and
``lastUpdatedDateTime`` (the DescribeBotAlias members). The test alias ``TSTALIASID`` (DRAFT),
which every bot has, is answered from the bot when the store holds no document for it.
"""

from __future__ import annotations

import json
from typing import Any

from dockyard.service_kit import Database, Scope
from dockyard.services.lexv2_models.resources import keys

Doc = dict[str, Any]
ALIAS_KIND = "bot-alias"
TEST_ALIAS_ID = "TSTALIASID"


def test_alias(bot: Doc) -> Doc:
    return {"botAliasId": TEST_ALIAS_ID, "botAliasName": "TestBotAlias", "botId": bot["botId"],
            "botVersion": keys.DRAFT, "creationDateTime": bot["creationDateTime"],
            "lastUpdatedDateTime": bot["creationDateTime"]}


def aliases(db: Database, scope: Scope, bot: Doc) -> list[Doc]:
    """Every alias of ``bot`` (the test alias first)."""
    stored = db.list(scope, ALIAS_KIND, parent=bot["botId"])
    if any(a.get("botAliasId") == TEST_ALIAS_ID for a in stored):
        return sorted(stored, key=lambda a: a.get("botAliasId") != TEST_ALIAS_ID)
    return [test_alias(bot), *stored]


def alias(db: Database, scope: Scope, bot: Doc, alias_id: str) -> Doc | None:
    return next((a for a in aliases(db, scope, bot) if a.get("botAliasId") == alias_id), None)


def copy_aliases(db: Database, source: Scope, target: Scope, bot_id: str) -> None:
    """Replace the alias documents of ``bot_id`` in ``target`` by the source's (same ids and parent)."""
    with db.transaction():
        db.delete_children(target, ALIAS_KIND, bot_id)
        rows = db.query("SELECT id, doc FROM resources WHERE service=? AND account=? AND region=? AND kind=? "
                        "AND parent=? ORDER BY seq", (source.service, source.account, source.region, ALIAS_KIND,
                                                      bot_id))
        for row in rows:
            db.put(target, ALIAS_KIND, row["id"], json.loads(row["doc"]), parent=bot_id)
