"""Every real sample under shared/data/neptune loads with independently counted expectations."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from dockyard.graph import ValueType
from dockyard.services.neptune_graph.resources.import_pipeline import ImportFailed

from .helpers import load, props

pytestmark = pytest.mark.shared_data


def _rows(path: Path) -> tuple[list[str], list[list[str]]]:
    with open(path, newline="", encoding="utf-8") as fh:
        rows = [r for r in csv.reader(fh, skipinitialspace=True) if r]
    return [h.strip() for h in rows[0]], rows[1:]


def test_ogma_twitter_counts_match_independent_count(shared_data: Path) -> None:
    folder = shared_data / "neptune" / "ogma-twitter"
    files = sorted(folder.glob("*.csv"))
    vertex_ids: set[str] = set()
    endpoint_ids: set[str] = set()
    n_edges = n_labels = n_vprops = n_eprops = 0
    edge_labels: set[str] = set()
    for f in files:
        header, rows = _rows(f)
        if "~from" in header:
            fi, ti, li = header.index("~from"), header.index("~to"), header.index("~label")
            props_idx = [i for i, h in enumerate(header) if not h.startswith("~")]
            for r in rows:
                n_edges += 1
                endpoint_ids.update((r[fi], r[ti]))
                edge_labels.add(r[li])
                n_eprops += sum(1 for i in props_idx if r[i].strip())
        else:
            ii, li = header.index("~id"), header.index("~label")
            props_idx = [i for i, h in enumerate(header) if not h.startswith("~")]
            for r in rows:
                vertex_ids.add(r[ii])
                n_labels += 1 if r[li] else 0
                n_vprops += sum(1 for i in props_idx if r[i].strip())
    store, result = load(files)
    assert result.errorCount == 0
    view = store.view()
    assert view.num_vertices == len(vertex_ids | endpoint_ids)
    assert view.num_edges == n_edges
    assert result.statementCount == n_labels + n_vprops + n_edges + n_eprops
    assert set(view.edge_labels()) == edge_labels
    assert view.node_labels() == ["Tweet", "User"]
    # Untyped columns are Strings; Date:Date edge property is a Date.
    assert props(store, "1")["name"] == [("String", "Colt Bogan II")]
    assert props(store, "1")["RegisteredDate"] == [("String", "2010-10-14")]
    dated = next(e for e in view.out_edges("130") if e.label == "Tweets" and e.to_id == "494")
    assert dated.properties["Date"].type is ValueType.DATE
    assert str(dated.properties["Date"].value) == "2016-06-17"
    # A tweet text with a comma inside quotes stays whole.
    assert props(store, "152")["text"] == [
        ("String", "The fool doth think he is wise, but the wise man knows himself to be a fool.")
    ]
    summary = store.summary()
    assert summary["numNodes"] == view.num_vertices and summary["numEdges"] == n_edges
    assert {"text": 1500} in summary["nodeProperties"]


def test_tiny_vertex_and_edge_with_spaces_after_commas(shared_data: Path) -> None:
    folder = shared_data / "neptune" / "tiny"
    store, result = load([folder / "vertex.csv", folder / "edge.csv"])
    assert result.errorCount == 0
    assert props(store, "v1") == {"name": [("String", "marko")], "age": [("Int", 29)]}
    assert props(store, "v2") == {"name": [("String", "lop")], "lang": [("String", "java")]}
    assert store.view().get_vertex("v1").labels == ("person",)
    (edge,) = list(store.view().iter_edges())
    assert (edge.from_id, edge.to_id, edge.label) == ("v1", "v2", "created")
    assert edge.properties["weight"].type is ValueType.DOUBLE and edge.properties["weight"].value == 0.4
    assert edge.id.startswith("neptune_reserved_")  # the file's e1 is ignored
    # labels 2 + vertex values 4 + edge 1 + edge value 1
    assert result.statementCount == 8


def test_playground_nodes_normal_rejects_datetime_in_date_column(shared_data: Path) -> None:
    path = shared_data / "neptune" / "playground" / "nCSV_nodes_normal.csv"
    with pytest.raises(ImportFailed, match=r"nCSV_nodes_normal.csv line 2: value '2022-05-18T07:22:50Z'"):
        load([path])
    store, result = load([path], fail_on_error=False)
    assert result.errorCount == 1
    view = store.view()
    assert sorted(view.vertex_ids().to_pylist()) == ["2", "3", "4"]
    # Short rows are padded: "2,Person, 39, Harry" has no birthDate.
    assert props(store, "2") == {"age": [("Int", 39)], "name": [("String", "Harry")]}
    assert props(store, "4") == {"age": [("Int", 5)]}
    assert view.get_vertex("4").labels == ("Dog",)


def test_playground_bad_date_and_label_less_row(shared_data: Path) -> None:
    path = shared_data / "neptune" / "playground" / "nCSV_nodes_bad_date.csv"
    store, result = load([path], fail_on_error=False)
    assert result.errorCount == 1
    assert "line 2" in result.errorDetails and "'1234556-132451-ZZ'" in result.errorDetails
    assert store.view().get_vertex("5").labels == ()
    assert props(store, "5") == {"age": [("Int", 3)]}


def test_playground_same_prop_names_double_array(shared_data: Path) -> None:
    store, result = load([shared_data / "neptune" / "playground" / "nCSV_same_prop_names.csv"])
    assert props(store, "1") == {"age": [("Double", 75.0), ("Double", 85.0)]}
    assert store.view().get_vertex("1").labels == ("Person", "Queen")
    assert result.statementCount == 4


def test_playground_multi_edge_and_malformed_are_rejected(shared_data: Path) -> None:
    folder = shared_data / "neptune" / "playground"
    with pytest.raises(ImportFailed, match=r"line 2: edge ~label 'knows;likes' must be a single label"):
        load([folder / "nCSV_edges_multi_edge.csv"])
    store, result = load([folder / "nCSV_edges_multi_edge.csv"], fail_on_error=False)
    assert result.errorCount == 2 and store.view().num_edges == 0
    assert "line 3: record has 5 fields but the header has 4" in result.errorDetails
    with pytest.raises(ImportFailed, match=r"nCSV_malformed.csv line 1: column 'age:'"):
        load([folder / "nCSV_malformed.csv"], fail_on_error=False)


def test_playground_edges_normal_since_is_datetime_in_date_column(shared_data: Path) -> None:
    store, result = load([shared_data / "neptune" / "playground" / "nCSV_edges_normal.csv"], fail_on_error=False)
    assert result.errorCount == 2 and store.view().num_edges == 0


def test_playground_ntriples(shared_data: Path) -> None:
    folder = shared_data / "neptune" / "playground"
    store, result = load([folder / "scenario1NTriples.nt"], "NTRIPLES")
    n_triples = sum(1 for line in (folder / "scenario1NTriples.nt").read_text().splitlines() if line.strip())
    assert result.statementCount == n_triples
    a = props(store, "<http://example.com/A>")
    assert a["<http://example.com/age>"] == [("Long", 25)]
    assert a["<http://example.com/height>"][0][0] == "Float"
    assert a["<http://example.com/name>"] == [("String", "Alice")]
    assert store.view().get_vertex("<http://example.com/A>").labels == ("<http://example.com/Person>",)
    store, result = load([folder / "ntriples_normal.nt"], "NTRIPLES")
    view = store.view()
    assert view.num_edges == 1 and view.num_vertices == 4
    blank = [v for v in view.vertex_ids().to_pylist() if v.endswith("subject2>")]
    assert len(blank) == 1 and blank[0].startswith("<http")
    # "object2"^^xsd:integer is ill-typed: kept as a String.
    assert props(store, blank[0]) == {"<http://an.example/predicate2>": [("String", "object2")]}
