"""Neptune Analytics export tasks: the job (INITIALIZING -> EXPORTING -> SUCCEEDED / FAILED,
CANCELLING -> CANCELLED) and the task as GetExportTask / ListExportTasks show it.

The body reads one immutable snapshot of the graph (the graph stays AVAILABLE and readable, imports
are refused as usual because the graph is not empty) and writes the file sets of
``export_writers.group_plan`` under ``<destination>/<taskId>/`` (``export_layout``). Files are
uploaded as they are completed; a failed or cancelled task deletes every object under its folder.
"""

from __future__ import annotations

import logging
import tempfile
from pathlib import Path
from typing import Any

from dockyard.blobs import S3Location
from dockyard.jobs import JobContext, JobKind, JobRecord, LimitError
from dockyard.service_kit import random_id
from dockyard.services.neptune_graph.export_filter import parse_filter
from dockyard.services.neptune_graph.export_layout import file_bytes_threshold, file_location, task_folder
from dockyard.services.neptune_graph.export_writers.csv_writer import write_csv
from dockyard.services.neptune_graph.export_writers.file_set import FileSet
from dockyard.services.neptune_graph.export_writers.group_plan import plan_export
from dockyard.services.neptune_graph.export_writers.group_tables import build_group
from dockyard.services.neptune_graph.export_writers.parquet_writer import write_parquet
from dockyard.services.neptune_graph.graph_stores import graph_stores
from dockyard.services.neptune_graph.task_records import task_fields, timing

log = logging.getLogger(__name__)

SERVICE = "neptune-graph"
KIND = "export-task"
BATCH_ROWS = 1 << 17
SUMMARY_FIELDS = ("roleArn", "format", "destination", "kmsKeyIdentifier", "parquetType")
WRITERS = {"CSV": write_csv, "PARQUET": write_parquet}


def job_kinds(runtime: Any) -> list[JobKind]:
    def body(ctx: JobContext) -> None:
        _run(runtime, ctx)

    def remove_files(ctx: JobContext) -> None:
        _delete_folder(runtime, task_folder(ctx.input["destination"], ctx.job_id))

    return [
        JobKind(
            service=SERVICE,
            name=KIND,
            body=body,
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
            on_failed=remove_files,
            on_cancelled=remove_files,
        )
    ]


def _delete_folder(runtime: Any, folder: S3Location) -> None:
    blobs = runtime.blobs
    try:
        if not blobs.bucket_exists(folder.bucket):
            return
        for obj in list(blobs.list_objects(folder)):
            blobs.delete(S3Location(folder.bucket, obj.key))
    except Exception:  # cleanup is best effort; the task's outcome stands
        log.exception("could not remove the files of export folder %s", folder.uri)


def _run(runtime: Any, ctx: JobContext) -> None:
    params = ctx.input
    folder = task_folder(params["destination"], ctx.job_id)
    if not runtime.blobs.bucket_exists(folder.bucket):
        ctx.fail(f"The S3 bucket {folder.bucket!r} of destination {params['destination']} does not exist.")
    if ctx.attempt > 1:
        _delete_folder(runtime, folder)  # a restart re-runs the export from the start
    view = graph_stores(runtime).get(ctx.job.parent_id).view()
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
                    runtime.blobs.upload(target, fh)

            files = FileSet(Path(tmp), "part", threshold, publish)
            write(table, files, BATCH_ROWS, lambda rows, e=group.element: on_rows(e, rows))
    ctx.details(numVerticesWritten=plan.distinct_vertices, numEdgesWritten=plan.edge_rows)
    ctx.artifact("folder", folder.uri)
    ctx.progress(100.0)


# -- the task as the API shows it -------------------------------------------------------------------
def summary_view(record: JobRecord) -> dict[str, Any]:
    """ExportTaskSummary (also the output of CancelExportTask)."""
    out = task_fields(record, SUMMARY_FIELDS)
    if record.status_reason:
        out["statusReason"] = record.status_reason
    return out


def start_view(record: JobRecord) -> dict[str, Any]:
    """StartExportTask's output: the summary plus the filter."""
    out = summary_view(record)
    if record.input.get("exportFilter") is not None:
        out["exportFilter"] = record.input["exportFilter"]
    return out


def detail_view(record: JobRecord) -> dict[str, Any]:
    """GetExportTask's output: live ``exportTaskDetails`` once the task has started."""
    out = start_view(record)
    if record.started_at is not None:
        d = record.details
        out["exportTaskDetails"] = {
            **timing(record),
            "numVerticesWritten": int(d.get("numVerticesWritten", 0)),
            "numEdgesWritten": int(d.get("numEdgesWritten", 0)),
        }
    return out
