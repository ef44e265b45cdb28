"""Golden tests of the N-Triples reader (format=NTRIPLES)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from dockyard.graph import GraphStore
from dockyard.services.neptune_graph.resources.import_pipeline import ImportFailed, SourceFile, run_import

from .helpers import load, props, write

XSD = "http://www.w3.org/2001/XMLSchema#"
RDF_TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"


def test_mapping_and_xsd_types(tmp_path: Path) -> None:
    text = "\n".join(
        [
            f"<http://x/s> {RDF_TYPE} <http://x/C> .",
            f"<http://x/s> {RDF_TYPE} <http://x/D> .",
            f'<http://x/s> <http://x/i> "42"^^<{XSD}integer> .',
            f'<http://x/s> <http://x/j> "7"^^<{XSD}int> .',
            f'<http://x/s> <http://x/d> "1.5"^^<{XSD}double> .',
            f'<http://x/s> <http://x/f> "2.5"^^<{XSD}float> .',
            f'<http://x/s> <http://x/b> "1"^^<{XSD}boolean> .',
            f'<http://x/s> <http://x/t> "2020-01-02T03:04:05Z"^^<{XSD}dateTime> .',
            f'<http://x/s> <http://x/dd> "2020-01-02"^^<{XSD}date> .',
            '<http://x/s> <http://x/l> "Hallo"@de .',
            '<http://x/s> <http://x/l> "Hallo" .',
            f'<http://x/s> <http://x/bad> "abc"^^<{XSD}integer> .',
            "<http://x/s> <http://x/knows> <http://x/o> .",
            "<http://x/s> <http://x/knows> <http://x/o> .",
        ]
    )
    store, result = load([write(tmp_path, "g.nt", text + "\n")], "NTRIPLES")
    got = props(store, "<http://x/s>")
    assert got["<http://x/i>"] == [("Long", 42)]
    assert got["<http://x/j>"] == [("Int", 7)]
    assert got["<http://x/d>"] == [("Double", 1.5)]
    assert got["<http://x/f>"] == [("Float", 2.5)]
    assert got["<http://x/b>"] == [("Bool", True)]
    assert got["<http://x/t>"] == [("Datetime", dt.datetime(2020, 1, 2, 3, 4, 5, tzinfo=dt.UTC))]
    assert got["<http://x/dd>"] == [("Date", dt.date(2020, 1, 2))]
    assert got["<http://x/l>"] == [("String", "Hallo")]  # tag dropped; same string value
    assert got["<http://x/bad>"] == [("String", "abc")]
    view = store.view()
    assert view.get_vertex("<http://x/s>").labels == ("<http://x/C>", "<http://x/D>")
    (edge,) = view.iter_edges()  # the duplicated triple is one edge
    assert (edge.label, edge.to_id) == ("<http://x/knows>", "<http://x/o>")
    assert result.statementCount == 2 + 9 + 1  # "Hallo"@de and "Hallo" are one String value


def test_blank_nodes_unique_per_import_consistent_within(tmp_path: Path) -> None:
    f1 = write(tmp_path, "a.nt", '_:b1 <http://x/p> "1" .\n_:b1 <http://x/q> _:b2 .\n')
    f2 = write(tmp_path, "b.nt", '_:b1 <http://x/r> "2" .\n')
    store = GraphStore.in_memory()
    sources = [SourceFile.from_path(f1), SourceFile.from_path(f2)]
    run_import(sources, "NTRIPLES", store, blank_node_prefix="http://bn/task1/")
    view = store.view()
    assert sorted(view.vertex_ids().to_pylist()) == ["<http://bn/task1/b1>", "<http://bn/task1/b2>"]
    assert set(props(store, "<http://bn/task1/b1>")) == {"<http://x/p>", "<http://x/r>"}
    other = GraphStore.in_memory()
    run_import(sources, "NTRIPLES", other, blank_node_prefix="http://bn/task2/")
    assert set(other.view().vertex_ids().to_pylist()).isdisjoint(view.vertex_ids().to_pylist())


def test_syntax_errors_with_and_without_fail_on_error(tmp_path: Path) -> None:
    text = '<http://x/a> <http://x/p> "ok" .\n<http://x/a> <http://x/p> bad .\n<http://x/c> <http://x/p> "y" .\n'
    f = write(tmp_path, "g.nt", text)
    with pytest.raises(ImportFailed, match=r"^g.nt line 2: "):
        load([f], "NTRIPLES")
    store, result = load([f], "NTRIPLES", fail_on_error=False)
    assert result.errorCount == 1 and result.errorDetails.startswith("g.nt line 2: ")
    assert sorted(store.view().vertex_ids().to_pylist()) == ["<http://x/a>", "<http://x/c>"]


def test_gzip_ntriples(tmp_path: Path) -> None:
    f = write(tmp_path, "g.nt.gz", "<http://x/a> <http://x/p> <http://x/b> .\n", gz=True)
    store, _ = load([f], "NTRIPLES")
    assert store.view().num_edges == 1
