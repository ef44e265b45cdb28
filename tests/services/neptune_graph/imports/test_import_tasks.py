"""Neptune Analytics import tasks through boto3: life, rules, failures, cancellation, waiters."""

from __future__ import annotations

import boto3
import pytest
from botocore.exceptions import ClientError

import dockyard

from .import_helpers import FAST, ROLE, import_into, new_graph, upload

PEOPLE = b"~id,~label,name:String,age:Int\n1,person,ann,30\n2,person,bob,40\n3,robot,r2,\n"
KNOWS = b"~id,~from,~to,~label,since:Int\ne1,1,2,knows,2001\ne2,2,4,knows,2002\n"


def test_import_succeeds_and_graph_reads_back(aws) -> None:
    client, s3 = aws("neptune-graph"), aws("s3")
    graph_id = new_graph(client)
    source = upload(s3, {"people.csv": PEOPLE, "knows.csv": KNOWS})
    task = client.start_import_task(graphIdentifier=graph_id, source=source, roleArn=ROLE, format="CSV")
    assert task["ResponseMetadata"]["HTTPStatusCode"] == 201
    assert task["taskId"].startswith("t-") and len(task["taskId"]) == 12
    client.get_waiter("import_task_successful").wait(taskIdentifier=task["taskId"], WaiterConfig=FAST)
    got = client.get_import_task(taskIdentifier=task["taskId"])
    assert got["status"] == "SUCCEEDED"
    assert got["graphId"] == graph_id and got["source"] == source and got["roleArn"] == ROLE
    details = got["importTaskDetails"]
    assert details["progressPercentage"] == 100
    assert details["errorCount"] == 0
    # 3 labels... labels(3) + property values(5) + edges(2) + edge property values(2)
    assert details["statementCount"] == 12
    assert details["dictionaryEntryCount"] > 0
    assert got["attemptNumber"] == 1
    assert client.get_graph(graphIdentifier=graph_id)["status"] == "AVAILABLE"
    summary = client.get_graph_summary(graphIdentifier=graph_id, mode="DETAILED")["graphSummary"]
    assert summary["numNodes"] == 4  # vertex 4 exists implicitly, from the edge file
    assert summary["numEdges"] == 2
    assert sorted(summary["nodeLabels"]) == ["person", "robot"]
    assert summary["edgeLabels"] == ["knows"]
    assert summary["totalNodePropertyValues"] == 5


def test_format_is_inferred_when_omitted(aws) -> None:
    client, s3 = aws("neptune-graph"), aws("s3")
    graph_id = new_graph(client)
    got = import_into(client, graph_id, upload(s3, {"people.csv": PEOPLE}))
    assert got["status"] == "SUCCEEDED"
    assert got["format"] == "CSV"


def test_graph_must_be_empty_and_available(aws) -> None:
    client, s3 = aws("neptune-graph"), aws("s3")
    graph_id = new_graph(client)
    assert import_into(client, graph_id, upload(s3, {"people.csv": PEOPLE}))["status"] == "SUCCEEDED"
    with pytest.raises(ClientError) as info:
        client.start_import_task(graphIdentifier=graph_id, source="s3://x/y", roleArn=ROLE)
    assert info.value.response["Error"]["Code"] == "ValidationException"
    assert "not empty" in info.value.response["Error"]["Message"]
    assert client.reset_graph(graphIdentifier=graph_id, skipSnapshot=True)["status"] == "RESETTING"
    client.get_waiter("graph_available").wait(graphIdentifier=graph_id, WaiterConfig=FAST)
    assert client.get_graph_summary(graphIdentifier=graph_id)["graphSummary"]["numNodes"] == 0
    assert import_into(client, graph_id, upload(s3, {"people.csv": PEOPLE}))["status"] == "SUCCEEDED"
    with pytest.raises(ClientError) as info:
        client.start_import_task(graphIdentifier="g-0000000000", source="s3://x/y", roleArn=ROLE)
    assert info.value.response["Error"]["Code"] == "ResourceNotFoundException"


def test_fail_on_error_true_halts_and_leaves_graph_empty(aws) -> None:
    client, s3 = aws("neptune-graph"), aws("s3")
    graph_id = new_graph(client)
    bad = b"~id,~label,age:Int\n1,person,30\n2,person,old\n3,person,50\n"
    got = import_into(client, graph_id, upload(s3, {"bad.csv": bad}), format="CSV")
    assert got["status"] == "FAILED"
    assert "bad.csv" in got["statusReason"] and "line 3" in got["statusReason"] and "old" in got["statusReason"]
    assert got["importTaskDetails"]["errorCount"] >= 1
    assert client.get_graph(graphIdentifier=graph_id)["status"] == "AVAILABLE"
    assert client.get_graph_summary(graphIdentifier=graph_id)["graphSummary"]["numNodes"] == 0


def test_fail_on_error_false_skips_bad_records(aws) -> None:
    client, s3 = aws("neptune-graph"), aws("s3")
    graph_id = new_graph(client)
    bad = b"~id,~label,age:Int\n1,person,30\n2,person,old\n3,person,50\n"
    got = import_into(client, graph_id, upload(s3, {"bad.csv": bad}), format="CSV", failOnError=False)
    assert got["status"] == "SUCCEEDED"
    assert got["importTaskDetails"]["errorCount"] == 1
    assert "line 3" in got["importTaskDetails"]["errorDetails"]
    assert client.get_graph_summary(graphIdentifier=graph_id)["graphSummary"]["numNodes"] == 2


@pytest.mark.parametrize(
    ("source", "reason"),
    [
        ("s3://no-such-bucket-dockyard/data/", "does not exist"),
        ("EMPTY", "No data files were found"),
    ],
)
def test_missing_sources_fail_with_reason(aws, source: str, reason: str) -> None:
    client, s3 = aws("neptune-graph"), aws("s3")
    graph_id = new_graph(client)
    if source == "EMPTY":
        s3.create_bucket(Bucket="empty-source-bucket")
        source = "s3://empty-source-bucket/nothing-here/"
    got = import_into(client, graph_id, source, format="CSV")
    assert got["status"] == "FAILED"
    assert reason in got["statusReason"]
    assert client.get_graph(graphIdentifier=graph_id)["status"] == "AVAILABLE"


def test_neptune_database_source_is_refused_with_a_reason(aws) -> None:
    client = aws("neptune-graph")
    graph_id = new_graph(client)
    options = {"neptune": {"s3ExportPath": "s3://b/export", "s3ExportKmsKeyId": "key"}}
    got = import_into(client, graph_id, "arn:aws:rds:us-east-1:123456789012:cluster:db", importOptions=options)
    assert got["status"] == "FAILED"
    assert "not available in Dockyard" in got["statusReason"]


def test_ntriples_needs_blank_node_handling(aws) -> None:
    client = aws("neptune-graph")
    graph_id = new_graph(client)
    with pytest.raises(ClientError) as info:
        client.start_import_task(graphIdentifier=graph_id, source="s3://b/p", roleArn=ROLE, format="NTRIPLES")
    assert info.value.response["Error"]["Code"] == "ValidationException"
    assert "blankNodeHandling" in info.value.response["Error"]["Message"]


def test_list_import_tasks_paginates(aws) -> None:
    client, s3 = aws("neptune-graph"), aws("s3")
    source = upload(s3, {"people.csv": PEOPLE})
    ids = []
    for _ in range(3):
        ids.append(import_into(client, new_graph(client), source)["taskId"])
    pages = list(client.get_paginator("list_import_tasks").paginate(PaginationConfig={"PageSize": 1}))
    seen = [t["taskId"] for p in pages for t in p["tasks"]]
    assert [i for i in seen if i in ids] == ids


def test_create_graph_using_import_task(aws) -> None:
    client, s3 = aws("neptune-graph"), aws("s3")
    source = upload(s3, {"people.csv": PEOPLE, "knows.csv": KNOWS})
    task = client.create_graph_using_import_task(
        graphName="from-import", source=source, roleArn=ROLE, format="CSV", maxProvisionedMemory=128,
        tags={"k": "v"}, deletionProtection=False,
    )
    assert task["status"] == "INITIALIZING"
    client.get_waiter("import_task_successful").wait(taskIdentifier=task["taskId"], WaiterConfig=FAST)
    client.get_waiter("graph_available").wait(graphIdentifier=task["graphId"], WaiterConfig=FAST)
    graph = client.get_graph(graphIdentifier=task["graphId"])
    assert graph["name"] == "from-import" and graph["provisionedMemory"] == 128
    assert client.get_graph_summary(graphIdentifier=task["graphId"])["graphSummary"]["numEdges"] == 2
    bad = upload(s3, {"bad.csv": b"~id,age:Int\n1,x\n"})
    failed = client.create_graph_using_import_task(graphName="from-bad-import", source=bad, roleArn=ROLE)
    assert client.get_import_task(taskIdentifier=failed["taskId"])["status"] in (
        "INITIALIZING", "ANALYZING_DATA", "IMPORTING", "ROLLING_BACK", "FAILED")
    from .import_helpers import wait_terminal

    assert wait_terminal(client, failed["taskId"])["status"] == "FAILED"
    assert client.get_graph(graphIdentifier=failed["graphId"])["status"] == "FAILED"


# -- the phases one by one, with the manual clock ---------------------------------------------------
def _manual_clients():
    return boto3.client("neptune-graph", region_name="us-east-1"), boto3.client("s3", region_name="us-east-1")


def test_phases_are_visible_and_one_import_per_graph() -> None:
    with dockyard.mock(job_clock="manual") as mock:
        client, s3 = _manual_clients()
        graph_id = client.create_graph(graphName="manual", provisionedMemory=16)["id"]
        assert client.get_graph(graphIdentifier=graph_id)["status"] == "CREATING"
        mock.jobs.advance(mock.jobs.list(parent_id=graph_id)[0].id)
        assert client.get_graph(graphIdentifier=graph_id)["status"] == "AVAILABLE"
        task_id = client.start_import_task(graphIdentifier=graph_id, source=upload(s3, {"p.csv": PEOPLE}),
                                           roleArn=ROLE)["taskId"]
        seen = [client.get_import_task(taskIdentifier=task_id)["status"]]
        assert client.get_graph(graphIdentifier=graph_id)["status"] == "IMPORTING"
        with pytest.raises(ClientError) as info:
            client.start_import_task(graphIdentifier=graph_id, source="s3://b/p", roleArn=ROLE)
        assert info.value.response["Error"]["Code"] == "ConflictException"
        for _ in range(3):
            mock.jobs.advance(task_id)
            seen.append(client.get_import_task(taskIdentifier=task_id)["status"])
        assert seen == ["INITIALIZING", "ANALYZING_DATA", "IMPORTING", "SUCCEEDED"]
        assert client.get_graph(graphIdentifier=graph_id)["status"] == "AVAILABLE"


def test_cancel_during_importing_leaves_graph_empty_and_available() -> None:
    with dockyard.mock(job_clock="manual") as mock:
        client, s3 = _manual_clients()
        graph_id = client.create_graph(graphName="cancel-me", provisionedMemory=16)["id"]
        mock.jobs.advance(mock.jobs.list(parent_id=graph_id)[0].id)
        task_id = client.start_import_task(graphIdentifier=graph_id, source=upload(s3, {"p.csv": PEOPLE}),
                                           roleArn=ROLE)["taskId"]
        mock.jobs.advance(task_id, to="IMPORTING")
        assert client.cancel_import_task(taskIdentifier=task_id)["status"] == "CANCELLING"
        mock.jobs.advance(task_id)
        client.get_waiter("import_task_cancelled").wait(taskIdentifier=task_id, WaiterConfig=FAST)
        assert client.get_import_task(taskIdentifier=task_id)["status"] == "CANCELLED"
        assert client.get_graph(graphIdentifier=graph_id)["status"] == "AVAILABLE"
        assert client.get_graph_summary(graphIdentifier=graph_id)["graphSummary"]["numNodes"] == 0
        with pytest.raises(ClientError) as info:
            client.cancel_import_task(taskIdentifier=task_id)
        assert info.value.response["Error"]["Code"] == "ConflictException"


def test_injected_failure_rolls_back() -> None:
    with dockyard.mock() as mock:
        client, s3 = _manual_clients()
        graph_id = new_graph(client)
        mock.runtime.jobs.faults.add_job_failure("neptune-graph", "import-task", at_phase="IMPORTING",
                                               message="Injected: partition full")
        got = import_into(client, graph_id, upload(s3, {"p.csv": PEOPLE}))
        assert got["status"] == "FAILED"
        assert got["statusReason"] == "Injected: partition full"
        assert client.get_graph_summary(graphIdentifier=graph_id)["graphSummary"]["numNodes"] == 0
