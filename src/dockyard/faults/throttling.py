"""Throttling of an operation at a rate.

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


class Throttles:
    """Thread-safe store of throttling rules (``self.lock`` also guards what subclasses add)."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.throttles: dict[tuple[str, str], ThrottleRule] = {}

    def add_throttle(self, service: str, operation: str = ANY_OPERATION, rate: float = 1.0) -> ThrottleRule:
        """Throttle ``operation`` of ``service`` at ``rate`` (0 < rate <= 1; 0 removes the rule)."""
        rate = float(rate)
        if not 0.0 <= rate <= 1.0:
            raise ValueError(f"rate must be between 0 and 1, not {rate}")
        if not service or not operation:
            raise ValueError("service and operation are required")
        rule = ThrottleRule(service, operation, rate)
        with self.lock:
            if rate == 0.0:
                self.throttles.pop((service, operation), None)
            else:
                self.throttles[(service, operation)] = rule
        return rule

    def should_throttle(self, service: str, operation: str) -> bool:
        """Whether this call of ``service`` ``operation`` is to be answered with a throttling error."""
        if not self.throttles:  # the common case: no lock at all
            return False
        with self.lock:
            rule = self.throttles.get((service, operation)) or self.throttles.get((service, ANY_OPERATION))
            if rule is None:
                return False
            rule.calls += 1
            rule.credit += rule.rate
            if rule.credit >= 1.0 - 1e-9:
                rule.credit -= 1.0
                rule.throttled += 1
                return True
            return False

    def snapshot(self) -> dict[str, Any]:
        with self.lock:
            return {"throttles": [r.to_dict() for r in self.throttles.values()]}

    def clear(self) -> None:
        with self.lock:
            self.throttles.clear()
