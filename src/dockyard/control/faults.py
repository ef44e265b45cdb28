"""Fault injection through the control plane: throttling, delays and job failures.

``Faults`` is the fault store itself (``dockyard.jobs.faults.FaultInjector``); the engine owns one
(``engine.faults``) and a runtime should share it (``runtime.faults = runtime.jobs.faults``) so the
gateway's ``should_throttle`` and the control plane see the same rules.
"""

from __future__ import annotations

from typing import Any

from dockyard.control.target import engine_of, fault_stores
from dockyard.jobs.faults import ANY_OPERATION, FaultInjector

Faults = FaultInjector


def inject_throttle(target: Any, service: str, operation: str = ANY_OPERATION, rate: float = 1.0) -> dict:
    """Throttle ``service`` ``operation`` (``"*"``: all of them) at ``rate`` (1.0 every call, 0.5 every
    second call; 0 removes the rule)."""
    rule = fault_stores(target)[0].add_throttle(service, operation, rate)
    return rule.to_dict()


def inject_delay(
    target: Any, service: str, operation: str = ANY_OPERATION, seconds: float = 1.0, count: int | None = None
) -> dict:
    """Hold calls of ``service`` ``operation`` for ``seconds`` before their handler runs (the next
    ``count`` calls, None: every call); a slow handler on demand. ``seconds=0`` or clearing the
    faults releases the calls held now."""
    rule = fault_stores(target)[0].add_delay(service, operation, seconds, count)
    return rule.to_dict()


def inject_job_failure(
    target: Any, service: str, kind: str, message: str, at_phase: str | None = None, count: int = 1
) -> dict:
    """Fail the next ``count`` jobs of ``service`` ``kind`` when they enter ``at_phase`` (None: at once)."""
    engine = engine_of(target)
    registered = {(k.service, k.name): k for k in engine.kinds}
    known = registered.get((service, kind))
    if known is not None and at_phase is not None and at_phase not in known.active_statuses:
        phases = ", ".join(known.active_statuses)
        raise ValueError(f"{at_phase} is not a phase {service} {kind} jobs can fail at (one of {phases})")
    fault = engine.faults.add_job_failure(service, kind, message, at_phase, count)
    return fault.to_dict()


def should_throttle(target: Any, service: str, operation: str) -> bool:
    """What the gateway asks before handling a call."""
    return fault_stores(target)[0].should_throttle(service, operation)


def list_faults(target: Any) -> dict[str, Any]:
    merged: dict[str, Any] = {"throttles": [], "delays": [], "jobFailures": []}
    for store in fault_stores(target):
        snapshot = store.snapshot()
        for key in merged:
            merged[key] += snapshot.get(key, [])
    return merged


def clear_faults(target: Any) -> dict[str, Any]:
    for store in fault_stores(target):
        store.clear()
    return list_faults(target)
