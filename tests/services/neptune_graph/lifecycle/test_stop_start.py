"""StopGraph / StartGraph through boto3 in both front doors: AVAILABLE -> STOPPING -> STOPPED ->
STARTING -> AVAILABLE held by the manual clock, what a stopped graph refuses, data kept."""

from __future__ import annotations

from typing import Any

import pytest
from botocore.exceptions import ClientError

from tests.services.neptune_graph.exports.export_helpers import KMS, new_bucket
from tests.services.neptune_graph.front_door import FAST, FrontDoor, wait_for
from tests.services.neptune_graph.imports.import_helpers import ROLE, import_into, new_graph, unique, upload

PEOPLE = b"~id,~label,name:String\n1,person,ann\n2,person,bob\n"
KNOWS = b"~id,~from,~to,~label\ne1,1,2,knows\n"


def _error(info: pytest.ExceptionInfo) -> tuple[str, str]:
    return info.value.response["Error"]["Code"], info.value.response["Error"]["Message"]


def _refusals(client: Any, s3: Any, graph_id: str) -> dict[str, Any]:
    """Every call a stopped graph refuses, by operation."""
    source = upload(s3, {"p.csv": PEOPLE})
    destination = f"s3://{new_bucket(s3)}/out"
    return {
        "GetGraphSummary": lambda: client.get_graph_summary(graphIdentifier=graph_id),
        "ExecuteQuery": lambda: client.execute_query(graphIdentifier=graph_id, queryString="RETURN 1",
                                                     language="OPEN_CYPHER"),
        "ListQueries": lambda: client.list_queries(graphIdentifier=graph_id, maxResults=10),
        "StartImportTask": lambda: client.start_import_task(graphIdentifier=graph_id, source=source, roleArn=ROLE),
        "StartExportTask": lambda: client.start_export_task(graphIdentifier=graph_id, roleArn=ROLE, format="CSV",
                                                            destination=destination, kmsKeyIdentifier=KMS),
        "CreateGraphSnapshot": lambda: client.create_graph_snapshot(graphIdentifier=graph_id,
                                                                    snapshotName=unique("stopped")),
        "UpdateGraph": lambda: client.update_graph(graphIdentifier=graph_id, deletionProtection=True),
        "ResetGraph": lambda: client.reset_graph(graphIdentifier=graph_id, skipSnapshot=True),
        "StopGraph": lambda: client.stop_graph(graphIdentifier=graph_id),
        "CreatePrivateGraphEndpoint": lambda: client.create_private_graph_endpoint(graphIdentifier=graph_id),
    }


# their models list no ConflictException
EXPECTED_CODE = {"GetGraphSummary": "ValidationException", "ExecuteQuery": "ValidationException",
                 "ListQueries": "ValidationException"}


def test_stop_and_start_step_by_step(door: FrontDoor) -> None:
    client, s3 = door.client("neptune-graph"), door.client("s3")
    graph_id = new_graph(client)
    assert import_into(client, graph_id, upload(s3, {"p.csv": PEOPLE, "k.csv": KNOWS}))["status"] == "SUCCEEDED"
    before = client.get_graph_summary(graphIdentifier=graph_id, mode="DETAILED")["graphSummary"]
    with door.manual("graph-stop", "graph-start"):
        stopping = client.stop_graph(graphIdentifier=graph_id)
        assert (stopping["id"], stopping["status"]) == (graph_id, "STOPPING")
        assert client.get_graph(graphIdentifier=graph_id)["status"] == "STOPPING"
        with pytest.raises(ClientError) as info:
            client.start_graph(graphIdentifier=graph_id)
        assert _error(info) == ("ConflictException",
                                f"Graph {graph_id} is in status STOPPING; StartGraph needs it STOPPED.")
        assert door.advance(door.job_of(graph_id, "graph-stop"))["status"] == "STOPPED"
        client.get_waiter("graph_stopped").wait(graphIdentifier=graph_id, WaiterConfig=FAST)
        assert client.get_graph(graphIdentifier=graph_id)["status"] == "STOPPED"

        for operation, call in _refusals(client, s3, graph_id).items():
            with pytest.raises(ClientError) as info:
                call()
            code, message = _error(info)
            assert code == EXPECTED_CODE.get(operation, "ConflictException"), (operation, message)
            assert "STOPPED" in message, (operation, message)
        # what a stopped graph still answers
        assert any(g["id"] == graph_id for g in client.list_graphs()["graphs"])
        arn = client.get_graph(graphIdentifier=graph_id)["arn"]
        client.tag_resource(resourceArn=arn, tags={"parked": "yes"})
        assert client.list_tags_for_resource(resourceArn=arn)["tags"] == {"parked": "yes"}
        assert client.list_private_graph_endpoints(graphIdentifier=graph_id)["privateGraphEndpoints"] == []

        starting = client.start_graph(graphIdentifier=graph_id)
        assert starting["status"] == "STARTING"
        with pytest.raises(ClientError) as info:
            client.get_graph_summary(graphIdentifier=graph_id)
        assert _error(info)[0] == "ValidationException"
        with pytest.raises(ClientError) as info:
            client.stop_graph(graphIdentifier=graph_id)
        assert _error(info)[0] == "ConflictException"
        assert door.advance(door.job_of(graph_id, "graph-start"))["status"] == "AVAILABLE"
    client.get_waiter("graph_available").wait(graphIdentifier=graph_id, WaiterConfig=FAST)
    assert client.get_graph_summary(graphIdentifier=graph_id, mode="DETAILED")["graphSummary"] == before


def test_stop_start_waiters_and_delete_when_stopped(aws) -> None:
    client = aws("neptune-graph")
    graph_id = new_graph(client)
    with pytest.raises(ClientError) as info:
        client.start_graph(graphIdentifier=graph_id)
    assert _error(info)[0] == "ConflictException"
    client.stop_graph(graphIdentifier=graph_id)
    client.get_waiter("graph_stopped").wait(graphIdentifier=graph_id, WaiterConfig=FAST)
    client.start_graph(graphIdentifier=graph_id)
    client.get_waiter("graph_available").wait(graphIdentifier=graph_id, WaiterConfig=FAST)
    client.stop_graph(graphIdentifier=graph_id)
    client.get_waiter("graph_stopped").wait(graphIdentifier=graph_id, WaiterConfig=FAST)
    client.delete_graph(graphIdentifier=graph_id, skipSnapshot=False)  # a stopped graph can be deleted
    client.get_waiter("graph_deleted").wait(graphIdentifier=graph_id, WaiterConfig=FAST)
    [final] = client.list_graph_snapshots(graphIdentifier=graph_id)["graphSnapshots"]
    assert final["status"] == "AVAILABLE"
    for call in (client.stop_graph, client.start_graph):
        with pytest.raises(ClientError) as info:
            call(graphIdentifier="g-0000000000")
        assert _error(info)[0] == "ResourceNotFoundException"


def test_no_stop_while_an_export_runs(door: FrontDoor) -> None:
    client, s3 = door.client("neptune-graph"), door.client("s3")
    graph_id = new_graph(client)
    assert import_into(client, graph_id, upload(s3, {"p.csv": PEOPLE}))["status"] == "SUCCEEDED"
    with door.manual("export-task"):
        task = client.start_export_task(graphIdentifier=graph_id, roleArn=ROLE, format="CSV", kmsKeyIdentifier=KMS,
                                        destination=f"s3://{new_bucket(s3)}/out")
        with pytest.raises(ClientError) as info:
            client.stop_graph(graphIdentifier=graph_id)
        assert _error(info)[0] == "ConflictException" and task["taskId"] in _error(info)[1]
        door.advance(task["taskId"], to="SUCCEEDED")
    assert client.stop_graph(graphIdentifier=graph_id)["status"] == "STOPPING"


def test_a_failed_stop_or_start_leaves_the_graph_where_it_was(door: FrontDoor) -> None:
    client = door.client("neptune-graph")
    graph_id = new_graph(client)
    door.fail_next("graph-stop", "host unreachable")
    client.stop_graph(graphIdentifier=graph_id)
    graph = wait_for(lambda: client.get_graph(graphIdentifier=graph_id), lambda g: g["status"] != "STOPPING")
    assert graph["status"] == "AVAILABLE" and "host unreachable" in graph["statusReason"]
    client.stop_graph(graphIdentifier=graph_id)
    client.get_waiter("graph_stopped").wait(graphIdentifier=graph_id, WaiterConfig=FAST)
    door.fail_next("graph-start", "no capacity")
    client.start_graph(graphIdentifier=graph_id)
    graph = wait_for(lambda: client.get_graph(graphIdentifier=graph_id), lambda g: g["status"] != "STARTING")
    assert graph["status"] == "STOPPED" and "no capacity" in graph["statusReason"]
