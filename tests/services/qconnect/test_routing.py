"""qconnect and wisdom share every path: a request both models match goes to the spec's own model."""

from __future__ import annotations

from botocore.session import Session

from dockyard.gateway.dispatcher import Gateway
from dockyard.gateway.http_request import HttpRequest
from dockyard.jobs.faults import FaultInjector


def test_shared_paths_route_to_qconnect() -> None:
    gateway = Gateway(deps=None, faults=FaultInjector())  # type: ignore[arg-type]
    wisdom = Session().get_service_model("wisdom")
    both = frozenset({"qconnect", "wisdom"})
    for name in wisdom.operation_names:
        uri = wisdom.operation_model(name).http["requestUri"].split("?")[0]
        path = uri.replace("{", "x").replace("}", "").replace("+", "")
        method = wisdom.operation_model(name).http["method"]
        found = gateway.resolve(HttpRequest(method, path, {}, {}, b"", "wisdom.us-east-1.amazonaws.com"), both)
        assert found is not None, name
        assert found[0].service == "qconnect", name
