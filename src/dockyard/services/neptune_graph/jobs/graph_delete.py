"""``graph-delete``: DELETING -> gone (the document and the graph's data)."""

from dockyard.service_kit import JobContext, JobKind
from dockyard.services.neptune_graph import SPEC
from dockyard.services.neptune_graph.resources import graphs
from dockyard.services.neptune_graph.resources.graph_lifecycle import DELETE_KIND, SERVICE
from dockyard.services.neptune_graph.resources.graph_stores import graph_stores


def _nothing(ctx: JobContext) -> None:
    return None


def _deleted(ctx: JobContext) -> None:
    ctx.deps.db.delete(ctx.scope, graphs.KIND, ctx.job.parent_id)
    graph_stores(ctx.deps).drop(ctx.job.parent_id)


SPEC.job_kind(JobKind(
    service=SERVICE, name=DELETE_KIND, body=_nothing, initial_status="DELETING", phases=("DELETED",),
    failed_status="FAILED", recovery="retry", on_succeeded=_deleted, min_phase_seconds={"DELETING": 3.0},
))  # fmt: skip
