"""Bots, intents and slot types: ``$LATEST`` and numbered versions, checksums, createVersion.

Each definition version is one document of kind ``bot``/``intent``/``slottype`` with id
``<name>|<version>`` and parent ``<name>``. The ``$LATEST`` document also keeps ``lastVersion`` (the
highest number ever given: numbers of deleted versions are never reused, as on AWS).
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from typing import Any

from dockyard.service_kit import Database, Scope, service_model
from dockyard.services.lex_models import errors

LATEST = "$LATEST"
NAME_PATTERN = re.compile(r"[a-zA-Z_]+")
MAX_VERSIONS = 100
META = ("name", "version", "checksum", "createdDate", "lastUpdatedDate", "status", "failureReason")
_NOT_SETTINGS = {"name", "checksum", "createVersion", "processBehavior", "tags"}


@dataclass(frozen=True)
class Family:
    kind: str  # the store kind
    label: str  # as AWS names it in messages: "Bot", "Intent", "SlotType"
    put_operation: str
    max_name: int = 100
    min_name: int = 1

    @property
    def settings(self) -> tuple[str, ...]:
        """The definition fields: the Put operation's input members, less the request-only ones."""
        shape = service_model("lex-models").operation_model(self.put_operation).input_shape
        return tuple(m for m in shape.members if m not in _NOT_SETTINGS)


BOT = Family("bot", "Bot", "PutBot", max_name=50, min_name=2)
INTENT = Family("intent", "Intent", "PutIntent")
SLOT_TYPE = Family("slottype", "SlotType", "PutSlotType")


def _id(name: str, version: str) -> str:
    return f"{name}|{version}"


def check_name(family: Family, name: str) -> None:
    if not (family.min_name <= len(name) <= family.max_name) or not NAME_PATTERN.fullmatch(name):
        raise errors.bad_request(
            f"The {family.label.lower()} name '{name}' is invalid: it must be {family.min_name}-{family.max_name} "
            "letters or underscores ([a-zA-Z_]+)."
        )


def load(db: Database, scope: Scope, family: Family, name: str, version: str = LATEST) -> dict[str, Any]:
    doc = db.get(scope, family.kind, _id(name, version))
    if doc is None:
        raise errors.not_found(
            f"The {family.label.lower()} {name} version {version} does not exist. Choose another name or version "
            "and try again." if version != LATEST else
            f"The {family.label.lower()} {name} does not exist. Choose another name and try again."
        )
    return doc


def find(db: Database, scope: Scope, family: Family, name: str, version: str = LATEST) -> dict[str, Any] | None:
    return db.get(scope, family.kind, _id(name, version))


def versions(db: Database, scope: Scope, family: Family, name: str) -> list[dict[str, Any]]:
    """Every version of ``name``: ``$LATEST`` first, then numbered ones ascending."""
    docs = db.list(scope, family.kind, parent=name)
    return sorted(docs, key=lambda d: -1 if d["version"] == LATEST else int(d["version"]))


def latest_docs(db: Database, scope: Scope, family: Family) -> list[dict[str, Any]]:
    docs = [d for d in db.list(scope, family.kind) if d["version"] == LATEST]
    return sorted(docs, key=lambda d: d["name"])


def all_docs(db: Database, scope: Scope, family: Family) -> list[dict[str, Any]]:
    return db.list(scope, family.kind)


def settings_of(family: Family, doc: dict[str, Any]) -> dict[str, Any]:
    return {k: doc[k] for k in family.settings if doc.get(k) is not None}


def put_latest(
    db: Database, scope: Scope, family: Family, name: str, settings: dict[str, Any], checksum: str | None,
    now: float, extra: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """Create or update ``$LATEST``; the checksum rules of every V1 Put operation."""
    check_name(family, name)
    current = find(db, scope, family, name)
    if current is None:
        if checksum:
            raise errors.precondition_failed(
                f"The checksum provided for {family.label.lower()} {name} does not match: the "
                f"{family.label.lower()} does not exist yet, so leave the checksum empty."
            )
        created, last_version = now, 0
    else:
        if not checksum:
            raise errors.precondition_failed(
                f"{family.label} {name} already exists. Provide the checksum of its $LATEST version to update it."
            )
        if checksum != current["checksum"]:
            raise errors.precondition_failed(
                f"The checksum value doesn't match for '{name}'. Get the latest checksum and try again."
            )
        created, last_version = current["createdDate"], current.get("lastVersion", 0)
    doc = {
        **{k: v for k, v in settings.items() if k in family.settings and v is not None},
        **(extra or {}),
        "name": name, "version": LATEST, "checksum": str(uuid.uuid4()),
        "createdDate": created, "lastUpdatedDate": now, "lastVersion": last_version,
    }
    db.put(scope, family.kind, _id(name, LATEST), doc, parent=name)
    return doc


def replace_latest(db: Database, scope: Scope, family: Family, doc: dict[str, Any]) -> None:
    """Store a changed ``$LATEST`` document as it is."""
    store_version(db, scope, family, doc)


def store_version(db: Database, scope: Scope, family: Family, doc: dict[str, Any]) -> None:
    """Store a changed version document as it is (status changes of builds)."""
    db.put(scope, family.kind, _id(doc["name"], doc["version"]), doc, parent=doc["name"])


def create_version(
    db: Database, scope: Scope, family: Family, name: str, checksum: str | None, now: float,
    freeze: Any = None,
) -> dict[str, Any]:
    """Snapshot ``$LATEST`` as the next number; when ``$LATEST`` did not change since the newest
    version, that version is answered (AWS creates no new one). ``freeze(settings)`` may rewrite the
    snapshot's settings (a bot's intents are pinned to numbered versions)."""
    latest = load(db, scope, family, name)
    if checksum and checksum != latest["checksum"]:
        raise errors.precondition_failed(
            f"The checksum value doesn't match for '{name}'. Get the latest checksum and try again."
        )
    numbered = [d for d in versions(db, scope, family, name) if d["version"] != LATEST]
    if numbered and numbered[-1].get("fromChecksum") == latest["checksum"]:
        return numbered[-1]
    if len(numbered) >= MAX_VERSIONS:
        raise errors.limit_exceeded(f"{family.label} {name} already has {MAX_VERSIONS} versions, the maximum.")
    number = str(latest.get("lastVersion", 0) + 1)
    doc = {k: v for k, v in latest.items() if k != "lastVersion"}
    if freeze is not None:
        doc = freeze(doc)
    doc.update(version=number, checksum=str(uuid.uuid4()), createdDate=now, lastUpdatedDate=now,
               fromChecksum=latest["checksum"])
    db.put(scope, family.kind, _id(name, number), doc, parent=name)
    latest["lastVersion"] = int(number)
    replace_latest(db, scope, family, latest)
    return doc


def delete_all(db: Database, scope: Scope, family: Family, name: str) -> None:
    load(db, scope, family, name)
    db.delete_children(scope, family.kind, name)


def delete_version(db: Database, scope: Scope, family: Family, name: str, version: str) -> None:
    if version == LATEST:
        raise errors.bad_request(f"You can't delete the $LATEST version of {name}. Use Delete{family.label}.")
    load(db, scope, family, name, version)
    db.delete(scope, family.kind, _id(name, version))
