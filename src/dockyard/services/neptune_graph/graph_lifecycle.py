"""Graph creation, deletion and reset as jobs: CREATING -> AVAILABLE, DELETING -> gone,
RESETTING -> AVAILABLE (empty). The API call answers the in-progress status; the job's clock decides
when the graph gets there (at once with the default ``instant`` clock)."""

from __future__ import annotations

from typing import Any

from dockyard.jobs import JobContext, JobKind
from dockyard.service_kit import RequestContext
from dockyard.services.neptune_graph import graphs
from dockyard.services.neptune_graph.graph_stores import graph_stores
from dockyard.store import Database, Scope

SERVICE = "neptune-graph"


def set_status(db: Database, scope: Scope, graph_id: str, status: str, reason: str | None = None) -> None:
    with db.transaction():
        graph = db.get(scope, graphs.KIND, graph_id)
        if graph is not None:
            graph["status"] = status
            graph["statusReason"] = reason
            db.put(scope, graphs.KIND, graph_id, graph)


def _nothing(ctx: JobContext) -> None:
    return None


def job_kinds(runtime: Any) -> list[JobKind]:
    def created(ctx: JobContext) -> None:
        set_status(ctx.db, ctx.scope, ctx.job.parent_id, "AVAILABLE")

    def deleted(ctx: JobContext) -> None:
        ctx.db.delete(ctx.scope, graphs.KIND, ctx.job.parent_id)
        graph_stores(runtime).drop(ctx.job.parent_id)

    def reset_body(ctx: JobContext) -> None:
        graph_stores(runtime).get(ctx.job.parent_id).reset()

    def reset_done(ctx: JobContext) -> None:
        set_status(ctx.db, ctx.scope, ctx.job.parent_id, "AVAILABLE")

    common = {"service": SERVICE, "failed_status": "FAILED", "recovery": "retry"}
    return [
        JobKind(name="graph-create", body=_nothing, initial_status="CREATING", phases=("AVAILABLE",),
                on_succeeded=created, min_phase_seconds={"CREATING": 5.0}, **common),
        JobKind(name="graph-delete", body=_nothing, initial_status="DELETING", phases=("DELETED",),
                on_succeeded=deleted, min_phase_seconds={"DELETING": 3.0}, **common),
        JobKind(name="graph-reset", body=reset_body, initial_status="RESETTING", phases=("AVAILABLE",),
                on_succeeded=reset_done, on_failed=reset_done, min_phase_seconds={"RESETTING": 2.0}, **common),
    ]


def _start(ctx: RequestContext, kind: str, graph_id: str) -> None:
    jobs = ctx.deps.jobs
    jobs.start(jobs.kind(SERVICE, kind), scope=ctx.scope, parent_id=graph_id)


def create(ctx: RequestContext, graph: dict[str, Any]) -> dict[str, Any]:
    ctx.deps.db.put(ctx.scope, graphs.KIND, graph["id"], graph)
    _start(ctx, "graph-create", graph["id"])
    return graph


def delete(ctx: RequestContext, graph: dict[str, Any]) -> dict[str, Any]:
    set_status(ctx.deps.db, ctx.scope, graph["id"], "DELETING")
    _start(ctx, "graph-delete", graph["id"])
    return {**graph, "status": "DELETING"}


def reset(ctx: RequestContext, graph: dict[str, Any]) -> dict[str, Any]:
    set_status(ctx.deps.db, ctx.scope, graph["id"], "RESETTING")
    _start(ctx, "graph-reset", graph["id"])
    return {**graph, "status": "RESETTING"}
