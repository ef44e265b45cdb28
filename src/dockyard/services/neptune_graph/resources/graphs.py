"""Neptune Analytics graphs: the resource documents and their rules."""

from __future__ import annotations

import time
from typing import Any

from dockyard.service_kit import Database, RequestContext, Scope, random_id
from dockyard.services.neptune_graph.errors import conflict, graph_not_found, invalid, not_found
from dockyard.services.neptune_graph.resources.graph_compute import compute_settings

KIND = "graph"
UPDATABLE = ("publicConnectivity", "deletionProtection")
MAX_TAGS = 50


def new_graph(ctx: RequestContext, params: dict[str, Any], status: str = "CREATING") -> dict[str, Any]:
    graph_id = random_id(10, prefix="g-")
    name = params["graphName"]
    for existing in ctx.deps.db.list(ctx.scope, KIND):
        if existing["name"] == name:
            raise conflict(f"A graph with name {name} already exists.")
    return {
        "id": graph_id,
        "name": name,
        "arn": ctx.arn("neptune-graph", f"graph/{graph_id}"),
        "status": status,
        "createTime": time.time(),
        **compute_settings(params, required=True),
        "endpoint": f"{graph_id}.{ctx.region}.neptune-graph.amazonaws.com",
        "publicConnectivity": bool(params.get("publicConnectivity", False)),
        "vectorSearchConfiguration": params.get("vectorSearchConfiguration"),
        "replicaCount": params.get("replicaCount", 1),
        "kmsKeyIdentifier": params.get("kmsKeyIdentifier", "AWS_OWNED_KEY"),
        "deletionProtection": bool(params.get("deletionProtection", False)),
        "tags": params.get("tags") or {},
    }


def load(db: Database, scope: Scope, graph_id: str) -> dict[str, Any]:
    graph = db.get(scope, KIND, graph_id)
    if graph is None:
        raise graph_not_found(graph_id)
    return graph


def view(graph: dict[str, Any]) -> dict[str, Any]:
    """The graph as the API shows it: the serializer keeps only the members of each output shape
    (a GraphSummary of ListGraphs has fewer than GetGraph's output)."""
    return {k: v for k, v in graph.items() if v is not None}


def set_status(db: Database, scope: Scope, graph_id: str, status: str, reason: str | None = None) -> None:
    with db.transaction():
        graph = db.get(scope, KIND, graph_id)
        if graph is not None:
            graph["status"] = status
            graph["statusReason"] = reason
            db.put(scope, KIND, graph_id, graph)


def require_available(graph: dict[str, Any], action: str) -> None:
    if graph["status"] != "AVAILABLE":
        raise conflict(f"Graph {graph['id']} is in status {graph['status']}; {action} needs it AVAILABLE.")


STOPPED_STATUSES = ("STOPPING", "STOPPED", "STARTING")


def require_running(graph: dict[str, Any], operation: str) -> None:
    """Data-plane calls (GetGraphSummary, ExecuteQuery) need the graph's compute: a graph that is
    STOPPING, STOPPED or STARTING has none (docs/decisions.md)."""
    if graph["status"] in STOPPED_STATUSES:
        raise invalid(
            f"Graph {graph['id']} is {graph['status']}: {operation} needs a running graph. "
            "Start it with StartGraph and wait until it is AVAILABLE."
        )


def by_arn(db: Database, scope: Scope, arn: str) -> dict[str, Any]:
    """The graph a resource ARN names (TagResource and friends)."""
    graph = db.get(scope, KIND, arn.rsplit("/", 1)[-1])
    if graph is None or graph["arn"] != arn:
        raise not_found(f"Resource {arn} not found")
    return graph


def update(db: Database, scope: Scope, graph_id: str, params: dict[str, Any]) -> dict[str, Any]:
    """UpdateGraph: the settings given, on an AVAILABLE graph."""
    with db.transaction():
        graph = load(db, scope, graph_id)
        require_available(graph, "UpdateGraph")
        graph.update({key: params[key] for key in UPDATABLE if params.get(key) is not None})
        graph.update(compute_settings(params, required=False))
        db.put(scope, KIND, graph["id"], graph)
    return graph

