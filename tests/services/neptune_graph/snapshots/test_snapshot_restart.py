"""Snapshots, stopped graphs and private endpoints survive a restart of ``dockyard serve`` on the same
``--data-dir``; a snapshot interrupted by SIGKILL is taken again (attempt 2) from the graph's data."""

from __future__ import annotations

import json
import signal
import urllib.request
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import ServerProcess
from tests.services.neptune_graph.front_door import FAST, wait_for
from tests.services.neptune_graph.imports.import_helpers import import_into, new_graph, upload

PEOPLE = b"~id,~label,name:String,age:Int\n1,person,ann,30\n2,person,bob,41\n3,robot,r2,\n"
KNOWS = b"~id,~from,~to,~label,since:Int\ne1,1,2,knows,2019\ne2,2,3,owns,\n"
VPC = "vpc-0a1b2c3d4e5f60718"


def _control(server: ServerProcess, method: str, path: str, body: dict | None = None) -> dict:
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(server.endpoint + "/_dockyard" + path, data=data, method=method)
    with urllib.request.urlopen(request, timeout=30) as answer:
        return json.loads(answer.read())


def _summary(client: Any, graph_id: str) -> dict[str, Any]:
    return client.get_graph_summary(graphIdentifier=graph_id, mode="DETAILED")["graphSummary"]


@pytest.mark.slow
def test_snapshots_and_graph_states_survive_a_restart(tmp_path: Path) -> None:
    server = ServerProcess(data_dir=tmp_path)
    try:
        client, s3 = server.client("neptune-graph"), server.client("s3")
        source = new_graph(client)
        assert import_into(client, source, upload(s3, {"p.csv": PEOPLE, "k.csv": KNOWS}))["status"] == "SUCCEEDED"
        summary = _summary(client, source)
        kept = client.create_graph_snapshot(graphIdentifier=source, snapshotName="kept", tags={"k": "v"})["id"]
        client.get_waiter("graph_snapshot_available").wait(snapshotIdentifier=kept, WaiterConfig=FAST)
        client.create_private_graph_endpoint(graphIdentifier=source, vpcId=VPC, subnetIds=["subnet-0abc"])
        client.get_waiter("private_graph_endpoint_available").wait(graphIdentifier=source, vpcId=VPC,
                                                                   WaiterConfig=FAST)
        _control(server, "POST", "/clock", {"clock": "manual", "service": "neptune-graph", "kind": "snapshot-create"})
        held = client.create_graph_snapshot(graphIdentifier=source, snapshotName="held")["id"]
        assert client.get_graph(graphIdentifier=source)["status"] == "SNAPSHOTTING"

        parked = new_graph(client)
        client.stop_graph(graphIdentifier=parked)
        client.get_waiter("graph_stopped").wait(graphIdentifier=parked, WaiterConfig=FAST)
    finally:
        server.stop(signal.SIGKILL)

    restarted = ServerProcess(data_dir=tmp_path)
    try:
        client = restarted.client("neptune-graph")
        got = client.get_graph_snapshot(snapshotIdentifier=kept)
        assert (got["name"], got["status"], got["sourceGraphId"]) == ("kept", "AVAILABLE", source)
        assert client.list_tags_for_resource(resourceArn=got["arn"])["tags"] == {"k": "v"}
        assert client.get_graph(graphIdentifier=parked)["status"] == "STOPPED"
        endpoint = client.get_private_graph_endpoint(graphIdentifier=source, vpcId=VPC)
        assert (endpoint["status"], endpoint["subnetIds"]) == ("AVAILABLE", ["subnet-0abc"])

        # the snapshot SIGKILL interrupted is taken again (attempt 2, still on its manual clock)
        job = _control(restarted, "GET", f"/jobs/{held}")["job"]
        assert (job["attempt"], job["status"], job["clock"]) == (2, "CREATING", "manual")
        _control(restarted, "POST", f"/jobs/{held}/clock", {"clock": "instant"})
        client.get_waiter("graph_snapshot_available").wait(snapshotIdentifier=held, WaiterConfig=FAST)
        wait_for(lambda: client.get_graph(graphIdentifier=source)["status"], lambda s: s == "AVAILABLE")

        client.delete_private_graph_endpoint(graphIdentifier=source, vpcId=VPC)
        client.get_waiter("private_graph_endpoint_deleted").wait(graphIdentifier=source, vpcId=VPC,
                                                                 WaiterConfig=FAST)
        client.delete_graph(graphIdentifier=source, skipSnapshot=True)  # the snapshots outlive their graph
        client.get_waiter("graph_deleted").wait(graphIdentifier=source, WaiterConfig=FAST)
        for snapshot_id in (kept, held):
            restored = client.restore_graph_from_snapshot(snapshotIdentifier=snapshot_id,
                                                          graphName=f"from-{snapshot_id}")["id"]
            client.get_waiter("graph_available").wait(graphIdentifier=restored, WaiterConfig=FAST)
            assert _summary(client, restored) == summary
        client.start_graph(graphIdentifier=parked)
        client.get_waiter("graph_available").wait(graphIdentifier=parked, WaiterConfig=FAST)
    finally:
        restarted.stop()
    assert sorted(p.name for p in (tmp_path / "graph-snapshots").iterdir()) == sorted([kept, held])
