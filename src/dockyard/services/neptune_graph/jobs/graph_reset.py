"""``graph-reset``: RESETTING -> AVAILABLE, empty."""

from dockyard.service_kit import JobContext, JobKind
from dockyard.services.neptune_graph import SPEC
from dockyard.services.neptune_graph.resources.graph_lifecycle import RESET_KIND, SERVICE, set_status
from dockyard.services.neptune_graph.resources.graph_stores import graph_stores


def _body(ctx: JobContext) -> None:
    graph_stores(ctx.deps).get(ctx.job.parent_id).reset()


def _done(ctx: JobContext) -> None:
    set_status(ctx.deps.db, ctx.scope, ctx.job.parent_id, "AVAILABLE")


SPEC.job_kind(JobKind(
    service=SERVICE, name=RESET_KIND, body=_body, initial_status="RESETTING", phases=("AVAILABLE",),
    failed_status="FAILED", recovery="retry", on_succeeded=_done, on_failed=_done,
    min_phase_seconds={"RESETTING": 2.0},
))  # fmt: skip
