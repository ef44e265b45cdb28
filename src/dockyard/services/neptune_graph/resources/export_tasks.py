"""Neptune Analytics export tasks: starting one and the task as GetExportTask / ListExportTasks show
it. The job (``jobs/export_task.py``): INITIALIZING -> EXPORTING -> SUCCEEDED / FAILED,
CANCELLING -> CANCELLED.
"""

from __future__ import annotations

import copy
from typing import Any

from dockyard.service_kit import JobRecord, RequestContext
from dockyard.services.neptune_graph.errors import invalid
from dockyard.services.neptune_graph.resources import graphs
from dockyard.services.neptune_graph.resources.export_filter import InvalidFilter, parse_filter
from dockyard.services.neptune_graph.resources.export_layout import task_folder
from dockyard.services.neptune_graph.resources.task_records import find_task, task_fields, timing

SERVICE = "neptune-graph"
KIND = "export-task"
SUMMARY_FIELDS = ("roleArn", "format", "destination", "kmsKeyIdentifier", "parquetType")
INPUT_FIELDS = ("roleArn", "format", "destination", "kmsKeyIdentifier", "parquetType", "exportFilter", "tags")


def check_params(params: dict[str, Any]) -> None:
    if params.get("parquetType") and params["format"] != "PARQUET":
        raise invalid("parquetType can only be given when format is PARQUET.")
    try:
        task_folder(params["destination"], "t-0000000000")
    except ValueError as exc:
        raise invalid(f"destination {params['destination']!r} is not an S3 URI (s3://bucket/prefix).") from exc
    try:
        parse_filter(params.get("exportFilter"))
    except InvalidFilter as exc:
        raise invalid(f"Invalid exportFilter: {exc}") from exc


def start(ctx: RequestContext, params: dict[str, Any]) -> JobRecord:
    check_params(params)
    graph = graphs.load(ctx.deps.db, ctx.scope, params["graphIdentifier"])
    graphs.require_available(graph, "an export")
    task_input = {k: copy.deepcopy(params[k]) for k in INPUT_FIELDS if params.get(k) is not None}
    jobs = ctx.deps.jobs
    return jobs.start(jobs.kind(SERVICE, KIND), scope=ctx.scope, input=task_input, parent_id=graph["id"])


def find(ctx: RequestContext, task_id: str) -> JobRecord:
    return find_task(ctx, task_id, (KIND,), "Export task")


def listed(ctx: RequestContext, graph_id: str | None) -> list[JobRecord]:
    """The export tasks of the caller (of one graph, which must exist, when ``graph_id`` is given)."""
    if graph_id is not None:
        graphs.load(ctx.deps.db, ctx.scope, graph_id)
    return [
        r for r in ctx.deps.jobs.list(scope=ctx.scope)
        if r.kind == KIND and (graph_id is None or r.parent_id == graph_id)
    ]


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
