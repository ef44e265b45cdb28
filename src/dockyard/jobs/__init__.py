"""Durable asynchronous jobs: records in SQLite, bodies on worker threads, clocks, control, recovery.

A service declares each job kind as data (``JobKind``: vocabulary, transitions, limits, recovery
policy, body, hooks), registers it with the runtime's ``JobEngine`` and calls ``engine.start()``.
A worker drives each job through a ``RunningJob`` handle (the body sees it as ``JobContext``).
See ``docs/jobs.md``.
"""

from dockyard.jobs.active_job import ActiveJob
from dockyard.jobs.clock import CLOCK_MODES, INSTANT, MANUAL, REALISTIC
from dockyard.jobs.context import JobContext
from dockyard.jobs.engine import JobEngine
from dockyard.jobs.errors import (
    EngineStopped,
    JobCancelled,
    JobControlError,
    JobFailed,
    JobFailRequested,
    JobInterrupted,
    JobNotFound,
    TransitionError,
)
from dockyard.jobs.faults import FaultInjector
from dockyard.jobs.kind import JobKind, LimitError, no_work
from dockyard.jobs.lookup import AmbiguousJob
from dockyard.jobs.record import JobRecord
from dockyard.jobs.recovery import RecoveryReport
from dockyard.jobs.running_job import RunningJob

__all__ = [
    "CLOCK_MODES",
    "INSTANT",
    "MANUAL",
    "REALISTIC",
    "ActiveJob",
    "AmbiguousJob",
    "EngineStopped",
    "FaultInjector",
    "JobCancelled",
    "JobContext",
    "JobControlError",
    "JobEngine",
    "JobFailRequested",
    "JobFailed",
    "JobInterrupted",
    "JobKind",
    "JobNotFound",
    "JobRecord",
    "LimitError",
    "RecoveryReport",
    "RunningJob",
    "TransitionError",
    "no_work",
]
