"""Helpers for the format tests: write files into tmp_path and import them."""

from __future__ import annotations

import gzip
from pathlib import Path

from dockyard.graph import GraphStore
from dockyard.services.neptune_graph.resources.import_pipeline import ImportResult, SourceFile, run_import


def write(tmp_path: Path, name: str, text: str | bytes, gz: bool = False) -> Path:
    data = text.encode() if isinstance(text, str) else text
    path = tmp_path / name
    path.write_bytes(gzip.compress(data) if gz else data)
    return path


def load(paths: list[Path], fmt: str = "CSV", fail_on_error: bool = True, store: GraphStore | None = None):
    store = store or GraphStore.in_memory()
    result: ImportResult = run_import([SourceFile.from_path(p) for p in paths], fmt, store, fail_on_error=fail_on_error)
    return store, result


def props(store: GraphStore, vertex_id: str) -> dict:
    vertex = store.view().get_vertex(vertex_id)
    assert vertex is not None, vertex_id
    return {k: sorted((v.type.value, v.value) for v in vals) for k, vals in vertex.properties.items()}
