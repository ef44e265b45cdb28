"""What DeleteBot checks before a bot starts Deleting: no alias besides TSTALIASID and no bot network
uses it (unless ``skipResourceInUseCheck``), and it is not busy."""

from __future__ import annotations

from dockyard.service_kit import Database, Scope
from dockyard.services.lexv2_models.errors import precondition
from dockyard.services.lexv2_models.resources import aliases, bots

BUSY = ("Creating", "Versioning", "Importing")


def start_delete(db: Database, scope: Scope, bot_id: str, skip_in_use_check: bool) -> bool:
    """Mark the bot Deleting; False when it already was (a second DeleteBot)."""
    with db.transaction():
        doc = bots.load_bot(db, scope, bot_id)
        if doc["botStatus"] == "Deleting":
            return False
        aliases.check_bot_unused(db, scope, bot_id, skip_in_use_check)
        users = bots.networks_using(db, scope, bot_id)
        if users and not skip_in_use_check:
            raise precondition(f"Bot {bot_id} is a member of bot network(s) {', '.join(users)}. Remove it from "
                               "them first, or set skipResourceInUseCheck to true.")
        if doc["botStatus"] in BUSY:
            raise precondition(f"Bot {bot_id} is in status {doc['botStatus']} and cannot be deleted now.")
        bots.set_status(db, scope, bot_id, "Deleting")
    return True
