"""``snapshot-delete`` (DeleteGraphSnapshot; the snapshot is the parent): DELETING -> gone with its
data. A failed delete gives the snapshot back its previous status."""

from dockyard.service_kit import JobContext, JobKind, no_work
from dockyard.services.neptune_graph import SPEC
from dockyard.services.neptune_graph.resources import snapshots


def _deleted(ctx: JobContext) -> None:
    snapshots.drop_data(ctx.deps, ctx.job.parent_id)
    ctx.deps.db.delete(ctx.scope, snapshots.KIND, ctx.job.parent_id)


def _failed(ctx: JobContext) -> None:
    snapshots.set_status(ctx.deps.db, ctx.scope, ctx.job.parent_id, ctx.input.get("previousStatus", "AVAILABLE"))


SPEC.job_kind(JobKind(
    service=snapshots.SERVICE, name=snapshots.DELETE_KIND, body=no_work, initial_status="DELETING",
    phases=("DELETED",), failed_status="FAILED", recovery="retry", on_succeeded=_deleted, on_failed=_failed,
    min_phase_seconds={"DELETING": 3.0},
))  # fmt: skip
