"""Clock modes: how fast a job moves from one status to the next.

* ``instant`` — as fast as the machine allows (the default);
* ``realistic`` — a job stays in each status at least ``kind.min_phase_seconds[status] / speed``;
* ``manual`` — a job waits in each status until the control plane advances it.

The engine has a default mode; rules can override it for future jobs of one service or kind, and
each job carries its own mode (changeable while it runs).
"""

from __future__ import annotations

import os
import threading

INSTANT = "instant"
REALISTIC = "realistic"
MANUAL = "manual"
CLOCK_MODES = (INSTANT, REALISTIC, MANUAL)


def parse_clock(value: str) -> str:
    """The clock mode ``value`` names (case-insensitive); ``ValueError`` otherwise."""
    mode = str(value).strip().lower()
    if mode not in CLOCK_MODES:
        raise ValueError(f"Unknown job clock {value!r}: use one of {', '.join(CLOCK_MODES)}")
    return mode


def clock_from_env(default: str = INSTANT) -> str:
    """``DOCKYARD_JOB_CLOCK`` or ``default``."""
    return parse_clock(os.environ.get("DOCKYARD_JOB_CLOCK") or default)


def speed_from_env(default: float = 1.0) -> float:
    """``DOCKYARD_JOB_SPEED``: how many times faster than the declared minimum phase durations the
    realistic clock runs (10 = ten times shorter; 0 = no waiting at all)."""
    raw = os.environ.get("DOCKYARD_JOB_SPEED")
    if not raw:
        return default
    value = float(raw)
    if value < 0:
        raise ValueError(f"DOCKYARD_JOB_SPEED must be >= 0, not {raw!r}")
    return value


class ClockRules:
    """The clock mode a new job gets: a rule for its kind, else for its service, else the default."""

    def __init__(self, default: str) -> None:
        self._lock = threading.Lock()
        self._default = parse_clock(default)
        self._rules: dict[tuple[str, str | None], str] = {}

    @property
    def default(self) -> str:
        return self._default

    def set(self, mode: str, service: str | None = None, kind: str | None = None) -> None:
        """Set the default (no service) or a rule for one service / one kind of a service."""
        mode = parse_clock(mode)
        if kind is not None and service is None:
            raise ValueError("a clock rule for a kind needs its service")
        with self._lock:
            if service is None:
                self._default = mode
            else:
                self._rules[(service, kind)] = mode

    def resolve(self, service: str, kind: str) -> str:
        with self._lock:
            return self._rules.get((service, kind)) or self._rules.get((service, None)) or self._default

    def snapshot(self) -> dict[str, object]:
        with self._lock:
            rules = [{"service": s, "kind": k, "clock": m} for (s, k), m in sorted(self._rules.items(), key=str)]
            return {"default": self._default, "rules": rules}

    def clear(self, default: str) -> None:
        with self._lock:
            self._default = parse_clock(default)
            self._rules.clear()
