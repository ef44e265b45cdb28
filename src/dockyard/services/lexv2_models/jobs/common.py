"""What every Lex V2 job kind shares: the service name, the failure status, the recovery rule and how
a job is started on its parent resource (the parent id says which resource the job acts on)."""

from __future__ import annotations

from typing import Any

from dockyard.service_kit import JobKind, Scope, ServiceDeps

SERVICE = "lexv2-models"
COMMON: dict[str, Any] = {"service": SERVICE, "failed_status": "Failed", "recovery": "retry"}


def start_on(deps: ServiceDeps, kind: JobKind, scope: Scope, parent_id: str) -> None:
    """Start a job of ``kind`` on ``parent_id`` (inside the handler's transaction)."""
    deps.jobs.start(deps.jobs.kind(kind.service, kind.name), scope=scope, parent_id=parent_id)
