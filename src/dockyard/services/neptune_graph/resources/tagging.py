"""Tags of graphs and graph snapshots, by resource ARN (TagResource, UntagResource, ListTagsForResource)."""

from __future__ import annotations

from typing import Any

from dockyard.service_kit import Database, Scope
from dockyard.services.neptune_graph.errors import invalid, not_found
from dockyard.services.neptune_graph.resources import graphs, snapshots

MAX_TAGS = 50
KIND_OF_RESOURCE = {"graph": graphs.KIND, "graph-snapshot": snapshots.KIND}


def by_arn(db: Database, scope: Scope, arn: str) -> tuple[str, dict[str, Any]]:
    """(document kind, document) of the graph or snapshot ``arn`` names."""
    resource = arn.split(":", 5)[5] if arn.count(":") >= 5 else ""
    resource_type, _, resource_id = resource.partition("/")
    kind = KIND_OF_RESOURCE.get(resource_type)
    doc = db.get(scope, kind, resource_id) if kind and resource_id else None
    if doc is None or doc["arn"] != arn:
        raise not_found(f"Resource {arn} not found")
    return kind, doc


def tags_of(db: Database, scope: Scope, arn: str) -> dict[str, str]:
    return by_arn(db, scope, arn)[1].get("tags") or {}


def tag(db: Database, scope: Scope, arn: str, tags: dict[str, str]) -> None:
    with db.transaction():
        kind, doc = by_arn(db, scope, arn)
        doc["tags"] = {**(doc.get("tags") or {}), **tags}
        if len(doc["tags"]) > MAX_TAGS:
            raise invalid(f"A resource can have at most {MAX_TAGS} tags.", reason="CONSTRAINT_VIOLATION")
        _save(db, scope, kind, doc)


def untag(db: Database, scope: Scope, arn: str, keys: list[str]) -> None:
    with db.transaction():
        kind, doc = by_arn(db, scope, arn)
        doc["tags"] = {k: v for k, v in (doc.get("tags") or {}).items() if k not in keys}
        _save(db, scope, kind, doc)


def _save(db: Database, scope: Scope, kind: str, doc: dict[str, Any]) -> None:
    if kind == snapshots.KIND:
        snapshots.save(db, scope, doc)  # listed under their graph
    else:
        db.put(scope, kind, doc["id"], doc)
