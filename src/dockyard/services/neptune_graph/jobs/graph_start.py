"""``graph-start``: STARTING -> AVAILABLE (StartGraph). A failed start leaves the graph STOPPED."""

from dockyard.service_kit import JobContext, JobKind, no_work
from dockyard.services.neptune_graph import SPEC
from dockyard.services.neptune_graph.resources.graph_lifecycle import SERVICE, START_KIND
from dockyard.services.neptune_graph.resources.graphs import set_status


def _started(ctx: JobContext) -> None:
    set_status(ctx.deps.db, ctx.scope, ctx.job.parent_id, "AVAILABLE")


def _failed(ctx: JobContext) -> None:
    set_status(ctx.deps.db, ctx.scope, ctx.job.parent_id, "STOPPED", ctx.job.status_reason)


SPEC.job_kind(JobKind(
    service=SERVICE, name=START_KIND, body=no_work, initial_status="STARTING", phases=("AVAILABLE",),
    failed_status="FAILED", recovery="retry", on_succeeded=_started, on_failed=_failed,
    min_phase_seconds={"STARTING": 10.0},
))  # fmt: skip
