"""Tags of bots, bot aliases and channels, by ARN (documents of kind ``tags``)."""

from __future__ import annotations

from typing import Any

from dockyard.service_kit import Database, Scope
from dockyard.services.lex_models import errors

MAX_TAGS = 200


def get(db: Database, scope: Scope, arn: str) -> list[dict[str, str]]:
    doc = db.get(scope, "tags", arn)
    return [] if doc is None else [{"key": k, "value": v} for k, v in doc["tags"].items()]


def tag(db: Database, scope: Scope, arn: str, new: list[dict[str, Any]]) -> None:
    doc = db.get(scope, "tags", arn) or {"tags": {}}
    doc["tags"].update({t["key"]: t["value"] for t in new})
    if len(doc["tags"]) > MAX_TAGS:
        raise errors.bad_request(f"A resource can have at most {MAX_TAGS} tags.")
    db.put(scope, "tags", arn, doc)


def untag(db: Database, scope: Scope, arn: str, keys: list[str]) -> None:
    doc = db.get(scope, "tags", arn)
    if doc is None:
        return
    for key in keys:
        doc["tags"].pop(key, None)
    db.put(scope, "tags", arn, doc)


def forget(db: Database, scope: Scope, arn: str) -> None:
    db.delete(scope, "tags", arn)
