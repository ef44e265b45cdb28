"""Malformed records through boto3: an unclosed quote or a cell that is not UTF-8 never succeeds
silently; with failOnError=false it costs that record, reported in importTaskDetails."""

from __future__ import annotations

import pytest

from .import_helpers import FAST, ROLE, import_into, new_graph, unique, upload, wait_terminal

UNCLOSED = b'~id,~label,name:String,age:Int\n1,person,"ann,30\n2,person,bob,41\n'
NOT_UTF8 = b"~id,~label,name:String\n1,p,ann\n2,p,b\xffb\n3,p,cy\n"


def _num_nodes(client, graph_id: str) -> int:
    return client.get_graph_summary(graphIdentifier=graph_id)["graphSummary"]["numNodes"]


def test_unclosed_quote_fails_the_task_with_fail_on_error(aws) -> None:
    client, s3 = aws("neptune-graph"), aws("s3")
    graph_id = new_graph(client)
    got = import_into(client, graph_id, upload(s3, {"people.csv": UNCLOSED}), format="CSV", failOnError=True)
    assert got["status"] == "FAILED"
    assert got["statusReason"].startswith("people.csv line 2: a quoted value opens on this line and is never closed")
    assert got["importTaskDetails"]["errorCount"] == 1
    assert _num_nodes(client, graph_id) == 0


def test_unclosed_quote_costs_one_record_without_fail_on_error(aws) -> None:
    client, s3 = aws("neptune-graph"), aws("s3")
    graph_id = new_graph(client)
    got = import_into(client, graph_id, upload(s3, {"people.csv": UNCLOSED}), format="CSV", failOnError=False)
    assert got["status"] == "SUCCEEDED"
    details = got["importTaskDetails"]
    assert details["errorCount"] == 1
    assert details["errorDetails"].startswith("people.csv line 2: a quoted value opens on this line")
    assert _num_nodes(client, graph_id) == 1  # bob


def test_create_graph_using_import_task_fails_on_an_unclosed_quote(aws) -> None:
    client, s3 = aws("neptune-graph"), aws("s3")
    source = upload(s3, {"people.csv": UNCLOSED})
    task = client.create_graph_using_import_task(graphName=unique("quotes"), source=source, roleArn=ROLE, format="CSV",
                                                 failOnError=True)
    got = wait_terminal(client, task["taskId"])
    assert got["status"] == "FAILED" and "people.csv line 2" in got["statusReason"]
    assert client.get_graph(graphIdentifier=task["graphId"])["status"] == "FAILED"


@pytest.mark.parametrize("fail_on_error", [True, False])
def test_a_cell_not_utf8_is_one_bad_record(aws, fail_on_error: bool) -> None:
    client, s3 = aws("neptune-graph"), aws("s3")
    graph_id = new_graph(client)
    got = import_into(client, graph_id, upload(s3, {"u.csv": NOT_UTF8}), format="CSV", failOnError=fail_on_error)
    if fail_on_error:
        assert got["status"] == "FAILED"
        assert got["statusReason"] == "u.csv line 3: the record is not valid UTF-8 text"
    else:
        assert got["status"] == "SUCCEEDED"
        assert got["importTaskDetails"]["errorCount"] == 1
        client.get_waiter("graph_available").wait(graphIdentifier=graph_id, WaiterConfig=FAST)
        assert _num_nodes(client, graph_id) == 2
