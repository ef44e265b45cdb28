"""Utterances a bot received: Dockyard stores none (it runs no conversations), so DeleteUtterances only
checks that the bot (and the locale, when named) exist.

The model lets DeleteUtterances answer only ValidationException (no ResourceNotFoundException), so a
missing bot or locale is a ValidationException with the usual not-found wording.
"""

from __future__ import annotations

from dockyard.service_kit import Database, Scope
from dockyard.services.lexv2_models.errors import validation
from dockyard.services.lexv2_models.resources import keys


def check_target(db: Database, scope: Scope, bot_id: str, locale_id: str | None) -> None:
    if db.get(scope, keys.BOT, bot_id) is None:
        raise validation(f"Could not find the bot with ID {bot_id}.")
    if locale_id is None:
        return
    versions = [keys.DRAFT, *(v["botVersion"] for v in db.list(scope, keys.BOT_VERSION, parent=bot_id))]
    if not any(db.get(scope, keys.LOCALE, f"{keys.version_key(bot_id, v)}/{locale_id}") for v in versions):
        raise validation(f"Could not find the locale {locale_id} in any version of the bot with ID {bot_id}.")
