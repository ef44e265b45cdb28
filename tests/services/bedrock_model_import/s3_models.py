"""Model folders in S3 and import jobs run to their end, for the Bedrock tests."""

from __future__ import annotations

import time
import uuid
from typing import Any

from dockyard.services.bedrock_model_import.formats.tiny_model import tiny_model

ROLE = "arn:aws:iam::123456789012:role/import"
BUCKET = "models"


def upload(s3: Any, prefix: str, files: dict[str, bytes]) -> str:
    prefix = f"{prefix}-{uuid.uuid4().hex[:8]}"  # the server's S3 outlives a test
    for name, body in files.items():
        s3.put_object(Bucket=BUCKET, Key=f"{prefix}/{name}", Body=body)
    return f"s3://{BUCKET}/{prefix}"


def start(bedrock: Any, uri: str, name: str = "job", model: str = "m", **extra: Any) -> str:
    return bedrock.create_model_import_job(
        jobName=name, importedModelName=model, roleArn=ROLE, modelDataSource={"s3DataSource": {"s3Uri": uri}},
        **extra,
    )["jobArn"]


def wait(bedrock: Any, arn: str) -> dict[str, Any]:
    for _ in range(500):
        job = bedrock.get_model_import_job(jobIdentifier=arn)
        if job["status"] != "InProgress":
            return job
        time.sleep(0.02)
    raise AssertionError("job did not finish")


def run(bedrock: Any, uri: str, name: str = "job", model: str = "m") -> dict[str, Any]:
    return wait(bedrock, start(bedrock, uri, name, model))


def changed(change: dict[str, bytes | None], model_type: str = "llama") -> dict[str, bytes]:
    """A tiny model folder with files replaced (bytes) or removed (None)."""
    files: dict[str, Any] = {**tiny_model(model_type), **change}
    return {k: v for k, v in files.items() if v is not None}
