"""Delay of an operation: a call waits ``seconds`` before its handler runs (a slow handler, on demand).

A delay rule holds every matching call for ``seconds`` (at most ``count`` calls, then the rule is
spent; ``count=None``: every call). Removing the rule or clearing the faults releases the calls it
holds at once, so a test can keep a request in flight for exactly as long as it needs.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import Any


@dataclass
class DelayRule:
    service: str
    operation: str
    seconds: float
    count: int | None = None  # calls still to delay (None: every call)
    calls: int = 0  # calls delayed so far
    in_flight: int = 0  # calls waiting now
    released: threading.Event = field(default_factory=threading.Event, repr=False, compare=False)

    def to_dict(self) -> dict[str, Any]:
        return {
            "service": self.service,
            "operation": self.operation,
            "seconds": self.seconds,
            "remaining": self.count,
            "calls": self.calls,
            "inFlight": self.in_flight,
        }
