"""QueryAssistant and Retrieve: full-text answers from an assistant's knowledge bases."""

from __future__ import annotations

from typing import Any

from dockyard.service_kit import RequestContext
from dockyard.services.qconnect import SPEC
from dockyard.services.qconnect.resources import assistant_queries


@SPEC.operation("QueryAssistant")
def query_assistant(ctx: RequestContext, params: dict[str, Any]) -> dict[str, Any]:
    results, token = assistant_queries.query(ctx, params)
    return {"results": results, "nextToken": token}


@SPEC.operation("Retrieve")
def retrieve(ctx: RequestContext, params: dict[str, Any]) -> dict[str, Any]:
    return assistant_queries.retrieve(ctx, params)
