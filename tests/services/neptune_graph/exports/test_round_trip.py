"""Round trips through boto3: import each shared sample, export it as CSV and as Parquet, import the
export into a fresh graph, and compare both graphs through the graph store's read API."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import boto3
import pyarrow as pa
import pytest

import dockyard
from dockyard.graph import EdgeBatch, PropertyColumn, ValueType, VertexBatch
from dockyard.services.neptune_graph.resources.graph_stores import graph_stores
from tests.services.neptune_graph.imports.import_helpers import import_into, new_graph, upload

from .export_helpers import assert_same_graph, export, list_files, new_bucket

FORMATS = ["CSV", "PARQUET"]


def _samples(shared: Path) -> dict[str, tuple[list[Path], dict[str, Any]]]:
    neptune = shared / "neptune"
    playground = neptune / "playground"
    nt = {"format": "NTRIPLES", "blankNodeHandling": "convertToIri"}
    return {
        "tiny": (sorted((neptune / "tiny").glob("*.csv")), {"format": "CSV"}),
        "ogma-twitter": (sorted((neptune / "ogma-twitter").glob("*.csv")), {"format": "CSV"}),
        "playground": (
            [playground / "nCSV_nodes_normal.csv", playground / "nCSV_edges_normal.csv"],
            {"format": "CSV", "failOnError": False},
        ),
        "ntriples_normal": ([playground / "ntriples_normal.nt"], nt),
        "scenario1": ([playground / "scenario1NTriples.nt"], nt),
    }


def _round_trip(mock: Any, graph_id: str, fmt: str) -> None:
    client = boto3.client("neptune-graph", region_name="us-east-1")
    s3 = boto3.client("s3", region_name="us-east-1")
    destination = f"s3://{new_bucket(s3)}/exports"
    got = export(client, graph_id, destination, fmt)
    assert got["status"] == "SUCCEEDED", got.get("statusReason")
    files = list_files(s3, destination, got["taskId"])
    assert files and all(k.endswith(".csv" if fmt == "CSV" else ".parquet") for k in files)
    copy_id = new_graph(client)
    imported = import_into(client, copy_id, f"{destination}/{got['taskId']}/", format=fmt)
    assert imported["status"] == "SUCCEEDED", imported.get("statusReason")
    assert imported["importTaskDetails"]["errorCount"] == 0
    stores = graph_stores(mock.runtime)
    original, copy = stores.get(graph_id).view(), stores.get(copy_id).view()
    assert_same_graph(original, copy)
    details = got["exportTaskDetails"]
    assert details["numVerticesWritten"] <= original.num_vertices
    assert details["numEdgesWritten"] == original.num_edges
    assert details["progressPercentage"] == 100
    summary = client.get_graph_summary(graphIdentifier=copy_id, mode="DETAILED")["graphSummary"]
    assert summary == client.get_graph_summary(graphIdentifier=graph_id, mode="DETAILED")["graphSummary"]


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("sample", ["tiny", "ogma-twitter", "playground", "ntriples_normal", "scenario1"])
def test_shared_sample_round_trip(shared_data: Path, sample: str, fmt: str) -> None:
    files, options = _samples(shared_data)[sample]
    with dockyard.mock() as mock:
        client = boto3.client("neptune-graph", region_name="us-east-1")
        s3 = boto3.client("s3", region_name="us-east-1")
        graph_id = new_graph(client)
        got = import_into(client, graph_id, upload(s3, files), **options)
        assert got["status"] == "SUCCEEDED", got.get("statusReason")
        assert graph_stores(mock.runtime).get(graph_id).num_vertices > 0
        _round_trip(mock, graph_id, fmt)


def _typed(vtype: ValueType, values: list[Any]) -> PropertyColumn:
    return PropertyColumn("k", vtype, pa.array(values, vtype.arrow_type))


def load_every_type(store: Any) -> None:
    """Every value type, multi-valued and mixed-type properties, awkward strings and labels."""
    utc = dt.UTC
    ids = pa.array(["v1", "v2", "v3", "v4", "http://x.org/v5"], pa.large_string())
    labels = pa.array([["Person", "Employee"], ["Person"], [], ["semi;colon label"], ["Thing"]],
                      pa.large_list(pa.large_string()))
    s = pa.large_string()
    columns = [
        PropertyColumn("name", ValueType.STRING,
                       pa.array(['Ann "A", the 1st', "multi\nline", None, "semi;colon", "Ünïcødé ✓"], s)),
        PropertyColumn("nick", ValueType.STRING,
                       pa.array([["a", "b;c"], ["z"], None, None, ["x", "y", "w"]], pa.large_list(s))),
        PropertyColumn("flag", ValueType.BOOL, pa.array([True, False, None, True, None])),
        PropertyColumn("b", ValueType.BYTE, pa.array([-128, 127, None, 0, 1], pa.int8())),
        PropertyColumn("sh", ValueType.SHORT, pa.array([-32768, 32767, None, None, 5], pa.int16())),
        PropertyColumn("i", ValueType.INT, pa.array([2**31 - 1, -(2**31), None, 7, None], pa.int32())),
        PropertyColumn("l", ValueType.LONG, pa.array([2**63 - 1, -(2**63), 0, None, None], pa.int64())),
        PropertyColumn("f", ValueType.FLOAT,
                       pa.array([0.1, float("nan"), float("inf"), -1.5e-30, 3.4e38], pa.float32())),
        PropertyColumn("d", ValueType.DOUBLE,
                       pa.array([0.1, 1e300, float("-inf"), 5e-324, None], pa.float64())),
        PropertyColumn("day", ValueType.DATE, pa.array([dt.date(2024, 2, 29), dt.date(1970, 1, 1), None, None, None])),
        PropertyColumn("at", ValueType.DATETIME, pa.array(
            [dt.datetime(2024, 1, 2, 3, 4, 5, 678000, tzinfo=utc), None, dt.datetime(1999, 12, 31, tzinfo=utc),
             None, None], ValueType.DATETIME.arrow_type)),
        PropertyColumn("scores", ValueType.DOUBLE,
                       pa.array([[1.0, 2.5], None, None, [0.0], None], pa.large_list(pa.float64()))),
        # "mixed": Int on v1, String on v2 and v3, both on v4 -> Any
        PropertyColumn("mixed", ValueType.INT, pa.array([1, None, None, 4, None], pa.int32())),
        PropertyColumn("mixed", ValueType.STRING, pa.array([None, "two", "3", "four", None], s)),
        PropertyColumn("http://x.org/p:with:colons", ValueType.STRING, pa.array([None, None, None, None, "iri"], s)),
    ]
    with store.begin_load() as loader:
        loader.add_vertices(VertexBatch(ids, labels, tuple(columns)))
        loader.add_edges(EdgeBatch(
            pa.array(["v1", "v2", "v1", "v4", "ghost"], s), pa.array(["v2", "v1", "v1", "ghost", "v3"], s),
            pa.array(["knows", "knows", "self", "knows", "haunts"], s),
            (
                PropertyColumn("w", ValueType.FLOAT, pa.array([0.5, None, float("nan"), 1.0, None], pa.float32())),
                PropertyColumn("since", ValueType.DATE, pa.array([dt.date(2001, 1, 1), None, None, None, None])),
                PropertyColumn("w", ValueType.STRING, pa.array([None, "heavy", None, None, None], s)),
                PropertyColumn("note", ValueType.STRING, pa.array(["x;y", None, None, None, "boo"], s)),
            ),
        ))


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_value_type_round_trips(fmt: str) -> None:
    with dockyard.mock() as mock:
        client = boto3.client("neptune-graph", region_name="us-east-1")
        graph_id = new_graph(client)
        load_every_type(graph_stores(mock.runtime).get(graph_id))
        _round_trip(mock, graph_id, fmt)
