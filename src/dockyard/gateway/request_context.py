"""What a handler knows about the request besides its params."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from dockyard.store.database import Scope

if TYPE_CHECKING:
    from dockyard.gateway.http_request import HttpRequest
    from dockyard.runtime import Runtime


@dataclass
class RequestContext:
    runtime: Runtime
    service: str
    operation: str
    account: str
    region: str
    request: HttpRequest

    @property
    def scope(self) -> Scope:
        return Scope(self.service, self.account, self.region)

    def arn(self, service: str, resource: str) -> str:
        """``arn:aws:<service>:<region>:<account>:<resource>``."""
        return f"arn:aws:{service}:{self.region}:{self.account}:{resource}"
