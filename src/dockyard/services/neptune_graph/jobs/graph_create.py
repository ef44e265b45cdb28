"""``graph-create``: CREATING -> AVAILABLE."""

from dockyard.service_kit import JobContext, JobKind, no_work
from dockyard.services.neptune_graph import SPEC
from dockyard.services.neptune_graph.resources.graph_lifecycle import CREATE_KIND, SERVICE
from dockyard.services.neptune_graph.resources.graphs import set_status


def _created(ctx: JobContext) -> None:
    set_status(ctx.deps.db, ctx.scope, ctx.job.parent_id, "AVAILABLE")


SPEC.job_kind(JobKind(
    service=SERVICE, name=CREATE_KIND, body=no_work, initial_status="CREATING", phases=("AVAILABLE",),
    failed_status="FAILED", recovery="retry", on_succeeded=_created, min_phase_seconds={"CREATING": 5.0},
))  # fmt: skip
