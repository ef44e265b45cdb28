"""What a service folder hands the gateway: its botocore name and one handler per operation."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from dockyard.gateway.request_context import RequestContext

Handler = Callable[["RequestContext", dict[str, Any]], dict[str, Any]]


@dataclass
class ServiceSpec:
    name: str  # botocore service name, e.g. "neptune-graph"
    validation_code: str = "ValidationException"
    validation_fields: dict[str, Any] = field(default_factory=dict)
    throttling_code: str = "ThrottlingException"
    handlers: dict[str, Handler] = field(default_factory=dict)
    on_runtime_start: list[Callable[[Any], None]] = field(default_factory=list)

    def operation(self, name: str) -> Callable[[Handler], Handler]:
        """Register the decorated function as the handler of operation ``name``."""

        def register(fn: Handler) -> Handler:
            if name in self.handlers:
                raise ValueError(f"{self.name} {name} has two handlers")
            self.handlers[name] = fn
            return fn

        return register

    def on_start(self, fn: Callable[[Any], None]) -> Callable[[Any], None]:
        """Run ``fn(runtime)`` when a runtime starts (register job kinds, open stores)."""
        self.on_runtime_start.append(fn)
        return fn
