"""Neptune Analytics export operations: StartExportTask, GetExportTask, ListExportTasks, CancelExportTask."""

from __future__ import annotations

import copy
from typing import Any

from dockyard.jobs import JobRecord
from dockyard.protocol.errors import AwsError
from dockyard.service_kit import RequestContext, paginate
from dockyard.services.neptune_graph import SPEC, export_tasks, graphs
from dockyard.services.neptune_graph.export_filter import InvalidFilter, parse_filter
from dockyard.services.neptune_graph.export_layout import task_folder
from dockyard.services.neptune_graph.task_records import cancel_task, find_task

Params = dict[str, Any]
INPUT_FIELDS = ("roleArn", "format", "destination", "kmsKeyIdentifier", "parquetType", "exportFilter", "tags")


def _invalid(message: str) -> AwsError:
    return AwsError("ValidationException", message, reason="ILLEGAL_ARGUMENT")


def _check_start_params(params: Params) -> None:
    if params.get("parquetType") and params["format"] != "PARQUET":
        raise _invalid("parquetType can only be given when format is PARQUET.")
    try:
        task_folder(params["destination"], "t-0000000000")
    except ValueError as exc:
        raise _invalid(f"destination {params['destination']!r} is not an S3 URI (s3://bucket/prefix).") from exc
    try:
        parse_filter(params.get("exportFilter"))
    except InvalidFilter as exc:
        raise _invalid(f"Invalid exportFilter: {exc}") from exc


@SPEC.operation("StartExportTask")
def start_export_task(ctx: RequestContext, params: Params) -> dict[str, Any]:
    _check_start_params(params)
    graph = graphs.load(ctx.deps.db, ctx.scope, params["graphIdentifier"])
    graphs.require_available(graph, "an export")
    task_input = {k: copy.deepcopy(params[k]) for k in INPUT_FIELDS if params.get(k) is not None}
    jobs = ctx.deps.jobs
    record = jobs.start(jobs.kind("neptune-graph", export_tasks.KIND), scope=ctx.scope, input=task_input,
                        parent_id=graph["id"])
    return export_tasks.start_view(record)


def _task(ctx: RequestContext, task_id: str) -> JobRecord:
    return find_task(ctx, task_id, (export_tasks.KIND,), "Export task")


@SPEC.operation("GetExportTask")
def get_export_task(ctx: RequestContext, params: Params) -> dict[str, Any]:
    return export_tasks.detail_view(_task(ctx, params["taskIdentifier"]))


@SPEC.operation("ListExportTasks")
def list_export_tasks(ctx: RequestContext, params: Params) -> dict[str, Any]:
    graph_id = params.get("graphIdentifier")
    if graph_id is not None:
        graphs.load(ctx.deps.db, ctx.scope, graph_id)
    records = [
        r for r in ctx.deps.jobs.list(scope=ctx.scope)
        if r.kind == export_tasks.KIND and (graph_id is None or r.parent_id == graph_id)
    ]
    page, token = paginate(records, params.get("maxResults"), params.get("nextToken"), **SPEC.validation_fields)
    return {"tasks": [export_tasks.summary_view(r) for r in page], "nextToken": token}


@SPEC.operation("CancelExportTask")
def cancel_export_task(ctx: RequestContext, params: Params) -> dict[str, Any]:
    return export_tasks.summary_view(cancel_task(ctx, _task(ctx, params["taskIdentifier"]), "Export task"))


@SPEC.on_start
def _register_job_kinds(runtime: Any) -> None:
    runtime.jobs.register(*export_tasks.job_kinds(runtime))
