"""``graph-delete``: DELETING -> gone (the document and the graph's data). With ``skipSnapshot=false``
the body first copies the data into the final snapshot, which is AVAILABLE before the graph is gone."""

from dockyard.service_kit import JobContext, JobKind
from dockyard.services.neptune_graph import SPEC
from dockyard.services.neptune_graph.resources import graphs, snapshots
from dockyard.services.neptune_graph.resources.graph_lifecycle import DELETE_KIND, SERVICE
from dockyard.services.neptune_graph.resources.graph_stores import graph_stores


def _body(ctx: JobContext) -> None:
    snapshot_id = ctx.input.get("snapshotId")
    if snapshot_id:
        snapshots.take_once(ctx.deps, ctx.scope, snapshot_id, ctx.job.parent_id)


def _deleted(ctx: JobContext) -> None:
    ctx.deps.db.delete(ctx.scope, graphs.KIND, ctx.job.parent_id)
    graph_stores(ctx.deps).drop(ctx.job.parent_id)


def _failed(ctx: JobContext) -> None:
    snapshots.fail_if_unfinished(ctx.deps, ctx.scope, ctx.input.get("snapshotId"))
    graphs.set_status(ctx.deps.db, ctx.scope, ctx.job.parent_id, "FAILED", ctx.job.status_reason)


SPEC.job_kind(JobKind(
    service=SERVICE, name=DELETE_KIND, body=_body, initial_status="DELETING", phases=("DELETED",),
    failed_status="FAILED", recovery="retry", on_succeeded=_deleted, on_failed=_failed,
    min_phase_seconds={"DELETING": 3.0},
))  # fmt: skip
