"""``graph-reset``: RESETTING -> AVAILABLE, empty. With ``skipSnapshot=false`` the body first copies
the data into a snapshot (AVAILABLE before the graph is emptied)."""

from dockyard.service_kit import JobContext, JobKind
from dockyard.services.neptune_graph import SPEC
from dockyard.services.neptune_graph.resources import snapshots
from dockyard.services.neptune_graph.resources.graph_lifecycle import RESET_KIND, SERVICE
from dockyard.services.neptune_graph.resources.graph_stores import graph_stores
from dockyard.services.neptune_graph.resources.graphs import set_status


def _body(ctx: JobContext) -> None:
    snapshot_id = ctx.input.get("snapshotId")
    if snapshot_id:
        snapshots.take_once(ctx.deps, ctx.scope, snapshot_id, ctx.job.parent_id)
    graph_stores(ctx.deps).get(ctx.job.parent_id).reset()


def _done(ctx: JobContext) -> None:
    set_status(ctx.deps.db, ctx.scope, ctx.job.parent_id, "AVAILABLE")


def _failed(ctx: JobContext) -> None:
    snapshots.fail_if_unfinished(ctx.deps, ctx.scope, ctx.input.get("snapshotId"))
    _done(ctx)


SPEC.job_kind(JobKind(
    service=SERVICE, name=RESET_KIND, body=_body, initial_status="RESETTING", phases=("AVAILABLE",),
    failed_status="FAILED", recovery="retry", on_succeeded=_done, on_failed=_failed,
    min_phase_seconds={"RESETTING": 2.0},
))  # fmt: skip
