"""Private graph endpoints: one per (graph, VPC), CREATING -> AVAILABLE, DELETING -> gone, FAILED.

Stored with the VPC fields the API shows (``vpcId``, ``subnetIds``, ``vpcEndpointId``) and the
security groups given. Dockyard has no VPCs of its own: ids are stored as given; an omitted VPC is
the account's default VPC, omitted subnets and security groups its defaults (stable ids derived
from the account and region, docs/decisions.md). Jobs: ``endpoint-create`` (its id is the
``vpcEndpointId``) and ``endpoint-delete``, both with the graph as parent.
"""

from __future__ import annotations

import hashlib
from typing import Any

from dockyard.service_kit import Database, RequestContext, Scope, random_id
from dockyard.services.neptune_graph.errors import conflict, not_found
from dockyard.services.neptune_graph.resources import graphs

SERVICE = "neptune-graph"
KIND = "private-graph-endpoint"
CREATE_KIND = "endpoint-create"
DELETE_KIND = "endpoint-delete"
HEX = "0123456789abcdef"
DEFAULT_AZS = ("a", "b", "c")

Doc = dict[str, Any]


def _stable_id(prefix: str, *parts: str) -> str:
    return prefix + hashlib.sha256(":".join(parts).encode()).hexdigest()[:17]


def default_vpc(scope: Scope) -> str:
    return _stable_id("vpc-", scope.account, scope.region, "default-vpc")


def _key(graph_id: str, vpc_id: str) -> str:
    return f"{graph_id}/{vpc_id}"


def load(db: Database, scope: Scope, graph_id: str, vpc_id: str) -> Doc:
    graphs.load(db, scope, graph_id)
    endpoint = db.get(scope, KIND, _key(graph_id, vpc_id))
    if endpoint is None:
        raise not_found(f"Private graph endpoint for VPC {vpc_id} of graph {graph_id} not found")
    return endpoint


def save(db: Database, scope: Scope, endpoint: Doc) -> None:
    db.put(scope, KIND, _key(endpoint["graphId"], endpoint["vpcId"]), endpoint, parent=endpoint["graphId"])


def set_status(db: Database, scope: Scope, graph_id: str, vpc_id: str, status: str) -> None:
    with db.transaction():
        endpoint = db.get(scope, KIND, _key(graph_id, vpc_id))
        if endpoint is not None:
            endpoint["status"] = status
            save(db, scope, endpoint)


def remove(db: Database, scope: Scope, graph_id: str, vpc_id: str) -> None:
    db.delete(scope, KIND, _key(graph_id, vpc_id))


def of_graph(db: Database, scope: Scope, graph_id: str) -> list[Doc]:
    return db.list(scope, KIND, parent=graph_id)


def listed(ctx: RequestContext, graph_id: str) -> list[Doc]:
    graphs.load(ctx.deps.db, ctx.scope, graph_id)
    return of_graph(ctx.deps.db, ctx.scope, graph_id)


def create(ctx: RequestContext, params: dict[str, Any]) -> Doc:
    db, jobs, scope = ctx.deps.db, ctx.deps.jobs, ctx.scope
    with db.transaction():
        graph = graphs.load(db, scope, params["graphIdentifier"])
        graphs.require_available(graph, "CreatePrivateGraphEndpoint")
        vpc_id = params.get("vpcId") or default_vpc(scope)
        if db.get(scope, KIND, _key(graph["id"], vpc_id)) is not None:
            raise conflict(f"Graph {graph['id']} already has a private graph endpoint in VPC {vpc_id}.")
        endpoint = {
            "graphId": graph["id"],
            "vpcId": vpc_id,
            "subnetIds": params.get("subnetIds") or [_stable_id("subnet-", vpc_id, az) for az in DEFAULT_AZS],
            "vpcSecurityGroupIds": params.get("vpcSecurityGroupIds") or [_stable_id("sg-", vpc_id, "default")],
            "status": "CREATING",
            "vpcEndpointId": random_id(17, HEX, prefix="vpce-"),
        }
        save(db, scope, endpoint)
        jobs.start(jobs.kind(SERVICE, CREATE_KIND), scope=scope, parent_id=graph["id"],
                   job_id=endpoint["vpcEndpointId"], input={"vpcId": vpc_id})
    return endpoint


def delete(ctx: RequestContext, graph_id: str, vpc_id: str) -> Doc:
    db, jobs, scope = ctx.deps.db, ctx.deps.jobs, ctx.scope
    with db.transaction():
        endpoint = load(db, scope, graph_id, vpc_id)
        if endpoint["status"] in ("CREATING", "DELETING"):
            raise conflict(f"The private graph endpoint for VPC {vpc_id} of graph {graph_id} is "
                           f"{endpoint['status']} and cannot be deleted now.")
        previous = endpoint["status"]
        endpoint["status"] = "DELETING"
        save(db, scope, endpoint)
        jobs.start(jobs.kind(SERVICE, DELETE_KIND), scope=scope, parent_id=graph_id,
                   input={"vpcId": vpc_id, "previousStatus": previous})
    return endpoint
