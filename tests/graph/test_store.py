"""GraphStore: bulk loader semantics, abort, persistence, reset, registry, summary shape."""

from __future__ import annotations

import os
from pathlib import Path

import botocore.session
import pyarrow as pa
import pytest

from dockyard.graph import (
    CardinalityViolation,
    EdgeBatch,
    GraphError,
    GraphRegistry,
    GraphStore,
    InvalidBatch,
    LoaderClosed,
    PropertyColumn,
    TypedValue,
    ValueType,
    VertexBatch,
    persistence,
)


def _sample(store: GraphStore) -> None:
    with store.begin_load() as loader:
        loader.add_vertices(
            VertexBatch(
                pa.array(["a", "b", "c", "a", "idonly"]),
                pa.array([["X"], ["Y", "X"], [], ["Z"], []]),
                (
                    PropertyColumn("age", ValueType.INT, pa.array([1, None, None, 2, None], pa.int32())),
                    PropertyColumn(
                        "name",
                        ValueType.STRING,
                        pa.array([["n1", "n2"], None, ["c"], ["n1"], None], pa.large_list(pa.large_string())),
                    ),
                ),
            )
        )
        loader.add_edges(
            EdgeBatch(
                pa.array(["a", "b", "q"]),
                pa.array(["b", "c", "a"]),
                pa.array(["knows", "knows", "likes"]),
                (PropertyColumn("w", ValueType.DOUBLE, pa.array([0.5, None, 1.0])),),
            )
        )


def test_merge_implicit_vertices_and_counts() -> None:
    store = GraphStore.in_memory()
    _sample(store)
    view = store.view()
    assert sorted(view.vertex_ids().to_pylist()) == ["a", "b", "c", "q"]  # idonly ignored, q implicit
    a = view.get_vertex("a")
    assert a.labels == ("X", "Z")
    assert a.properties["age"] == [TypedValue(ValueType.INT, 1), TypedValue(ValueType.INT, 2)]
    assert a.properties["name"] == [TypedValue(ValueType.STRING, "n1"), TypedValue(ValueType.STRING, "n2")]
    assert view.get_vertex("q") == ("q", (), {})
    assert view.get_vertex("nope") is None
    assert [e.to_id for e in view.out_edges("a")] == ["b"]
    assert [e.from_id for e in view.in_edges("a")] == ["q"]
    assert view.out_edges("b", label="likes") == []
    assert view.vertices_with_label("X") == ["a", "b"]
    # labels a:X,Z b:X,Y =4; values a:1,2,n1,n2 c:c =5; edges 3; edge values 2
    assert view.statement_count == 4 + 5 + 3 + 2
    # terms: a b c q, X Y Z, age name w, n1 n2, knows likes = 14 ("idonly" is never interned;
    # the String value "c" is the same term as the vertex id "c")
    assert view.dictionary_entry_count == 14
    table = view.edges_table()
    assert table.column_names == ["id", "from", "to", "label"]
    assert table["id"].to_pylist() == [f"neptune_reserved_1_{i}" for i in (1, 2, 3)]
    props = view.vertex_property_table(ValueType.STRING)
    assert sorted(zip(props["id"].to_pylist(), props["value"].to_pylist(), strict=True)) == [
        ("a", "n1"),
        ("a", "n2"),
        ("c", "c"),
    ]
    assert view.vertices_table("Y")["id"].to_pylist() == ["b"]
    assert view.get_edge("neptune_reserved_1_3").label == "likes"


def test_abort_and_exception_leave_store_untouched() -> None:
    store = GraphStore.in_memory()
    loader = store.begin_load()
    loader.add_vertices(VertexBatch(pa.array(["a"]), pa.array([["L"]])))
    loader.abort()
    assert store.is_empty()
    with pytest.raises(LoaderClosed):
        loader.add_vertices(VertexBatch(pa.array(["a"]), pa.array([["L"]])))
    with pytest.raises(RuntimeError), store.begin_load() as loader2:
        loader2.add_vertices(VertexBatch(pa.array(["a"]), pa.array([["L"]])))
        raise RuntimeError("boom")
    assert store.is_empty() and store.data.dictionary_entry_count == 0


def test_concurrent_commit_detected() -> None:
    store = GraphStore.in_memory()
    first, second = store.begin_load(), store.begin_load()
    first.add_vertices(VertexBatch(pa.array(["a"]), pa.array([["L"]])))
    first.commit()
    second.add_vertices(VertexBatch(pa.array(["b"]), pa.array([["L"]])))
    with pytest.raises(GraphError):
        second.commit()


def test_invalid_batches() -> None:
    loader = GraphStore.in_memory().begin_load()
    with pytest.raises(InvalidBatch):
        loader.add_vertices(VertexBatch(pa.array(["a", None])))
    with pytest.raises(InvalidBatch):
        loader.add_edges(
            EdgeBatch(
                pa.array(["a"]),
                pa.array(["b"]),
                pa.array(["r"]),
                (PropertyColumn("x", ValueType.INT, pa.array([[1]], pa.list_(pa.int32()))),),
            )
        )


def test_single_cardinality_in_loader() -> None:
    store = GraphStore.in_memory()
    with store.begin_load() as loader:
        loader.add_vertices(
            VertexBatch(pa.array(["a"]), None, (PropertyColumn("n", ValueType.STRING, pa.array(["x"])),))
        )
    loader = store.begin_load()
    batch = VertexBatch(
        pa.array(["a", "b", "b"]), None, (PropertyColumn("n", ValueType.STRING, pa.array(["y", "1", "2"]), True),)
    )
    conflicts = loader.single_cardinality_conflicts(batch)
    assert [row for row, _ in conflicts] == [0, 2]
    with pytest.raises(CardinalityViolation):
        loader.add_vertices(batch)
    same = VertexBatch(pa.array(["a"]), None, (PropertyColumn("n", ValueType.STRING, pa.array(["x"]), True),))
    assert loader.single_cardinality_conflicts(same) == []


def test_persisted_store_reopens_identical(tmp_path: Path) -> None:
    store = GraphStore.open(tmp_path / "g")
    _sample(store)
    before = (store.summary(detailed=True), list(store.view().iter_vertices()), list(store.view().iter_edges()))
    reopened = GraphStore.open(tmp_path / "g")
    after = (reopened.summary(detailed=True), list(reopened.view().iter_vertices()), list(reopened.view().iter_edges()))
    assert before == after
    assert reopened.data.dictionary_entry_count == store.data.dictionary_entry_count
    # A second load continues edge numbering after a restart.
    with reopened.begin_load() as loader:
        loader.add_edges(EdgeBatch(pa.array(["a"]), pa.array(["c"]), pa.array(["r"])))
    assert reopened.view().edges_table()["id"].to_pylist()[-1] == "neptune_reserved_1_4"


def test_crash_mid_commit_keeps_previous_state(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    directory = tmp_path / "g"
    store = GraphStore.open(directory)
    _sample(store)
    real_replace = os.replace

    def crash(src, dst):  # the manifest switch never happens
        raise OSError("power cut")

    monkeypatch.setattr(persistence.os, "replace", crash)
    loader = store.begin_load()
    loader.add_vertices(VertexBatch(pa.array(["new"]), pa.array([["N"]])))
    with pytest.raises(OSError):
        loader.commit()
    monkeypatch.setattr(persistence.os, "replace", real_replace)
    assert not store.view().has_vertex("new")
    reopened = GraphStore.open(directory)
    assert reopened.view().num_vertices == 4 and not reopened.view().has_vertex("new")
    assert sorted(p.name for p in directory.iterdir()) == ["gen-000001", "manifest.json"]


def test_reset(tmp_path: Path) -> None:
    store = GraphStore.open(tmp_path / "g")
    _sample(store)
    store.reset()
    assert store.is_empty() and GraphStore.open(tmp_path / "g").is_empty()


def test_registry(tmp_path: Path) -> None:
    registry = GraphRegistry(tmp_path)
    store = registry.get("g-abcdefghij")
    assert registry.get("g-abcdefghij") is store
    _sample(store)
    assert GraphRegistry(tmp_path).get("g-abcdefghij").view().num_vertices == 4
    assert registry.graph_ids() == ["g-abcdefghij"]
    registry.drop("g-abcdefghij")
    assert not (tmp_path / "g-abcdefghij").exists() and registry.get("g-abcdefghij").is_empty()
    with pytest.raises(ValueError):
        registry.get("../evil")
    memory = GraphRegistry.in_memory()
    assert memory.get("g-1").is_empty() and memory.get("g-1") is not memory.get("g-2")


def test_summary_matches_botocore_shape() -> None:
    store = GraphStore.in_memory()
    _sample(store)
    model = botocore.session.get_session().get_service_model("neptune-graph")
    shape = model.operation_model("GetGraphSummary").output_shape.members["graphSummary"]
    detailed = store.summary(detailed=True)
    assert set(detailed) == set(shape.members)
    basic = store.summary()
    assert set(basic) == set(shape.members) - {"nodeStructures", "edgeStructures"}
    assert detailed["numNodes"] == 4 and detailed["numEdges"] == 3
    assert detailed["nodeLabels"] == ["X", "Y", "Z"] and detailed["edgeLabels"] == ["knows", "likes"]
    assert detailed["nodeProperties"] == [{"age": 1}, {"name": 2}]
    assert detailed["edgeProperties"] == [{"w": 2}]
    assert detailed["totalNodePropertyValues"] == 5 and detailed["totalEdgePropertyValues"] == 2
    structures = {
        (tuple(s["nodeProperties"]), tuple(s["distinctOutgoingEdgeLabels"])): s["count"]
        for s in detailed["nodeStructures"]
    }
    assert structures == {
        (("age", "name"), ("knows",)): 1,
        ((), ("knows",)): 1,
        (("name",), ()): 1,
        ((), ("likes",)): 1,
    }
    assert {(tuple(s["edgeProperties"]), s["count"]) for s in detailed["edgeStructures"]} == {(("w",), 2), ((), 1)}
    for member, sub in shape.members.items():
        if sub.type_name == "long":
            assert isinstance(detailed[member], int)


def test_empty_store_summary_and_views() -> None:
    store = GraphStore.in_memory()
    assert store.summary(detailed=True)["numNodes"] == 0
    assert store.view().edges_table().num_rows == 0 and list(store.view().iter_vertices()) == []
