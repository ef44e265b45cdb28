"""Golden tests of the Parquet reader (format=PARQUET)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from dockyard.services.neptune_graph.resources.import_pipeline import ImportFailed

from .helpers import load, props


def _write(path: Path, table: pa.Table, metadata: dict | None = None) -> Path:
    if metadata is not None:
        table = table.replace_schema_metadata({"metadata": json.dumps(metadata)})
    pq.write_table(table, path, compression="NONE")
    return path


def test_types_from_schema_lists_and_labels(tmp_path: Path) -> None:
    vertices = pa.table(
        {
            "~id": ["a", "b"],
            "~label": [["A", "B"], []],
            "i8": pa.array([1, None], pa.int8()),
            "i16": pa.array([2, None], pa.int16()),
            "i32": pa.array([3, None], pa.int32()),
            "i64": pa.array([4, 5], pa.int64()),
            "u8": pa.array([200, None], pa.uint8()),
            "f32": pa.array([1.5, None], pa.float32()),
            "f64": pa.array([2.5, None], pa.float64()),
            "flag": [True, None],
            "s": ["x", None],
            "d": pa.array([dt.date(2020, 1, 2), None], pa.date32()),
            "ts": pa.array([dt.datetime(2020, 1, 2, 3, 4, 5), None], pa.timestamp("us")),
            "many": pa.array([[1, 2], None], pa.list_(pa.int32())),
        }
    )
    edges = pa.table({"~from": ["a"], "~to": ["c"], "~label": ["r"], "w": pa.array([0.5], pa.float32())})
    store, result = load([_write(tmp_path / "v.parquet", vertices), _write(tmp_path / "e.parquet", edges)], "PARQUET")
    assert props(store, "a") == {
        "i8": [("Byte", 1)],
        "i16": [("Short", 2)],
        "i32": [("Int", 3)],
        "i64": [("Long", 4)],
        "u8": [("Short", 200)],
        "f32": [("Float", 1.5)],
        "f64": [("Double", 2.5)],
        "flag": [("Bool", True)],
        "s": [("String", "x")],
        "d": [("Date", dt.date(2020, 1, 2))],
        "ts": [("Datetime", dt.datetime(2020, 1, 2, 3, 4, 5, tzinfo=dt.UTC))],
        "many": [("Int", 1), ("Int", 2)],
    }
    assert store.view().get_vertex("a").labels == ("A", "B")
    assert props(store, "b") == {"i64": [("Long", 5)]}
    (edge,) = store.view().iter_edges()
    assert edge.properties == {"w": edge.properties["w"]} and edge.properties["w"].value == 0.5
    assert store.view().get_vertex("c").labels == ()
    assert result.errorCount == 0


def test_semicolon_labels_and_metadata_declared_columns(tmp_path: Path) -> None:
    table = pa.table(
        {
            "~id": ["a", "b"],
            "~label": ["X;Y", "Z"],
            "born": ["2020-01-02", "nope"],
            "seen": ["2020-01-02T03:04:05Z", None],
            "any": ['{"value": "7", "type": "Long"}', None],
        }
    )
    meta = {"anyTypeColumns": ["any"], "dateTypeColumns": ["born"], "dateTimeTypeColumns": ["seen"]}
    path = _write(tmp_path / "v.parquet", table, meta)
    with pytest.raises(ImportFailed, match=r"v.parquet row 2: value 'nope' of column 'born' is not a valid Date"):
        load([path], "PARQUET")
    store, result = load([path], "PARQUET", fail_on_error=False)
    assert result.errorCount == 1
    assert props(store, "a") == {
        "born": [("Date", dt.date(2020, 1, 2))],
        "seen": [("Datetime", dt.datetime(2020, 1, 2, 3, 4, 5, tzinfo=dt.UTC))],
        "any": [("Long", 7)],
    }
    assert store.view().get_vertex("a").labels == ("X", "Y")


def test_wrapped_metadata_key_accepted(tmp_path: Path) -> None:
    table = pa.table({"~id": ["a"], "born": ["2020-01-02"]})
    path = _write(tmp_path / "v.parquet", table, {"metadata": {"dateTypeColumns": ["born"]}})
    store, _ = load([path], "PARQUET")
    assert props(store, "a") == {"born": [("Date", dt.date(2020, 1, 2))]}


@pytest.mark.parametrize(
    ("table", "reason"),
    [
        (pa.table({"name": ["x"]}), "neither ~id"),
        (pa.table({"~from": ["a"], "~label": ["r"]}), "both ~from and ~to"),
        (pa.table({"~from": ["a"], "~to": ["b"], "~label": ["r"], "w": [[1]]}), "cannot be a list"),
        (pa.table({"~id": ["a"], "b": pa.array([b"x"], pa.binary())}), "unsupported type"),
    ],
)
def test_file_errors(tmp_path: Path, table: pa.Table, reason: str) -> None:
    with pytest.raises(ImportFailed, match=reason):
        load([_write(tmp_path / "bad.parquet", table)], "PARQUET")


def test_not_a_parquet_file(tmp_path: Path) -> None:
    path = tmp_path / "x.parquet"
    path.write_text("~id\na\n")
    with pytest.raises(ImportFailed, match=r"x\.parquet: is not a valid Parquet file"):
        load([path], "PARQUET")


def test_missing_ids_are_rejected_rows(tmp_path: Path) -> None:
    path = _write(tmp_path / "v.parquet", pa.table({"~id": ["a", None], "~label": ["L", "M"]}))
    store, result = load([path], "PARQUET", fail_on_error=False)
    assert result.errorDetails == "v.parquet row 2: missing ~id value"
    assert store.view().vertex_ids().to_pylist() == ["a"]
