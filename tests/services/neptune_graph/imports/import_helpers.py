"""What the import tests share: upload files to S3, start an import, wait for it."""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any

ROLE = "arn:aws:iam::123456789012:role/NeptuneImport"
FAST = {"Delay": 1, "MaxAttempts": 60}


def unique(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4().hex[:8]}"


def upload(s3: Any, files: dict[str, bytes] | list[Path], bucket: str | None = None) -> str:
    """Put files under a fresh prefix of a (fresh) bucket; returns the s3:// source URI."""
    bucket = bucket or unique("imports")
    s3.create_bucket(Bucket=bucket)
    prefix = unique("data")
    items = files.items() if isinstance(files, dict) else ((p.name, p.read_bytes()) for p in files)
    for name, body in items:
        s3.put_object(Bucket=bucket, Key=f"{prefix}/{name}", Body=body)
    return f"s3://{bucket}/{prefix}/"


def new_graph(client: Any) -> str:
    graph_id = client.create_graph(graphName=unique("graph"), provisionedMemory=16)["id"]
    client.get_waiter("graph_available").wait(graphIdentifier=graph_id, WaiterConfig=FAST)
    return graph_id


def import_into(client: Any, graph_id: str, source: str, **kwargs: Any) -> dict[str, Any]:
    """Start an import and wait until it is terminal; returns GetImportTask."""
    task = client.start_import_task(graphIdentifier=graph_id, source=source, roleArn=ROLE, **kwargs)
    assert task["status"] == "INITIALIZING"
    return wait_terminal(client, task["taskId"])


def wait_terminal(client: Any, task_id: str, timeout: float = 60) -> dict[str, Any]:
    import time

    deadline = time.monotonic() + timeout
    while True:
        got = client.get_import_task(taskIdentifier=task_id)
        if got["status"] in ("SUCCEEDED", "FAILED", "CANCELLED"):
            return got
        if time.monotonic() > deadline:
            raise TimeoutError(got)
        time.sleep(0.02)
