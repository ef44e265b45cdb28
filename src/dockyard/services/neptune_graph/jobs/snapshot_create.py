"""``snapshot-create`` (CreateGraphSnapshot; the job id is the snapshot id): CREATING -> AVAILABLE.

The body copies the graph's data at once (the snapshot's moment); the source graph is SNAPSHOTTING
until the job ends, then AVAILABLE again. A failed snapshot is FAILED and holds no data.
"""

from dockyard.service_kit import JobContext, JobKind
from dockyard.services.neptune_graph import SPEC
from dockyard.services.neptune_graph.resources import graphs, snapshots


def _body(ctx: JobContext) -> None:
    snapshots.copy_data(ctx.deps, ctx.job_id, ctx.job.parent_id)


def _available(ctx: JobContext) -> None:
    snapshots.set_status(ctx.deps.db, ctx.scope, ctx.job_id, "AVAILABLE")
    graphs.set_status(ctx.deps.db, ctx.scope, ctx.job.parent_id, "AVAILABLE")


def _failed(ctx: JobContext) -> None:
    snapshots.drop_data(ctx.deps, ctx.job_id)
    snapshots.set_status(ctx.deps.db, ctx.scope, ctx.job_id, "FAILED")
    graphs.set_status(ctx.deps.db, ctx.scope, ctx.job.parent_id, "AVAILABLE")


SPEC.job_kind(JobKind(
    service=snapshots.SERVICE, name=snapshots.CREATE_KIND, body=_body, initial_status="CREATING",
    phases=("AVAILABLE",), failed_status="FAILED", recovery="retry", on_succeeded=_available,
    on_failed=_failed, min_phase_seconds={"CREATING": 5.0},
))  # fmt: skip
