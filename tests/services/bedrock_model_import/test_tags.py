"""Tags of model import jobs and imported models (ours) and of other Bedrock resources (moto's)."""

from __future__ import annotations

from typing import Any

import pytest
from botocore.exceptions import ClientError

from dockyard.services.bedrock_model_import.formats.tiny_model import tiny_model
from tests.services.bedrock_model_import.s3_models import ROLE, start, upload, wait


def test_tags_of_jobs_and_models(clients: Any) -> None:
    bedrock, s3 = clients
    arn = start(bedrock, upload(s3, "tags", tiny_model("llama")), jobTags=[{"key": "team", "value": "ml"}],
                importedModelTags=[{"key": "stage", "value": "test"}])
    job = wait(bedrock, arn)
    model_arn = job["importedModelArn"]
    assert bedrock.list_tags_for_resource(resourceARN=arn)["tags"] == [{"key": "team", "value": "ml"}]
    assert bedrock.list_tags_for_resource(resourceARN=model_arn)["tags"] == [{"key": "stage", "value": "test"}]
    bedrock.tag_resource(resourceARN=model_arn, tags=[{"key": "a", "value": "1"}, {"key": "b", "value": "2"}])
    bedrock.untag_resource(resourceARN=model_arn, tagKeys=["a", "stage"])
    assert bedrock.list_tags_for_resource(resourceARN=model_arn)["tags"] == [{"key": "b", "value": "2"}]
    with pytest.raises(ClientError) as err:  # tags over the limit: 1 + 200 > 200
        bedrock.tag_resource(resourceARN=model_arn, tags=[{"key": f"k{i}", "value": "v"} for i in range(200)])
    assert err.value.response["Error"]["Code"] == "TooManyTagsException"
    assert bedrock.list_tags_for_resource(resourceARN=model_arn)["tags"] == [{"key": "b", "value": "2"}]
    with pytest.raises(ClientError) as err:
        bedrock.list_tags_for_resource(resourceARN=model_arn.replace(model_arn[-12:], "zzzzzzzzzzzz"))
    assert err.value.response["Error"]["Code"] == "ResourceNotFoundException"
    # other Bedrock resources' tags are moto's: the same operation falls through per request
    guardrail = "arn:aws:bedrock:us-east-1:123456789012:guardrail/abc"
    with pytest.raises(ClientError) as err:
        bedrock.list_tags_for_resource(resourceARN=guardrail)
    assert err.value.response["Error"]["Message"] == f"Resource {guardrail} not found"  # moto's wording


def test_more_than_200_tags_at_creation_are_refused(clients: Any) -> None:
    bedrock, _ = clients
    with pytest.raises(ClientError) as err:
        bedrock.create_model_import_job(
            jobName="t", importedModelName="t", roleArn=ROLE, modelDataSource={"s3DataSource": {"s3Uri": "s3://m/x"}},
            jobTags=[{"key": f"k{i}", "value": "v"} for i in range(201)])
    assert err.value.response["Error"]["Code"] == "ValidationException"
