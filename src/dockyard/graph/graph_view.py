"""Read access to one graph snapshot: vertices, edges, properties, adjacency, label indices.

Both row-at-a-time (``iter_vertices``, ``get_vertex``, ``out_edges``) and vectorised access
(``vertices_table``, ``edges_table``, ``vertex_property_table``) are offered. Indices (id lookup,
adjacency, per-owner property offsets) are built lazily on first use and cached on the view;
a view never changes, since snapshots are immutable.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterator
from functools import cached_property
from typing import NamedTuple

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from dockyard.graph.graph_data import EDGE_ID_PREFIX, GraphData
from dockyard.graph.summary import graph_summary
from dockyard.graph.term_dictionary import lookup_codes
from dockyard.graph.value_types import TypedValue, ValueType, python_value


class Vertex(NamedTuple):
    """A vertex: id, labels (sorted), and property key -> values (set cardinality, sorted by type)."""

    id: str
    labels: tuple[str, ...]
    properties: dict[str, list[TypedValue]]


class Edge(NamedTuple):
    """An edge: id (server-generated unless given), endpoint ids, label, single-valued properties."""

    id: str
    from_id: str
    to_id: str
    label: str
    properties: dict[str, TypedValue]


def _offsets(sorted_owners: list[int], n_owners: int) -> list[int]:
    """CSR offsets: rows of owner ``i`` are ``offsets[i]:offsets[i + 1]`` of the sorted owner list."""
    return [bisect_left(sorted_owners, i) for i in range(n_owners + 1)]


class _OwnerIndex:
    """Per-owner row ranges of sorted ``(owner, key, value)`` property tables, values as Python."""

    def __init__(self, tables: dict[ValueType, pa.Table], n_owners: int, terms: pa.Array) -> None:
        self.parts: list[tuple[ValueType, list[int], list[str], list[object]]] = []
        for vtype, table in tables.items():
            if table.num_rows == 0:
                continue
            offsets = _offsets(table["owner"].to_pylist(), n_owners)
            keys = terms.take(table["key"]).to_pylist()
            if vtype is ValueType.STRING:
                values = terms.take(table["value"]).to_pylist()
            else:
                values = [python_value(vtype, v) for v in table["value"].to_pylist()]
            self.parts.append((vtype, offsets, keys, values))

    def items(self, owner: int) -> Iterator[tuple[str, TypedValue]]:
        for vtype, offsets, keys, values in self.parts:
            for row in range(offsets[owner], offsets[owner + 1]):
                yield keys[row], TypedValue(vtype, values[row])


class GraphView:
    """A consistent read-only view of one published snapshot."""

    def __init__(self, data: GraphData) -> None:
        self.data = data
        self._key_columns: dict[str, dict[ValueType, tuple[np.ndarray, np.ndarray]]] = {}
        self._single_valued: dict[str, bool] = {}
        self._codes: dict[str, int] = {}
        self._degrees: dict[tuple[str, str | None], np.ndarray] = {}

    # -- counts ----------------------------------------------------------------------------------
    @property
    def num_vertices(self) -> int:
        return self.data.num_vertices

    @property
    def num_edges(self) -> int:
        return self.data.num_edges

    @property
    def dictionary_entry_count(self) -> int:
        return self.data.dictionary_entry_count

    @property
    def statement_count(self) -> int:
        return self.data.statement_count()

    # -- decoding helpers ------------------------------------------------------------------------
    def _decode(self, codes: pa.Array | pa.ChunkedArray) -> pa.Array:
        return self.data.terms.take(codes)

    def _code(self, term: str) -> int:
        code = self._codes.get(term)
        if code is None:
            found = lookup_codes(self.data.terms, pa.array([term], pa.large_string()))[0].as_py()
            code = self._codes[term] = -1 if found is None else found
        return code

    @cached_property
    def _vertex_index(self) -> dict[str, int]:
        ids = self._decode(self.data.vertex_terms).to_pylist()
        return {vid: i for i, vid in enumerate(ids)}

    @cached_property
    def _vertex_ids(self) -> list[str]:
        return self._decode(self.data.vertex_terms).to_pylist()

    @cached_property
    def _label_offsets(self) -> tuple[list[int], list[str]]:
        offsets = _offsets(self.data.vertex_labels["owner"].to_pylist(), self.num_vertices)
        return offsets, self._decode(self.data.vertex_labels["label"]).to_pylist()

    @cached_property
    def _vertex_props(self) -> _OwnerIndex:
        return _OwnerIndex(self.data.vertex_props, self.num_vertices, self.data.terms)

    @cached_property
    def _edge_props(self) -> _OwnerIndex:
        return _OwnerIndex(self.data.edge_props, self.num_edges, self.data.terms)

    @cached_property
    def _edge_columns(self) -> tuple[list[int], list[int], list[str], list[str]]:
        edges = self.data.edges
        return (
            edges["src"].to_pylist(),
            edges["dst"].to_pylist(),
            self._decode(edges["label"]).to_pylist(),
            self.edge_ids().to_pylist(),
        )

    @cached_property
    def _adjacency(self) -> dict[str, tuple[list[int], list[int]]]:
        out: dict[str, tuple[list[int], list[int]]] = {}
        for name, column in (("out", "src"), ("in", "dst")):
            col = self.data.edges[column]
            order = pc.array_sort_indices(col)
            offsets = _offsets(col.take(order).to_pylist(), self.num_vertices)
            out[name] = (order.to_pylist(), offsets)
        return out

    # -- vertices --------------------------------------------------------------------------------
    def vertex_ids(self) -> pa.Array:
        """All vertex ids, in vertex-index order."""
        return self._decode(self.data.vertex_terms)

    def vertex_index(self, vertex_id: str) -> int | None:
        """The vertex index of an id, or None."""
        return self._vertex_index.get(vertex_id)

    def has_vertex(self, vertex_id: str) -> bool:
        return vertex_id in self._vertex_index

    def _vertex_at(self, index: int) -> Vertex:
        offsets, labels = self._label_offsets
        props: dict[str, list[TypedValue]] = {}
        for key, value in self._vertex_props.items(index):
            props.setdefault(key, []).append(value)
        return Vertex(
            self._vertex_ids[index], tuple(sorted(labels[offsets[index] : offsets[index + 1]])), props
        )

    def get_vertex(self, vertex_id: str) -> Vertex | None:
        """The vertex with this id, or None."""
        index = self._vertex_index.get(vertex_id)
        return None if index is None else self._vertex_at(index)

    def _indices_with_label(self, label: str) -> pa.Array:
        code = self._code(label)
        table = self.data.vertex_labels
        if code < 0:
            return pa.array([], pa.int64())
        return table["owner"].filter(pc.equal(table["label"], code)).combine_chunks()

    def vertex_key_columns(self, key: str) -> dict[ValueType, tuple[np.ndarray, np.ndarray]]:
        """Per value type, numpy (owner vertex indices, values) of vertex property ``key`` (String
        values as term codes; cached on the view)."""
        found = self._key_columns.get(key)
        if found is None:
            found = {}
            code = self._code(key)
            if code >= 0:
                for vtype, table in self.data.vertex_props.items():
                    if table.num_rows:
                        rows = table.filter(pc.equal(table["key"], code))
                        if rows.num_rows:
                            values = rows["value"].combine_chunks()
                            if vtype is ValueType.DATETIME or vtype is ValueType.DATE:
                                values = values.cast(pa.int64())
                            found[vtype] = (rows["owner"].to_numpy(), values.to_numpy(zero_copy_only=False))
            self._key_columns[key] = found
        return found

    def vertex_key_single_valued(self, key: str) -> bool:
        """Whether no vertex holds two values of ``key`` (cached on the view)."""
        found = self._single_valued.get(key)
        if found is None:
            owners = [o for o, _ in self.vertex_key_columns(key).values()]
            merged = np.concatenate(owners) if owners else np.zeros(0, np.int64)
            found = self._single_valued[key] = len(np.unique(merged)) == len(merged)
        return found

    def degrees(self, direction: str, label: str | None = None) -> np.ndarray:
        """Per vertex index, its number of ``out`` or ``in`` edges (of ``label``); cached on the view."""
        found = self._degrees.get((direction, label))
        if found is None:
            edges = self.data.edges
            ends = edges["src" if direction == "out" else "dst"]
            if label is not None:
                ends = ends.filter(pc.equal(edges["label"], self._code(label)))
            found = np.bincount(ends.to_numpy(), minlength=self.num_vertices).astype(np.int64)
            self._degrees[(direction, label)] = found
        return found

    def term_code(self, term: str) -> int | None:
        """The term-dictionary code of a string, or None."""
        code = self._code(term)
        return None if code < 0 else code

    def decode_terms(self, codes: np.ndarray) -> list[str]:
        return self.data.terms.take(pa.array(codes, pa.int64())).to_pylist()

    def label_members(self, label: str) -> np.ndarray:
        """Vertex indices carrying ``label`` (numpy int64, ascending, distinct)."""
        return self._indices_with_label(label).to_numpy()

    def vertices_with_label(self, label: str) -> list[str]:
        """Ids of the vertices carrying ``label`` (the label index)."""
        return self._decode(self.data.vertex_terms.take(self._indices_with_label(label))).to_pylist()

    def iter_vertices(self, label: str | None = None) -> Iterator[Vertex]:
        """Every vertex (or those with ``label``), with labels and typed property values."""
        indices = range(self.num_vertices) if label is None else self._indices_with_label(label).to_pylist()
        for index in indices:
            yield self._vertex_at(index)

    def vertices_table(self, label: str | None = None) -> pa.Table:
        """Vectorised vertices: ``id`` (string) and ``labels`` (list<string>)."""
        offsets, _ = self._label_offsets
        labels = pa.LargeListArray.from_arrays(
            pa.array(offsets, pa.int64()), self._decode(self.data.vertex_labels["label"].combine_chunks())
        )
        table = pa.table({"id": self.vertex_ids(), "labels": labels})
        if label is not None:
            indices = self._indices_with_label(label)
            table = table.take(indices.take(pc.array_sort_indices(indices)))
        return table

    def vertex_property_table(self, vtype: ValueType) -> pa.Table:
        """Vectorised vertex properties of one type: ``id``, ``key``, ``value`` (one row per value)."""
        return self._property_table(self.data.vertex_props[vtype], vtype, self.vertex_ids())

    def node_labels(self) -> list[str]:
        """Distinct vertex labels, sorted."""
        return sorted(self._decode(pc.unique(self.data.vertex_labels["label"])).to_pylist())

    # -- edges -----------------------------------------------------------------------------------
    def edge_ids(self) -> pa.Array:
        """All edge ids (given ids, else ``neptune_reserved_1_<n>``), in edge-index order."""
        edges = self.data.edges
        nums = edges["num"].combine_chunks() if edges.num_rows else pa.array([], pa.int64())
        generated = pc.binary_join_element_wise(
            pa.scalar(EDGE_ID_PREFIX, pa.large_string()),
            nums.cast(pa.large_string()),
            pa.scalar("", pa.large_string()),
        )
        given = edges["given_id"].combine_chunks() if edges.num_rows else pa.array([], pa.large_string())
        return pc.if_else(given.is_valid(), given, generated)

    def _edge_at(self, index: int) -> Edge:
        src, dst, labels, ids = self._edge_columns
        props = dict(self._edge_props.items(index))
        return Edge(
            ids[index], self._vertex_ids[src[index]], self._vertex_ids[dst[index]], labels[index], props
        )

    def iter_edges(self, label: str | None = None) -> Iterator[Edge]:
        """Every edge (or those with ``label``)."""
        _, _, labels, _ = self._edge_columns
        for index in range(self.num_edges):
            if label is None or labels[index] == label:
                yield self._edge_at(index)

    def get_edge(self, edge_id: str) -> Edge | None:
        """The edge with this id, or None (linear scan; ids are not indexed)."""
        _, _, _, ids = self._edge_columns
        try:
            return self._edge_at(ids.index(edge_id))
        except ValueError:
            return None

    def _adjacent(self, direction: str, vertex_id: str, label: str | None) -> list[Edge]:
        index = self._vertex_index.get(vertex_id)
        if index is None:
            return []
        order, offsets = self._adjacency[direction]
        _, _, labels, _ = self._edge_columns
        rows = order[offsets[index] : offsets[index + 1]]
        return [self._edge_at(r) for r in rows if label is None or labels[r] == label]

    def out_edges(self, vertex_id: str, label: str | None = None) -> list[Edge]:
        """Edges leaving ``vertex_id`` (optionally of one label), in insertion order."""
        return self._adjacent("out", vertex_id, label)

    def in_edges(self, vertex_id: str, label: str | None = None) -> list[Edge]:
        """Edges arriving at ``vertex_id`` (optionally of one label), in insertion order."""
        return self._adjacent("in", vertex_id, label)

    def edges_table(self, label: str | None = None) -> pa.Table:
        """Vectorised edges: ``id``, ``from``, ``to``, ``label`` (strings)."""
        edges = self.data.edges
        vids = self.vertex_ids()
        table = pa.table(
            {
                "id": self.edge_ids(),
                "from": vids.take(edges["src"]),
                "to": vids.take(edges["dst"]),
                "label": self._decode(edges["label"]),
            }
        )
        if label is not None:
            table = table.filter(pc.equal(table["label"], label))
        return table

    def edge_property_table(self, vtype: ValueType) -> pa.Table:
        """Vectorised edge properties of one type: ``id`` (edge id), ``key``, ``value``."""
        return self._property_table(self.data.edge_props[vtype], vtype, self.edge_ids())

    def edge_labels(self) -> list[str]:
        """Distinct edge labels, sorted."""
        return sorted(self._decode(pc.unique(self.data.edges["label"])).to_pylist())

    def _property_table(self, table: pa.Table, vtype: ValueType, owner_ids: pa.Array) -> pa.Table:
        values = table["value"]
        if vtype is ValueType.STRING:
            values = self._decode(values)
        return pa.table(
            {"id": owner_ids.take(table["owner"]), "key": self._decode(table["key"]), "value": values}
        )

    # -- summary ---------------------------------------------------------------------------------
    def summary(self, detailed: bool = False) -> dict:
        """The ``graphSummary`` member of GetGraphSummary's output."""
        return graph_summary(self.data, detailed=detailed)
