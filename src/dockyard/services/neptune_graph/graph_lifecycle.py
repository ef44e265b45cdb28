"""Graph creation and deletion as AWS shows them: CREATING then AVAILABLE, DELETING then gone.

Until the job engine drives these, the change lands at once while the call answers the in-progress
status, which is what the engine's ``instant`` clock shows too.
"""

from __future__ import annotations

from typing import Any

from dockyard.gateway.request_context import RequestContext
from dockyard.services.neptune_graph import graphs


def create(ctx: RequestContext, graph: dict[str, Any]) -> dict[str, Any]:
    ctx.runtime.db.put(ctx.scope, graphs.KIND, graph["id"], {**graph, "status": "AVAILABLE"})
    return graph


def delete(ctx: RequestContext, graph: dict[str, Any]) -> dict[str, Any]:
    ctx.runtime.db.delete(ctx.scope, graphs.KIND, graph["id"])
    return {**graph, "status": "DELETING"}
