"""Both front doors for Bedrock model import: boto3 clients, and the control plane of the same Dockyard."""

from __future__ import annotations

import json
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import boto3
import pytest
from botocore.config import Config

from dockyard.control import handle_control_request
from dockyard.mocking.in_process import DockyardMock
from tests.conftest import CREDENTIALS
from tests.services.bedrock_model_import.s3_models import BUCKET


@dataclass
class Door:
    """One front door: ``client("bedrock")`` and ``control(method, path, doc)`` -> (status, document)."""

    client: Callable[..., Any]
    control: Callable[..., tuple[int, dict[str, Any]]]


@pytest.fixture(params=["mock", "server"])
def door(request: pytest.FixtureRequest) -> Iterator[Door]:
    if request.param == "server":
        server = request.getfixturevalue("dockyard_server")

        def control(method: str, path: str, doc: dict[str, Any] | None = None) -> tuple[int, dict[str, Any]]:
            data = json.dumps(doc or {}).encode() if method == "POST" else None
            req = urllib.request.Request(server.endpoint + path, data=data, method=method)
            with urllib.request.urlopen(req, timeout=30) as response:
                return response.status, json.loads(response.read() or b"{}")

        control("POST", "/_dockyard/reset")  # the session's server: start from nothing
        yield Door(server.client, control)
        control("POST", "/_dockyard/reset")  # and leave no clock rule behind
        return
    with DockyardMock() as mock:
        def in_process(method: str, path: str, doc: dict[str, Any] | None = None) -> tuple[int, dict[str, Any]]:
            return handle_control_request(mock, method, path, {}, json.dumps(doc or {}).encode())

        yield Door(lambda service, **kw: boto3.client(
            service, config=Config(retries={"max_attempts": 1}), **{**CREDENTIALS, **kw}), in_process)


@pytest.fixture
def clients(door: Door) -> tuple[Any, Any]:
    bedrock, s3 = door.client("bedrock", region_name="us-east-1"), door.client("s3", region_name="us-east-1")
    s3.create_bucket(Bucket=BUCKET)
    return bedrock, s3
