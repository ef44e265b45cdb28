"""The job record: an immutable snapshot of one job, as stored in SQLite and handed to readers.

The engine never changes a published snapshot: every change makes a new record (copy on write), so
a reader holding one sees a consistent state without locks. The top-level mappings are read-only
views; ``to_dict()`` gives a plain JSON-able copy (camelCase, the control plane's wire form).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from types import MappingProxyType
from typing import Any

from dockyard.store.database import Scope

_EMPTY: Mapping[str, Any] = MappingProxyType({})


def frozen_map(value: Mapping[str, Any] | None) -> Mapping[str, Any]:
    """A read-only copy of ``value`` (top level)."""
    return _EMPTY if not value else MappingProxyType(dict(value))


@dataclass(frozen=True, slots=True)
class JobRecord:
    id: str
    service: str
    kind: str
    account: str
    region: str
    parent_id: str
    input: Mapping[str, Any]
    status: str
    terminal: bool
    created_at: float
    updated_at: float
    started_at: float | None = None
    ended_at: float | None = None
    progress: float = 0.0
    counters: Mapping[str, float] = field(default_factory=lambda: _EMPTY)
    details: Mapping[str, Any] = field(default_factory=lambda: _EMPTY)
    failure_reasons: tuple[str, ...] = ()
    status_reason: str | None = None
    attempt: int = 1
    artifacts: Mapping[str, Any] = field(default_factory=lambda: _EMPTY)
    clock: str = "instant"
    paused: bool = False
    cancel_requested: bool = False
    version: int = 1

    @property
    def scope(self) -> Scope:
        return Scope(self.service, self.account, self.region)

    # -- storage form (snake_case JSON document) ---------------------------------------------------
    def to_doc(self) -> str:
        return json.dumps({f.name: getattr(self, f.name) for f in fields(self)}, default=_plain_default)

    @classmethod
    def from_doc(cls, doc: str) -> JobRecord:
        data = json.loads(doc)
        known = {f.name for f in fields(cls)}
        data = {k: v for k, v in data.items() if k in known}
        for name in ("input", "counters", "details", "artifacts"):
            data[name] = frozen_map(data.get(name))
        data["failure_reasons"] = tuple(data.get("failure_reasons") or ())
        return cls(**data)

    # -- wire form (control plane, CLI) ------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        """A plain, JSON-able copy in camelCase."""
        doc = {
            "id": self.id,
            "service": self.service,
            "kind": self.kind,
            "account": self.account,
            "region": self.region,
            "parentId": self.parent_id,
            "status": self.status,
            "terminal": self.terminal,
            "statusReason": self.status_reason,
            "progress": self.progress,
            "counters": self.counters,
            "details": self.details,
            "failureReasons": self.failure_reasons,
            "attempt": self.attempt,
            "artifacts": self.artifacts,
            "clock": self.clock,
            "paused": self.paused,
            "cancelRequested": self.cancel_requested,
            "createdAt": self.created_at,
            "updatedAt": self.updated_at,
            "startedAt": self.started_at,
            "endedAt": self.ended_at,
            "input": self.input,
        }
        return json.loads(json.dumps(doc, default=_plain_default))


def _plain_default(value: Any) -> Any:
    if isinstance(value, Mapping):
        return dict(value)
    if isinstance(value, set | frozenset | tuple):
        return list(value)
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    return str(value)
