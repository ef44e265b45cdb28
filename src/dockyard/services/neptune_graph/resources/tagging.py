"""Tags of graphs and graph snapshots, by resource ARN (TagResource, UntagResource, ListTagsForResource)."""

from __future__ import annotations

from typing import Any

from dockyard.service_kit import Database, Scope
from dockyard.services.neptune_graph.errors import invalid
from dockyard.services.neptune_graph.resources import graphs, snapshots

MAX_TAGS = graphs.MAX_TAGS


def _find(db: Database, scope: Scope, arn: str) -> tuple[dict[str, Any], Any]:
    """The graph or snapshot ``arn`` names, and how to store it back."""
    if ":graph-snapshot/" in arn:
        return snapshots.by_arn(db, scope, arn), snapshots.save
    return graphs.by_arn(db, scope, arn), lambda db, scope, graph: db.put(scope, graphs.KIND, graph["id"], graph)


def tags_of(db: Database, scope: Scope, arn: str) -> dict[str, str]:
    return _find(db, scope, arn)[0].get("tags") or {}


def tag(db: Database, scope: Scope, arn: str, tags: dict[str, str]) -> None:
    with db.transaction():
        doc, save = _find(db, scope, arn)
        doc["tags"] = {**(doc.get("tags") or {}), **tags}
        if len(doc["tags"]) > MAX_TAGS:
            raise invalid(f"A resource can have at most {MAX_TAGS} tags.", reason="CONSTRAINT_VIOLATION")
        save(db, scope, doc)


def untag(db: Database, scope: Scope, arn: str, keys: list[str]) -> None:
    with db.transaction():
        doc, save = _find(db, scope, arn)
        doc["tags"] = {k: v for k, v in (doc.get("tags") or {}).items() if k not in keys}
        save(db, scope, doc)
