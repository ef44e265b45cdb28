"""Graph creation, deletion, reset, stop and start: the API call answers the in-progress status
(CREATING, DELETING, RESETTING, STOPPING, STARTING) and starts the job (``jobs/graph_*.py``) whose
clock decides when the graph gets there (at once with the default ``instant`` clock).

DeleteGraph and ResetGraph with ``skipSnapshot=false`` name a snapshot (``snapshots.take_automatic``)
that their job fills before the data goes.
"""

from __future__ import annotations

from typing import Any

from dockyard.service_kit import RequestContext
from dockyard.services.neptune_graph.errors import conflict, invalid
from dockyard.services.neptune_graph.resources import graphs, private_endpoints, snapshots
from dockyard.services.neptune_graph.resources.export_tasks import KIND as EXPORT_KIND
from dockyard.services.neptune_graph.resources.graphs import set_status

SERVICE = "neptune-graph"
CREATE_KIND = "graph-create"
DELETE_KIND = "graph-delete"
RESET_KIND = "graph-reset"
STOP_KIND = "graph-stop"
START_KIND = "graph-start"
DELETABLE = ("AVAILABLE", "STOPPED", "FAILED")


def _start(ctx: RequestContext, kind: str, graph_id: str, input: dict[str, Any] | None = None) -> None:
    jobs = ctx.deps.jobs
    jobs.start(jobs.kind(SERVICE, kind), scope=ctx.scope, parent_id=graph_id, input=input)


def _change(ctx: RequestContext, graph: dict[str, Any], status: str, kind: str,
            input: dict[str, Any] | None = None) -> dict[str, Any]:
    set_status(ctx.deps.db, ctx.scope, graph["id"], status)
    _start(ctx, kind, graph["id"], input)
    return {**graph, "status": status, "statusReason": None}


def create(ctx: RequestContext, graph: dict[str, Any]) -> dict[str, Any]:
    ctx.deps.db.put(ctx.scope, graphs.KIND, graph["id"], graph)
    _start(ctx, CREATE_KIND, graph["id"])
    return graph


def delete(ctx: RequestContext, graph_id: str, skip_snapshot: bool) -> dict[str, Any]:
    db = ctx.deps.db
    with db.transaction():
        graph = graphs.load(db, ctx.scope, graph_id)
        if graph.get("deletionProtection"):
            raise invalid(
                f"Graph {graph_id} has deletion protection enabled; "
                "call UpdateGraph with deletionProtection=false before deleting it."
            )
        if graph["status"] not in DELETABLE:
            raise conflict(f"Graph {graph_id} is in status {graph['status']} and cannot be deleted now.")
        if private_endpoints.of_graph(db, ctx.scope, graph_id):
            raise conflict(f"Graph {graph_id} has private graph endpoints; delete them with "
                           "DeletePrivateGraphEndpoint before deleting the graph.")
        final = None if skip_snapshot else snapshots.take_automatic(ctx, graph, "final")
        return _change(ctx, graph, "DELETING", DELETE_KIND, {"snapshotId": final} if final else None)


def reset(ctx: RequestContext, graph_id: str, skip_snapshot: bool) -> dict[str, Any]:
    db = ctx.deps.db
    with db.transaction():
        graph = graphs.load(db, ctx.scope, graph_id)
        graphs.require_available(graph, "ResetGraph")
        taken = None if skip_snapshot else snapshots.take_automatic(ctx, graph, "reset")
        return _change(ctx, graph, "RESETTING", RESET_KIND, {"snapshotId": taken} if taken else None)


def stop(ctx: RequestContext, graph_id: str) -> dict[str, Any]:
    """StopGraph: only an AVAILABLE graph with no export task running (its compute goes away)."""
    db = ctx.deps.db
    with db.transaction():
        graph = graphs.load(db, ctx.scope, graph_id)
        graphs.require_available(graph, "StopGraph")
        exporting = ctx.deps.jobs.list(scope=ctx.scope, kind=EXPORT_KIND, parent_id=graph_id, active=True)
        if exporting:
            raise conflict(f"Graph {graph_id} has an export task ({exporting[0].id}) running; "
                           "wait for it to finish or cancel it before stopping the graph.")
        return _change(ctx, graph, "STOPPING", STOP_KIND)


def start(ctx: RequestContext, graph_id: str) -> dict[str, Any]:
    """StartGraph: only a STOPPED graph."""
    db = ctx.deps.db
    with db.transaction():
        graph = graphs.load(db, ctx.scope, graph_id)
        if graph["status"] != "STOPPED":
            raise conflict(f"Graph {graph_id} is in status {graph['status']}; StartGraph needs it STOPPED.")
        return _change(ctx, graph, "STARTING", START_KIND)
