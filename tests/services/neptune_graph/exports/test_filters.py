"""exportFilter golden tests through boto3: every rule, the exact files it writes, and invalid filters."""

from __future__ import annotations

import io
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from botocore.exceptions import ClientError

from tests.services.neptune_graph.imports.import_helpers import import_into, new_graph, upload

from .export_helpers import KMS, ROLE, export, list_files, new_bucket

VERTICES = (
    b"~id,~label,name:String,age:Int,score:Double,nick:String[]\n"
    b'p1,Person,Ann,30,1.5,"b;a"\n'
    b"p2,Person;Employee,Bob,40,,\n"
    b"c1,Company,Acme,,,\n"
)
MORE = b"~id,~label,val:String\np2,Person,high\nc1,Company,7\n"
VALS = b"~id,~label,val:Int\np1,Person,3\n"
EDGES = (
    b"~from,~to,~label,weight:Float,since:Int\n"
    b"p1,p2,knows,0.5,2001\n"
    b"p2,c1,worksAt,,2010\n"
    b"p1,c1,worksAt,1.0,\n"
)


@pytest.fixture
def graph(aws) -> tuple[Any, Any, str]:
    client, s3 = aws("neptune-graph"), aws("s3")
    graph_id = new_graph(client)
    files = {"v.csv": VERTICES, "more.csv": MORE, "vals.csv": VALS, "e.csv": EDGES}
    assert import_into(client, graph_id, upload(s3, files), format="CSV")["status"] == "SUCCEEDED"
    return client, s3, graph_id


def _files(graph: tuple[Any, Any, str], export_filter: dict | None, fmt: str = "CSV") -> tuple[dict, dict]:
    client, s3, graph_id = graph
    destination = f"s3://{new_bucket(s3)}/f"
    kwargs = {} if export_filter is None else {"exportFilter": export_filter}
    got = export(client, graph_id, destination, fmt, **kwargs)
    assert got["status"] == "SUCCEEDED", got.get("statusReason")
    if export_filter is not None:
        assert got["exportFilter"] == export_filter
    files = list_files(s3, destination, got["taskId"])
    if fmt == "CSV":
        return {k.removesuffix("/part-00000.csv"): _rows(v.decode()) for k, v in files.items()}, got
    return {k.removesuffix("/part-00000.parquet"): pq.read_table(io.BytesIO(v)) for k, v in files.items()}, got


def _rows(text: str) -> tuple[str, ...]:
    """Header first, then the records sorted (row order follows the store and is not part of the contract)."""
    header, *records = text.splitlines()
    return (header, *sorted(records))


def csv(text: str) -> tuple[str, ...]:
    return _rows(text)


def test_omitted_filter_exports_everything_with_inferred_types(graph) -> None:
    files, got = _files(graph, None)
    assert sorted(files) == ["edges/knows", "edges/worksAt", "vertices/Company", "vertices/Employee", "vertices/Person"]
    # val is an Int on p1 and a String on p2: mixed types are Any; nick has two values on p1: a list
    assert files["vertices/Person"] == csv(
        '"~id","~label","age:Int","name:String","nick:String[]","score:Double","val:Any"\n'
        '"p1","Person",30,"Ann","b;a",1.5,"{""value"": ""3"", ""type"": ""Int""}"\n'
        '"p2","Person",40,"Bob",,,"{""value"": ""high"", ""type"": ""String""}"\n'
    )
    assert files["vertices/Employee"] == csv(
        '"~id","~label","age:Int","name:String","val:String"\n"p2","Employee",40,"Bob","high"\n'
    )
    assert files["vertices/Company"] == csv('"~id","~label","name:String","val:String"\n"c1","Company","Acme","7"\n')
    assert files["edges/worksAt"] == csv(
        '"~from","~to","~label","since:Int","weight:Float"\n"p2","c1","worksAt",2010,\n"p1","c1","worksAt",,1\n'
    )
    assert got["exportTaskDetails"]["numVerticesWritten"] == 3
    assert got["exportTaskDetails"]["numEdgesWritten"] == 3


def test_empty_filter_exports_nothing(graph) -> None:
    files, got = _files(graph, {})
    assert files == {}
    assert got["exportTaskDetails"]["numVerticesWritten"] == 0
    assert got["exportTaskDetails"]["numEdgesWritten"] == 0


def test_empty_vertex_filter_omitted_edge_filter(graph) -> None:
    files, _ = _files(graph, {"vertexFilter": {}})
    assert sorted(files) == ["edges/knows", "edges/worksAt"]
    files, _ = _files(graph, {"edgeFilter": {}})
    assert sorted(files) == ["vertices/Company", "vertices/Employee", "vertices/Person"]


def test_labels_properties_renaming_and_output_types(graph) -> None:
    flt = {
        "vertexFilter": {
            "Person": {"properties": {
                "name": {},
                "years": {"sourcePropertyName": "age", "outputType": "Long"},
                "ageText": {"sourcePropertyName": "age", "outputType": "String"},
                "missing": {"outputType": "Int"},
            }},
            "Robot": {"properties": {"name": {}}},  # a label the graph lacks writes nothing
        },
        "edgeFilter": {"knows": {"properties": {"weight": {"outputType": "Double"}}}},
    }
    files, got = _files(graph, flt)
    assert sorted(files) == ["edges/knows", "vertices/Person"]
    assert files["vertices/Person"] == csv(
        '"~id","~label","name:String","years:Long","ageText:String","missing:Int"\n'
        '"p1","Person","Ann",30,"30",\n'
        '"p2","Person","Bob",40,"40",\n'
    )
    assert files["edges/knows"] == csv('"~from","~to","~label","weight:Double"\n"p1","p2","knows",0.5\n')
    assert got["exportTaskDetails"]["numVerticesWritten"] == 2


def test_label_without_properties_member_exports_all_its_properties(graph) -> None:
    files, _ = _files(graph, {"vertexFilter": {"Company": {}}, "edgeFilter": {}})
    assert files == {"vertices/Company": csv('"~id","~label","name:String","val:String"\n"c1","Company","Acme","7"\n')}
    files, _ = _files(graph, {"vertexFilter": {"Person": {}}, "edgeFilter": {}})
    person_header = '"~id","~label","age:Int","name:String","nick:String[]","score:Double","val:Any"'
    assert files["vertices/Person"][0] == person_header  # all values: nick (two on p1) is a list
    files, _ = _files(graph, {"vertexFilter": {"Company": {"properties": {}}}, "edgeFilter": {}})
    assert files == {"vertices/Company": csv('"~id","~label"\n"c1","Company"\n')}


def test_multi_value_handling(graph) -> None:
    def person(handling: dict) -> tuple[str, ...]:
        flt = {"vertexFilter": {"Person": {"properties": {"nick": handling}}}, "edgeFilter": {}}
        return _files(graph, flt)[0]["vertices/Person"]

    # PICK_FIRST (the default): the first value in the store's order (nick was loaded as "b;a")
    first = csv('"~id","~label","nick:String"\n"p1","Person","b"\n"p2","Person",\n')
    assert person({}) == first
    assert person({"multiValueHandling": "PICK_FIRST"}) == first
    assert person({"multiValueHandling": "TO_LIST"}) == csv(
        '"~id","~label","nick:String[]"\n"p1","Person","b;a"\n"p2","Person",\n'
    )
    assert person({"sourcePropertyName": "score", "outputType": "Float[]"}) == csv(
        '"~id","~label","nick:Float[]"\n"p1","Person","1.5"\n"p2","Person",\n'
    )
    # Int 3 and String "high" as Bool: the loader's rule, anything but "true" is false
    assert person({"sourcePropertyName": "val", "outputType": "Boolean"}) == csv(
        '"~id","~label","nick:Bool"\n"p1","Person",false\n"p2","Person",false\n'
    )


def test_all_labels_keys_give_one_schema(graph) -> None:
    flt = {
        "vertexFilter": {"_VERTEX_ALL_LABELS_": {"properties": {"name": {}, "val": {}}}},
        "edgeFilter": {"_EDGE_ALL_LABELS_": {"properties": {"weight": {"outputType": "Float"}}}},
    }
    files, got = _files(graph, flt)
    assert sorted(files) == ["edges/(all-labels)", "vertices/(all-labels)"]
    assert files["vertices/(all-labels)"] == csv(
        '"~id","~label","name:String","val:Any"\n'
        '"p1","Person","Ann","{""value"": ""3"", ""type"": ""Int""}"\n'
        '"p2","Employee;Person","Bob","{""value"": ""high"", ""type"": ""String""}"\n'
        '"c1","Company","Acme","{""value"": ""7"", ""type"": ""String""}"\n'
    )
    assert files["edges/(all-labels)"] == csv(
        '"~from","~to","~label","weight:Float"\n'
        '"p1","p2","knows",0.5\n"p2","c1","worksAt",\n"p1","c1","worksAt",1\n'
    )
    assert got["exportTaskDetails"]["numVerticesWritten"] == 3


def test_parquet_filter_columns_are_typed_and_declared(graph) -> None:
    flt = {
        "vertexFilter": {"_VERTEX_ALL_LABELS_": {"properties": {
            "name": {}, "val": {}, "years": {"sourcePropertyName": "age", "outputType": "Short"},
            "nick": {"multiValueHandling": "TO_LIST"},
        }}},
        "edgeFilter": {"worksAt": {"properties": {"weight": {"outputType": "Double"}}}},
    }
    tables, _ = _files(graph, flt, "PARQUET")
    vertices = tables["vertices/(all-labels)"]
    assert vertices.schema.names == ["~id", "~label", "name", "val", "years", "nick"]
    assert vertices.schema.field("years").type == pa.int16()
    assert vertices.schema.field("nick").type == pa.list_(pa.string())
    assert vertices.schema.metadata[b"metadata"] == (
        b'{"anyTypeColumns": ["val"], "dateTypeColumns": [], "dateTimeTypeColumns": []}'
    )
    rows = {r["~id"]: r for r in vertices.to_pylist()}
    assert rows["p2"] == {"~id": "p2", "~label": "Employee;Person", "name": "Bob",
                                       "val": '{"value": "high", "type": "String"}', "years": 40, "nick": None}
    edges = tables["edges/worksAt"]
    assert edges.schema.field("weight").type == pa.float64()
    assert sorted(edges.column("weight").to_pylist(), key=str) == [1.0, None]


@pytest.mark.parametrize(
    ("export_filter", "words"),
    [
        ({"vertexFilter": {"_EDGE_ALL_LABELS_": {}}}, "_EDGE_ALL_LABELS_"),
        ({"edgeFilter": {"_VERTEX_ALL_LABELS_": {}}}, "_VERTEX_ALL_LABELS_"),
        ({"vertexFilter": {"_VERTEX_ALL_LABELS_": {}, "Person": {}}}, "cannot be combined"),
        ({"edgeFilter": {"knows": {"properties": {"w": {"outputType": "Float[]"}}}}}, "single-valued"),
        ({"vertexFilter": {"Person": {"properties": {"s": {"outputType": "Double[]",
                                                           "multiValueHandling": "PICK_FIRST"}}}}}, "PICK_FIRST"),
    ],
)
def test_invalid_filters_are_refused_at_start(graph, export_filter: dict, words: str) -> None:
    client, s3, graph_id = graph
    with pytest.raises(ClientError) as info:
        client.start_export_task(graphIdentifier=graph_id, roleArn=ROLE, format="CSV", kmsKeyIdentifier=KMS,
                                 destination=f"s3://{new_bucket(s3)}/x", exportFilter=export_filter)
    err = info.value.response["Error"]
    assert err["Code"] == "ValidationException"
    assert words in err["Message"]


def test_model_constraints_are_validated(graph) -> None:
    client, _s3, graph_id = graph
    bad = {"vertexFilter": {"Person": {"properties": {"bad name!": {}}}}}
    with pytest.raises(ClientError) as info:
        client.start_export_task(graphIdentifier=graph_id, roleArn=ROLE, format="CSV", kmsKeyIdentifier=KMS,
                                 destination="s3://b/x", exportFilter=bad)
    assert info.value.response["Error"]["Code"] == "ValidationException"
