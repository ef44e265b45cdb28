"""Neptune Analytics operations: one function per operation, registered on SPEC."""

from __future__ import annotations

import time
from typing import Any

from dockyard.jobs import JobRecord
from dockyard.protocol.errors import AwsError
from dockyard.service_kit import RequestContext, paginate
from dockyard.services.neptune_graph import SPEC, graph_lifecycle, graphs, import_tasks
from dockyard.services.neptune_graph.graph_stores import graph_stores
from dockyard.services.neptune_graph.task_records import cancel_task, find_task

Params = dict[str, Any]


@SPEC.operation("CreateGraph")
def create_graph(ctx: RequestContext, params: Params) -> dict[str, Any]:
    graph = graphs.new_graph(ctx, params)
    return graphs.view(graph_lifecycle.create(ctx, graph))


@SPEC.operation("GetGraph")
def get_graph(ctx: RequestContext, params: Params) -> dict[str, Any]:
    return graphs.view(graphs.load(ctx.deps.db, ctx.scope, params["graphIdentifier"]))


@SPEC.operation("ListGraphs")
def list_graphs(ctx: RequestContext, params: Params) -> dict[str, Any]:
    items = ctx.deps.db.list(ctx.scope, graphs.KIND)
    page, token = paginate(items, params.get("maxResults"), params.get("nextToken"), **SPEC.validation_fields)
    return {"graphs": [graphs.view(g, graphs.SUMMARY_MEMBERS) for g in page], "nextToken": token}


@SPEC.operation("UpdateGraph")
def update_graph(ctx: RequestContext, params: Params) -> dict[str, Any]:
    db = ctx.deps.db
    with db.transaction():
        graph = graphs.load(db, ctx.scope, params["graphIdentifier"])
        graphs.require_available(graph, "UpdateGraph")
        for key in ("publicConnectivity", "provisionedMemory", "deletionProtection"):
            if params.get(key) is not None:
                graph[key] = params[key]
        db.put(ctx.scope, graphs.KIND, graph["id"], graph)
    return graphs.view(graph)


@SPEC.operation("DeleteGraph")
def delete_graph(ctx: RequestContext, params: Params) -> dict[str, Any]:
    db = ctx.deps.db
    graph = graphs.load(db, ctx.scope, params["graphIdentifier"])
    if graph.get("deletionProtection"):
        raise AwsError(
            "ValidationException",
            f"Graph {graph['id']} has deletion protection enabled; "
            "call UpdateGraph with deletionProtection=false before deleting it.",
            reason="ILLEGAL_ARGUMENT",
        )
    if graph["status"] in ("DELETING", "IMPORTING", "CREATING"):
        raise AwsError(
            "ConflictException",
            f"Graph {graph['id']} is in status {graph['status']} and cannot be deleted now.",
            reason="CONCURRENT_MODIFICATION",
        )
    return graphs.view(graph_lifecycle.delete(ctx, graph))


def _graph_by_arn(ctx: RequestContext, arn: str) -> dict[str, Any]:
    graph_id = arn.rsplit("/", 1)[-1]
    graph = ctx.deps.db.get(ctx.scope, graphs.KIND, graph_id)
    if graph is None or graph["arn"] != arn:
        raise AwsError("ResourceNotFoundException", f"Resource {arn} not found")
    return graph


@SPEC.operation("TagResource")
def tag_resource(ctx: RequestContext, params: Params) -> dict[str, Any]:
    db = ctx.deps.db
    with db.transaction():
        graph = _graph_by_arn(ctx, params["resourceArn"])
        graph["tags"] = {**graph.get("tags", {}), **params["tags"]}
        if len(graph["tags"]) > 50:
            raise AwsError("ValidationException", "A resource can have at most 50 tags.",
                           reason="CONSTRAINT_VIOLATION")
        db.put(ctx.scope, graphs.KIND, graph["id"], graph)
    return {}


@SPEC.operation("UntagResource")
def untag_resource(ctx: RequestContext, params: Params) -> dict[str, Any]:
    db = ctx.deps.db
    with db.transaction():
        graph = _graph_by_arn(ctx, params["resourceArn"])
        graph["tags"] = {k: v for k, v in graph.get("tags", {}).items() if k not in params["tagKeys"]}
        db.put(ctx.scope, graphs.KIND, graph["id"], graph)
    return {}


@SPEC.operation("ListTagsForResource")
def list_tags_for_resource(ctx: RequestContext, params: Params) -> dict[str, Any]:
    return {"tags": _graph_by_arn(ctx, params["resourceArn"]).get("tags", {})}


# -- import tasks ---------------------------------------------------------------------------------
def _import_input(params: Params) -> dict[str, Any]:
    fields = ("source", "format", "parquetType", "blankNodeHandling", "failOnError", "roleArn", "importOptions")
    return {k: params[k] for k in fields if params.get(k) is not None}


def _check_import_params(params: Params) -> None:
    if params.get("format") == "NTRIPLES" and params.get("blankNodeHandling") != "convertToIri":
        raise AwsError("ValidationException", "blankNodeHandling must be convertToIri when format is NTRIPLES.",
                       reason="ILLEGAL_ARGUMENT")
    if params.get("parquetType") and params.get("format") not in (None, "PARQUET"):
        raise AwsError("ValidationException", "parquetType can only be given when format is PARQUET.",
                       reason="ILLEGAL_ARGUMENT")


@SPEC.operation("StartImportTask")
def start_import_task(ctx: RequestContext, params: Params) -> dict[str, Any]:
    _check_import_params(params)
    db = ctx.deps.db
    graph = graphs.load(db, ctx.scope, params["graphIdentifier"])
    graphs.require_available(graph, "an import")
    if not graph_stores(ctx.deps).get(graph["id"]).is_empty():
        raise AwsError("ValidationException",
                       f"Graph {graph['id']} is not empty. Bulk import needs an empty graph: call ResetGraph first.",
                       reason="ILLEGAL_ARGUMENT")
    jobs = ctx.deps.jobs
    with db.transaction():  # the graph shows IMPORTING from this call on; the job's end waits for it
        graph_lifecycle.set_status(db, ctx.scope, graph["id"], "IMPORTING")
        record = jobs.start(jobs.kind("neptune-graph", import_tasks.START_KIND), scope=ctx.scope,
                            input=_import_input(params), parent_id=graph["id"])
    return import_tasks.summary_view(record)


@SPEC.operation("CreateGraphUsingImportTask")
def create_graph_using_import_task(ctx: RequestContext, params: Params) -> dict[str, Any]:
    _check_import_params(params)
    graph = graphs.new_graph(ctx, {**params, "provisionedMemory": params.get("maxProvisionedMemory") or 128})
    with ctx.deps.db.transaction():
        ctx.deps.db.put(ctx.scope, graphs.KIND, graph["id"], graph)
        jobs = ctx.deps.jobs
        record = jobs.start(jobs.kind("neptune-graph", import_tasks.CREATE_KIND), scope=ctx.scope,
                            input=_import_input(params), parent_id=graph["id"])
    return import_tasks.summary_view(record)


def _task(ctx: RequestContext, task_id: str) -> JobRecord:
    return find_task(ctx, task_id, import_tasks.KINDS, "Import task")


@SPEC.operation("GetImportTask")
def get_import_task(ctx: RequestContext, params: Params) -> dict[str, Any]:
    return import_tasks.detail_view(_task(ctx, params["taskIdentifier"]))


@SPEC.operation("ListImportTasks")
def list_import_tasks(ctx: RequestContext, params: Params) -> dict[str, Any]:
    records = [r for r in ctx.deps.jobs.list(scope=ctx.scope) if r.kind in import_tasks.KINDS]
    page, token = paginate(records, params.get("maxResults"), params.get("nextToken"), **SPEC.validation_fields)
    return {"tasks": [import_tasks.summary_view(r) for r in page], "nextToken": token}


@SPEC.operation("CancelImportTask")
def cancel_import_task(ctx: RequestContext, params: Params) -> dict[str, Any]:
    return import_tasks.summary_view(cancel_task(ctx, _task(ctx, params["taskIdentifier"]), "Import task"))


@SPEC.operation("ResetGraph")
def reset_graph(ctx: RequestContext, params: Params) -> dict[str, Any]:
    graph = graphs.load(ctx.deps.db, ctx.scope, params["graphIdentifier"])
    graphs.require_available(graph, "ResetGraph")
    return graphs.view(graph_lifecycle.reset(ctx, graph))


@SPEC.operation("GetGraphSummary")
def get_graph_summary(ctx: RequestContext, params: Params) -> dict[str, Any]:
    graph = graphs.load(ctx.deps.db, ctx.scope, params["graphIdentifier"])
    store = graph_stores(ctx.deps).get(graph["id"])
    return {
        "version": "v1",
        "lastStatisticsComputationTime": time.time(),
        "graphSummary": store.summary(detailed=params.get("mode") == "DETAILED"),
    }


@SPEC.on_start
def _register_job_kinds(runtime: Any) -> None:
    runtime.jobs.register(*graph_lifecycle.job_kinds(runtime), *import_tasks.job_kinds(runtime))
from dockyard.services.neptune_graph import export_api, query_api  # noqa: E402,F401  (registers export, query ops)
