"""``graph-restore`` (RestoreGraphFromSnapshot; the new graph is the parent): CREATING -> AVAILABLE.

The body replaces the new graph's (empty) data with the snapshot's; a failed restore leaves the
graph FAILED and empty, with the reason.
"""

from dockyard.service_kit import JobContext, JobKind
from dockyard.services.neptune_graph import SPEC
from dockyard.services.neptune_graph.resources import graphs, snapshots
from dockyard.services.neptune_graph.resources.graph_stores import graph_stores


def _body(ctx: JobContext) -> None:
    snapshots.restore_data(ctx.deps, ctx.input["snapshotId"], ctx.job.parent_id)


def _available(ctx: JobContext) -> None:
    graphs.set_status(ctx.deps.db, ctx.scope, ctx.job.parent_id, "AVAILABLE")


def _failed(ctx: JobContext) -> None:
    graph_stores(ctx.deps).get(ctx.job.parent_id).reset()
    graphs.set_status(ctx.deps.db, ctx.scope, ctx.job.parent_id, "FAILED", ctx.job.status_reason)


SPEC.job_kind(JobKind(
    service=snapshots.SERVICE, name=snapshots.RESTORE_KIND, body=_body, initial_status="CREATING",
    phases=("AVAILABLE",), failed_status="FAILED", recovery="retry", on_succeeded=_available,
    on_failed=_failed, min_phase_seconds={"CREATING": 5.0},
))  # fmt: skip
