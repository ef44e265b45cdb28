"""What the control functions act on: a ``JobEngine`` itself, or a runtime that holds one.

The server hands the control plane its ``Runtime`` (``.jobs`` is the engine, ``.faults`` the fault
store the gateway asks, ``.reset()`` resets every layer); tests and tools may hand the engine alone.
"""

from __future__ import annotations

from typing import Any

from dockyard.jobs.engine import JobEngine
from dockyard.jobs.faults import FaultInjector


def engine_of(target: Any) -> JobEngine:
    """The job engine of ``target`` (an engine, or an object with a ``jobs`` engine)."""
    if isinstance(target, JobEngine):
        return target
    engine = getattr(target, "jobs", None)
    if isinstance(engine, JobEngine):
        return engine
    raise TypeError(f"{type(target).__name__} has no job engine")


def fault_stores(target: Any) -> list[FaultInjector]:
    """Every distinct fault store of ``target``: the one the gateway asks first (``target.faults``
    when it has one), then the engine's (which job-failure faults must reach)."""
    engine = engine_of(target)
    stores: list[FaultInjector] = []
    outer = None if isinstance(target, JobEngine) else getattr(target, "faults", None)
    if isinstance(outer, FaultInjector):
        stores.append(outer)
    if engine.faults not in stores:
        stores.append(engine.faults)
    return stores
