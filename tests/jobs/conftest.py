"""Fixtures of the job engine tests: an engine on an in-memory database and a toy job kind."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest

from dockyard.jobs import JobContext, JobEngine, JobKind
from dockyard.store import Database, Scope

SCOPE = Scope("toy", "123456789012", "us-east-1")
PHASES = ("ANALYZING_DATA", "IMPORTING", "SUCCEEDED")


def walking_body(ctx: JobContext) -> None:
    """Reports progress in each phase and counts ten rows while importing."""
    ctx.progress(10)
    ctx.phase("ANALYZING_DATA")
    ctx.details(stage="analyzing")
    ctx.progress(40)
    ctx.phase("IMPORTING")
    ctx.count(rows=10)
    ctx.progress(90)


def toy_kind(body: Callable[[JobContext], None] | None = walking_body, **overrides: Any) -> JobKind:
    """A Neptune-like kind: INITIALIZING -> ANALYZING_DATA -> IMPORTING -> SUCCEEDED, with rollback
    and cancelling statuses."""
    spec: dict[str, Any] = {
        "service": "toy",
        "name": "import",
        "body": body or (lambda ctx: None),
        "initial_status": "INITIALIZING",
        "phases": PHASES,
        "failed_status": "FAILED",
        "rollback_status": "ROLLING_BACK",
        "cancelling_status": "CANCELLING",
        "cancelled_status": "CANCELLED",
    }
    spec.update(overrides)
    return JobKind(**spec)


@pytest.fixture
def make_kind() -> Callable[..., JobKind]:
    return toy_kind


@pytest.fixture
def scope() -> Scope:
    return SCOPE


@pytest.fixture
def engine() -> Iterator[JobEngine]:
    eng = JobEngine(Database(None), clock="instant", speed=1.0, max_workers=16)
    yield eng
    eng.shutdown(timeout=2.0)
    eng.db.close()
