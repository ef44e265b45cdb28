"""GraphStore.snapshot/restore and SnapshotRegistry: copies that later loads, resets and deletions
of the source never reach, in memory and persisted across a restart."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pyarrow as pa
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dockyard.graph import EdgeBatch, GraphError, GraphRegistry, GraphStore, PropertyColumn, ValueType, VertexBatch
from dockyard.graph.snapshots import SnapshotRegistry


def _load(store: GraphStore, ids: list[str], edges: list[tuple[str, str]]) -> None:
    with store.begin_load() as loader:
        loader.add_vertices(
            VertexBatch(
                pa.array(ids),
                pa.array([["person"]] * len(ids)),
                (PropertyColumn("name", ValueType.STRING, pa.array([f"name {i}" for i in ids])),),
            )
        )
        if edges:
            loader.add_edges(
                EdgeBatch(
                    pa.array([a for a, _ in edges]),
                    pa.array([b for _, b in edges]),
                    pa.array(["knows"] * len(edges)),
                    (PropertyColumn("w", ValueType.DOUBLE, pa.array([float(i) for i in range(len(edges))])),),
                )
            )


def contents(store: GraphStore) -> dict[str, Any]:
    view = store.view()
    return {
        "vertices": sorted((v.id, v.labels, sorted(v.properties.items())) for v in view.iter_vertices()),
        "edges": sorted((e.id, e.from_id, e.to_id, e.label, sorted(e.properties.items())) for e in view.iter_edges()),
        "summary": store.summary(detailed=True),
        "next_edge_number": store.data.next_edge_number,
    }


def test_a_snapshot_keeps_the_contents_of_its_moment() -> None:
    source = GraphStore.in_memory()
    _load(source, ["a", "b"], [("a", "b")])
    before = contents(source)
    snapshots = SnapshotRegistry()
    snapshots.take("gs-one", source)
    source.reset()
    _load(source, ["x", "y", "z"], [("x", "y"), ("y", "z")])
    restored = GraphStore.in_memory()
    snapshots.restore_into("gs-one", restored)
    assert contents(restored) == before
    assert contents(source) != before


def test_two_restores_and_later_loads_stay_apart() -> None:
    source = GraphStore.in_memory()
    _load(source, ["a", "b"], [("a", "b")])
    snapshots = SnapshotRegistry()
    snapshots.take("gs-one", source)
    first, second = GraphStore.in_memory(), GraphStore.in_memory()
    snapshots.restore_into("gs-one", first)
    snapshots.restore_into("gs-one", second)
    expected = contents(second)
    _load(first, ["c"], [("c", "a")])  # a load into one restored graph ...
    assert contents(second) == expected  # ... reaches neither the other one
    third = GraphStore.in_memory()
    snapshots.restore_into("gs-one", third)
    assert contents(third) == expected  # ... nor the snapshot
    # edge numbering goes on from the snapshot's, as it would have in the source
    assert first.view().get_edge("neptune_reserved_1_2").from_id == "c"


def test_containers_of_a_snapshot_are_its_own() -> None:
    source = GraphStore.in_memory()
    _load(source, ["a"], [])
    copy = source.snapshot()
    assert copy.vertex_props is not source.data.vertex_props
    source.data.vertex_props[ValueType.STRING] = source.data.vertex_props[ValueType.INT]  # a careless writer
    restored = GraphStore.in_memory()
    restored.restore(copy)
    assert restored.view().get_vertex("a").properties["name"][0].value == "name a"


def test_persisted_snapshots_survive_the_source_and_a_restart(tmp_path: Path) -> None:
    graphs = GraphRegistry(tmp_path / "graphs")
    source = graphs.get("g-source")
    _load(source, ["a", "b", "c"], [("a", "b"), ("b", "c")])
    before = contents(source)
    SnapshotRegistry(tmp_path / "snapshots").take("gs-kept", source)
    graphs.drop("g-source")  # the source graph and its files are gone

    reopened = SnapshotRegistry(tmp_path / "snapshots")  # a new process
    assert reopened.snapshot_ids() == ["gs-kept"]
    target = GraphRegistry(tmp_path / "graphs").get("g-restored")
    reopened.restore_into("gs-kept", target)
    assert contents(target) == before
    assert contents(GraphStore.open(tmp_path / "graphs" / "g-restored")) == before  # on disk too


def test_drop_and_unknown_snapshots(tmp_path: Path) -> None:
    snapshots = SnapshotRegistry(tmp_path)
    source = GraphStore.in_memory()
    _load(source, ["a"], [])
    snapshots.take("gs-gone", source)
    assert (tmp_path / "gs-gone" / "manifest.json").exists()
    snapshots.drop("gs-gone")
    assert not (tmp_path / "gs-gone").exists()
    assert snapshots.snapshot_ids() == []
    with pytest.raises(GraphError):
        snapshots.restore_into("gs-gone", GraphStore.in_memory())


_ids = st.lists(st.sampled_from("abcdefgh"), min_size=1, max_size=6, unique=True)
_loads = st.lists(st.tuples(_ids, st.lists(st.tuples(st.sampled_from("abcdefghij"), st.sampled_from("abcdefghij")),
                                           max_size=6)), min_size=1, max_size=3)


@settings(max_examples=40, deadline=None)
@given(before=_loads, after=_loads, reset_between=st.booleans())
def test_restore_equals_the_moment_of_the_snapshot(before, after, reset_between) -> None:
    source = GraphStore.in_memory()
    for ids, edges in before:
        _load(source, ids, edges)
    expected = contents(source)
    snapshots = SnapshotRegistry()
    snapshots.take("gs-prop", source)
    if reset_between:
        source.reset()
    for ids, edges in after:
        _load(source, ids, edges)
    restored = GraphStore.in_memory()
    snapshots.restore_into("gs-prop", restored)
    assert contents(restored) == expected
