"""``JobContext``: what a job body (and a kind's hooks) may do to its own job."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, NoReturn

from dockyard.jobs.errors import JobFailed, TransitionError
from dockyard.jobs.kind import JobKind
from dockyard.jobs.record import JobRecord, frozen_map
from dockyard.store.database import Database, Scope

if TYPE_CHECKING:
    from dockyard.jobs.running_job import RunningJob


MAX_RUNNING_PROGRESS = 99.0


class JobContext:
    """Handed to ``kind.body(ctx)`` and to the ``on_*`` hooks.

    Checkpoints — ``phase()``, ``progress()``, ``check_cancelled()``, ``sleep()`` — raise
    ``JobCancelled`` once cancellation was requested (and ``JobFailRequested`` for an injected
    failure) and wait while the job is paused. Never call them inside ``db.transaction()``: a
    held job would hold the database too (the engine raises ``TransitionError`` if you do).
    """

    def __init__(self, job: RunningJob) -> None:
        self._job = job

    # -- what the job is ---------------------------------------------------------------------------
    @property
    def job(self) -> JobRecord:
        """The newest record (an immutable snapshot)."""
        return self._job.current()

    @property
    def job_id(self) -> str:
        return self._job.job_id

    @property
    def input(self) -> Mapping[str, Any]:
        return self.job.input

    @property
    def status(self) -> str:
        return self.job.status

    @property
    def attempt(self) -> int:
        """1 on the first run; more when a restart re-ran the job (``recovery="retry"``)."""
        return self.job.attempt

    @property
    def kind(self) -> JobKind:
        return self._job.kind

    @property
    def scope(self) -> Scope:
        return self.job.scope

    @property
    def db(self) -> Database:
        return self._job.db

    @property
    def deps(self) -> Any:
        """The service dependencies (``dockyard.service_kit.ServiceDeps``): store, blobs, jobs, data dir."""
        return self._job.deps

    # -- moving on ---------------------------------------------------------------------------------
    def phase(self, status: str) -> None:
        """Move to the next status of the happy path. Waits as the job's clock says (manual: until
        advanced; realistic: the current status's minimum duration / speed)."""
        kind = self._job.kind
        if status in kind.terminal:
            raise TransitionError(
                f"{kind.service} {kind.name}: a body does not enter {status} itself; "
                "return to succeed, raise (or ctx.fail) to fail"
            )
        self._job.step(status)

    def progress(self, percent: float) -> None:
        """Report progress (0-100). A checkpoint. A running job shows at most ``MAX_RUNNING_PROGRESS``
        (99): 100 means done, and the success status sets it."""
        value = min(MAX_RUNNING_PROGRESS, max(0.0, float(percent)))
        self._job.change(lambda r: {"progress": value}, checkpoint=True)

    def check_cancelled(self) -> None:
        """Raise ``JobCancelled`` if cancellation was requested; wait while paused."""
        self._job.check()

    checkpoint = check_cancelled

    def sleep(self, seconds: float) -> None:
        """Wait ``seconds``, interrupted at once by cancellation or an injected failure."""
        self._job.sleep(seconds)

    def fail(self, reason: str) -> NoReturn:
        """Give up: the job fails (through the rollback status, if any) with ``reason``."""
        raise JobFailed(reason)

    # -- reporting ---------------------------------------------------------------------------------
    def count(self, **counters: float) -> None:
        """Add to counters: ``ctx.count(edges=1000, errors=2)``."""

        def make(record: JobRecord) -> dict[str, Any]:
            merged = dict(record.counters)
            for name, value in counters.items():
                merged[name] = merged.get(name, 0) + value
            return {"counters": frozen_map(merged)}

        self._job.change(make)

    def set_counters(self, **counters: float) -> None:
        """Set counters to absolute values."""
        self._job.change(lambda r: {"counters": frozen_map({**r.counters, **counters})})

    def details(self, **fields: Any) -> None:
        """Merge service-specific live fields into ``job.details`` (a None value removes a field)."""

        def make(record: JobRecord) -> dict[str, Any]:
            merged = dict(record.details)
            for name, value in fields.items():
                if value is None:
                    merged.pop(name, None)
                else:
                    merged[name] = value
            return {"details": frozen_map(merged)}

        self._job.change(make)

    def error(self, message: str) -> None:
        """Record a failure reason without failing the job (a bad line, a skipped file)."""
        self._job.change(lambda r: {"failure_reasons": (*r.failure_reasons, message)})

    def artifact(self, name: str, value: Any) -> None:
        """Record an output of the job (an S3 key, a report location, a summary)."""
        self._job.change(
            lambda r: {"artifacts": frozen_map({**r.artifacts, name: value})}, force=True
        )
