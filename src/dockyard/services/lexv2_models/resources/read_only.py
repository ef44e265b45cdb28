"""A replica bot is read-only: changes are made to the source bot and replicate (Global Resiliency).

The copy of a bot in a replica region carries ``replicaSourceRegion`` in its bot document; every
operation that would change it (or anything under it) in the replica region is refused with
ValidationException, which every such operation's model allows.
"""

from __future__ import annotations

from typing import Any

from dockyard.service_kit import RequestContext
from dockyard.services.lexv2_models.errors import validation
from dockyard.services.lexv2_models.resources import keys

SOURCE_REGION = "replicaSourceRegion"
READS = ("Describe", "List", "Search")
ALLOWED_CHANGES = frozenset({"DeleteUtterances"})  # conversation data of the region, not the definition


def refuse_changes_to_replica(ctx: RequestContext, operation: str, params: dict[str, Any]) -> None:
    """ValidationException when ``operation`` would change a replica bot in its replica region."""
    bot_id = params.get("botId")
    if operation == "StartImport":  # a locale or vocabulary import names its bot inside the specification
        specs = (params.get("resourceSpecification") or {}).values()
        bot_id = next((s["botId"] for s in specs if isinstance(s, dict) and isinstance(s.get("botId"), str)), None)
    if not isinstance(bot_id, str) or operation.startswith(READS) or operation in ALLOWED_CHANGES:
        return
    bot = ctx.deps.db.get(ctx.scope, keys.BOT, bot_id)
    if bot is not None and bot.get(SOURCE_REGION):
        raise validation(f"Bot {bot_id} in {ctx.region} is a replica of the bot in {bot[SOURCE_REGION]} and is "
                         f"read-only; make the change in {bot[SOURCE_REGION]}, where it replicates from.")
