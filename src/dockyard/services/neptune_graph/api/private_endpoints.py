"""Private graph endpoints: CreatePrivateGraphEndpoint, GetPrivateGraphEndpoint,
ListPrivateGraphEndpoints, DeletePrivateGraphEndpoint."""

from __future__ import annotations

from typing import Any

from dockyard.service_kit import RequestContext, paginate
from dockyard.services.neptune_graph import SPEC
from dockyard.services.neptune_graph.resources import private_endpoints

Params = dict[str, Any]


@SPEC.operation("CreatePrivateGraphEndpoint")
def create_private_graph_endpoint(ctx: RequestContext, params: Params) -> dict[str, Any]:
    return private_endpoints.create(ctx, params)


@SPEC.operation("GetPrivateGraphEndpoint")
def get_private_graph_endpoint(ctx: RequestContext, params: Params) -> dict[str, Any]:
    return private_endpoints.load(ctx.deps.db, ctx.scope, params["graphIdentifier"], params["vpcId"])


@SPEC.operation("ListPrivateGraphEndpoints")
def list_private_graph_endpoints(ctx: RequestContext, params: Params) -> dict[str, Any]:
    items = private_endpoints.listed(ctx, params["graphIdentifier"])
    page, token = paginate(items, params.get("maxResults"), params.get("nextToken"), **SPEC.validation_fields)
    return {"privateGraphEndpoints": page, "nextToken": token}


@SPEC.operation("DeletePrivateGraphEndpoint")
def delete_private_graph_endpoint(ctx: RequestContext, params: Params) -> dict[str, Any]:
    return private_endpoints.delete(ctx, params["graphIdentifier"], params["vpcId"])
