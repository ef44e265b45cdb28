"""A job kind: one service's vocabulary, transition table, limits, recovery policy and body, as data.

A service declares each of its asynchronous operations as a ``JobKind`` and hands it to the engine;
the engine knows nothing else about the service. The happy path is ``initial_status`` followed by
``phases`` (whose last entry is the success status). When ``transitions`` is not given it is
derived from the vocabulary:

* ``initial -> phases[0] -> phases[1] -> ... -> success`` (the happy path, one step at a time);
* every non-terminal status -> ``rollback_status`` (if declared) or ``failed_status``;
  ``rollback_status -> failed_status``;
* every non-terminal status -> ``cancelling_status`` (if declared) -> ``cancelled_status``, or
  straight to ``cancelled_status`` when there is no cancelling status;
* plus ``extra_transitions`` (e.g. Q in Connect ``COMPLETE -> DELETE_IN_PROGRESS``).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from dockyard.jobs.errors import TransitionError
from dockyard.protocol.errors import AwsError

if TYPE_CHECKING:
    from dockyard.jobs.context import JobContext
    from dockyard.jobs.record import JobRecord

Body = Callable[["JobContext"], None]


def no_work(ctx: JobContext) -> None:
    """The body of a kind whose work is all in its hooks (a status that changes after a delay)."""
    return None
Hook = Callable[["JobContext"], None]

RECOVERY_POLICIES = frozenset({"retry", "fail"})
DEFAULT_INTERRUPTED_REASON = (
    "The job was interrupted because the service restarted (Dockyard process stopped during {status})."
)


@dataclass(frozen=True)
class LimitError:
    """The AWS error ``start()`` raises when a concurrency limit is reached.

    ``message`` is a ``str.format`` template; available fields: ``{parent}``, ``{limit}``,
    ``{active}`` (ids of the jobs in the way, comma separated), ``{active_id}`` (the first of them),
    ``{service}``, ``{kind}``, ``{account}``, ``{region}``.
    """

    code: str
    message: str
    status: int | None = None
    fields: Mapping[str, Any] = field(default_factory=dict)

    def build(self, **values: Any) -> AwsError:
        return AwsError(self.code, self.message.format(**values), self.status, **dict(self.fields))


DEFAULT_PARENT_LIMIT = LimitError(
    "ConflictException", "A {kind} job ({active_id}) is already in progress for {parent}."
)
DEFAULT_SCOPE_LIMIT = LimitError(
    "ServiceQuotaExceededException",
    "You have reached the limit of {limit} concurrent {kind} jobs in {region}.",
)


@dataclass(frozen=True, eq=False)
class JobKind:
    """One kind of job of one service. See the module docstring for the derived transition table."""

    service: str  # botocore service name, the same as the Scope.service the service stores under
    name: str  # e.g. "import", "export"
    body: Body
    initial_status: str
    phases: tuple[str, ...]  # the happy path after initial; the last one is the success status
    failed_status: str
    success_status: str = ""  # default phases[-1]
    terminal: frozenset[str] = frozenset()  # default {success, failed, cancelled}
    transitions: Mapping[str, Collection[str]] | None = None
    extra_transitions: Mapping[str, Collection[str]] = field(default_factory=dict)
    rollback_status: str | None = None
    cancelling_status: str | None = None
    cancelled_status: str | None = None
    recovery: str = "fail"  # "retry" (re-run with attempt + 1) or "fail"
    max_attempts: int = 3  # a retried job that reaches this attempt number fails instead
    interrupted_reason: str = DEFAULT_INTERRUPTED_REASON  # formatted with {status}
    min_phase_seconds: Mapping[str, float] = field(default_factory=dict)  # realistic clock
    max_running_per_parent: int | None = None
    parent_limit_error: LimitError = DEFAULT_PARENT_LIMIT
    max_active_per_scope: int | None = None
    scope_limit_error: LimitError = DEFAULT_SCOPE_LIMIT
    concurrency_group: str | None = None  # kinds of one service sharing a group share the limits
    id_factory: Callable[[], str] | None = None  # default: a uuid4 string
    # other ids a user holds for a job besides its id and parent id (e.g. a Bedrock job's name):
    # the manual clock and the control plane find the job by them too (jobs/lookup.py)
    names: Callable[[JobRecord], Collection[str]] | None = None
    on_succeeded: Hook | None = None  # runs before the success status is entered
    on_failed: Hook | None = None  # runs before the failed status is entered (also on recovery)
    on_cancelled: Hook | None = None  # runs before the cancelled status is entered

    def __post_init__(self) -> None:
        phases = tuple(self.phases)
        if not phases:
            raise ValueError(f"{self.key}: phases must name at least the success status")
        success = self.success_status or phases[-1]
        if phases[-1] != success:
            raise ValueError(f"{self.key}: the last phase must be the success status {success!r}")
        terminal = frozenset(self.terminal) or frozenset(
            s for s in (success, self.failed_status, self.cancelled_status) if s
        )
        object.__setattr__(self, "phases", phases)
        object.__setattr__(self, "success_status", success)
        object.__setattr__(self, "terminal", terminal)
        object.__setattr__(self, "min_phase_seconds", MappingProxyType(dict(self.min_phase_seconds)))
        table = self._derived_table() if self.transitions is None else _freeze(self.transitions)
        for source, targets in _freeze(self.extra_transitions).items():
            table[source] = table.get(source, frozenset()) | targets
        object.__setattr__(self, "transitions", MappingProxyType(table))
        self._validate()

    # -- vocabulary ------------------------------------------------------------------------------
    @property
    def key(self) -> tuple[str, str]:
        return (self.service, self.name)

    @property
    def group(self) -> str:
        return self.concurrency_group or self.name

    @property
    def statuses(self) -> frozenset[str]:
        """Every status of the vocabulary."""
        named = {self.initial_status, *self.phases, self.failed_status, *self.terminal}
        named |= {s for s in (self.rollback_status, self.cancelling_status, self.cancelled_status) if s}
        for source, targets in self.transitions.items():
            named |= {source, *targets}
        return frozenset(named)

    @property
    def active_statuses(self) -> tuple[str, ...]:
        """Non-terminal statuses on the happy path, in order (initial first)."""
        return tuple(s for s in (self.initial_status, *self.phases) if s not in self.terminal)

    @property
    def cancellable(self) -> bool:
        return self.cancelled_status is not None

    def allows(self, source: str, target: str) -> bool:
        return target in self.transitions.get(source, ())

    def check(self, source: str, target: str) -> None:
        """Raise ``TransitionError`` unless the table allows ``source -> target``."""
        if not self.allows(source, target):
            allowed = ", ".join(sorted(self.transitions.get(source, ()))) or "nothing"
            raise TransitionError(
                f"{self.service} {self.name}: transition {source} -> {target} is not in the table "
                f"(from {source} the table allows {allowed})"
            )

    def happy_index(self, status: str) -> int | None:
        """Position of ``status`` on the happy path (initial = 0), or None."""
        path = (self.initial_status, *self.phases)
        return path.index(status) if status in path else None

    def min_seconds(self, status: str) -> float:
        return float(self.min_phase_seconds.get(status, 0.0))

    # -- table -------------------------------------------------------------------------------------
    def _derived_table(self) -> dict[str, frozenset[str]]:
        table: dict[str, set[str]] = {}
        path = (self.initial_status, *self.phases)
        for source, target in itertools.pairwise(path):
            table.setdefault(source, set()).add(target)
        running = [s for s in path if s not in self.terminal]
        fail_target = self.rollback_status or self.failed_status
        for status in running:
            table.setdefault(status, set()).add(fail_target)
            table[status].add(self.failed_status)
            if self.cancelling_status:
                table[status].add(self.cancelling_status)
            elif self.cancelled_status:
                table[status].add(self.cancelled_status)
        if self.rollback_status:
            table.setdefault(self.rollback_status, set()).add(self.failed_status)
        if self.cancelling_status and self.cancelled_status:
            table.setdefault(self.cancelling_status, set()).update({self.cancelled_status, self.failed_status})
        return {k: frozenset(v) for k, v in table.items()}

    def _validate(self) -> None:
        if self.recovery not in RECOVERY_POLICIES:
            raise ValueError(f"{self.key}: recovery must be 'retry' or 'fail', not {self.recovery!r}")
        if self.initial_status in self.terminal:
            raise ValueError(f"{self.key}: the initial status cannot be terminal")
        for status in self.phases[:-1]:
            if status in self.terminal:
                raise ValueError(f"{self.key}: phase {status} before the success status is terminal")
        for status in (self.success_status, self.failed_status, self.cancelled_status):
            if status and status not in self.terminal:
                raise ValueError(f"{self.key}: {status} must be terminal")
        if self.cancelling_status and not self.cancelled_status:
            raise ValueError(f"{self.key}: a cancelling status needs a cancelled status")
        for status in (self.rollback_status, self.cancelling_status):
            if status and status in self.terminal:
                raise ValueError(f"{self.key}: {status} cannot be terminal")
        path = (self.initial_status, *self.phases)
        for source, target in itertools.pairwise(path):
            self._require(source, target)
        # The engine itself moves jobs to the failed / cancelled statuses: the table must allow it.
        for status in (*self.active_statuses, *(s for s in (self.rollback_status,) if s)):
            exits = (self.failed_status, self.rollback_status or "")
            if not any(self.allows(status, target) for target in exits):
                raise ValueError(f"{self.key}: the table gives {status} no way to {self.failed_status}")
        if self.rollback_status:
            self._require(self.rollback_status, self.failed_status)
        if self.cancelling_status:
            self._require(self.cancelling_status, self.cancelled_status or "")

    def _require(self, source: str, target: str) -> None:
        if not self.allows(source, target):
            raise ValueError(f"{self.key}: the transition table must allow {source} -> {target}")


def _freeze(table: Mapping[str, Collection[str]]) -> dict[str, frozenset[str]]:
    return {source: frozenset(targets) for source, targets in table.items()}
