"""Neptune Analytics export tasks through boto3: life, details, listing, waiters, layout, errors."""

from __future__ import annotations

import threading
from typing import Any

import boto3
import pytest
from botocore.exceptions import ClientError

import dockyard
from dockyard.services.neptune_graph.jobs import export_task
from tests.services.neptune_graph.imports.import_helpers import import_into, new_graph, upload

from .export_helpers import FAST, KMS, ROLE, export, list_files, new_bucket, unique, wait_export

PEOPLE = b"~id,~label,name:String,age:Int\n1,person,ann,30\n2,person,bob,40\n3,robot,r2,\n"
KNOWS = b"~id,~from,~to,~label,since:Int\ne1,1,2,knows,2001\ne2,2,4,knows,2002\n"


def _graph(client: Any, s3: Any) -> str:
    graph_id = new_graph(client)
    got = import_into(client, graph_id, upload(s3, {"people.csv": PEOPLE, "knows.csv": KNOWS}), format="CSV")
    assert got["status"] == "SUCCEEDED"
    return graph_id


def _start(client: Any, graph_id: str, destination: str, fmt: str = "CSV", **kw: Any) -> dict[str, Any]:
    return client.start_export_task(graphIdentifier=graph_id, roleArn=ROLE, format=fmt, destination=destination,
                                    kmsKeyIdentifier=KMS, **kw)


def _error(info: pytest.ExceptionInfo) -> tuple[str, str]:
    err = info.value.response["Error"]
    return err["Code"], err["Message"]


def test_export_succeeds_with_layout_and_details(aws) -> None:
    client, s3 = aws("neptune-graph"), aws("s3")
    graph_id = _graph(client, s3)
    destination = f"s3://{new_bucket(s3)}/exports/"
    task = _start(client, graph_id, destination)
    assert task["ResponseMetadata"]["HTTPStatusCode"] == 201
    assert task["taskId"].startswith("t-") and len(task["taskId"]) == 12
    assert task["graphId"] == graph_id and task["format"] == "CSV" and task["destination"] == destination
    assert task["kmsKeyIdentifier"] == KMS and task["roleArn"] == ROLE
    client.get_waiter("export_task_successful").wait(taskIdentifier=task["taskId"], WaiterConfig=FAST)
    got = client.get_export_task(taskIdentifier=task["taskId"])
    assert got["status"] == "SUCCEEDED"
    details = got["exportTaskDetails"]
    assert details["progressPercentage"] == 100
    assert details["numVerticesWritten"] == 4  # vertex 4 (an edge end only) is a row of (no-label)
    assert details["numEdgesWritten"] == 2
    assert details["timeElapsedSeconds"] >= 0 and details["startTime"]
    files = list_files(s3, destination, task["taskId"])
    assert sorted(files) == [
        "edges/knows/part-00000.csv",
        "vertices/(no-label)/part-00000.csv",
        "vertices/person/part-00000.csv",
        "vertices/robot/part-00000.csv",
    ]
    assert files["vertices/person/part-00000.csv"].decode() == (
        '"~id","~label","age:Int","name:String"\n"1","person",30,"ann"\n"2","person",40,"bob"\n'
    )
    assert files["edges/knows/part-00000.csv"].decode() == (
        '"~from","~to","~label","since:Int"\n"1","2","knows",2001\n"2","4","knows",2002\n'
    )
    # the graph stayed available and readable
    assert client.get_graph(graphIdentifier=graph_id)["status"] == "AVAILABLE"
    listed = client.list_export_tasks(graphIdentifier=graph_id)["tasks"]
    assert [t["taskId"] for t in listed] == [task["taskId"]]
    assert listed[0]["status"] == "SUCCEEDED" and listed[0]["destination"] == destination
    assert task["taskId"] in [t["taskId"] for t in client.list_export_tasks()["tasks"]]


def test_parquet_export_is_typed(aws) -> None:
    import io

    import pyarrow as pa
    import pyarrow.parquet as pq

    client, s3 = aws("neptune-graph"), aws("s3")
    graph_id = _graph(client, s3)
    destination = f"s3://{new_bucket(s3)}"
    got = export(client, graph_id, destination, "PARQUET", parquetType="COLUMNAR")
    assert got["status"] == "SUCCEEDED" and got["parquetType"] == "COLUMNAR"
    files = list_files(s3, destination, got["taskId"])
    person = pq.read_table(io.BytesIO(files["vertices/person/part-00000.parquet"]))
    assert person.schema.names == ["~id", "~label", "age", "name"]
    assert person.schema.field("age").type == pa.int32()
    assert person.to_pylist()[0] == {"~id": "1", "~label": "person", "age": 30, "name": "ann"}
    edges = pq.read_table(io.BytesIO(files["edges/knows/part-00000.parquet"]))
    assert edges.schema.names == ["~from", "~to", "~label", "since"]
    meta = pq.ParquetFile(io.BytesIO(files["edges/knows/part-00000.parquet"])).metadata
    assert meta.row_group(0).column(0).compression == "UNCOMPRESSED"


def test_start_errors(aws) -> None:
    client, s3 = aws("neptune-graph"), aws("s3")
    graph_id = _graph(client, s3)
    with pytest.raises(ClientError) as info:
        _start(client, "g-0000000000", "s3://b/p")
    assert _error(info)[0] == "ResourceNotFoundException"
    with pytest.raises(ClientError) as info:
        _start(client, graph_id, "s3://b/p", parquetType="COLUMNAR")
    assert _error(info)[0] == "ValidationException"
    with pytest.raises(ClientError) as info:
        _start(client, graph_id, "not-an-s3-uri")
    assert _error(info)[0] == "ValidationException" and "S3 URI" in _error(info)[1]
    with pytest.raises(ClientError) as info:
        client.start_export_task(graphIdentifier=graph_id, roleArn=ROLE, format="CSV", destination="s3://b/p",
                                 kmsKeyIdentifier="nope")
    assert _error(info)[0] == "ValidationException"
    with pytest.raises(ClientError) as info:
        client.get_export_task(taskIdentifier="t-0000000000")
    assert _error(info)[0] == "ResourceNotFoundException"
    with pytest.raises(ClientError) as info:
        client.cancel_export_task(taskIdentifier="t-0000000000")
    assert _error(info)[0] == "ResourceNotFoundException"


def test_missing_bucket_fails_the_task_and_cancel_after_end_conflicts(aws) -> None:
    client, s3 = aws("neptune-graph"), aws("s3")
    graph_id = _graph(client, s3)
    bucket = unique("no-such-bucket")
    got = export(client, graph_id, f"s3://{bucket}/out")
    assert got["status"] == "FAILED"
    assert bucket in got["statusReason"] and "does not exist" in got["statusReason"]
    with pytest.raises(ClientError) as info:
        client.cancel_export_task(taskIdentifier=got["taskId"])
    assert _error(info)[0] == "ConflictException"
    with pytest.raises(Exception, match="FAILED"):
        client.get_waiter("export_task_successful").wait(taskIdentifier=got["taskId"], WaiterConfig=FAST)


def test_manual_clock_life_and_cancel_waiter() -> None:
    with dockyard.mock(job_clock="manual") as mock:
        client = boto3.client("neptune-graph", region_name="us-east-1")
        s3 = boto3.client("s3", region_name="us-east-1")
        graph_id = new_graph_manual(mock, client)
        _import_manual(mock, client, s3, graph_id)
        destination = f"s3://{new_bucket(s3)}/e"
        task = _start(client, graph_id, destination)
        assert client.get_export_task(taskIdentifier=task["taskId"])["status"] == "INITIALIZING"
        mock.jobs.advance(task["taskId"])
        got = client.get_export_task(taskIdentifier=task["taskId"])
        assert got["status"] == "EXPORTING"
        with pytest.raises(ClientError) as info:  # one export at a time per graph
            _start(client, graph_id, destination)
        assert _error(info)[0] == "ConflictException"
        cancelled = client.cancel_export_task(taskIdentifier=task["taskId"])
        assert cancelled["status"] == "CANCELLING"
        mock.jobs.advance(task["taskId"])
        client.get_waiter("export_task_cancelled").wait(taskIdentifier=task["taskId"], WaiterConfig=FAST)
        assert client.get_export_task(taskIdentifier=task["taskId"])["status"] == "CANCELLED"
        assert list_files(s3, destination, task["taskId"]) == {}


def new_graph_manual(mock: Any, client: Any) -> str:
    graph_id = client.create_graph(graphName=unique("graph"), provisionedMemory=16)["id"]
    mock.jobs.advance(mock.jobs.list(parent_id=graph_id)[0].id, to="AVAILABLE")
    return graph_id


def _import_manual(mock: Any, client: Any, s3: Any, graph_id: str) -> None:
    task = client.start_import_task(graphIdentifier=graph_id, source=upload(s3, {"p.csv": PEOPLE, "k.csv": KNOWS}),
                                    roleArn=ROLE, format="CSV")
    mock.jobs.advance(task["taskId"], to="SUCCEEDED")
    assert client.get_import_task(taskIdentifier=task["taskId"])["status"] == "SUCCEEDED"


def _many_labels_csv(labels: int, per_label: int) -> bytes:
    rows = ["~id,~label,name:String,n:Int"]
    for label in range(labels):
        rows += [f"v{label}_{i},L{label},name {i},{i}" for i in range(per_label)]
    return ("\n".join(rows) + "\n").encode()


def test_cancel_mid_export_leaves_no_files_and_details_are_live(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DOCKYARD_NEPTUNE_EXPORT_FILE_BYTES", "1")  # every batch closes a file
    monkeypatch.setattr(export_task, "BATCH_ROWS", 5)
    with dockyard.mock() as mock:
        client = boto3.client("neptune-graph", region_name="us-east-1")
        s3 = boto3.client("s3", region_name="us-east-1")
        graph_id = new_graph(client)
        assert import_into(client, graph_id, upload(s3, {"v.csv": _many_labels_csv(4, 20)}))["status"] == "SUCCEEDED"
        blobs = mock.runtime.blobs
        real_upload = blobs.upload
        uploaded, resume = threading.Event(), threading.Event()
        count = [0]

        def slow_upload(location: Any, fileobj: Any) -> None:
            real_upload(location, fileobj)
            count[0] += 1
            if count[0] == 3:
                uploaded.set()
                resume.wait(10)

        monkeypatch.setattr(blobs, "upload", slow_upload)
        destination = f"s3://{new_bucket(s3)}/mid"
        task = _start(client, graph_id, destination)
        assert uploaded.wait(10)
        got = client.get_export_task(taskIdentifier=task["taskId"])
        assert got["status"] == "EXPORTING"
        assert 0 < got["exportTaskDetails"]["progressPercentage"] < 100
        assert got["exportTaskDetails"]["numVerticesWritten"] >= 10
        assert client.get_graph(graphIdentifier=graph_id)["status"] == "AVAILABLE"
        summary = client.get_graph_summary(graphIdentifier=graph_id)["graphSummary"]
        assert summary["numNodes"] == 80  # readable during the export
        assert len(list_files(s3, destination, task["taskId"])) == 3  # partial files exist now
        assert client.cancel_export_task(taskIdentifier=task["taskId"])["status"] == "CANCELLING"
        resume.set()
        client.get_waiter("export_task_cancelled").wait(taskIdentifier=task["taskId"], WaiterConfig=FAST)
        assert wait_export(client, task["taskId"])["status"] == "CANCELLED"
        assert list_files(s3, destination, task["taskId"]) == {}


def test_several_files_per_label_past_the_threshold(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DOCKYARD_NEPTUNE_EXPORT_FILE_BYTES", "200")
    monkeypatch.setattr(export_task, "BATCH_ROWS", 4)
    with dockyard.mock():
        client = boto3.client("neptune-graph", region_name="us-east-1")
        s3 = boto3.client("s3", region_name="us-east-1")
        graph_id = new_graph(client)
        assert import_into(client, graph_id, upload(s3, {"v.csv": _many_labels_csv(2, 30)}))["status"] == "SUCCEEDED"
        for fmt in ("CSV", "PARQUET"):
            destination = f"s3://{new_bucket(s3)}"
            got = export(client, graph_id, destination, fmt)
            assert got["status"] == "SUCCEEDED"
            files = list_files(s3, destination, got["taskId"])
            l0 = sorted(k for k in files if k.startswith("vertices/L0/"))
            assert len(l0) > 1
            assert l0[:2] == [f"vertices/L0/part-00000.{fmt.lower()}", f"vertices/L0/part-00001.{fmt.lower()}"]
            if fmt == "CSV":
                headers = {files[k].split(b"\n", 1)[0] for k in l0}
                assert headers == {b'"~id","~label","n:Int","name:String"'}
            copy = new_graph(client)
            back = import_into(client, copy, f"{destination}/{got['taskId']}/", format=fmt)
            assert back["status"] == "SUCCEEDED"
            assert client.get_graph_summary(graphIdentifier=copy)["graphSummary"]["numNodes"] == 60
