"""``ActiveJob``: the in-memory control state of one active job (what the control plane asked of it).

The record says where a job is; the active job says what it has been asked to do next: advance credits
and target for the manual clock, pause, cancel, an injected failure, engine stop. Every field is
read and written under the engine's lock; ``cond`` (on that lock) wakes the job when any changes.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field

from dockyard.jobs.kind import JobKind


@dataclass(eq=False)
class ActiveJob:
    job_id: str
    kind: JobKind
    cond: threading.Condition
    entered_at: float = field(default_factory=time.monotonic)  # when the current status began
    credits: int = 0  # manual clock: transitions granted by advance()
    target: str | None = None  # advance(to=...): keep going until this status
    paused: bool = False
    cancel_requested: bool = False
    fail_now: str | None = None  # control-plane fail: raise at the next checkpoint
    fail_at: dict[str, str] = field(default_factory=dict)  # status -> message: fail on entering it
    stopped: bool = False  # engine shutdown/reset: unwind without touching the record
    finishing: bool = False  # past the last checkpoint: no more cancel/fail
    in_hook: bool = False  # running on_* hooks: checkpoints do not interrupt
    running: bool = False  # a worker (or recovery) has taken the job
    done: threading.Event = field(default_factory=threading.Event)  # the worker let go of the job

    @property
    def interrupt_pending(self) -> bool:
        return self.cancel_requested or self.fail_now is not None
