"""Merging a write delta into the columns: the next columnar snapshot, built with vectorised Arrow/numpy.

Rows of touched vertices and edges are dropped from the old columns (deleted vertices also leave the
vertex index, which is renumbered), then the delta's live states are added as a staged load through
``snapshot_builder`` (interning, vertex resolution, sorting). Edge ids are kept as given ids.
"""

from __future__ import annotations

from collections import defaultdict

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from dockyard.graph.delta import Delta
from dockyard.graph.graph_data import GraphData
from dockyard.graph.graph_view import GraphView
from dockyard.graph.snapshot_builder import build_snapshot
from dockyard.graph.staging import StagedEdges, StagedProps, Staging
from dockyard.graph.value_types import ValueType


def _filter_owners(table: pa.Table, keep_owner: np.ndarray, remap: np.ndarray | None) -> pa.Table:
    owners = table["owner"].to_numpy()
    mask = keep_owner[owners] if len(owners) else np.zeros(0, bool)
    if mask.all() and remap is None:
        return table
    table = table.filter(pa.array(mask))
    if remap is not None and table.num_rows:
        table = table.set_column(0, "owner", pa.array(remap[table["owner"].to_numpy()]))
    return table


def _prune(data: GraphData, delta: Delta) -> GraphData:
    """``data`` without the vertices and edges the delta mentions (their rows and, if deleted, their index)."""
    vertices = delta.vertices.flat()
    edges = delta.edges.flat()
    n_v = data.num_vertices
    ids = data.terms.take(data.vertex_terms)
    touched_v = pc.is_in(ids, value_set=pa.array(list(vertices), pa.large_string())).to_numpy(zero_copy_only=False)
    deleted = pa.array([vid for vid, v in vertices.items() if v is None], pa.large_string())
    drop_v = pc.is_in(ids, value_set=deleted).to_numpy(zero_copy_only=False) if n_v else np.zeros(0, bool)
    keep_v = ~drop_v
    remap = None
    if drop_v.any():
        remap = np.cumsum(keep_v, dtype=np.int64) - 1
    keep_rows_v = keep_v & ~touched_v

    edge_ids = GraphView(data).edge_ids()
    touched_e = pc.is_in(edge_ids, value_set=pa.array(list(edges), pa.large_string())).to_numpy(
        zero_copy_only=False
    )
    src = data.edges["src"].to_numpy()
    dst = data.edges["dst"].to_numpy()
    keep_e = ~touched_e & keep_v[src] & keep_v[dst] if data.num_edges else np.zeros(0, bool)
    edge_remap = np.cumsum(keep_e, dtype=np.int64) - 1
    edges_out = data.edges.filter(pa.array(keep_e))
    if remap is not None and edges_out.num_rows:
        edges_out = edges_out.set_column(0, "src", pa.array(remap[edges_out["src"].to_numpy()]))
        edges_out = edges_out.set_column(1, "dst", pa.array(remap[edges_out["dst"].to_numpy()]))
    return GraphData(
        terms=data.terms,
        vertex_terms=data.vertex_terms.filter(pa.array(keep_v)) if remap is not None else data.vertex_terms,
        vertex_labels=_filter_owners(data.vertex_labels, keep_rows_v, remap),
        vertex_props={t: _filter_owners(tbl, keep_rows_v, remap) for t, tbl in data.vertex_props.items()},
        edges=edges_out,
        edge_props={t: _filter_owners(tbl, keep_e, edge_remap) for t, tbl in data.edge_props.items()},
        next_edge_number=data.next_edge_number,
    )


def _staging(delta: Delta) -> Staging:
    staging = Staging()
    live = list(delta.live_vertices())
    if live:
        staging.vertex_ids.append(pa.array([v.id for v in live], pa.large_string()))
        owners = [v.id for v in live for _ in v.labels]
        if owners:
            staging.label_owners.append(pa.array(owners, pa.large_string()))
            staging.labels.append(pa.array([label for v in live for label in v.labels], pa.large_string()))
        groups: dict[tuple[str, ValueType], tuple[list[str], list[object]]] = defaultdict(lambda: ([], []))
        for v in live:
            for key, values in v.properties.items():
                for tv in values:
                    owners_, vals = groups[(key, tv.type)]
                    owners_.append(v.id)
                    vals.append(tv.value)
        for (key, vtype), (owners_, vals) in groups.items():
            staging.vertex_props.append(
                StagedProps(key, vtype, pa.array(owners_, pa.large_string()), pa.array(vals, vtype.arrow_type))
            )
    edges = list(delta.live_edges())
    if edges:
        staged = StagedEdges(
            pa.array([e.from_id for e in edges], pa.large_string()),
            pa.array([e.to_id for e in edges], pa.large_string()),
            pa.array([e.label for e in edges], pa.large_string()),
            pa.array([e.id for e in edges], pa.large_string()),
            distinct=False,
        )
        egroups: dict[tuple[str, ValueType], tuple[list[int], list[object]]] = defaultdict(lambda: ([], []))
        for row, e in enumerate(edges):
            for key, tv in e.properties.items():
                rows, vals = egroups[(key, tv.type)]
                rows.append(row)
                vals.append(tv.value)
        for (key, vtype), (rows, vals) in egroups.items():
            staged.props.append(StagedProps(key, vtype, pa.array(rows, pa.int64()), pa.array(vals, vtype.arrow_type)))
        staging.edges.append(staged)
    return staging


def merge_delta(data: GraphData, delta: Delta) -> GraphData:
    """The columnar snapshot equal to ``data`` with ``delta`` applied."""
    if delta.is_empty():
        return data
    merged = build_snapshot(_prune(data, delta), _staging(delta))
    return GraphData(
        terms=merged.terms,
        vertex_terms=merged.vertex_terms,
        vertex_labels=merged.vertex_labels,
        vertex_props=merged.vertex_props,
        edges=merged.edges,
        edge_props=merged.edge_props,
        next_edge_number=max(merged.next_edge_number, delta.next_edge_number),
    )
