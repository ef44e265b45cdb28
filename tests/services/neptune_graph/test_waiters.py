"""Every waiter of the neptune-graph model passes end to end in both front doors.

The waiters are read from botocore's model: a waiter without a scenario here fails its test. Each
scenario holds its job in the in-progress status (manual clock) and releases it from another
thread while the waiter polls, so the waiter really waits through the status before its success.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import botocore.session
import pytest
from botocore import xform_name

from tests.services.neptune_graph.exports.export_helpers import KMS, new_bucket
from tests.services.neptune_graph.front_door import FAST, FrontDoor, release_later
from tests.services.neptune_graph.imports.import_helpers import ROLE, import_into, new_graph, unique, upload

WAITER_MODEL = botocore.session.get_session().get_waiter_model("neptune-graph")
MODEL_WAITERS = sorted(xform_name(name) for name in WAITER_MODEL.waiter_names)
PEOPLE = b"~id,~label,name:String\n1,person,ann\n2,person,bob\n"
VPC = "vpc-0a1b2c3d4e5f60718"


def _wait(client: Any, waiter: str, **kwargs: Any) -> None:
    client.get_waiter(waiter).wait(WaiterConfig=FAST, **kwargs)


def _graph_with_data(door: FrontDoor) -> str:
    client, s3 = door.client("neptune-graph"), door.client("s3")
    graph_id = new_graph(client)
    assert import_into(client, graph_id, upload(s3, {"p.csv": PEOPLE}))["status"] == "SUCCEEDED"
    return graph_id


def graph_available(door: FrontDoor, client: Any) -> None:
    with door.manual("graph-create"):
        graph_id = client.create_graph(graphName=unique("waited"), provisionedMemory=16)["id"]
        release_later(door, door.job_of(graph_id, "graph-create"))
        _wait(client, "graph_available", graphIdentifier=graph_id)
    assert client.get_graph(graphIdentifier=graph_id)["status"] == "AVAILABLE"


def graph_deleted(door: FrontDoor, client: Any) -> None:
    graph_id = new_graph(client)
    with door.manual("graph-delete"):
        client.delete_graph(graphIdentifier=graph_id, skipSnapshot=True)
        release_later(door, door.job_of(graph_id, "graph-delete"))
        _wait(client, "graph_deleted", graphIdentifier=graph_id)


def graph_stopped(door: FrontDoor, client: Any) -> None:
    graph_id = new_graph(client)
    with door.manual("graph-stop"):
        client.stop_graph(graphIdentifier=graph_id)
        release_later(door, door.job_of(graph_id, "graph-stop"))
        _wait(client, "graph_stopped", graphIdentifier=graph_id)


def graph_snapshot_available(door: FrontDoor, client: Any) -> None:
    graph_id = _graph_with_data(door)
    with door.manual("snapshot-create"):
        snapshot_id = client.create_graph_snapshot(graphIdentifier=graph_id, snapshotName=unique("w"))["id"]
        release_later(door, snapshot_id)
        _wait(client, "graph_snapshot_available", snapshotIdentifier=snapshot_id)


def graph_snapshot_deleted(door: FrontDoor, client: Any) -> None:
    graph_id = new_graph(client)
    snapshot_id = client.create_graph_snapshot(graphIdentifier=graph_id, snapshotName=unique("w"))["id"]
    _wait(client, "graph_snapshot_available", snapshotIdentifier=snapshot_id)
    with door.manual("snapshot-delete"):
        client.delete_graph_snapshot(snapshotIdentifier=snapshot_id)
        release_later(door, door.job_of(snapshot_id, "snapshot-delete"))
        _wait(client, "graph_snapshot_deleted", snapshotIdentifier=snapshot_id)


def import_task_successful(door: FrontDoor, client: Any) -> None:
    graph_id = new_graph(client)
    source = upload(door.client("s3"), {"p.csv": PEOPLE})
    with door.manual("import-task"):
        task_id = client.start_import_task(graphIdentifier=graph_id, source=source, roleArn=ROLE)["taskId"]
        release_later(door, task_id, to="SUCCEEDED")
        _wait(client, "import_task_successful", taskIdentifier=task_id)


def import_task_cancelled(door: FrontDoor, client: Any) -> None:
    graph_id = new_graph(client)
    source = upload(door.client("s3"), {"p.csv": PEOPLE})
    with door.manual("import-task"):
        task_id = client.start_import_task(graphIdentifier=graph_id, source=source, roleArn=ROLE)["taskId"]
        assert client.cancel_import_task(taskIdentifier=task_id)["status"] == "CANCELLING"
        release_later(door, task_id)
        _wait(client, "import_task_cancelled", taskIdentifier=task_id)


def _start_export(door: FrontDoor, client: Any) -> str:
    graph_id = _graph_with_data(door)
    destination = f"s3://{new_bucket(door.client('s3'))}/waited"
    return client.start_export_task(graphIdentifier=graph_id, roleArn=ROLE, format="CSV", destination=destination,
                                    kmsKeyIdentifier=KMS)["taskId"]


def export_task_successful(door: FrontDoor, client: Any) -> None:
    with door.manual("export-task"):
        task_id = _start_export(door, client)
        release_later(door, task_id, to="SUCCEEDED")
        _wait(client, "export_task_successful", taskIdentifier=task_id)


def export_task_cancelled(door: FrontDoor, client: Any) -> None:
    with door.manual("export-task"):
        task_id = _start_export(door, client)
        assert client.cancel_export_task(taskIdentifier=task_id)["status"] == "CANCELLING"
        release_later(door, task_id)
        _wait(client, "export_task_cancelled", taskIdentifier=task_id)


def private_graph_endpoint_available(door: FrontDoor, client: Any) -> None:
    graph_id = new_graph(client)
    with door.manual("endpoint-create"):
        endpoint = client.create_private_graph_endpoint(graphIdentifier=graph_id, vpcId=VPC)
        release_later(door, endpoint["vpcEndpointId"])
        _wait(client, "private_graph_endpoint_available", graphIdentifier=graph_id, vpcId=VPC)


def private_graph_endpoint_deleted(door: FrontDoor, client: Any) -> None:
    graph_id = new_graph(client)
    client.create_private_graph_endpoint(graphIdentifier=graph_id, vpcId=VPC)
    _wait(client, "private_graph_endpoint_available", graphIdentifier=graph_id, vpcId=VPC)
    with door.manual("endpoint-delete"):
        client.delete_private_graph_endpoint(graphIdentifier=graph_id, vpcId=VPC)
        release_later(door, door.job_of(graph_id, "endpoint-delete"))
        _wait(client, "private_graph_endpoint_deleted", graphIdentifier=graph_id, vpcId=VPC)


SCENARIOS: dict[str, Callable[[FrontDoor, Any], None]] = {
    f.__name__: f
    for f in (graph_available, graph_deleted, graph_stopped, graph_snapshot_available, graph_snapshot_deleted,
              import_task_successful, import_task_cancelled, export_task_successful, export_task_cancelled,
              private_graph_endpoint_available, private_graph_endpoint_deleted)
}


def test_every_scenario_is_a_model_waiter() -> None:
    assert set(SCENARIOS) <= set(MODEL_WAITERS), set(SCENARIOS) - set(MODEL_WAITERS)


@pytest.mark.parametrize("waiter", MODEL_WAITERS)
def test_waiter_passes(door: FrontDoor, waiter: str) -> None:
    scenario = SCENARIOS.get(waiter)
    if scenario is None:
        pytest.fail(f"botocore's neptune-graph model has a waiter {waiter!r} this test has no scenario for")
    client = door.client("neptune-graph")
    assert waiter in client.waiter_names
    scenario(door, client)
