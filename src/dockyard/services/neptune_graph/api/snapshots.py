"""Graph snapshots: CreateGraphSnapshot, GetGraphSnapshot, ListGraphSnapshots, DeleteGraphSnapshot,
RestoreGraphFromSnapshot."""

from __future__ import annotations

from typing import Any

from dockyard.service_kit import RequestContext, paginate
from dockyard.services.neptune_graph import SPEC
from dockyard.services.neptune_graph.resources import graphs, snapshots

Params = dict[str, Any]


@SPEC.operation("CreateGraphSnapshot")
def create_graph_snapshot(ctx: RequestContext, params: Params) -> dict[str, Any]:
    return snapshots.view(snapshots.create(ctx, params))


@SPEC.operation("GetGraphSnapshot")
def get_graph_snapshot(ctx: RequestContext, params: Params) -> dict[str, Any]:
    return snapshots.view(snapshots.load(ctx.deps.db, ctx.scope, params["snapshotIdentifier"]))


@SPEC.operation("ListGraphSnapshots")
def list_graph_snapshots(ctx: RequestContext, params: Params) -> dict[str, Any]:
    items = snapshots.listed(ctx, params.get("graphIdentifier"))
    page, token = paginate(items, params.get("maxResults"), params.get("nextToken"), **SPEC.validation_fields)
    return {"graphSnapshots": [snapshots.view(s) for s in page], "nextToken": token}


@SPEC.operation("DeleteGraphSnapshot")
def delete_graph_snapshot(ctx: RequestContext, params: Params) -> dict[str, Any]:
    return snapshots.view(snapshots.delete(ctx, params["snapshotIdentifier"]))


@SPEC.operation("RestoreGraphFromSnapshot")
def restore_graph_from_snapshot(ctx: RequestContext, params: Params) -> dict[str, Any]:
    return graphs.view(snapshots.restore(ctx, params))
