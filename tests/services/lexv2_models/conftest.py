"""The ``door`` fixture: both front doors (in-process mock, real server) with their job control."""

from __future__ import annotations

from collections.abc import Iterator

import boto3
import pytest
from botocore.config import Config

from tests.conftest import CREDENTIALS
from tests.services.lexv2_models.front_doors import Door


@pytest.fixture(params=["mock", "server"])
def door(request: pytest.FixtureRequest) -> Iterator[Door]:
    if request.param == "server":
        server = request.getfixturevalue("dockyard_server")
        found = Door("server", server.client, endpoint=server.endpoint)
        yield found
        found.reset_clocks()  # the server is shared by the session: leave no clock rule behind
        return
    from dockyard.mocking.in_process import DockyardMock

    with DockyardMock() as mock:
        config = Config(retries={"max_attempts": 1})
        yield Door("mock", lambda service, **kw: boto3.client(service, config=config, **{**CREDENTIALS, **kw}),
                   mock=mock)
