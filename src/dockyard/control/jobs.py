"""Control of jobs across services: list, inspect, advance, pause, resume, fail, cancel, clocks, reset.

Plain functions over an engine (or a runtime holding one); they return JSON-able dicts, the same
documents the ``/_dockyard/`` HTTP routes answer with.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from dockyard.control.target import engine_of, fault_stores
from dockyard.jobs.engine import JobEngine
from dockyard.jobs.record import JobRecord


def job_view(engine: JobEngine, record: JobRecord) -> dict[str, Any]:
    """The record's wire form plus ``outcome`` (succeeded / failed / cancelled / other, None while
    active) and ``phases`` (the happy path), from the kind's table when it is registered."""
    doc = record.to_dict()
    try:
        kind = engine.kind(record.service, record.kind)
    except KeyError:
        doc["outcome"] = "ended" if record.terminal else None
        doc["phases"] = []
        return doc
    outcomes = {
        kind.success_status: "succeeded",
        kind.failed_status: "failed",
        kind.cancelled_status: "cancelled",
    }
    doc["outcome"] = outcomes.get(record.status, "ended") if record.terminal else None
    doc["phases"] = [kind.initial_status, *kind.phases]
    return doc


def list_jobs(
    target: Any,
    service: str | None = None,
    kind: str | None = None,
    status: str | Collection[str] | None = None,
    account: str | None = None,
    region: str | None = None,
    parent_id: str | None = None,
    active: bool | None = None,
    known_by: str | None = None,
) -> list[dict[str, Any]]:
    """Jobs of every service (oldest first) matching the given filters; ``known_by``: only the jobs
    an id a user holds names (a job id or ARN, a graph, bot or knowledge base id, ...)."""
    engine = engine_of(target)
    named = None if known_by is None else {r.id for r in engine.known_by(known_by)}
    records = engine.list(
        service=service,
        kind=kind,
        status=status,
        account=account,
        region=region,
        parent_id=parent_id,
        active=active,
    )
    return [job_view(engine, r) for r in records if named is None or r.id in named]


def get_job(target: Any, job_id: str) -> dict[str, Any]:
    """The job ``job_id`` names: its id, or any id ``JobEngine.resolve`` knows."""
    engine = engine_of(target)
    return job_view(engine, engine.resolve(job_id))


def advance_job(
    target: Any, job_id: str, to: str | None = None, wait: bool = True, timeout: float = 5.0
) -> dict[str, Any]:
    """Move a held job on by one status, or until it reaches ``to``. Every control function takes
    the job's id or any id a user holds for it (``JobEngine.resolve``): a task, graph, bot, import
    or knowledge base id, a Bedrock job ARN or name."""
    engine = engine_of(target)
    return job_view(engine, engine.advance(job_id, to, wait=wait, timeout=timeout))


def pause_job(target: Any, job_id: str) -> dict[str, Any]:
    engine = engine_of(target)
    return job_view(engine, engine.pause(job_id))


def resume_job(target: Any, job_id: str) -> dict[str, Any]:
    engine = engine_of(target)
    return job_view(engine, engine.resume(job_id))


def fail_job(target: Any, job_id: str, message: str, at_phase: str | None = None) -> dict[str, Any]:
    """Fail a job now (at its next checkpoint) or when it enters ``at_phase``."""
    engine = engine_of(target)
    return job_view(engine, engine.fail(job_id, message, at_phase))


def cancel_job(target: Any, job_id: str, reason: str | None = None) -> dict[str, Any]:
    engine = engine_of(target)
    return job_view(engine, engine.cancel(job_id, reason))


def set_job_clock(target: Any, job_id: str, clock: str) -> dict[str, Any]:
    engine = engine_of(target)
    return job_view(engine, engine.set_clock(job_id, clock))


def set_default_clock(target: Any, clock: str, service: str | None = None, kind: str | None = None) -> dict[str, Any]:
    """The clock of jobs started from now on (all, one service's, one kind's)."""
    engine = engine_of(target)
    engine.set_default_clock(clock, service, kind)
    return engine.clock_rules.snapshot()


def get_clocks(target: Any) -> dict[str, Any]:
    return engine_of(target).clock_rules.snapshot()


def reset_state(target: Any) -> dict[str, Any]:
    """Forget everything: jobs (stopped first), resources, faults, clock rules."""
    if not isinstance(target, JobEngine) and callable(getattr(target, "reset", None)):
        target.reset()  # a runtime resets the engine, the database and its extensions
    else:
        engine_of(target).reset()
    for store in fault_stores(target):
        store.clear()
    return {"reset": True}
