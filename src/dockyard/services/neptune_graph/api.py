"""Neptune Analytics operations: one function per operation, registered on SPEC."""

from __future__ import annotations

from typing import Any

from dockyard.gateway.request_context import RequestContext
from dockyard.protocol.errors import AwsError
from dockyard.services.neptune_graph import SPEC, graph_lifecycle, graphs
from dockyard.services.pagination import paginate

Params = dict[str, Any]


@SPEC.operation("CreateGraph")
def create_graph(ctx: RequestContext, params: Params) -> dict[str, Any]:
    graph = graphs.new_graph(ctx, params)
    return graphs.view(graph_lifecycle.create(ctx, graph))


@SPEC.operation("GetGraph")
def get_graph(ctx: RequestContext, params: Params) -> dict[str, Any]:
    return graphs.view(graphs.load(ctx.runtime.db, ctx.scope, params["graphIdentifier"]))


@SPEC.operation("ListGraphs")
def list_graphs(ctx: RequestContext, params: Params) -> dict[str, Any]:
    items = ctx.runtime.db.list(ctx.scope, graphs.KIND)
    page, token = paginate(items, params.get("maxResults"), params.get("nextToken"), **SPEC.validation_fields)
    return {"graphs": [graphs.view(g, graphs.SUMMARY_MEMBERS) for g in page], "nextToken": token}


@SPEC.operation("UpdateGraph")
def update_graph(ctx: RequestContext, params: Params) -> dict[str, Any]:
    db = ctx.runtime.db
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
    db = ctx.runtime.db
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
    graph = ctx.runtime.db.get(ctx.scope, graphs.KIND, graph_id)
    if graph is None or graph["arn"] != arn:
        raise AwsError("ResourceNotFoundException", f"Resource {arn} not found")
    return graph


@SPEC.operation("TagResource")
def tag_resource(ctx: RequestContext, params: Params) -> dict[str, Any]:
    db = ctx.runtime.db
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
    db = ctx.runtime.db
    with db.transaction():
        graph = _graph_by_arn(ctx, params["resourceArn"])
        graph["tags"] = {k: v for k, v in graph.get("tags", {}).items() if k not in params["tagKeys"]}
        db.put(ctx.scope, graphs.KIND, graph["id"], graph)
    return {}


@SPEC.operation("ListTagsForResource")
def list_tags_for_resource(ctx: RequestContext, params: Params) -> dict[str, Any]:
    return {"tags": _graph_by_arn(ctx, params["resourceArn"]).get("tags", {})}
