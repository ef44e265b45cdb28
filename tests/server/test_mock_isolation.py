"""In-process: moto's stubber (active for S3) never sees a request Dockyard answered."""

from __future__ import annotations

import boto3
from moto.core.botocore_stubber import BotocoreStubber

import dockyard


def test_moto_does_not_process_what_dockyard_answered(monkeypatch) -> None:
    seen: list[str] = []
    inner = BotocoreStubber.process_request

    def spy(self, request):  # type: ignore[no-untyped-def]
        seen.append(request.url)
        return inner(self, request)

    monkeypatch.setattr(BotocoreStubber, "process_request", spy)
    with dockyard.mock():
        boto3.client("neptune-graph", region_name="us-east-1").list_graphs()
        boto3.client("s3", region_name="us-east-1").list_buckets()
    assert not [u for u in seen if "neptune-graph" in u]
    assert [u for u in seen if "s3" in u]  # S3 still reaches moto
