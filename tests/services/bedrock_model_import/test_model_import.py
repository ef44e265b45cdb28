"""Bedrock custom model import through boto3, both front doors."""

from __future__ import annotations

import time
import urllib.request
import uuid
from typing import Any

import pytest
from botocore.exceptions import ClientError

from dockyard.services.bedrock_model_import.formats.model_config import ARCHITECTURES
from dockyard.services.bedrock_model_import.formats.tiny_model import safetensors_bytes, tiny_model

ROLE = "arn:aws:iam::123456789012:role/import"
BUCKET = "models"
LONG_CONTEXT = b'{"model_type":"llama","architectures":["LlamaForCausalLM"],"max_position_embeddings":131072}'


@pytest.fixture
def clients(aws: Any) -> tuple[Any, Any]:
    bedrock, s3 = aws("bedrock", region_name="us-east-1"), aws("s3", region_name="us-east-1")
    url = bedrock.meta.endpoint_url
    if "127.0.0.1" in url or "localhost" in url:  # the session's server: start from nothing
        urllib.request.urlopen(urllib.request.Request(url + "/_dockyard/reset", data=b"{}", method="POST"))
    s3.create_bucket(Bucket=BUCKET)
    return bedrock, s3


def upload(s3: Any, prefix: str, files: dict[str, bytes]) -> str:
    prefix = f"{prefix}-{uuid.uuid4().hex[:8]}"  # the server's S3 outlives a test
    for name, body in files.items():
        s3.put_object(Bucket=BUCKET, Key=f"{prefix}/{name}", Body=body)
    return f"s3://{BUCKET}/{prefix}"


def run(bedrock: Any, uri: str, name: str = "job", model: str = "m") -> dict[str, Any]:
    arn = bedrock.create_model_import_job(
        jobName=name, importedModelName=model, roleArn=ROLE, modelDataSource={"s3DataSource": {"s3Uri": uri}}
    )["jobArn"]
    for _ in range(200):
        job = bedrock.get_model_import_job(jobIdentifier=arn)
        if job["status"] != "InProgress":
            return job
        time.sleep(0.02)
    raise AssertionError("job did not finish")


@pytest.mark.parametrize("model_type", sorted(ARCHITECTURES))
def test_tiny_model_imports(clients: Any, model_type: str) -> None:
    bedrock, s3 = clients
    job = run(bedrock, upload(s3, model_type, tiny_model(model_type)), name=f"j-{model_type.replace('_', '-')}")
    assert job["status"] == "Completed", job.get("failureMessage")
    assert job["endTime"] and job["importedModelArn"]
    model = bedrock.get_imported_model(modelIdentifier="m")
    assert model["modelArchitecture"] == model_type
    assert model["instructSupported"] is ARCHITECTURES[model_type][2]
    assert model["customModelUnits"] == {"customModelUnitsPerModelCopy": 1, "customModelUnitsVersion": "v1.0"}
    assert bedrock.get_imported_model(modelIdentifier=model["modelArn"])["modelName"] == "m"
    assert [m["modelName"] for m in bedrock.list_imported_models()["modelSummaries"]] == ["m"]
    assert bedrock.list_model_import_jobs(statusEquals="Completed")["modelImportJobSummaries"][0]["jobName"]
    bedrock.delete_imported_model(modelIdentifier="m")
    with pytest.raises(ClientError) as err:
        bedrock.get_imported_model(modelIdentifier="m")
    assert err.value.response["Error"]["Code"] == "ResourceNotFoundException"
    # moto still answers the other Bedrock operations
    assert bedrock.list_custom_models()["modelSummaries"] == []


def broken(change: dict[str, bytes | None]) -> dict[str, bytes]:
    files: dict[str, Any] = {**tiny_model("llama"), **change}
    return {k: v for k, v in files.items() if v is not None}


@pytest.mark.parametrize(
    ("change", "words"),
    [
        ({"config.json": None}, "config.json is missing"),
        ({"config.json": b"{nope"}, "not valid JSON"),
        ({"config.json": b'{"model_type": "bert", "architectures": ["BertForMaskedLM"]}'}, "not supported"),
        ({"config.json": b'{"model_type": "llama", "architectures": ["LlamaModel"]}'}, "embedding"),
        ({"config.json": LONG_CONTEXT}, "context length"),
        ({"model.safetensors": None}, "No .safetensors"),
        ({"model.safetensors": b"\x05\x00"}, "is corrupt"),
        ({"model.safetensors": safetensors_bytes({"model.embed_tokens.weight": ("I8", (16, 8))})}, "I8"),
        ({"model.safetensors": safetensors_bytes({"model.embed_tokens.weight": ("F16", (99, 8))})}, "shape"),
        ({"model.safetensors.index.json": b'{"weight_map": {"x": "model-00002.safetensors"}}'}, "missing"),
        ({"tokenizer.json": None}, "tokenizer files are missing"),
    ],
)
def test_golden_failures(clients: Any, change: dict[str, bytes | None], words: str) -> None:
    bedrock, s3 = clients
    job = run(bedrock, upload(s3, "bad", broken(change)))
    assert job["status"] == "Failed"
    assert words in job["failureMessage"], job["failureMessage"]
    assert len(job["failureMessage"]) <= 2048
    assert "importedModelArn" not in job


def test_empty_prefix_fails(clients: Any) -> None:
    bedrock, _ = clients
    job = run(bedrock, f"s3://{BUCKET}/nothing-here")
    assert job["status"] == "Failed" and "No model files" in job["failureMessage"]


def test_names_and_quota(clients: Any) -> None:
    bedrock, s3 = clients
    uri = upload(s3, "ok", tiny_model("mistral"))
    for i in range(3):
        assert run(bedrock, uri, name=f"j{i}", model=f"m{i}")["status"] == "Completed"
    with pytest.raises(ClientError) as err:
        run(bedrock, uri, name="j0", model="other")
    assert err.value.response["Error"]["Code"] == "ConflictException"
    with pytest.raises(ClientError) as err:
        run(bedrock, uri, name="j9", model="m1")
    assert err.value.response["Error"]["Code"] == "ConflictException"
    with pytest.raises(ClientError) as err:
        run(bedrock, uri, name="j4", model="m4")
    assert err.value.response["Error"]["Code"] == "ServiceQuotaExceededException"
    assert "Imported models" in err.value.response["Error"]["Message"]
