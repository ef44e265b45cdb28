"""``graph-stop``: STOPPING -> STOPPED (StopGraph). A failed stop leaves the graph AVAILABLE."""

from dockyard.service_kit import JobContext, JobKind, no_work
from dockyard.services.neptune_graph import SPEC
from dockyard.services.neptune_graph.resources.graph_lifecycle import SERVICE, STOP_KIND
from dockyard.services.neptune_graph.resources.graphs import set_status


def _stopped(ctx: JobContext) -> None:
    set_status(ctx.deps.db, ctx.scope, ctx.job.parent_id, "STOPPED")


def _failed(ctx: JobContext) -> None:
    set_status(ctx.deps.db, ctx.scope, ctx.job.parent_id, "AVAILABLE", ctx.job.status_reason)


SPEC.job_kind(JobKind(
    service=SERVICE, name=STOP_KIND, body=no_work, initial_status="STOPPING", phases=("STOPPED",),
    failed_status="FAILED", recovery="retry", on_succeeded=_stopped, on_failed=_failed,
    min_phase_seconds={"STOPPING": 5.0},
))  # fmt: skip
