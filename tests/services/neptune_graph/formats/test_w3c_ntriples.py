"""The W3C RDF 1.1 N-Triples syntax suite, driven by its manifest."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pyoxigraph as ox
import pytest

from dockyard.graph import GraphStore
from dockyard.services.neptune_graph.resources.import_pipeline import ImportFailed, SourceFile, run_import

pytestmark = pytest.mark.shared_data
MF = "http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#"
RDFT = "http://www.w3.org/ns/rdftest#"


def _manifest(folder: Path) -> list[tuple[str, str, Path]]:
    base = "http://example/manifest.ttl"
    triples = ox.parse(path=str(folder / "manifest.ttl"), format=ox.RdfFormat.TURTLE, base_iri=base)
    props: dict[str, dict[str, str]] = defaultdict(dict)
    for t in triples:
        props[t.subject.value][t.predicate.value] = t.object.value
    out = []
    for node, p in props.items():
        kind = p.get("http://www.w3.org/1999/02/22-rdf-syntax-ns#type", "")
        if kind in (RDFT + "TestNTriplesPositiveSyntax", RDFT + "TestNTriplesNegativeSyntax"):
            action = p[MF + "action"].rsplit("/", 1)[-1]
            out.append((node.rsplit("#", 1)[-1], kind.rsplit("#", 1)[-1], folder / action))
    return sorted(out)


def test_manifest_has_all_tests(shared_data: Path) -> None:
    tests = _manifest(shared_data / "ntriples-w3c")
    assert sum(1 for _, k, _ in tests if k == "TestNTriplesPositiveSyntax") == 41
    assert sum(1 for _, k, _ in tests if k == "TestNTriplesNegativeSyntax") == 29


def test_whole_suite(shared_data: Path) -> None:
    failures = []
    for name, kind, path in _manifest(shared_data / "ntriples-w3c"):
        store = GraphStore.in_memory()
        source = SourceFile.from_path(path)
        positive = kind == "TestNTriplesPositiveSyntax"
        try:
            if not path.read_text().strip():
                # An empty document is valid N-Triples: it loads, and loads nothing.
                assert run_import([source], "NTRIPLES", store).statementCount == 0
                assert store.is_empty()
                continue
            result = run_import([source], "NTRIPLES", store, fail_on_error=True)
            if not positive:
                failures.append(f"{name}: negative test loaded ({result.statementCount} statements)")
        except ImportFailed as exc:
            if positive:
                failures.append(f"{name}: {exc}")
            elif f"{path.name} line " not in exc.reason:
                failures.append(f"{name}: error does not name file and line: {exc.reason}")
            elif not store.is_empty():
                failures.append(f"{name}: store not empty after failure")
    assert not failures, "\n".join(failures)
