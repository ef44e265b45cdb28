"""Commit-time merge: a published snapshot plus a staging area become the next snapshot.

All the heavy lifting of a bulk load happens here, vectorised: interning every staged string in
one pass, resolving vertex ids to vertex indices (implicit vertices for unknown edge endpoints),
set-cardinality de-duplication of labels and property values, numbering edges.
"""

from __future__ import annotations

import pyarrow as pa
import pyarrow.compute as pc

from dockyard.graph.arrow_ranges import arange, constant
from dockyard.graph.graph_data import EDGES_SCHEMA, LABELS_SCHEMA, GraphData, props_schema
from dockyard.graph.staging import StagedProps, Staging
from dockyard.graph.term_dictionary import intern
from dockyard.graph.value_types import ValueType


class _Pieces:
    """Collects string arrays to intern and hands back their codes by ticket."""

    def __init__(self) -> None:
        self.arrays: list[pa.Array] = []
        self.codes: list[pa.Array] = []

    def add(self, array: pa.Array) -> int:
        self.arrays.append(array)
        return len(self.arrays) - 1

    def get(self, ticket: int) -> pa.Array:
        return self.codes[ticket]


def _distinct_sorted(table: pa.Table, keys: list[str]) -> pa.Table:
    if table.num_rows == 0:
        return table
    distinct = table.group_by(keys, use_threads=False).aggregate([])
    return distinct.select(table.column_names).sort_by([(k, "ascending") for k in keys])


def _concat(arrays: list[pa.Array]) -> pa.Array:
    return pa.concat_arrays(arrays) if arrays else pa.array([], pa.int64())


def build_snapshot(old: GraphData, staged: Staging) -> GraphData:
    """The snapshot that results from committing ``staged`` on top of ``old``."""
    pieces = _Pieces()
    t_vertex = [pieces.add(a) for a in staged.vertex_ids]
    t_label_owner = [pieces.add(a) for a in staged.label_owners]
    t_label = [pieces.add(a) for a in staged.labels]
    key_names = sorted({p.key for p in staged.vertex_props} | {p.key for e in staged.edges for p in e.props})
    t_keys = pieces.add(pa.array(key_names, pa.large_string()))
    t_vprop_owner = [pieces.add(p.owners) for p in staged.vertex_props]
    t_vprop_value = [pieces.add(p.values) if p.vtype is ValueType.STRING else -1 for p in staged.vertex_props]
    t_edge = [(pieces.add(e.from_ids), pieces.add(e.to_ids), pieces.add(e.labels)) for e in staged.edges]
    t_eprop_value = [
        [pieces.add(p.values) if p.vtype is ValueType.STRING else -1 for p in e.props] for e in staged.edges
    ]
    terms, pieces.codes = intern(old.terms, pieces.arrays)
    key_code = dict(zip(key_names, pieces.get(t_keys).to_pylist(), strict=True))

    # Vertices: old ones keep their index; new ids (vertex rows with content, edge endpoints) follow.
    mention_parts = [pieces.get(t) for t in t_vertex] + [
        pieces.get(t) for f, to, _ in t_edge for t in (f, to)
    ]
    vertex_terms = old.vertex_terms
    if mention_parts:
        mentions = pc.unique(_concat(mention_parts))
        new = mentions.filter(pc.invert(pc.is_in(mentions, value_set=old.vertex_terms)))
        vertex_terms = pa.concat_arrays([old.vertex_terms, new]) if len(new) else old.vertex_terms

    def to_vertex(codes: pa.Array) -> pa.Array:
        return pc.index_in(codes, value_set=vertex_terms).cast(pa.int64())

    # Vertex labels.
    label_tables = [old.vertex_labels]
    for t_owner, t_lab in zip(t_label_owner, t_label, strict=True):
        label_tables.append(
            pa.table([to_vertex(pieces.get(t_owner)), pieces.get(t_lab)], schema=LABELS_SCHEMA)
        )
    vertex_labels = (
        _distinct_sorted(pa.concat_tables(label_tables), ["owner", "label"])
        if len(label_tables) > 1
        else old.vertex_labels
    )

    # Vertex properties, per type.
    vertex_props = dict(old.vertex_props)
    by_type: dict[ValueType, list[pa.Table]] = {}
    for prop, t_owner, t_val in zip(staged.vertex_props, t_vprop_owner, t_vprop_value, strict=True):
        owners = to_vertex(pieces.get(t_owner))
        by_type.setdefault(prop.vtype, []).append(
            _prop_table(prop, owners, key_code[prop.key], pieces.get(t_val) if t_val >= 0 else None)
        )
    for vtype, tables in by_type.items():
        vertex_props[vtype] = _distinct_sorted(
            pa.concat_tables([old.vertex_props[vtype], *tables]), ["owner", "key", "value"]
        )

    # Edges: plain batches first, then the distinct-marked (RDF) rows de-duplicated.
    edge_tables = [old.edges]
    eprop_by_type: dict[ValueType, list[pa.Table]] = {}
    next_index = old.num_edges
    distinct_parts: list[pa.Table] = []
    for edges, (t_from, t_to, t_lab), t_vals in zip(staged.edges, t_edge, t_eprop_value, strict=True):
        given = edges.given_ids
        if given is None:
            given = pa.nulls(len(edges), pa.large_string())
        part = pa.table(
            {
                "src": to_vertex(pieces.get(t_from)),
                "dst": to_vertex(pieces.get(t_to)),
                "label": pieces.get(t_lab),
                "given_id": given.cast(pa.large_string()),
            }
        )
        if edges.distinct:
            distinct_parts.append(part)
            continue
        edge_tables.append(part)
        for prop, t_val in zip(edges.props, t_vals, strict=True):
            owners = pc.add(prop.owners.cast(pa.int64()), next_index)
            eprop_by_type.setdefault(prop.vtype, []).append(
                _prop_table(prop, owners, key_code[prop.key], pieces.get(t_val) if t_val >= 0 else None)
            )
        next_index += len(edges)
    if distinct_parts:
        merged = pa.concat_tables(distinct_parts)
        merged = merged.group_by(["src", "dst", "label"], use_threads=False).aggregate(
            [("given_id", "first")]
        )
        merged = merged.rename_columns(["src", "dst", "label", "given_id"])
        edge_tables.append(merged)
    new_edges = [t for t in edge_tables[1:] if t.num_rows]
    edges_out = old.edges
    next_edge_number = old.next_edge_number
    if new_edges:
        added = pa.concat_tables(new_edges)
        nums = arange(next_edge_number, next_edge_number + added.num_rows)
        added = pa.table(
            [added["src"], added["dst"], added["label"], nums, added["given_id"]], schema=EDGES_SCHEMA
        )
        next_edge_number += added.num_rows
        edges_out = pa.concat_tables([old.edges, added]).combine_chunks()
    edge_props = dict(old.edge_props)
    for vtype, tables in eprop_by_type.items():
        added = pa.concat_tables(tables).sort_by([("owner", "ascending"), ("key", "ascending")])
        edge_props[vtype] = pa.concat_tables([old.edge_props[vtype], added]).combine_chunks()

    return GraphData(
        terms=terms,
        vertex_terms=vertex_terms,
        vertex_labels=vertex_labels.combine_chunks(),
        vertex_props={t: tbl.combine_chunks() for t, tbl in vertex_props.items()},
        edges=edges_out,
        edge_props=edge_props,
        next_edge_number=next_edge_number,
    )


def _prop_table(prop: StagedProps, owners: pa.Array, key: int, string_codes: pa.Array | None) -> pa.Table:
    values = string_codes if string_codes is not None else prop.values.cast(prop.vtype.storage_type)
    return pa.table([owners, constant(key, len(owners)), values], schema=props_schema(prop.vtype))
