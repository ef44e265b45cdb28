"""Graph creation, deletion and reset: the API call answers the in-progress status (CREATING,
DELETING, RESETTING) and starts the job (``jobs/graph_*.py``) whose clock decides when the graph gets
there (at once with the default ``instant`` clock)."""

from __future__ import annotations

from typing import Any

from dockyard.service_kit import Database, RequestContext, Scope
from dockyard.services.neptune_graph.errors import conflict, invalid
from dockyard.services.neptune_graph.resources import graphs

SERVICE = "neptune-graph"
CREATE_KIND = "graph-create"
DELETE_KIND = "graph-delete"
RESET_KIND = "graph-reset"


def set_status(db: Database, scope: Scope, graph_id: str, status: str, reason: str | None = None) -> None:
    with db.transaction():
        graph = db.get(scope, graphs.KIND, graph_id)
        if graph is not None:
            graph["status"] = status
            graph["statusReason"] = reason
            db.put(scope, graphs.KIND, graph_id, graph)


def _start(ctx: RequestContext, kind: str, graph_id: str) -> None:
    jobs = ctx.deps.jobs
    jobs.start(jobs.kind(SERVICE, kind), scope=ctx.scope, parent_id=graph_id)


def create(ctx: RequestContext, graph: dict[str, Any]) -> dict[str, Any]:
    ctx.deps.db.put(ctx.scope, graphs.KIND, graph["id"], graph)
    _start(ctx, CREATE_KIND, graph["id"])
    return graph


def delete(ctx: RequestContext, graph: dict[str, Any]) -> dict[str, Any]:
    if graph.get("deletionProtection"):
        raise invalid(
            f"Graph {graph['id']} has deletion protection enabled; "
            "call UpdateGraph with deletionProtection=false before deleting it."
        )
    if graph["status"] in ("DELETING", "IMPORTING", "CREATING"):
        raise conflict(f"Graph {graph['id']} is in status {graph['status']} and cannot be deleted now.")
    set_status(ctx.deps.db, ctx.scope, graph["id"], "DELETING")
    _start(ctx, DELETE_KIND, graph["id"])
    return {**graph, "status": "DELETING"}


def reset(ctx: RequestContext, graph: dict[str, Any]) -> dict[str, Any]:
    graphs.require_available(graph, "ResetGraph")
    set_status(ctx.deps.db, ctx.scope, graph["id"], "RESETTING")
    _start(ctx, RESET_KIND, graph["id"])
    return {**graph, "status": "RESETTING"}
