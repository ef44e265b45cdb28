"""Lex V2 test helpers.

Workaround (to remove once ``dockyard.mocking`` does it): botocore calls *every* ``before-send``
handler, so moto's stubber (active in the in-process mock, for S3) also sees the Lex V2 requests
Dockyard already answered, and moto 5's own ``lexv2models`` backend raises ``KeyError`` on bot ids
it does not know (DescribeBot, DeleteBot...). Here moto's stubber skips requests Dockyard claims.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from moto.core.botocore_stubber import BotocoreStubber

from dockyard.gateway.identity import is_ours
from dockyard.mocking.botocore_hook import STUBBER


@pytest.fixture(autouse=True)
def _moto_skips_dockyard_requests(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    original = BotocoreStubber.__call__

    def call(self: BotocoreStubber, event_name: str, request: Any, **kwargs: Any) -> Any:
        if STUBBER._active and is_ours(request.headers.get("Authorization")):
            return None
        return original(self, event_name, request, **kwargs)

    monkeypatch.setattr(BotocoreStubber, "__call__", call)
    yield
