"""Private graph endpoints through boto3 in both front doors: stored with their VPC fields, one per
VPC and graph, CREATING -> AVAILABLE and DELETING -> gone, the model's errors."""

from __future__ import annotations

import re

import pytest
from botocore.exceptions import ClientError

from tests.services.neptune_graph.front_door import FAST, FrontDoor
from tests.services.neptune_graph.imports.import_helpers import new_graph

VPC = "vpc-0a1b2c3d4e5f60718"
SUBNETS = ["subnet-0aaa1111bbbb22223", "subnet-0ccc3333dddd44445"]
GROUPS = ["sg-0123456789abcdef0"]


def _error(info: pytest.ExceptionInfo) -> tuple[str, str]:
    return info.value.response["Error"]["Code"], info.value.response["Error"]["Message"]


def test_endpoint_lifecycle(aws) -> None:
    client = aws("neptune-graph")
    graph_id = new_graph(client)
    created = client.create_private_graph_endpoint(graphIdentifier=graph_id, vpcId=VPC, subnetIds=SUBNETS,
                                                   vpcSecurityGroupIds=GROUPS)
    assert created["ResponseMetadata"]["HTTPStatusCode"] == 201
    assert (created["vpcId"], created["subnetIds"], created["status"]) == (VPC, SUBNETS, "CREATING")
    assert re.fullmatch(r"vpce-[0-9a-f]{17}", created["vpcEndpointId"])
    client.get_waiter("private_graph_endpoint_available").wait(graphIdentifier=graph_id, vpcId=VPC,
                                                               WaiterConfig=FAST)
    got = client.get_private_graph_endpoint(graphIdentifier=graph_id, vpcId=VPC)
    assert {k: got[k] for k in ("vpcId", "subnetIds", "status", "vpcEndpointId")} == {
        "vpcId": VPC, "subnetIds": SUBNETS, "status": "AVAILABLE", "vpcEndpointId": created["vpcEndpointId"]}

    with pytest.raises(ClientError) as info:  # one endpoint per VPC
        client.create_private_graph_endpoint(graphIdentifier=graph_id, vpcId=VPC)
    assert _error(info)[0] == "ConflictException"
    default = client.create_private_graph_endpoint(graphIdentifier=graph_id)  # the account's default VPC
    assert re.fullmatch(r"vpc-[0-9a-f]{17}", default["vpcId"]) and default["vpcId"] != VPC
    assert default["subnetIds"] and all(s.startswith("subnet-") for s in default["subnetIds"])
    client.get_waiter("private_graph_endpoint_available").wait(graphIdentifier=graph_id, vpcId=default["vpcId"],
                                                               WaiterConfig=FAST)
    listed = client.list_private_graph_endpoints(graphIdentifier=graph_id)["privateGraphEndpoints"]
    assert [e["vpcId"] for e in listed] == [VPC, default["vpcId"]]
    pages = list(client.get_paginator("list_private_graph_endpoints").paginate(
        graphIdentifier=graph_id, PaginationConfig={"PageSize": 1}))
    assert [len(p["privateGraphEndpoints"]) for p in pages] == [1, 1]
    assert client.list_private_graph_endpoints(graphIdentifier=new_graph(client))["privateGraphEndpoints"] == []

    with pytest.raises(ClientError) as info:  # a graph with endpoints cannot be deleted
        client.delete_graph(graphIdentifier=graph_id, skipSnapshot=True)
    assert _error(info)[0] == "ConflictException" and "DeletePrivateGraphEndpoint" in _error(info)[1]

    for vpc in (VPC, default["vpcId"]):
        deleting = client.delete_private_graph_endpoint(graphIdentifier=graph_id, vpcId=vpc)
        assert deleting["status"] == "DELETING"
        client.get_waiter("private_graph_endpoint_deleted").wait(graphIdentifier=graph_id, vpcId=vpc,
                                                                 WaiterConfig=FAST)
    with pytest.raises(ClientError) as info:
        client.get_private_graph_endpoint(graphIdentifier=graph_id, vpcId=VPC)
    assert _error(info)[0] == "ResourceNotFoundException"
    client.delete_graph(graphIdentifier=graph_id, skipSnapshot=True)
    client.get_waiter("graph_deleted").wait(graphIdentifier=graph_id, WaiterConfig=FAST)


def test_endpoint_errors(aws) -> None:
    client = aws("neptune-graph")
    for call in (lambda: client.create_private_graph_endpoint(graphIdentifier="g-0000000000", vpcId=VPC),
                 lambda: client.get_private_graph_endpoint(graphIdentifier="g-0000000000", vpcId=VPC),
                 lambda: client.list_private_graph_endpoints(graphIdentifier="g-0000000000"),
                 lambda: client.delete_private_graph_endpoint(graphIdentifier="g-0000000000", vpcId=VPC)):
        with pytest.raises(ClientError) as info:
            call()
        assert _error(info) == ("ResourceNotFoundException", "Graph g-0000000000 not found")
    graph_id = new_graph(client)
    for call in (lambda: client.get_private_graph_endpoint(graphIdentifier=graph_id, vpcId=VPC),
                 lambda: client.delete_private_graph_endpoint(graphIdentifier=graph_id, vpcId=VPC)):
        with pytest.raises(ClientError) as info:
            call()
        assert _error(info)[0] == "ResourceNotFoundException"
    bad = {"vpcId": "not-a-vpc", "subnetIds": ["subnet-1"] * 7, "vpcSecurityGroupIds": ["not-a-group"]}
    for member, value in bad.items():  # the model's pattern and list lengths
        with pytest.raises(ClientError) as info:
            client.create_private_graph_endpoint(graphIdentifier=graph_id, **{member: value})
        assert _error(info)[0] == "ValidationException", member


def test_endpoint_statuses_step_by_step(door: FrontDoor) -> None:
    client = door.client("neptune-graph")
    graph_id = new_graph(client)
    with door.manual("endpoint-create", "endpoint-delete"):
        created = client.create_private_graph_endpoint(graphIdentifier=graph_id, vpcId=VPC, subnetIds=SUBNETS)
        assert client.get_private_graph_endpoint(graphIdentifier=graph_id, vpcId=VPC)["status"] == "CREATING"
        with pytest.raises(ClientError) as info:
            client.delete_private_graph_endpoint(graphIdentifier=graph_id, vpcId=VPC)
        assert _error(info)[0] == "ConflictException"
        assert door.advance(created["vpcEndpointId"])["status"] == "AVAILABLE"  # the job id is the endpoint id
        assert client.get_private_graph_endpoint(graphIdentifier=graph_id, vpcId=VPC)["status"] == "AVAILABLE"
        client.delete_private_graph_endpoint(graphIdentifier=graph_id, vpcId=VPC)
        assert client.get_private_graph_endpoint(graphIdentifier=graph_id, vpcId=VPC)["status"] == "DELETING"
        with pytest.raises(ClientError) as info:
            client.delete_private_graph_endpoint(graphIdentifier=graph_id, vpcId=VPC)
        assert _error(info)[0] == "ConflictException"
        door.advance(door.job_of(graph_id, "endpoint-delete"))
    assert client.list_private_graph_endpoints(graphIdentifier=graph_id)["privateGraphEndpoints"] == []


def test_a_failed_endpoint_is_failed(door: FrontDoor) -> None:
    client = door.client("neptune-graph")
    graph_id = new_graph(client)
    door.fail_next("endpoint-create", "subnet has no free addresses")
    client.create_private_graph_endpoint(graphIdentifier=graph_id, vpcId=VPC)
    with pytest.raises(Exception, match="FAILED"):
        client.get_waiter("private_graph_endpoint_available").wait(graphIdentifier=graph_id, vpcId=VPC,
                                                                   WaiterConfig=FAST)
    client.delete_private_graph_endpoint(graphIdentifier=graph_id, vpcId=VPC)  # a FAILED endpoint can go
    client.get_waiter("private_graph_endpoint_deleted").wait(graphIdentifier=graph_id, vpcId=VPC, WaiterConfig=FAST)
