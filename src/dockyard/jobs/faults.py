"""Injected faults: throttling of an operation at a rate, and the failure of the next job of a kind.

Throttling is deterministic: each call adds ``rate`` to a credit and is throttled whenever the credit
reaches 1 (rate 1.0 throttles every call, 0.5 every second call, 0.25 every fourth). The gateway
asks ``should_throttle(service, operation)`` before handling a request; ``operation="*"`` throttles
every operation of the service.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Any

ANY_OPERATION = "*"


@dataclass
class ThrottleRule:
    service: str
    operation: str
    rate: float
    calls: int = 0
    throttled: int = 0
    credit: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "service": self.service,
            "operation": self.operation,
            "rate": self.rate,
            "calls": self.calls,
            "throttled": self.throttled,
        }


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


class FaultInjector:
    """Thread-safe store of active faults."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._throttles: dict[tuple[str, str], ThrottleRule] = {}
        self._job_failures: list[JobFailureFault] = []

    # -- throttling --------------------------------------------------------------------------------
    def add_throttle(self, service: str, operation: str = ANY_OPERATION, rate: float = 1.0) -> ThrottleRule:
        """Throttle ``operation`` of ``service`` at ``rate`` (0 < rate <= 1; 0 removes the rule)."""
        rate = float(rate)
        if not 0.0 <= rate <= 1.0:
            raise ValueError(f"rate must be between 0 and 1, not {rate}")
        if not service or not operation:
            raise ValueError("service and operation are required")
        rule = ThrottleRule(service, operation, rate)
        with self._lock:
            if rate == 0.0:
                self._throttles.pop((service, operation), None)
            else:
                self._throttles[(service, operation)] = rule
        return rule

    def should_throttle(self, service: str, operation: str) -> bool:
        """Whether this call of ``service`` ``operation`` is to be answered with a throttling error."""
        if not self._throttles:  # the common case: no lock at all
            return False
        with self._lock:
            rule = self._throttles.get((service, operation)) or self._throttles.get((service, ANY_OPERATION))
            if rule is None:
                return False
            rule.calls += 1
            rule.credit += rule.rate
            if rule.credit >= 1.0 - 1e-9:
                rule.credit -= 1.0
                rule.throttled += 1
                return True
            return False

    # -- job failures ------------------------------------------------------------------------------
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
        with self._lock:
            self._job_failures.append(fault)
        return fault

    def take_job_failure(self, service: str, kind: str) -> JobFailureFault | None:
        """The fault the job being started now receives (consumed), or None."""
        if not self._job_failures:
            return None
        with self._lock:
            for fault in self._job_failures:
                if fault.service == service and fault.kind == kind:
                    fault.remaining -= 1
                    if fault.remaining <= 0:
                        self._job_failures.remove(fault)
                    return JobFailureFault(service, kind, fault.message, fault.at_phase, 1)
        return None

    # -- all ---------------------------------------------------------------------------------------
    def snapshot(self) -> dict[str, Any]:
        with self._lock:
            return {
                "throttles": [r.to_dict() for r in self._throttles.values()],
                "jobFailures": [f.to_dict() for f in self._job_failures],
            }

    def clear(self) -> None:
        with self._lock:
            self._throttles.clear()
            self._job_failures.clear()
