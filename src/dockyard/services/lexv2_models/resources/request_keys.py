"""Keys of the resource a request names (its uri labels)."""

from __future__ import annotations

from typing import Any

from dockyard.service_kit import RequestContext
from dockyard.services.lexv2_models.resources.keys import LocaleKey


def locale_key(ctx: RequestContext, params: dict[str, Any]) -> LocaleKey:
    return LocaleKey(ctx.scope, params["botId"], params["botVersion"], params["localeId"])


def locale_ids(lk: LocaleKey) -> dict[str, str]:
    """The ``botId``/``botVersion``/``localeId`` members most outputs repeat."""
    return {"botId": lk.bot_id, "botVersion": lk.bot_version, "localeId": lk.locale_id}
