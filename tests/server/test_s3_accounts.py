"""The embedded S3 is isolated by account (the 12-digit access key id): a bucket belongs to the account
that made it, other accounts get AccessDenied unless its bucket policy grants them, and imports from
another account's bucket fail with an S3-style reason. Both front doors (``aws`` fixture)."""

from __future__ import annotations

import json
import time
import uuid

import pytest
from botocore.exceptions import ClientError

OWNER, OTHER, GRANTEE = "111111111111", "222222222222", "333333333333"
PEOPLE = b"~id,~label,name:String\n1,person,ann\n2,person,bob\n"


def _code(call, *args, **kwargs) -> str:
    with pytest.raises(ClientError) as exc:
        call(*args, **kwargs)
    return exc.value.response["Error"]["Code"]


@pytest.fixture
def bucket(aws) -> str:
    name = f"owned-{uuid.uuid4().hex[:10]}"
    s3 = aws("s3", aws_access_key_id=OWNER)
    s3.create_bucket(Bucket=name)
    s3.put_object(Bucket=name, Key="g/people.csv", Body=PEOPLE)
    return name


def test_other_accounts_are_refused(aws, bucket: str) -> None:
    other = aws("s3", aws_access_key_id=OTHER)
    assert _code(other.get_object, Bucket=bucket, Key="g/people.csv") == "AccessDenied"
    assert _code(other.list_objects_v2, Bucket=bucket) == "AccessDenied"
    assert _code(other.put_object, Bucket=bucket, Key="x", Body=b"x") == "AccessDenied"
    assert _code(other.delete_object, Bucket=bucket, Key="g/people.csv") == "AccessDenied"
    assert _code(other.get_bucket_policy, Bucket=bucket) == "AccessDenied"
    assert bucket not in [b["Name"] for b in other.list_buckets()["Buckets"]]
    assert _code(other.create_bucket, Bucket=bucket) == "BucketAlreadyExists"  # one name space, as on S3
    other.create_bucket(Bucket=bucket + "-theirs")
    assert _code(other.copy_object, Bucket=bucket + "-theirs", Key="stolen",
                 CopySource={"Bucket": bucket, "Key": "g/people.csv"}) == "AccessDenied"
    owner = aws("s3", aws_access_key_id=OWNER)
    assert bucket in [b["Name"] for b in owner.list_buckets()["Buckets"]]
    assert bucket + "-theirs" not in [b["Name"] for b in owner.list_buckets()["Buckets"]]
    assert owner.get_object(Bucket=bucket, Key="g/people.csv")["Body"].read() == PEOPLE


def test_a_bucket_policy_grants_what_it_says(aws, bucket: str) -> None:
    owner = aws("s3", aws_access_key_id=OWNER)
    owner.put_bucket_policy(Bucket=bucket, Policy=json.dumps({"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Principal": {"AWS": f"arn:aws:iam::{GRANTEE}:root"},
         "Action": ["s3:GetObject", "s3:ListBucket"],
         "Resource": [f"arn:aws:s3:::{bucket}", f"arn:aws:s3:::{bucket}/*"]},
    ]}))
    grantee = aws("s3", aws_access_key_id=GRANTEE)
    assert grantee.get_object(Bucket=bucket, Key="g/people.csv")["Body"].read() == PEOPLE
    assert grantee.list_objects_v2(Bucket=bucket)["KeyCount"] == 1
    assert _code(grantee.put_object, Bucket=bucket, Key="x", Body=b"x") == "AccessDenied"
    other = aws("s3", aws_access_key_id=OTHER)
    assert _code(other.get_object, Bucket=bucket, Key="g/people.csv") == "AccessDenied"


def _wait_import(client, task_id: str) -> dict:
    deadline = time.monotonic() + 30
    while (got := client.get_import_task(taskIdentifier=task_id))["status"] not in ("SUCCEEDED", "FAILED"):
        assert time.monotonic() < deadline, got
        time.sleep(0.05)
    return got


def test_imports_from_another_accounts_bucket_fail(aws, bucket: str) -> None:
    role = f"arn:aws:iam::{OTHER}:role/NeptuneImport"
    neptune = aws("neptune-graph", aws_access_key_id=OTHER)
    task = neptune.create_graph_using_import_task(graphName=f"stolen-{bucket[-6:]}", source=f"s3://{bucket}/g/",
                                                  format="CSV", roleArn=role)
    got = _wait_import(neptune, task["taskId"])
    assert got["status"] == "FAILED"
    assert "Access Denied" in got["statusReason"] and "s3:ListBucket" in got["statusReason"]
    # the owner's own import of the same source succeeds
    mine = aws("neptune-graph", aws_access_key_id=OWNER)
    task = mine.create_graph_using_import_task(graphName=f"mine-{bucket[-6:]}", source=f"s3://{bucket}/g/",
                                               format="CSV", roleArn=f"arn:aws:iam::{OWNER}:role/NeptuneImport")
    assert _wait_import(mine, task["taskId"])["status"] == "SUCCEEDED"


def test_dockyard_internal_buckets_are_nobodys(aws) -> None:
    lex = aws("lexv2-models", aws_access_key_id=OWNER)
    lex.create_upload_url()
    internal = f"dockyard-lexv2-{OWNER}-us-east-1"
    for account in (OWNER, OTHER, "123456789012"):
        s3 = aws("s3", aws_access_key_id=account)
        assert internal not in [b["Name"] for b in s3.list_buckets()["Buckets"]]
        assert _code(s3.list_objects_v2, Bucket=internal) == "AccessDenied"
        assert _code(s3.put_object, Bucket=internal, Key="uploads/x", Body=b"x") == "AccessDenied"


def test_with_moto_account_id_everything_is_one_account(monkeypatch: pytest.MonkeyPatch) -> None:
    import boto3

    import dockyard

    monkeypatch.setenv("MOTO_ACCOUNT_ID", OWNER)  # moto files every bucket under it, whatever the key says
    with dockyard.mock():
        s3 = boto3.client("s3", region_name="us-east-1", aws_access_key_id="testing", aws_secret_access_key="testing")
        s3.create_bucket(Bucket="one-account")
        s3.put_object(Bucket="one-account", Key="k", Body=b"v")
        assert s3.get_object(Bucket="one-account", Key="k")["Body"].read() == b"v"


def test_a_bedrock_model_import_from_another_accounts_bucket_fails(aws, bucket: str) -> None:
    from dockyard.services.bedrock_model_import.formats.tiny_model import tiny_model

    owner_s3 = aws("s3", aws_access_key_id=OWNER)
    for name, body in tiny_model("llama").items():
        owner_s3.put_object(Bucket=bucket, Key=f"model/{name}", Body=body)

    def run(account: str, job: str) -> dict:
        bedrock = aws("bedrock", aws_access_key_id=account)
        arn = bedrock.create_model_import_job(
            jobName=job, importedModelName=f"{job}-model", roleArn=f"arn:aws:iam::{account}:role/import",
            modelDataSource={"s3DataSource": {"s3Uri": f"s3://{bucket}/model/"}})["jobArn"]
        deadline = time.monotonic() + 30
        while (got := bedrock.get_model_import_job(jobIdentifier=arn))["status"] == "InProgress":
            assert time.monotonic() < deadline, got
            time.sleep(0.05)
        return got

    stolen = run(OTHER, f"stolen-{bucket[-6:]}")
    assert stolen["status"] == "Failed"
    assert stolen["failureMessage"].startswith(f"Access Denied: account {OTHER} is not authorized to perform "
                                               f"s3:GetObject on arn:aws:s3:::{bucket}/model/")
    assert run(OWNER, f"mine-{bucket[-6:]}")["status"] == "Completed"
