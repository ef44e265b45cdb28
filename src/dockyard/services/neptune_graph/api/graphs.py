"""Graphs: CreateGraph, GetGraph, ListGraphs, UpdateGraph, DeleteGraph, ResetGraph, StopGraph, StartGraph."""

from __future__ import annotations

from typing import Any

from dockyard.service_kit import RequestContext, paginate
from dockyard.services.neptune_graph import SPEC
from dockyard.services.neptune_graph.resources import graph_lifecycle, graphs

Params = dict[str, Any]


@SPEC.operation("CreateGraph")
def create_graph(ctx: RequestContext, params: Params) -> dict[str, Any]:
    return graphs.view(graph_lifecycle.create(ctx, graphs.new_graph(ctx, params)))


@SPEC.operation("GetGraph")
def get_graph(ctx: RequestContext, params: Params) -> dict[str, Any]:
    return graphs.view(graphs.load(ctx.deps.db, ctx.scope, params["graphIdentifier"]))


@SPEC.operation("ListGraphs")
def list_graphs(ctx: RequestContext, params: Params) -> dict[str, Any]:
    items = ctx.deps.db.list(ctx.scope, graphs.KIND)
    page, token = paginate(items, params.get("maxResults"), params.get("nextToken"), **SPEC.validation_fields)
    return {"graphs": [graphs.view(g) for g in page], "nextToken": token}


@SPEC.operation("UpdateGraph")
def update_graph(ctx: RequestContext, params: Params) -> dict[str, Any]:
    return graphs.view(graphs.update(ctx.deps.db, ctx.scope, params["graphIdentifier"], params))


@SPEC.operation("DeleteGraph")
def delete_graph(ctx: RequestContext, params: Params) -> dict[str, Any]:
    return graphs.view(graph_lifecycle.delete(ctx, params["graphIdentifier"], params["skipSnapshot"]))


@SPEC.operation("ResetGraph")
def reset_graph(ctx: RequestContext, params: Params) -> dict[str, Any]:
    return graphs.view(graph_lifecycle.reset(ctx, params["graphIdentifier"], params["skipSnapshot"]))


@SPEC.operation("StopGraph")
def stop_graph(ctx: RequestContext, params: Params) -> dict[str, Any]:
    return graphs.view(graph_lifecycle.stop(ctx, params["graphIdentifier"]))


@SPEC.operation("StartGraph")
def start_graph(ctx: RequestContext, params: Params) -> dict[str, Any]:
    return graphs.view(graph_lifecycle.start(ctx, params["graphIdentifier"]))
