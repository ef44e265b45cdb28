"""Graph snapshots: the documents (CREATING -> AVAILABLE, DELETING -> gone, FAILED), their rules, and
their data (``graph_stores(deps).snapshots``, a copy of the graph store).

Jobs: ``snapshot-create`` (its id is the snapshot id; the source graph is SNAPSHOTTING meanwhile),
``snapshot-delete`` and ``graph-restore`` (a new graph CREATING -> AVAILABLE holding the snapshot's
data). DeleteGraph and ResetGraph with ``skipSnapshot=false`` take a snapshot inside their own job
(``take_automatic``/``copy_data``).
"""

from __future__ import annotations

import time
from typing import Any

from dockyard.service_kit import Database, RequestContext, Scope, ServiceDeps, random_id
from dockyard.services.neptune_graph.errors import conflict, not_found
from dockyard.services.neptune_graph.resources import graphs
from dockyard.services.neptune_graph.resources.graph_stores import graph_stores

SERVICE = "neptune-graph"
KIND = "graph-snapshot"
CREATE_KIND = "snapshot-create"
DELETE_KIND = "snapshot-delete"
RESTORE_KIND = "graph-restore"
GRAPH_SETTINGS = ("provisionedMemory", "computeConfiguration", "vectorSearchConfiguration")  # a restore inherits
COMPUTE = ("provisionedMemory", "computeConfiguration")

Doc = dict[str, Any]


# -- documents ---------------------------------------------------------------------------------------
def load(db: Database, scope: Scope, snapshot_id: str) -> Doc:
    snapshot = db.get(scope, KIND, snapshot_id)
    if snapshot is None:
        raise not_found(f"Snapshot {snapshot_id} not found")
    return snapshot


def by_arn(db: Database, scope: Scope, arn: str) -> Doc:
    """The snapshot a resource ARN names (TagResource and friends)."""
    snapshot = db.get(scope, KIND, arn.rsplit("/", 1)[-1])
    if snapshot is None or snapshot["arn"] != arn:
        raise not_found(f"Resource {arn} not found")
    return snapshot


def save(db: Database, scope: Scope, snapshot: Doc) -> None:
    db.put(scope, KIND, snapshot["id"], snapshot, parent=snapshot["sourceGraphId"])


def set_status(db: Database, scope: Scope, snapshot_id: str, status: str) -> None:
    with db.transaction():
        snapshot = db.get(scope, KIND, snapshot_id)
        if snapshot is not None:
            snapshot["status"] = status
            save(db, scope, snapshot)


def view(snapshot: Doc) -> Doc:
    """The snapshot as the API shows it (the serializer keeps the output shape's members)."""
    return {k: v for k, v in snapshot.items() if v is not None}


def _name_taken(db: Database, scope: Scope, name: str) -> bool:
    return any(s["name"] == name for s in db.list(scope, KIND))


def new_snapshot(ctx: RequestContext, graph: Doc, name: str, tags: dict[str, str] | None) -> Doc:
    if _name_taken(ctx.deps.db, ctx.scope, name):
        raise conflict(f"A snapshot with name {name} already exists.")
    snapshot_id = random_id(10, prefix="gs-")
    return {
        "id": snapshot_id,
        "name": name,
        "arn": ctx.arn(SERVICE, f"graph-snapshot/{snapshot_id}"),
        "sourceGraphId": graph["id"],
        "snapshotCreateTime": time.time(),
        "status": "CREATING",
        "kmsKeyIdentifier": graph.get("kmsKeyIdentifier"),
        "tags": tags or {},
        "graphSettings": {k: graph.get(k) for k in GRAPH_SETTINGS},
    }


def listed(ctx: RequestContext, graph_id: str | None) -> list[Doc]:
    """ListGraphSnapshots: all, or those of one graph (also after the graph was deleted)."""
    db = ctx.deps.db
    if graph_id is None:
        return db.list(ctx.scope, KIND)
    found = db.list(ctx.scope, KIND, parent=graph_id)
    if not found:
        graphs.load(db, ctx.scope, graph_id)  # ResourceNotFoundException for a graph never seen
    return found


# -- operations --------------------------------------------------------------------------------------
def create(ctx: RequestContext, params: dict[str, Any]) -> Doc:
    """CreateGraphSnapshot: the graph is SNAPSHOTTING until the snapshot is AVAILABLE (or FAILED)."""
    db, jobs = ctx.deps.db, ctx.deps.jobs
    with db.transaction():
        graph = graphs.load(db, ctx.scope, params["graphIdentifier"])
        graphs.require_available(graph, "CreateGraphSnapshot")
        snapshot = new_snapshot(ctx, graph, params["snapshotName"], params.get("tags"))
        save(db, ctx.scope, snapshot)
        graphs.set_status(db, ctx.scope, graph["id"], "SNAPSHOTTING")
        jobs.start(jobs.kind(SERVICE, CREATE_KIND), scope=ctx.scope, parent_id=graph["id"], job_id=snapshot["id"])
    return snapshot


def delete(ctx: RequestContext, snapshot_id: str) -> Doc:
    """DeleteGraphSnapshot: DELETING, then gone with its data."""
    db, jobs = ctx.deps.db, ctx.deps.jobs
    with db.transaction():
        snapshot = load(db, ctx.scope, snapshot_id)
        if snapshot["status"] in ("CREATING", "DELETING"):
            raise conflict(f"Snapshot {snapshot_id} is in status {snapshot['status']} and cannot be deleted now.")
        restoring = [r.parent_id for r in jobs.list(scope=ctx.scope, kind=RESTORE_KIND, active=True)
                     if r.input.get("snapshotId") == snapshot_id]
        if restoring:
            raise conflict(f"Snapshot {snapshot_id} is being restored into graph {restoring[0]}; "
                           "delete it once that graph is AVAILABLE.")
        previous = snapshot["status"]
        snapshot["status"] = "DELETING"
        save(db, ctx.scope, snapshot)
        jobs.start(jobs.kind(SERVICE, DELETE_KIND), scope=ctx.scope, parent_id=snapshot_id,
                   input={"previousStatus": previous})
    return snapshot


def restore(ctx: RequestContext, params: dict[str, Any]) -> Doc:
    """RestoreGraphFromSnapshot: a new graph, CREATING until it holds the snapshot's data."""
    db, jobs = ctx.deps.db, ctx.deps.jobs
    with db.transaction():
        snapshot = load(db, ctx.scope, params["snapshotIdentifier"])
        if snapshot["status"] != "AVAILABLE":
            raise conflict(f"Snapshot {snapshot['id']} is in status {snapshot['status']}; "
                           "RestoreGraphFromSnapshot needs it AVAILABLE.")
        given = {k: v for k, v in params.items() if v is not None and k != "snapshotIdentifier"}
        settings = _inherited(snapshot.get("graphSettings") or {}, given)
        graph = graphs.new_graph(ctx, {**settings, **given, "kmsKeyIdentifier": snapshot.get("kmsKeyIdentifier")})
        graph["sourceSnapshotId"] = snapshot["id"]
        db.put(ctx.scope, graphs.KIND, graph["id"], graph)
        jobs.start(jobs.kind(SERVICE, RESTORE_KIND), scope=ctx.scope, parent_id=graph["id"],
                   input={"snapshotId": snapshot["id"]})
    return graph


def _inherited(settings: Doc, given: Doc) -> Doc:
    """What a restored graph takes from its source graph: the compute (one of provisionedMemory or
    computeConfiguration, the latter first) unless the call gives one, and the vector search settings."""
    out = {k: v for k, v in settings.items() if v is not None and k not in COMPUTE}
    if not any(given.get(k) is not None for k in COMPUTE):
        for key in reversed(COMPUTE):  # computeConfiguration, then provisionedMemory
            if settings.get(key) is not None:
                out[key] = settings[key]
                break
    return out


def take_automatic(ctx: RequestContext, graph: Doc, purpose: str) -> str:
    """The document of a snapshot DeleteGraph/ResetGraph take (``skipSnapshot=false``), CREATING;
    the caller's job copies the data (``copy_data``). Named ``<graph id>-<purpose>-snapshot``
    (``-2``, ``-3``, ... when that name is taken). Call inside the caller's transaction."""
    db = ctx.deps.db
    base = f"{graph['id']}-{purpose}-snapshot"
    name, n = base, 1
    while _name_taken(db, ctx.scope, name):
        n += 1
        name = f"{base}-{n}"
    snapshot = new_snapshot(ctx, graph, name, None)
    save(db, ctx.scope, snapshot)
    return snapshot["id"]


# -- data --------------------------------------------------------------------------------------------
def copy_data(deps: ServiceDeps, snapshot_id: str, graph_id: str) -> None:
    """Copy the graph's current data into the snapshot (replacing what an earlier attempt wrote)."""
    stores = graph_stores(deps)
    stores.snapshots.take(snapshot_id, stores.get(graph_id))


def take_once(deps: ServiceDeps, scope: Scope, snapshot_id: str, graph_id: str) -> None:
    """Copy the graph's data into the final snapshot of a reset or delete and make it AVAILABLE,
    unless an earlier attempt of the job (stopped by a restart) already did: by then the graph may be
    emptied, and a second copy would overwrite the snapshot with nothing."""
    snapshot = deps.db.get(scope, KIND, snapshot_id)
    if snapshot is not None and snapshot["status"] == "AVAILABLE":
        return
    copy_data(deps, snapshot_id, graph_id)
    set_status(deps.db, scope, snapshot_id, "AVAILABLE")


def restore_data(deps: ServiceDeps, snapshot_id: str, graph_id: str) -> None:
    stores = graph_stores(deps)
    stores.snapshots.restore_into(snapshot_id, stores.get(graph_id))


def drop_data(deps: ServiceDeps, snapshot_id: str) -> None:
    graph_stores(deps).snapshots.drop(snapshot_id)


def fail_if_unfinished(deps: ServiceDeps, scope: Scope, snapshot_id: str | None) -> None:
    """An automatic snapshot whose job failed before it was AVAILABLE is FAILED, without data."""
    if not snapshot_id:
        return
    snapshot = deps.db.get(scope, KIND, snapshot_id)
    if snapshot is not None and snapshot["status"] == "CREATING":
        drop_data(deps, snapshot_id)
        set_status(deps.db, scope, snapshot_id, "FAILED")
