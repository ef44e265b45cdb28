"""Export tasks: StartExportTask, GetExportTask, ListExportTasks, CancelExportTask."""

from __future__ import annotations

from typing import Any

from dockyard.service_kit import RequestContext, paginate
from dockyard.services.neptune_graph import SPEC
from dockyard.services.neptune_graph.resources import export_tasks
from dockyard.services.neptune_graph.resources.task_records import cancel_task

Params = dict[str, Any]


@SPEC.operation("StartExportTask")
def start_export_task(ctx: RequestContext, params: Params) -> dict[str, Any]:
    return export_tasks.start_view(export_tasks.start(ctx, params))


@SPEC.operation("GetExportTask")
def get_export_task(ctx: RequestContext, params: Params) -> dict[str, Any]:
    return export_tasks.detail_view(export_tasks.find(ctx, params["taskIdentifier"]))


@SPEC.operation("ListExportTasks")
def list_export_tasks(ctx: RequestContext, params: Params) -> dict[str, Any]:
    records = export_tasks.listed(ctx, params.get("graphIdentifier"))
    page, token = paginate(records, params.get("maxResults"), params.get("nextToken"), **SPEC.validation_fields)
    return {"tasks": [export_tasks.summary_view(r) for r in page], "nextToken": token}


@SPEC.operation("CancelExportTask")
def cancel_export_task(ctx: RequestContext, params: Params) -> dict[str, Any]:
    record = cancel_task(ctx, export_tasks.find(ctx, params["taskIdentifier"]), "Export task")
    return export_tasks.summary_view(record)
