"""Per-kind concurrency limits, checked when a job starts.

``max_running_per_parent`` counts the active (non-terminal) jobs of the kind's concurrency group on
the same parent resource (one import per graph); ``max_active_per_scope`` counts them in the same
account and region. Kinds of one service that share ``concurrency_group`` share both counts.
"""

from __future__ import annotations

from collections.abc import Iterable

from dockyard.jobs.kind import JobKind
from dockyard.jobs.record import JobRecord
from dockyard.store.database import Scope


def check_limits(kind: JobKind, scope: Scope, parent_id: str, active: Iterable[tuple[JobRecord, JobKind]]) -> None:
    """Raise the kind's declared ``AwsError`` when starting one more job would exceed a limit."""
    if kind.max_running_per_parent is None and kind.max_active_per_scope is None:
        return
    same_parent: list[str] = []
    same_scope: list[str] = []
    for record, other in active:
        if other.service != kind.service or other.group != kind.group:
            continue
        if record.account != scope.account or record.region != scope.region:
            continue
        same_scope.append(record.id)
        if parent_id and record.parent_id == parent_id:
            same_parent.append(record.id)
    values = {
        "parent": parent_id,
        "service": kind.service,
        "kind": kind.name,
        "account": scope.account,
        "region": scope.region,
    }
    limit = kind.max_running_per_parent
    if limit is not None and parent_id and len(same_parent) >= limit:
        raise kind.parent_limit_error.build(
            limit=limit, active=", ".join(same_parent), active_id=same_parent[0], **values
        )
    limit = kind.max_active_per_scope
    if limit is not None and len(same_scope) >= limit:
        raise kind.scope_limit_error.build(
            limit=limit,
            active=", ".join(same_scope),
            active_id=same_scope[0] if same_scope else "",
            **values,
        )
