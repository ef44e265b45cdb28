"""What a handler knows about the request besides its params."""

from __future__ import annotations

from dataclasses import dataclass

from dockyard.service_kit.deps import ServiceDeps
from dockyard.store.database import Scope


@dataclass
class RequestContext:
    deps: ServiceDeps
    service: str  # the ServiceSpec's name: what the service's records are stored under
    operation: str
    account: str
    region: str
    model: str = ""  # the botocore model the request was routed to (differs for a spec's also_models)
    accept: str = ""  # the request's Accept header (content negotiation, e.g. Neptune's HTML explain)

    @property
    def scope(self) -> Scope:
        return Scope(self.service, self.account, self.region)

    def arn(self, service: str, resource: str) -> str:
        """``arn:aws:<service>:<region>:<account>:<resource>``."""
        return f"arn:aws:{service}:{self.region}:{self.account}:{resource}"
