"""Neptune Analytics graphs: the resource documents and their rules."""

from __future__ import annotations

import time
from typing import Any

from dockyard.protocol.errors import AwsError
from dockyard.service_kit import RequestContext, random_id
from dockyard.store import Database, Scope

KIND = "graph"
SUMMARY_MEMBERS = (
    "id", "name", "arn", "status", "provisionedMemory", "publicConnectivity", "endpoint",
    "replicaCount", "kmsKeyIdentifier", "deletionProtection",
)  # fmt: skip
DETAIL_MEMBERS = (*SUMMARY_MEMBERS, "statusReason", "createTime", "vectorSearchConfiguration",
                  "sourceSnapshotId", "buildNumber")  # fmt: skip


def not_found(graph_id: str) -> AwsError:
    return AwsError("ResourceNotFoundException", f"Graph {graph_id} not found")


def new_graph(ctx: RequestContext, params: dict[str, Any], status: str = "CREATING") -> dict[str, Any]:
    graph_id = random_id(10, prefix="g-")
    name = params["graphName"]
    for existing in ctx.deps.db.list(ctx.scope, KIND):
        if existing["name"] == name:
            raise AwsError("ConflictException", f"A graph with name {name} already exists.",
                           reason="CONCURRENT_MODIFICATION")
    return {
        "id": graph_id,
        "name": name,
        "arn": ctx.arn("neptune-graph", f"graph/{graph_id}"),
        "status": status,
        "createTime": time.time(),
        "provisionedMemory": params.get("provisionedMemory") or params.get("maxProvisionedMemory") or 128,
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
        raise not_found(graph_id)
    return graph


def view(graph: dict[str, Any], members: tuple[str, ...] = DETAIL_MEMBERS) -> dict[str, Any]:
    return {k: graph[k] for k in members if graph.get(k) is not None}


def require_available(graph: dict[str, Any], action: str) -> None:
    if graph["status"] != "AVAILABLE":
        raise AwsError(
            "ConflictException",
            f"Graph {graph['id']} is in status {graph['status']}; {action} needs it AVAILABLE.",
            reason="CONCURRENT_MODIFICATION",
        )
