"""``ServiceSpec``: everything the core knows about one service, declared once in its folder.

The gateway, the router, the mock hook and the runtime read the service list from the specs the
registry finds (``dockyard.services.<name>.SPEC``): the gateway reads signing names from the
botocore models the spec answers, moto fall-through and job kinds from the spec itself.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from dockyard.jobs import JobKind

if TYPE_CHECKING:
    from botocore.model import OperationModel, Shape

    from dockyard.service_kit.context import RequestContext
    from dockyard.service_kit.deps import ServiceDeps

Handler = Callable[["RequestContext", dict[str, Any]], dict[str, Any]]


class NotMine:
    """What a handler of a ``moto_serves_too`` spec returns for a request that is not its own
    (TagResource on a resource moto keeps): the gateway hands the request to moto instead."""

    def __repr__(self) -> str:
        return "NOT_MINE"


NOT_MINE: Any = NotMine()


@dataclass
class ServiceSpec:
    name: str  # botocore service name, e.g. "neptune-graph"; also the Scope.service of its records
    also_models: tuple[str, ...] = ()  # further botocore models the same handlers answer ("wisdom")
    moto_serves_too: bool = False  # operations without a handler fall through to moto (bedrock)
    validation_code: str = "ValidationException"
    validation_fields: dict[str, Any] = field(default_factory=dict)
    throttling_code: str = "ThrottlingException"
    handlers: dict[str, Handler] = field(default_factory=dict)
    # operation -> why Dockyard does not implement it (answered NotImplementedException)
    not_implemented: dict[str, str] = field(default_factory=dict)
    job_kinds: list[JobKind] = field(default_factory=list)
    on_runtime_start: list[Callable[[ServiceDeps], None]] = field(default_factory=list)
    # operation -> top-level input members whose enum values AWS accepts in any case
    case_insensitive_enums: dict[str, frozenset[str]] = field(default_factory=dict)

    # -- what the core reads -------------------------------------------------------------------------
    @property
    def models(self) -> tuple[str, ...]:
        """Every botocore model this spec answers, its own first."""
        return (self.name, *self.also_models)

    # -- what a service folder declares --------------------------------------------------------------
    def operation(self, name: str) -> Callable[[Handler], Handler]:
        """Register the decorated function as the handler of operation ``name``."""

        def register(fn: Handler) -> Handler:
            if name in self.handlers:
                raise ValueError(f"{self.name} {name} has two handlers")
            if name in self.not_implemented:
                raise ValueError(f"{self.name} {name} is declared not implemented and has a handler")
            self.handlers[name] = fn
            return fn

        return register

    def declare_not_implemented(self, reason: str, *operations: str) -> None:
        """Operations Dockyard answers with NotImplementedException, and why (listed in the README)."""
        for name in operations:
            if name in self.handlers or name in self.not_implemented:
                raise ValueError(f"{self.name} {name} is declared twice")
            self.not_implemented[name] = reason

    def job_kind(self, kind: JobKind) -> JobKind:
        """Declare a job kind (registered with every runtime's job engine before recovery)."""
        if kind.service != self.name:
            raise ValueError(f"job kind {kind.name} is for {kind.service}, not {self.name}")
        if any(k.name == kind.name for k in self.job_kinds):
            raise ValueError(f"{self.name} declares job kind {kind.name} twice")
        self.job_kinds.append(kind)
        return kind

    def accept_enum_case(self, operation: str, *members: str) -> None:
        """AWS accepts these enum members of ``operation`` in any case and with or without
        underscores (``mode="detailed"``, ``language="opencypher"``)."""
        self.case_insensitive_enums[operation] = self.case_insensitive_enums.get(operation, frozenset()) | set(members)

    def normalize_input(self, operation: OperationModel, params: dict[str, Any]) -> dict[str, Any]:
        """``params`` with the members declared by ``accept_enum_case`` spelled as the model's enum
        value (before validation; a value matching no enum value is left for the validator)."""
        members = self.case_insensitive_enums.get(operation.name)
        shape = operation.input_shape
        if not members or shape is None:
            return params
        out = params
        for name in members:
            value = params.get(name)
            if isinstance(value, str):
                spelled = _folded_enum(shape, name).get(_fold(value), value)
                if spelled != value:
                    out = dict(out) if out is params else out
                    out[name] = spelled
        return out

    def on_start(self, fn: Callable[[ServiceDeps], None]) -> Callable[[ServiceDeps], None]:
        """Run ``fn(deps)`` when a runtime starts (open stores, reset hooks)."""
        self.on_runtime_start.append(fn)
        return fn


def _fold(text: str) -> str:
    return text.replace("_", "").lower()


@functools.cache
def _folded_enum(shape: Shape, member: str) -> dict[str, str]:
    """``member``'s enum values of ``shape`` by their folded spelling (memoised: models never change)."""
    found = shape.members.get(member)
    return {_fold(e): e for e in (found.metadata.get("enum") or ())} if found is not None else {}
