"""Every real sample in ../shared/data/neptune and the W3C N-Triples suite, through a real
StartImportTask via boto3, checked against counts computed here independently of the importer."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from pyoxigraph import NamedNode, RdfFormat, parse

from .import_helpers import import_into, new_graph, upload

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"


def _rows(path: Path) -> tuple[list[str], list[list[str]]]:
    reader = csv.reader(io.StringIO(path.read_text()), skipinitialspace=True)
    header, *rows = list(reader)
    return [h.strip() for h in header], [r for r in rows if any(c.strip() for c in r)]


def _expected_csv(files: list[Path]) -> dict:
    """Vertices (explicit + implicit), edges, and label counts, from the files themselves."""
    vertices: dict[str, set[str]] = {}
    edges: dict[str, int] = {}
    for f in files:
        header, rows = _rows(f)
        col = {h: i for i, h in enumerate(header)}
        if "~from" in col:
            for r in rows:
                edges[r[col["~label"]].strip()] = edges.get(r[col["~label"]].strip(), 0) + 1
                for end in ("~from", "~to"):
                    vertices.setdefault(r[col[end]].strip(), set())
        else:
            for r in rows:
                labels = {x for x in r[col["~label"]].strip().split(";") if x} if "~label" in col else set()
                vertices.setdefault(r[col["~id"]].strip(), set()).update(labels)
    node_labels: dict[str, int] = {}
    for labels in vertices.values():
        for label in labels:
            node_labels[label] = node_labels.get(label, 0) + 1
    return {"nodes": len(vertices), "edges": sum(edges.values()), "node_labels": node_labels, "edge_labels": edges}


def _summary(client, graph_id: str) -> dict:
    return client.get_graph_summary(graphIdentifier=graph_id, mode="DETAILED")["graphSummary"]


@pytest.mark.parametrize("sample", ["tiny", "ogma-twitter"])
def test_gremlin_csv_samples(aws, shared_data: Path, sample: str) -> None:
    client, s3 = aws("neptune-graph"), aws("s3")
    files = sorted((shared_data / "neptune" / sample).glob("*.csv"))
    expected = _expected_csv(files)
    graph_id = new_graph(client)
    got = import_into(client, graph_id, upload(s3, files), format="CSV")
    assert got["status"] == "SUCCEEDED", got.get("statusReason")
    assert got["importTaskDetails"]["errorCount"] == 0
    summary = _summary(client, graph_id)
    assert summary["numNodes"] == expected["nodes"]
    assert summary["numEdges"] == expected["edges"]
    assert sorted(summary["nodeLabels"]) == sorted(expected["node_labels"])
    assert sorted(summary["edgeLabels"]) == sorted(expected["edge_labels"])


def test_tiny_sample_values(aws, shared_data: Path) -> None:
    """Spaces after commas, quoted values and empty fields, as the tiny sample has them."""
    client, s3 = aws("neptune-graph"), aws("s3")
    graph_id = new_graph(client)
    files = sorted((shared_data / "neptune" / "tiny").glob("*.csv"))
    assert import_into(client, graph_id, upload(s3, files), format="CSV")["status"] == "SUCCEEDED"
    summary = _summary(client, graph_id)
    props = {k: v for d in summary["nodeProperties"] for k, v in d.items()}
    assert props == {"name": 2, "age": 1, "lang": 1}  # v1 has no lang, v2 has no age
    assert summary["edgeProperties"] == [{"weight": 1}]


def test_playground_normal_files(aws, shared_data: Path) -> None:
    client, s3 = aws("neptune-graph"), aws("s3")
    folder = shared_data / "neptune" / "playground"
    files = [folder / "nCSV_nodes_normal.csv", folder / "nCSV_edges_normal.csv"]
    graph_id = new_graph(client)
    got = import_into(client, graph_id, upload(s3, files), format="CSV", failOnError=False)
    assert got["status"] == "SUCCEEDED", got.get("statusReason")
    # date-times in Date columns are not Dates (yyyy-MM-dd[+|-hhmm]): those records are skipped, counted
    details = got["importTaskDetails"]
    assert details["errorCount"] == 3
    for where in ("nCSV_nodes_normal.csv line 2", "nCSV_edges_normal.csv line 2", "nCSV_edges_normal.csv line 3"):
        assert where in details["errorDetails"]
    summary = _summary(client, graph_id)
    assert "Person" in summary["nodeLabels"] and "Queen" not in summary["nodeLabels"]


@pytest.mark.parametrize("name", ["nCSV_malformed.csv", "nCSV_nodes_bad_date.csv"])
def test_playground_bad_files_fail_with_reason(aws, shared_data: Path, name: str) -> None:
    client, s3 = aws("neptune-graph"), aws("s3")
    graph_id = new_graph(client)
    got = import_into(client, graph_id, upload(s3, [shared_data / "neptune" / "playground" / name]), format="CSV")
    assert got["status"] == "FAILED"
    assert name in got["statusReason"]
    assert _summary(client, graph_id)["numNodes"] == 0


@pytest.mark.parametrize("name", ["ntriples_normal.nt", "scenario1NTriples.nt"])
def test_ntriples_samples(aws, shared_data: Path, name: str) -> None:
    client, s3 = aws("neptune-graph"), aws("s3")
    path = shared_data / "neptune" / "playground" / name
    triples = list(parse(path.read_bytes(), format=RdfFormat.N_TRIPLES))
    typed = {t.subject for t in triples if t.predicate == NamedNode(RDF_TYPE)}
    iri_edges = [t for t in triples if t.predicate != NamedNode(RDF_TYPE) and not hasattr(t.object, "datatype")]
    subjects = {t.subject for t in triples} | {t.object for t in iri_edges}
    graph_id = new_graph(client)
    got = import_into(client, graph_id, upload(s3, [path]), format="NTRIPLES", blankNodeHandling="convertToIri")
    assert got["status"] == "SUCCEEDED", got.get("statusReason")
    summary = _summary(client, graph_id)
    assert summary["numEdges"] == len(iri_edges)
    assert summary["numNodes"] == len(subjects)
    assert len(typed) <= summary["numNodes"]


def _w3c_tests(folder: Path) -> list[tuple[str, str, bool]]:
    """(test name, file, positive?) from the suite's manifest.ttl."""
    manifest = folder / "manifest.ttl"
    base = "http://example/manifest.ttl"
    action = NamedNode("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#action")
    kinds = {}
    files = {}
    for t in parse(manifest.read_bytes(), format=RdfFormat.TURTLE, base_iri=base):
        if t.predicate == NamedNode(RDF_TYPE):
            kinds[t.subject.value] = t.object.value
        elif t.predicate == action:
            files[t.subject.value] = t.object.value.rsplit("/", 1)[-1]
    out = []
    for test, kind in kinds.items():
        if kind.endswith("TestNTriplesPositiveSyntax") or kind.endswith("TestNTriplesNegativeSyntax"):
            out.append((test.rsplit("#", 1)[-1], files[test], kind.endswith("PositiveSyntax")))
    return sorted(out)


def test_w3c_ntriples_suite(shared_data: Path) -> None:
    """All 70 tests, in-process (fast): positive files load, negative files fail naming the line."""
    import boto3

    import dockyard

    folder = shared_data / "ntriples-w3c"
    tests = _w3c_tests(folder)
    assert len(tests) == 70
    with dockyard.mock():
        client = boto3.client("neptune-graph", region_name="us-east-1")
        s3 = boto3.client("s3", region_name="us-east-1")
        failures = []
        for name, file, positive in tests:
            graph_id = new_graph(client)
            data = (folder / file).read_bytes()
            got = import_into(client, graph_id, upload(s3, {file: data}, bucket="w3c-suite"),
                              format="NTRIPLES", blankNodeHandling="convertToIri")
            if positive and got["status"] != "SUCCEEDED":
                failures.append(f"{name}: expected success, got {got.get('statusReason')}")
            if not positive:
                reason = got.get("statusReason") or ""
                if got["status"] != "FAILED" or file not in reason or "line" not in reason:
                    failures.append(f"{name}: expected a parse failure naming {file} and a line, got {got}")
        assert not failures, "\n".join(failures)
