"""DeleteUtterances: Dockyard runs no conversation traffic, so there are no stored utterances to delete;
the call checks what it names and answers as AWS does (204, no body)."""

from __future__ import annotations

from typing import Any

from dockyard.service_kit import RequestContext
from dockyard.services.lexv2_models import operation
from dockyard.services.lexv2_models.resources import utterances

Params = dict[str, Any]


@operation("DeleteUtterances")
def delete_utterances(ctx: RequestContext, params: Params) -> dict[str, Any]:
    utterances.check_target(ctx.deps.db, ctx.scope, params["botId"], params.get("localeId"))
    return {}
