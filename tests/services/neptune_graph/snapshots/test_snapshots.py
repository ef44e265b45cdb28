"""Graph snapshots through boto3 in both front doors: a restored graph holds exactly the snapshot's
data (summary and export files), whatever the source does afterwards; statuses, errors, tags, the
final snapshot of DeleteGraph and ResetGraph."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from botocore.exceptions import ClientError

from tests.services.neptune_graph.exports.export_helpers import export, list_files, new_bucket
from tests.services.neptune_graph.front_door import FAST, FrontDoor
from tests.services.neptune_graph.imports.import_helpers import import_into, new_graph, unique, upload

PEOPLE = (b"~id,~label,name:String,age:Int,score:Double,born:Date,tags:String[]\n"
          b"p1,person,ann,30,1.5,1990-01-02,a;b\np2,person;admin,bob,41,,1980-05-06,\np3,robot,r2,,2.25,,x\n")
KNOWS = b"~id,~from,~to,~label,since:Int,weight:Float\ne1,p1,p2,knows,2019,0.5\ne2,p2,p3,owns,,\ne3,p1,p3,knows,2021,\n"
OTHER = b"~id,~label,name:String\nz1,zebra,zed\n"


def _error(info: pytest.ExceptionInfo) -> tuple[str, str]:
    return info.value.response["Error"]["Code"], info.value.response["Error"]["Message"]


def _summary(client: Any, graph_id: str) -> dict[str, Any]:
    return client.get_graph_summary(graphIdentifier=graph_id, mode="DETAILED")["graphSummary"]


def _exported(client: Any, s3: Any, graph_id: str) -> dict[str, bytes]:
    destination = f"s3://{new_bucket(s3)}/snapshots"
    task = export(client, graph_id, destination)
    assert task["status"] == "SUCCEEDED", task
    return list_files(s3, destination, task["taskId"])


def _loaded_graph(client: Any, s3: Any) -> str:
    graph_id = new_graph(client)
    task = import_into(client, graph_id, upload(s3, {"people.csv": PEOPLE, "knows.csv": KNOWS}), format="CSV")
    assert task["status"] == "SUCCEEDED", task
    return graph_id


def _snapshot(client: Any, graph_id: str, **kwargs: Any) -> dict[str, Any]:
    snapshot = client.create_graph_snapshot(graphIdentifier=graph_id, snapshotName=unique("snap"), **kwargs)
    client.get_waiter("graph_snapshot_available").wait(snapshotIdentifier=snapshot["id"], WaiterConfig=FAST)
    return snapshot


def _restore(client: Any, snapshot_id: str, **kwargs: Any) -> str:
    graph = client.restore_graph_from_snapshot(snapshotIdentifier=snapshot_id, graphName=unique("restored"), **kwargs)
    assert graph["status"] == "CREATING" and graph["sourceSnapshotId"] == snapshot_id
    client.get_waiter("graph_available").wait(graphIdentifier=graph["id"], WaiterConfig=FAST)
    return graph["id"]


def _reset(client: Any, graph_id: str, skip_snapshot: bool = True) -> dict[str, Any]:
    answer = client.reset_graph(graphIdentifier=graph_id, skipSnapshot=skip_snapshot)
    client.get_waiter("graph_available").wait(graphIdentifier=graph_id, WaiterConfig=FAST)
    return answer


def test_a_restored_graph_holds_exactly_the_snapshot(aws) -> None:
    client, s3 = aws("neptune-graph"), aws("s3")
    graph_id = _loaded_graph(client, s3)
    summary, files = _summary(client, graph_id), _exported(client, s3, graph_id)
    assert summary["numNodes"] == 3 and summary["numEdges"] == 3

    created = client.create_graph_snapshot(graphIdentifier=graph_id, snapshotName=unique("snap"))
    assert created["ResponseMetadata"]["HTTPStatusCode"] == 201
    assert re.fullmatch(r"gs-[a-z0-9]{10}", created["id"])
    assert created["arn"] == f"arn:aws:neptune-graph:us-east-1:123456789012:graph-snapshot/{created['id']}"
    assert (created["status"], created["sourceGraphId"], created["kmsKeyIdentifier"]) == (
        "CREATING", graph_id, "AWS_OWNED_KEY")
    client.get_waiter("graph_snapshot_available").wait(snapshotIdentifier=created["id"], WaiterConfig=FAST)
    got = client.get_graph_snapshot(snapshotIdentifier=created["id"])
    assert got["status"] == "AVAILABLE" and got["snapshotCreateTime"].year >= 2024
    assert client.get_graph(graphIdentifier=graph_id)["status"] == "AVAILABLE"

    # the source moves on: emptied, then loaded with other data
    _reset(client, graph_id)
    assert import_into(client, graph_id, upload(s3, {"other.csv": OTHER}))["status"] == "SUCCEEDED"
    assert _summary(client, graph_id)["numNodes"] == 1

    restored = _restore(client, created["id"])
    assert _summary(client, restored) == summary
    assert _exported(client, s3, restored) == files
    detail = client.get_graph(graphIdentifier=restored)
    assert (detail["sourceSnapshotId"], detail["provisionedMemory"], detail["status"]) == (
        created["id"], 16, "AVAILABLE")

    # later changes to the source reach neither the snapshot nor the restored graph
    _reset(client, graph_id)
    assert _summary(client, restored) == summary
    again = _restore(client, created["id"])
    assert _summary(client, again) == summary
    # ... and changes to one restored graph reach neither the other nor the snapshot
    _reset(client, restored)
    assert import_into(client, restored, upload(s3, {"other.csv": OTHER}))["status"] == "SUCCEEDED"
    assert _summary(client, again) == summary


def test_restore_settings_and_errors(aws) -> None:
    client, s3 = aws("neptune-graph"), aws("s3")
    graph_id = _loaded_graph(client, s3)
    snapshot = _snapshot(client, graph_id)
    name = unique("copy")
    graph = client.restore_graph_from_snapshot(snapshotIdentifier=snapshot["id"], graphName=name, provisionedMemory=32,
                                               replicaCount=0, publicConnectivity=True, deletionProtection=True,
                                               tags={"team": "graph"})
    detail = client.get_graph(graphIdentifier=graph["id"])
    assert (detail["provisionedMemory"], detail["replicaCount"], detail["publicConnectivity"],
            detail["deletionProtection"]) == (32, 0, True, True)
    assert client.list_tags_for_resource(resourceArn=graph["arn"])["tags"] == {"team": "graph"}
    with pytest.raises(ClientError) as info:  # the name is taken now
        client.restore_graph_from_snapshot(snapshotIdentifier=snapshot["id"], graphName=name)
    assert _error(info)[0] == "ConflictException"
    with pytest.raises(ClientError) as info:
        client.restore_graph_from_snapshot(snapshotIdentifier="gs-0000000000", graphName=unique("x"))
    assert _error(info) == ("ResourceNotFoundException", "Snapshot gs-0000000000 not found")
    with pytest.raises(ClientError) as info:  # the model's pattern
        client.get_graph_snapshot(snapshotIdentifier="g-0000000000")
    assert _error(info)[0] == "ValidationException"


def test_create_errors_names_and_listing(aws) -> None:
    client = aws("neptune-graph")
    with pytest.raises(ClientError) as info:
        client.create_graph_snapshot(graphIdentifier="g-0000000000", snapshotName="nowhere")
    assert _error(info) == ("ResourceNotFoundException", "Graph g-0000000000 not found")
    with pytest.raises(ClientError) as info:  # AWS's name rules, from the model
        client.create_graph_snapshot(graphIdentifier="g-0000000000", snapshotName="Bad--Name")
    assert _error(info)[0] == "ValidationException"
    first, second = new_graph(client), new_graph(client)
    name = unique("taken")
    taken = client.create_graph_snapshot(graphIdentifier=first, snapshotName=name)
    client.get_waiter("graph_snapshot_available").wait(snapshotIdentifier=taken["id"], WaiterConfig=FAST)
    with pytest.raises(ClientError) as info:
        client.create_graph_snapshot(graphIdentifier=second, snapshotName=name)
    assert _error(info) == ("ConflictException", f"A snapshot with name {name} already exists.")
    others = [_snapshot(client, second)["id"] for _ in range(3)]

    listed = client.list_graph_snapshots(graphIdentifier=second)["graphSnapshots"]
    assert [s["id"] for s in listed] == others
    assert {s["status"] for s in listed} == {"AVAILABLE"}
    pages = list(client.get_paginator("list_graph_snapshots").paginate(graphIdentifier=second,
                                                                       PaginationConfig={"PageSize": 2}))
    assert [len(p["graphSnapshots"]) for p in pages] == [2, 1]
    everything = {s["id"] for p in client.get_paginator("list_graph_snapshots").paginate()
                  for s in p["graphSnapshots"]}
    assert {taken["id"], *others} <= everything
    with pytest.raises(ClientError) as info:
        client.list_graph_snapshots(graphIdentifier="g-0000000000")
    assert _error(info)[0] == "ResourceNotFoundException"


def test_snapshot_tags(aws) -> None:
    client = aws("neptune-graph")
    snapshot = _snapshot(client, new_graph(client), tags={"env": "test"})
    arn = snapshot["arn"]
    assert client.list_tags_for_resource(resourceArn=arn)["tags"] == {"env": "test"}
    client.tag_resource(resourceArn=arn, tags={"owner": "me"})
    client.untag_resource(resourceArn=arn, tagKeys=["env"])
    assert client.list_tags_for_resource(resourceArn=arn)["tags"] == {"owner": "me"}
    with pytest.raises(ClientError) as info:
        client.list_tags_for_resource(resourceArn=arn.replace(snapshot["id"], "gs-0000000000"))
    assert _error(info)[0] == "ResourceNotFoundException"


def test_delete_a_snapshot(aws) -> None:
    client = aws("neptune-graph")
    snapshot = _snapshot(client, new_graph(client))
    deleted = client.delete_graph_snapshot(snapshotIdentifier=snapshot["id"])
    assert deleted["status"] == "DELETING" and deleted["id"] == snapshot["id"]
    client.get_waiter("graph_snapshot_deleted").wait(snapshotIdentifier=snapshot["id"], WaiterConfig=FAST)
    for call in (lambda: client.get_graph_snapshot(snapshotIdentifier=snapshot["id"]),
                 lambda: client.delete_graph_snapshot(snapshotIdentifier=snapshot["id"]),
                 lambda: client.restore_graph_from_snapshot(snapshotIdentifier=snapshot["id"],
                                                            graphName=unique("copy"))):
        with pytest.raises(ClientError) as info:
            call()
        assert _error(info)[0] == "ResourceNotFoundException"


def test_delete_graph_leaves_a_final_snapshot_unless_skipped(aws) -> None:
    client, s3 = aws("neptune-graph"), aws("s3")
    graph_id = _loaded_graph(client, s3)
    summary = _summary(client, graph_id)
    deleting = client.delete_graph(graphIdentifier=graph_id, skipSnapshot=False)
    assert deleting["status"] == "DELETING"
    client.get_waiter("graph_deleted").wait(graphIdentifier=graph_id, WaiterConfig=FAST)
    [final] = client.list_graph_snapshots(graphIdentifier=graph_id)["graphSnapshots"]
    assert (final["name"], final["status"], final["sourceGraphId"]) == (
        f"{graph_id}-final-snapshot", "AVAILABLE", graph_id)
    assert _summary(client, _restore(client, final["id"])) == summary

    skipped = new_graph(client)
    client.delete_graph(graphIdentifier=skipped, skipSnapshot=True)
    client.get_waiter("graph_deleted").wait(graphIdentifier=skipped, WaiterConfig=FAST)
    with pytest.raises(ClientError) as info:  # no snapshot names the deleted graph: it is unknown
        client.list_graph_snapshots(graphIdentifier=skipped)
    assert _error(info)[0] == "ResourceNotFoundException"


def test_reset_graph_takes_a_snapshot_unless_skipped(aws) -> None:
    client, s3 = aws("neptune-graph"), aws("s3")
    graph_id = _loaded_graph(client, s3)
    summary = _summary(client, graph_id)
    assert _reset(client, graph_id, skip_snapshot=False)["status"] == "RESETTING"
    assert _summary(client, graph_id)["numNodes"] == 0
    [taken] = client.list_graph_snapshots(graphIdentifier=graph_id)["graphSnapshots"]
    assert taken["name"] == f"{graph_id}-reset-snapshot" and taken["status"] == "AVAILABLE"
    _reset(client, graph_id, skip_snapshot=False)  # a second one gets a name of its own
    names = [s["name"] for s in client.list_graph_snapshots(graphIdentifier=graph_id)["graphSnapshots"]]
    assert names == [f"{graph_id}-reset-snapshot", f"{graph_id}-reset-snapshot-2"]
    assert _summary(client, _restore(client, taken["id"])) == summary
    _reset(client, graph_id, skip_snapshot=True)
    assert len(client.list_graph_snapshots(graphIdentifier=graph_id)["graphSnapshots"]) == 2


def test_statuses_step_by_step(door: FrontDoor) -> None:
    """The manual clock holds each status: the graph is SNAPSHOTTING while its snapshot is CREATING,
    and refuses what needs it AVAILABLE; the restored graph is CREATING until advanced."""
    client, s3 = door.client("neptune-graph"), door.client("s3")
    graph_id = _loaded_graph(client, s3)
    with door.manual("snapshot-create", "snapshot-delete", "graph-restore"):
        snapshot = client.create_graph_snapshot(graphIdentifier=graph_id, snapshotName=unique("held"))
        assert client.get_graph(graphIdentifier=graph_id)["status"] == "SNAPSHOTTING"
        assert client.get_graph_snapshot(snapshotIdentifier=snapshot["id"])["status"] == "CREATING"
        refusals = {
            "CreateGraphSnapshot": lambda: client.create_graph_snapshot(graphIdentifier=graph_id,
                                                                        snapshotName=unique("s")),
            "ResetGraph": lambda: client.reset_graph(graphIdentifier=graph_id, skipSnapshot=True),
            "DeleteGraph": lambda: client.delete_graph(graphIdentifier=graph_id, skipSnapshot=True),
            "StopGraph": lambda: client.stop_graph(graphIdentifier=graph_id),
            "DeleteGraphSnapshot": lambda: client.delete_graph_snapshot(snapshotIdentifier=snapshot["id"]),
            "RestoreGraphFromSnapshot": lambda: client.restore_graph_from_snapshot(
                snapshotIdentifier=snapshot["id"], graphName=unique("early")),
        }
        for operation, call in refusals.items():
            with pytest.raises(ClientError) as info:
                call()
            assert _error(info)[0] == "ConflictException", operation
        assert _summary(client, graph_id)["numNodes"] == 3  # reads go on while SNAPSHOTTING
        assert door.advance(snapshot["id"])["status"] == "AVAILABLE"  # the job id is the snapshot id
        assert client.get_graph_snapshot(snapshotIdentifier=snapshot["id"])["status"] == "AVAILABLE"
        assert client.get_graph(graphIdentifier=graph_id)["status"] == "AVAILABLE"

        restored = client.restore_graph_from_snapshot(snapshotIdentifier=snapshot["id"], graphName=unique("held"))
        assert client.get_graph(graphIdentifier=restored["id"])["status"] == "CREATING"
        with pytest.raises(ClientError) as info:  # a restore in progress keeps its snapshot
            client.delete_graph_snapshot(snapshotIdentifier=snapshot["id"])
        assert _error(info)[0] == "ConflictException"
        door.advance(door.job_of(restored["id"], "graph-restore"))
        assert client.get_graph(graphIdentifier=restored["id"])["status"] == "AVAILABLE"

        assert client.delete_graph_snapshot(snapshotIdentifier=snapshot["id"])["status"] == "DELETING"
        assert client.get_graph_snapshot(snapshotIdentifier=snapshot["id"])["status"] == "DELETING"
        with pytest.raises(ClientError) as info:
            client.delete_graph_snapshot(snapshotIdentifier=snapshot["id"])
        assert _error(info)[0] == "ConflictException"
        door.advance(door.job_of(snapshot["id"], "snapshot-delete"))
    with pytest.raises(ClientError) as info:
        client.get_graph_snapshot(snapshotIdentifier=snapshot["id"])
    assert _error(info)[0] == "ResourceNotFoundException"
    assert _summary(client, restored["id"])["numNodes"] == 3


def test_a_failed_snapshot_and_a_failed_restore(door: FrontDoor) -> None:
    client = door.client("neptune-graph")
    graph_id = new_graph(client)
    door.fail_next("snapshot-create", "disk full")
    snapshot = client.create_graph_snapshot(graphIdentifier=graph_id, snapshotName=unique("doomed"))
    with pytest.raises(Exception, match="FAILED"):
        client.get_waiter("graph_snapshot_available").wait(snapshotIdentifier=snapshot["id"], WaiterConfig=FAST)
    assert client.get_graph(graphIdentifier=graph_id)["status"] == "AVAILABLE"
    with pytest.raises(ClientError) as info:
        client.restore_graph_from_snapshot(snapshotIdentifier=snapshot["id"], graphName=unique("x"))
    assert _error(info)[0] == "ConflictException"
    client.delete_graph_snapshot(snapshotIdentifier=snapshot["id"])  # a FAILED snapshot can be deleted
    client.get_waiter("graph_snapshot_deleted").wait(snapshotIdentifier=snapshot["id"], WaiterConfig=FAST)

    good = _snapshot(client, graph_id)
    door.fail_next("graph-restore", "no capacity")
    restored = client.restore_graph_from_snapshot(snapshotIdentifier=good["id"], graphName=unique("doomed"))
    with pytest.raises(Exception, match="FAILED"):
        client.get_waiter("graph_available").wait(graphIdentifier=restored["id"], WaiterConfig=FAST)
    failed = client.get_graph(graphIdentifier=restored["id"])
    assert failed["status"] == "FAILED" and "no capacity" in failed["statusReason"]


def test_a_snapshot_holds_the_query_writes_not_yet_merged(aws) -> None:
    """openCypher writes live in a delta over the columns until merged; a snapshot must include them."""
    client = aws("neptune-graph")
    graph_id = new_graph(client)
    client.execute_query(graphIdentifier=graph_id, language="OPEN_CYPHER",
                         queryString="CREATE (:person {`~id`: 'w1', name: 'written'})-[:knows]->"
                                     "(:person {`~id`: 'w2'})")
    snapshot = _snapshot(client, graph_id)
    client.execute_query(graphIdentifier=graph_id, language="OPEN_CYPHER",
                         queryString="MATCH (n {`~id`: 'w1'}) SET n.name = 'later'")
    restored = _restore(client, snapshot["id"])
    payload = client.execute_query(graphIdentifier=restored, language="OPEN_CYPHER",
                                   queryString="MATCH (a)-[:knows]->(b) RETURN a.name AS name, id(b) AS b")
    assert json.loads(payload["payload"].read())["results"] == [{"name": "written", "b": "w2"}]
