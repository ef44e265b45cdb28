"""The ``dockyard`` pytest fixture (registered through the ``pytest11`` entry point)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from dockyard.mocking.in_process import DockyardMock


@pytest.fixture
def dockyard(monkeypatch: pytest.MonkeyPatch) -> Iterator[DockyardMock]:
    """Dockyard in this process for the test: boto3 clients made inside the test reach it."""
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    monkeypatch.setenv("AWS_DEFAULT_REGION", "us-east-1")
    with DockyardMock() as mock:
        yield mock
