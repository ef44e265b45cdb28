"""Tags (ours and moto's), the manual clock holding a job, tokenizer and chat template failures."""

from __future__ import annotations

from typing import Any

import boto3
import pytest
from botocore.exceptions import ClientError

from dockyard import control
from dockyard.mocking.in_process import DockyardMock
from dockyard.services.bedrock_model_import.formats.tiny_model import tiny_model
from tests.services.bedrock_model_import.test_model_import import ROLE, clients, run, upload  # noqa: F401

CREDS = {"aws_access_key_id": "a", "aws_secret_access_key": "b", "region_name": "us-east-1"}


def test_tags_of_jobs_and_models(clients: Any) -> None:  # noqa: F811
    bedrock, s3 = clients
    job = run(bedrock, upload(s3, "tags", tiny_model("llama")))
    model_arn = job["importedModelArn"]
    bedrock.tag_resource(resourceARN=job["jobArn"], tags=[{"key": "team", "value": "ml"}])
    assert bedrock.list_tags_for_resource(resourceARN=job["jobArn"])["tags"] == [{"key": "team", "value": "ml"}]
    bedrock.tag_resource(resourceARN=model_arn, tags=[{"key": "a", "value": "1"}, {"key": "b", "value": "2"}])
    bedrock.untag_resource(resourceARN=model_arn, tagKeys=["a"])
    assert bedrock.list_tags_for_resource(resourceARN=model_arn)["tags"] == [{"key": "b", "value": "2"}]
    with pytest.raises(ClientError) as err:
        bedrock.tag_resource(resourceARN=model_arn, tags=[{"key": f"k{i}", "value": "v"} for i in range(200)])
    assert err.value.response["Error"]["Code"] == "TooManyTagsException"
    # other Bedrock resources' tags are moto's: the same operation falls through per request
    guardrail = "arn:aws:bedrock:us-east-1:123456789012:guardrail/abc"
    with pytest.raises(ClientError) as err:
        bedrock.list_tags_for_resource(resourceARN=guardrail)
    assert err.value.response["Error"]["Message"] == f"Resource {guardrail} not found"  # moto's wording


@pytest.mark.parametrize(
    ("change", "words"),
    [
        ({"tokenizer.json": b'{"model": 3}'}, "tokenizer.json does not load"),
        ({"chat_template.jinja": b"{% for m in messages %}{{ m "}, "does not compile"),
    ],
)
def test_tokenizer_and_template_failures(clients: Any, change: dict[str, bytes], words: str) -> None:  # noqa: F811
    bedrock, s3 = clients
    job = run(bedrock, upload(s3, "tok", {**tiny_model("llama"), **change}))
    assert job["status"] == "Failed" and words in job["failureMessage"], job.get("failureMessage")


def test_manual_clock_holds_the_job_and_the_concurrency_quota() -> None:
    with DockyardMock(job_clock="manual") as mock:
        bedrock, s3 = boto3.client("bedrock", **CREDS), boto3.client("s3", **CREDS)
        s3.create_bucket(Bucket="models")
        uri = upload(s3, "held", tiny_model("mistral"))
        source = {"s3DataSource": {"s3Uri": uri}}
        arn = bedrock.create_model_import_job(jobName="a", importedModelName="a", roleArn=ROLE,
                                              modelDataSource=source)["jobArn"]
        assert bedrock.get_model_import_job(jobIdentifier="a")["status"] == "InProgress"
        with pytest.raises(ClientError) as err:
            bedrock.create_model_import_job(jobName="b", importedModelName="b", roleArn=ROLE, modelDataSource=source)
        assert err.value.response["Error"]["Code"] == "ServiceQuotaExceededException"
        assert "Concurrent model import jobs" in err.value.response["Error"]["Message"]
        control.advance_job(mock, arn.rsplit("/", 1)[1], to="Completed")
        job = bedrock.get_model_import_job(jobIdentifier=arn)
        assert job["status"] == "Completed" and job["endTime"]
