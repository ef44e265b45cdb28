"""Exceptions of the job engine.

Two families: errors the engine raises to its callers (a refused transition is a bug in a service;
an unknown job or a control call that does not fit the job's state is the caller's to translate
into the service's own AWS error), and interrupts raised *inside* a job body to unwind it
(cancellation, a failure requested through the control plane, the engine stopping). Interrupts
derive from ``BaseException`` so a body's ``except Exception`` around a parsing loop cannot
swallow them.
"""

from __future__ import annotations


class TransitionError(RuntimeError):
    """A status change the kind's transition table does not allow: a bug in Dockyard, not a user error."""


class JobNotFound(KeyError):
    """No job with this id (in the scope asked for)."""

    def __init__(self, job_id: str) -> None:
        super().__init__(job_id)
        self.job_id = job_id

    def __str__(self) -> str:
        return f"No job {self.job_id}"


class JobControlError(RuntimeError):
    """A control call that does not fit the job's state (cancel a finished job, advance past the end)."""


class JobFailed(Exception):
    """Raised by ``ctx.fail(reason)``: the body gives up and the job fails with ``reason``."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class JobInterrupted(BaseException):
    """Base of the interrupts the engine raises inside a body at a checkpoint."""


class JobCancelled(JobInterrupted):
    """Cancellation was requested: the job unwinds through CANCELLING to CANCELLED."""


class JobFailRequested(JobInterrupted):
    """A failure was injected (control plane ``fail`` or a job-failure fault)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class EngineStopped(JobInterrupted):
    """The engine is shutting down or resetting: the job stops where it is, its record untouched."""
