"""``endpoint-create`` (CreatePrivateGraphEndpoint; the job id is the vpcEndpointId, the graph its
parent): CREATING -> AVAILABLE, FAILED on failure."""

from collections.abc import Callable

from dockyard.service_kit import JobContext, JobKind, no_work
from dockyard.services.neptune_graph import SPEC
from dockyard.services.neptune_graph.resources import private_endpoints


def _status(status: str) -> Callable[[JobContext], None]:
    def hook(ctx: JobContext) -> None:
        private_endpoints.set_status(ctx.deps.db, ctx.scope, ctx.job.parent_id, ctx.input["vpcId"], status)

    return hook


SPEC.job_kind(JobKind(
    service=private_endpoints.SERVICE, name=private_endpoints.CREATE_KIND, body=no_work,
    initial_status="CREATING", phases=("AVAILABLE",), failed_status="FAILED", recovery="retry",
    on_succeeded=_status("AVAILABLE"), on_failed=_status("FAILED"), min_phase_seconds={"CREATING": 5.0},
))  # fmt: skip
