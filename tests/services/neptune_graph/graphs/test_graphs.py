"""Neptune Analytics graphs through real boto3 clients, in both front doors."""

from __future__ import annotations

import re

import boto3
import pytest
from botocore.exceptions import ClientError
from moto import mock_aws

import dockyard

FAST_WAIT = {"Delay": 1, "MaxAttempts": 5}


def test_graph_lifecycle(aws) -> None:
    client = aws("neptune-graph")
    created = client.create_graph(graphName="social-1", provisionedMemory=16, tags={"team": "graph"})
    assert created["ResponseMetadata"]["HTTPStatusCode"] == 201
    graph_id = created["id"]
    assert re.fullmatch(r"g-[a-z0-9]{10}", graph_id)
    assert created["status"] == "CREATING"
    assert created["arn"] == f"arn:aws:neptune-graph:us-east-1:123456789012:graph/{graph_id}"
    assert created["endpoint"] == f"{graph_id}.us-east-1.neptune-graph.amazonaws.com"
    assert created["replicaCount"] == 1
    client.get_waiter("graph_available").wait(graphIdentifier=graph_id, WaiterConfig=FAST_WAIT)
    got = client.get_graph(graphIdentifier=graph_id)
    assert got["status"] == "AVAILABLE"
    assert got["name"] == "social-1"
    assert got["provisionedMemory"] == 16
    assert got["createTime"].year >= 2024
    assert client.list_tags_for_resource(resourceArn=created["arn"])["tags"] == {"team": "graph"}
    listed = client.list_graphs()["graphs"]
    assert [g["id"] for g in listed if g["id"] == graph_id] == [graph_id]
    deleted = client.delete_graph(graphIdentifier=graph_id, skipSnapshot=True)
    assert deleted["status"] == "DELETING"
    client.get_waiter("graph_deleted").wait(graphIdentifier=graph_id, WaiterConfig=FAST_WAIT)
    with pytest.raises(ClientError) as info:
        client.get_graph(graphIdentifier=graph_id)
    assert info.value.response["Error"]["Code"] == "ResourceNotFoundException"


def test_deletion_protection(aws) -> None:
    client = aws("neptune-graph")
    graph_id = client.create_graph(graphName="kept", provisionedMemory=16, deletionProtection=True)["id"]
    with pytest.raises(ClientError) as info:
        client.delete_graph(graphIdentifier=graph_id, skipSnapshot=True)
    assert info.value.response["Error"]["Code"] == "ValidationException"
    assert "deletion protection" in info.value.response["Error"]["Message"]
    client.update_graph(graphIdentifier=graph_id, deletionProtection=False)
    client.delete_graph(graphIdentifier=graph_id, skipSnapshot=True)


def test_tags_and_pagination(aws) -> None:
    client = aws("neptune-graph")
    ids = [client.create_graph(graphName=f"page-{i}", provisionedMemory=16)["id"] for i in range(5)]
    pages = list(client.get_paginator("list_graphs").paginate(PaginationConfig={"PageSize": 2}))
    seen = [g["id"] for p in pages for g in p["graphs"]]
    assert [i for i in seen if i in ids] == ids
    assert len(pages) >= 3
    arn = client.get_graph(graphIdentifier=ids[0])["arn"]
    client.tag_resource(resourceArn=arn, tags={"a": "1", "b": "2"})
    client.untag_resource(resourceArn=arn, tagKeys=["a"])
    assert client.list_tags_for_resource(resourceArn=arn)["tags"] == {"b": "2"}
    with pytest.raises(ClientError) as info:
        client.create_graph(graphName="page-0", provisionedMemory=16)
    assert info.value.response["Error"]["Code"] == "ConflictException"


def test_accounts_and_regions_are_isolated(aws) -> None:
    mine = aws("neptune-graph")
    graph_id = mine.create_graph(graphName="private", provisionedMemory=16)["id"]
    other_region = aws("neptune-graph", region_name="eu-west-1")
    with pytest.raises(ClientError):
        other_region.get_graph(graphIdentifier=graph_id)
    other_account = aws("neptune-graph", aws_access_key_id="111122223333")
    with pytest.raises(ClientError):
        other_account.get_graph(graphIdentifier=graph_id)
    assert other_account.create_graph(graphName="private", provisionedMemory=16)["arn"].startswith(
        "arn:aws:neptune-graph:us-east-1:111122223333:graph/"
    )


def test_s3_at_the_same_endpoint(aws) -> None:
    s3 = aws("s3")
    s3.create_bucket(Bucket="same-endpoint")
    s3.put_object(Bucket="same-endpoint", Key="a/b.csv", Body=b"~id,~label\n1,person\n")
    assert s3.get_object(Bucket="same-endpoint", Key="a/b.csv")["Body"].read() == b"~id,~label\n1,person\n"


def test_mock_nested_inside_users_mock_aws() -> None:
    with mock_aws():
        s3 = boto3.client("s3", region_name="us-east-1")
        s3.create_bucket(Bucket="users-bucket")
        with dockyard.mock():
            client = boto3.client("neptune-graph", region_name="us-east-1")
            assert client.create_graph(graphName="nested", provisionedMemory=16)["status"] == "CREATING"
            # the user's moto state is still there and still served by moto
            assert [b["Name"] for b in boto3.client("s3", region_name="us-east-1").list_buckets()["Buckets"]] == [
                "users-bucket"
            ]
        # leaving dockyard.mock() leaves the user's mock_aws running
        assert s3.list_buckets()["Buckets"][0]["Name"] == "users-bucket"


@dockyard.mock()
def test_decorator_form() -> None:
    client = boto3.client("neptune-graph", region_name="us-east-1")
    assert client.list_graphs()["graphs"] == []


def test_pytest_fixture(dockyard) -> None:  # the fixture registered through pytest11
    client = boto3.client("neptune-graph", region_name="us-east-1")
    graph_id = client.create_graph(graphName="fixture", provisionedMemory=16)["id"]
    assert client.get_graph(graphIdentifier=graph_id)["name"] == "fixture"


def test_host_prefixed_data_plane_requests(aws) -> None:
    """GetGraphSummary carries a ``{graphIdentifier}.`` host prefix; both spellings reach us."""
    client = aws("neptune-graph")
    graph_id = client.create_graph(graphName="prefixed", provisionedMemory=16)["id"]
    summary = client.get_graph_summary(graphIdentifier=graph_id)
    assert summary["graphSummary"]["numNodes"] == 0
