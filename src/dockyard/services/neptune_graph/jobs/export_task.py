"""``export-task`` (StartExportTask): write one snapshot of the graph under ``<destination>/<taskId>/``.

The body reads one immutable snapshot of the graph (the graph stays AVAILABLE and readable, imports
are refused as usual because the graph is not empty) and writes the file sets of
``formats.export_writers.group_plan`` (``resources.export_layout``). Files are uploaded as they are
completed; a failed or cancelled task deletes every object under its folder.
"""

from __future__ import annotations

import logging
import tempfile
from pathlib import Path
from typing import Any

from dockyard.service_kit import JobContext, JobKind, LimitError, S3Location, ServiceDeps, random_id
from dockyard.services.neptune_graph import SPEC
from dockyard.services.neptune_graph.formats.export_writers.csv_writer import write_csv
from dockyard.services.neptune_graph.formats.export_writers.file_set import FileSet
from dockyard.services.neptune_graph.formats.export_writers.group_plan import plan_export
from dockyard.services.neptune_graph.formats.export_writers.group_tables import build_group
from dockyard.services.neptune_graph.formats.export_writers.parquet_writer import write_parquet
from dockyard.services.neptune_graph.resources.export_filter import parse_filter
from dockyard.services.neptune_graph.resources.export_layout import file_bytes_threshold, file_location, task_folder
from dockyard.services.neptune_graph.resources.export_tasks import KIND, SERVICE
from dockyard.services.neptune_graph.resources.graph_stores import graph_stores

log = logging.getLogger(__name__)

BATCH_ROWS = 1 << 17
WRITERS = {"CSV": write_csv, "PARQUET": write_parquet}


def _delete_folder(deps: ServiceDeps, folder: S3Location) -> None:
    blobs = deps.blobs
    try:
        if not blobs.bucket_exists(folder.bucket):
            return
        for obj in list(blobs.list_objects(folder)):
            blobs.delete(S3Location(folder.bucket, obj.key))
    except Exception:  # cleanup is best effort; the task's outcome stands
        log.exception("could not remove the files of export folder %s", folder.uri)


def _remove_files(ctx: JobContext) -> None:
    _delete_folder(ctx.deps, task_folder(ctx.input["destination"], ctx.job_id))


def _run(ctx: JobContext) -> None:
    deps: ServiceDeps = ctx.deps
    params = ctx.input
    folder = task_folder(params["destination"], ctx.job_id)
    if not deps.blobs.bucket_exists(folder.bucket):
        ctx.fail(f"The S3 bucket {folder.bucket!r} of destination {params['destination']} does not exist.")
    if not deps.blobs.account_may(ctx.scope.account, "s3:PutObject", folder):
        ctx.fail(f"Access Denied: account {ctx.scope.account} is not authorized to perform s3:PutObject on "
                 f"arn:aws:s3:::{folder.bucket}/{folder.key} (destination {params['destination']}): the bucket "
                 "belongs to another account and its bucket policy does not grant it.")
    if ctx.attempt > 1:
        _delete_folder(deps, folder)  # a restart re-runs the export from the start
    view = graph_stores(deps).get(ctx.job.parent_id).view()
    plan = plan_export(view, parse_filter(params.get("exportFilter")))
    ctx.details(numVerticesWritten=0, numEdgesWritten=0)
    ctx.phase("EXPORTING")
    fmt = params["format"]
    write = WRITERS[fmt]
    threshold = file_bytes_threshold()
    written = {"vertices": 0, "edges": 0}

    def on_rows(element: str, rows: int) -> None:  # once per batch: cheap, records are coalesced
        written[element] += rows
        done = written["vertices"] + written["edges"]
        ctx.details(
            numVerticesWritten=min(written["vertices"], plan.distinct_vertices),
            numEdgesWritten=written["edges"],
        )
        ctx.progress(100.0 * done / plan.total_rows if plan.total_rows else 100.0)

    with tempfile.TemporaryDirectory(prefix="dockyard-export-") as tmp:
        for group in plan.groups:
            ctx.check_cancelled()
            if group.num_rows == 0:
                continue
            table = build_group(view, group)

            def publish(index: int, path: Path, group: Any = group) -> None:
                target = file_location(folder, group.element, group.group_dir, index, fmt)
                with open(path, "rb") as fh:
                    deps.blobs.upload(target, fh)

            files = FileSet(Path(tmp), "part", threshold, publish)
            write(table, files, BATCH_ROWS, lambda rows, e=group.element: on_rows(e, rows))
    ctx.details(numVerticesWritten=plan.distinct_vertices, numEdgesWritten=plan.edge_rows)
    ctx.artifact("folder", folder.uri)
    ctx.progress(100.0)


SPEC.job_kind(JobKind(
    service=SERVICE,
    name=KIND,
    body=_run,
    initial_status="INITIALIZING",
    phases=("EXPORTING", "SUCCEEDED"),
    failed_status="FAILED",
    cancelling_status="CANCELLING",
    cancelled_status="CANCELLED",
    recovery="retry",
    min_phase_seconds={"INITIALIZING": 2.0, "EXPORTING": 5.0, "CANCELLING": 2.0},
    max_running_per_parent=1,
    parent_limit_error=LimitError(
        "ConflictException",
        "An export task ({active_id}) is already running on graph {parent}.",
        fields={"reason": "CONCURRENT_MODIFICATION"},
    ),
    concurrency_group="export",
    id_factory=lambda: random_id(10, prefix="t-"),
    on_failed=_remove_files,
    on_cancelled=_remove_files,
))  # fmt: skip
