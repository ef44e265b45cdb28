"""A model import interrupted by a restart (same data dir, in-process) is validated again and ends
Completed with its model created once; never Failed with a model in, nor a model without its job."""

from __future__ import annotations

from pathlib import Path

import boto3
from moto import mock_aws

import dockyard
from dockyard.services.bedrock_model_import.formats.tiny_model import tiny_model
from tests.conftest import CREDENTIALS
from tests.services.bedrock_model_import.s3_models import BUCKET, start, upload, wait


def test_an_import_stopped_in_progress_completes_after_the_restart(tmp_path: Path) -> None:
    with mock_aws():
        with dockyard.mock(data_dir=tmp_path) as mock:
            mock.jobs.set_default_clock("manual", "bedrock", "model-import")
            bedrock, s3 = boto3.client("bedrock", **CREDENTIALS), boto3.client("s3", **CREDENTIALS)
            s3.create_bucket(Bucket=BUCKET)
            arn = start(bedrock, upload(s3, "restart", tiny_model("llama")), name="held", model="held-model")
            assert bedrock.get_model_import_job(jobIdentifier=arn)["status"] == "InProgress"
        with dockyard.mock(data_dir=tmp_path) as restarted:
            bedrock = boto3.client("bedrock", **CREDENTIALS)
            (job_id,) = [j.id for j in restarted.jobs.list(service="bedrock")]
            assert restarted.jobs.get(job_id).attempt == 2  # retried: validating again is harmless
            restarted.jobs.advance(job_id)
            job = wait(bedrock, arn)
            assert job["status"] == "Completed", job.get("failureMessage")
            models = bedrock.list_imported_models()["modelSummaries"]
            assert [m["modelName"] for m in models] == ["held-model"]
            assert models[0]["modelArn"] == job["importedModelArn"]
