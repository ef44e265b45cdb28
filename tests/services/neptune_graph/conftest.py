"""The ``door`` fixture: both front doors with their control plane (see ``front_door.py``)."""

from __future__ import annotations

from collections.abc import Iterator

import boto3
import pytest
from botocore.config import Config

from tests.conftest import CREDENTIALS
from tests.services.neptune_graph.front_door import FrontDoor


@pytest.fixture(params=["mock", "server"])
def door(request: pytest.FixtureRequest) -> Iterator[FrontDoor]:
    if request.param == "server":
        server = request.getfixturevalue("dockyard_server")
        yield FrontDoor.server(server.client, server.endpoint)
        return
    from dockyard.mocking.in_process import DockyardMock

    with DockyardMock() as mock:
        yield FrontDoor.in_process(
            lambda service, **kw: boto3.client(service, config=Config(retries={"max_attempts": 1}),
                                               **{**CREDENTIALS, **kw}),
            mock.runtime,
        )
