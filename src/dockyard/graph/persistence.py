"""On-disk layout of a persistent graph: generation directories of Arrow IPC files plus a manifest.

``<dir>/manifest.json`` names the live generation (``gen-000042/``). A commit writes a complete new
generation directory, fsyncs it, then replaces the manifest atomically (temp file + ``os.replace`` +
directory fsync). A crash before the rename leaves the previous generation live; unreferenced
generation directories are removed when the store is opened or after a successful switch.

Query writes between two generations go to the generation's write-ahead log, ``writes-000042.log``
(``log_path``; see ``write_log``); a new generation starts with no log, and stale logs are removed
with stale generations.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pyarrow as pa

from dockyard.graph.graph_data import EDGES_SCHEMA, LABELS_SCHEMA, GraphData, props_schema
from dockyard.graph.value_types import ValueType

MANIFEST = "manifest.json"
FORMAT_VERSION = 1


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _write_table(path: Path, table: pa.Table) -> None:
    with open(path, "wb") as raw:
        with pa.ipc.new_file(raw, table.schema) as writer:
            writer.write_table(table)
        raw.flush()
        os.fsync(raw.fileno())


def _read_table(path: Path) -> pa.Table:
    with pa.memory_map(str(path), "r") as source:
        return pa.ipc.open_file(source).read_all()


def _tables(data: GraphData) -> dict[str, pa.Table]:
    tables = {
        "terms": pa.table({"term": data.terms}),
        "vertices": pa.table({"term": data.vertex_terms}),
        "vertex_labels": data.vertex_labels,
        "edges": data.edges,
    }
    for vtype in ValueType:
        tables[f"vertex_props.{vtype.value}"] = data.vertex_props[vtype]
        tables[f"edge_props.{vtype.value}"] = data.edge_props[vtype]
    return tables


def read_manifest(directory: Path) -> dict | None:
    path = directory / MANIFEST
    if not path.exists():
        return None
    return json.loads(path.read_text())


def _log_name(generation: int) -> str:
    return f"writes-{generation:06d}.log"


def log_path(directory: Path) -> Path:
    """The write-ahead log of the live generation (generation 0: nothing saved yet)."""
    manifest = read_manifest(directory)
    return directory / _log_name(manifest["generation"] if manifest else 0)


def save(directory: Path, data: GraphData) -> None:
    """Persist ``data`` as the next generation and switch the manifest to it."""
    directory.mkdir(parents=True, exist_ok=True)
    manifest = read_manifest(directory)
    generation = (manifest["generation"] + 1) if manifest else 1
    gen_name = f"gen-{generation:06d}"
    gen_dir = directory / gen_name
    if gen_dir.exists():
        shutil.rmtree(gen_dir)
    gen_dir.mkdir()
    for name, table in _tables(data).items():
        _write_table(gen_dir / f"{name}.arrow", table)
    _fsync_dir(gen_dir)
    new_manifest = {
        "format": FORMAT_VERSION,
        "generation": generation,
        "directory": gen_name,
        "next_edge_number": data.next_edge_number,
        "num_vertices": data.num_vertices,
        "num_edges": data.num_edges,
    }
    tmp = directory / (MANIFEST + ".tmp")
    with open(tmp, "w") as fh:
        json.dump(new_manifest, fh)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, directory / MANIFEST)
    _fsync_dir(directory)
    remove_stale(directory, keep=gen_name)


def save_empty(directory: Path) -> None:
    """Persist an empty graph (used by reset)."""
    save(directory, GraphData())


def remove_stale(directory: Path, keep: str | None) -> None:
    """Delete generation directories and temp files other than ``keep``."""
    keep_log = _log_name(int(keep.removeprefix("gen-")) if keep else 0)
    for entry in directory.iterdir():
        if entry.name.startswith("writes-") and entry.name != keep_log:
            entry.unlink(missing_ok=True)
        elif entry.name.startswith("gen-") and entry.name != keep:
            shutil.rmtree(entry, ignore_errors=True)
        elif entry.name == MANIFEST + ".tmp":
            entry.unlink(missing_ok=True)


def load(directory: Path) -> GraphData:
    """The live generation of ``directory`` (empty graph if there is none)."""
    manifest = read_manifest(directory)
    if manifest is None:
        if directory.exists():
            remove_stale(directory, keep=None)
        return GraphData()
    if manifest.get("format") != FORMAT_VERSION:
        raise ValueError(f"unsupported graph store format {manifest.get('format')!r} in {directory}")
    gen_dir = directory / manifest["directory"]
    remove_stale(directory, keep=manifest["directory"])

    def table(name: str, schema: pa.Schema) -> pa.Table:
        return _read_table(gen_dir / f"{name}.arrow").cast(schema)

    terms = _read_table(gen_dir / "terms.arrow")["term"].combine_chunks()
    vertices = _read_table(gen_dir / "vertices.arrow")["term"]
    return GraphData(
        terms=terms.cast(pa.large_string()),
        vertex_terms=vertices.combine_chunks().cast(pa.int64()),
        vertex_labels=table("vertex_labels", LABELS_SCHEMA),
        vertex_props={t: table(f"vertex_props.{t.value}", props_schema(t)) for t in ValueType},
        edges=table("edges", EDGES_SCHEMA),
        edge_props={t: table(f"edge_props.{t.value}", props_schema(t)) for t in ValueType},
        next_edge_number=int(manifest["next_edge_number"]),
    )
