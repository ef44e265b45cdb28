"""``endpoint-delete`` (DeletePrivateGraphEndpoint; the graph is the parent): DELETING -> gone. A
failed delete gives the endpoint back its previous status."""

from dockyard.service_kit import JobContext, JobKind, no_work
from dockyard.services.neptune_graph import SPEC
from dockyard.services.neptune_graph.resources import private_endpoints


def _deleted(ctx: JobContext) -> None:
    private_endpoints.remove(ctx.deps.db, ctx.scope, ctx.job.parent_id, ctx.input["vpcId"])


def _failed(ctx: JobContext) -> None:
    previous = ctx.input.get("previousStatus", "AVAILABLE")
    private_endpoints.set_status(ctx.deps.db, ctx.scope, ctx.job.parent_id, ctx.input["vpcId"], previous)


SPEC.job_kind(JobKind(
    service=private_endpoints.SERVICE, name=private_endpoints.DELETE_KIND, body=no_work,
    initial_status="DELETING", phases=("DELETED",), failed_status="FAILED", recovery="retry",
    on_succeeded=_deleted, on_failed=_failed, min_phase_seconds={"DELETING": 3.0},
))  # fmt: skip
