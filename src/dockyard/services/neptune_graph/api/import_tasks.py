"""Import tasks: StartImportTask, CreateGraphUsingImportTask, GetImportTask, ListImportTasks,
CancelImportTask."""

from __future__ import annotations

from typing import Any

from dockyard.service_kit import RequestContext, paginate
from dockyard.services.neptune_graph import SPEC
from dockyard.services.neptune_graph.resources import import_tasks
from dockyard.services.neptune_graph.resources.task_records import cancel_task

Params = dict[str, Any]


@SPEC.operation("StartImportTask")
def start_import_task(ctx: RequestContext, params: Params) -> dict[str, Any]:
    return import_tasks.summary_view(import_tasks.start(ctx, params))


@SPEC.operation("CreateGraphUsingImportTask")
def create_graph_using_import_task(ctx: RequestContext, params: Params) -> dict[str, Any]:
    return import_tasks.summary_view(import_tasks.create_graph(ctx, params))


@SPEC.operation("GetImportTask")
def get_import_task(ctx: RequestContext, params: Params) -> dict[str, Any]:
    return import_tasks.detail_view(import_tasks.find(ctx, params["taskIdentifier"]))


@SPEC.operation("ListImportTasks")
def list_import_tasks(ctx: RequestContext, params: Params) -> dict[str, Any]:
    records = import_tasks.listed(ctx)
    page, token = paginate(records, params.get("maxResults"), params.get("nextToken"), **SPEC.validation_fields)
    return {"tasks": [import_tasks.summary_view(r) for r in page], "nextToken": token}


@SPEC.operation("CancelImportTask")
def cancel_import_task(ctx: RequestContext, params: Params) -> dict[str, Any]:
    record = cancel_task(ctx, import_tasks.find(ctx, params["taskIdentifier"]), "Import task")
    return import_tasks.summary_view(record)
