"""The API fault store the gateway asks before a handler runs: throttling of an operation at a rate,
and delays (``delays.py``).

Throttling is deterministic: each call adds ``rate`` to a credit and is throttled whenever the credit
reaches 1 (rate 1.0 throttles every call, 0.5 every second call, 0.25 every fourth). The gateway
asks ``should_throttle(service, operation)`` before handling a request; ``operation="*"`` throttles
every operation of the service.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Any

from dockyard.faults.delays import DelayRule

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
    """Thread-safe store of throttling and delay rules (``self.lock`` also guards what subclasses add)."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.throttles: dict[tuple[str, str], ThrottleRule] = {}
        self.delays: dict[tuple[str, str], DelayRule] = {}

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

    # -- delays ------------------------------------------------------------------------------------
    def add_delay(
        self, service: str, operation: str = ANY_OPERATION, seconds: float = 1.0, count: int | None = None
    ) -> DelayRule:
        """Hold calls of ``service`` ``operation`` for ``seconds`` before their handler runs (the next
        ``count`` calls; None: every call). ``seconds=0`` removes the rule and releases held calls."""
        seconds = float(seconds)
        if not 0.0 <= seconds <= 3600.0:
            raise ValueError(f"seconds must be between 0 and 3600, not {seconds}")
        if count is not None and count < 1:
            raise ValueError(f"count must be at least 1, not {count}")
        if not service or not operation:
            raise ValueError("service and operation are required")
        rule = DelayRule(service, operation, seconds, count)
        with self.lock:
            old = self.delays.pop((service, operation), None)
            if seconds > 0.0:
                self.delays[(service, operation)] = rule
        if old is not None:
            old.released.set()
        return rule

    def hold(self, service: str, operation: str) -> None:
        """Wait here as long as a delay rule says (at once without one); the gateway calls this."""
        if not self.delays:  # the common case: no lock at all
            return
        with self.lock:
            rule = self.delays.get((service, operation)) or self.delays.get((service, ANY_OPERATION))
            if rule is None or rule.count == 0:  # a spent rule stays listed while it holds calls
                return
            rule.calls += 1
            rule.in_flight += 1
            if rule.count is not None:
                rule.count -= 1
        try:
            rule.released.wait(rule.seconds)
        finally:
            with self.lock:
                rule.in_flight -= 1
                key = (rule.service, rule.operation)
                if rule.count == 0 and rule.in_flight == 0 and self.delays.get(key) is rule:
                    del self.delays[key]

    def release_delays(self) -> None:
        """Drop every delay rule and let the calls they hold go on at once (server shutdown)."""
        with self.lock:
            held = list(self.delays.values())
            self.delays.clear()
        for rule in held:
            rule.released.set()

    def snapshot(self) -> dict[str, Any]:
        with self.lock:
            return {
                "throttles": [r.to_dict() for r in self.throttles.values()],
                "delays": [r.to_dict() for r in self.delays.values()],
            }

    def clear(self) -> None:
        with self.lock:
            self.throttles.clear()
        self.release_delays()
