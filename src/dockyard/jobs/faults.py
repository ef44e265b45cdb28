"""Injected job faults: the failure of the next job(s) of a kind, at a phase.

``FaultInjector`` is the one fault store of an engine: the API throttling rules
(``dockyard.faults.Throttles``, which the gateway asks) plus the job failures the engine takes when
it starts a job.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from dockyard.faults import ANY_OPERATION, Throttles

__all__ = ["ANY_OPERATION", "FaultInjector", "JobFailureFault"]


@dataclass
class JobFailureFault:
    service: str
    kind: str
    message: str
    at_phase: str | None = None  # None: fail as soon as the job runs
    remaining: int = 1

    def to_dict(self) -> dict[str, Any]:
        return {
            "service": self.service,
            "kind": self.kind,
            "message": self.message,
            "atPhase": self.at_phase,
            "remaining": self.remaining,
        }


class FaultInjector(Throttles):
    """Thread-safe store of active faults: throttles and delays (inherited) and job failures."""

    def __init__(self) -> None:
        super().__init__()
        self._job_failures: list[JobFailureFault] = []

    def add_job_failure(
        self, service: str, kind: str, message: str, at_phase: str | None = None, count: int = 1
    ) -> JobFailureFault:
        """Fail the next ``count`` jobs of ``service`` ``kind`` at status ``at_phase`` with ``message``."""
        if not service or not kind:
            raise ValueError("service and kind are required")
        if not message:
            raise ValueError("message is required")
        if count < 1:
            raise ValueError(f"count must be at least 1, not {count}")
        fault = JobFailureFault(service, kind, message, at_phase or None, int(count))
        with self.lock:
            self._job_failures.append(fault)
        return fault

    def take_job_failure(self, service: str, kind: str) -> JobFailureFault | None:
        """The fault the job being started now receives (consumed), or None."""
        if not self._job_failures:
            return None
        with self.lock:
            for fault in self._job_failures:
                if fault.service == service and fault.kind == kind:
                    fault.remaining -= 1
                    if fault.remaining <= 0:
                        self._job_failures.remove(fault)
                    return JobFailureFault(service, kind, fault.message, fault.at_phase, 1)
        return None

    def snapshot(self) -> dict[str, Any]:
        doc = super().snapshot()
        with self.lock:
            doc["jobFailures"] = [f.to_dict() for f in self._job_failures]
        return doc

    def clear(self) -> None:
        super().clear()
        with self.lock:
            self._job_failures.clear()
