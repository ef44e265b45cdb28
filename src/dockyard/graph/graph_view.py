"""Read access to one graph snapshot: vertices, edges, properties, adjacency, label indices.

Both row-at-a-time (``iter_vertices``, ``get_vertex``, ``out_edges``) and vectorised access
(``vertices_table``, ``edges_table``, ``vertex_property_table``) are offered. Indices (id lookup,
adjacency, per-owner property offsets) are built lazily on first use and cached on the view;
a view never changes, since snapshots are immutable.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterator
from functools import cached_property
from typing import Any, NamedTuple, TypeVar

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from dockyard.graph.csr import Csr, group_rows, sorted_rows
from dockyard.graph.graph_data import EDGE_ID_PREFIX, GraphData
from dockyard.graph.property_rows import PropertyRows, numpy_values
from dockyard.graph.summary import graph_summary
from dockyard.graph.value_types import TypedValue, ValueType

STATE_CACHE = 200_000  # vertex (and edge) states a view keeps once read; a full cache starts over


SCAN_LOOKUPS = 32  # term lookups a view answers by a linear search before it builds a dict of all terms


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


T = TypeVar("T")
KeyColumns = dict[ValueType, tuple[np.ndarray, np.ndarray]]  # value type -> (owner indices, values)


class GraphView:
    """A consistent read-only view of one published snapshot."""

    def __init__(self, data: GraphData) -> None:
        self.data = data
        self._key_columns: dict[str, KeyColumns] = {}
        self._edge_key_columns: dict[str, KeyColumns] = {}
        self._single_valued: dict[str, bool] = {}
        self._terms: dict[int, str] = {}
        self._codes: dict[str, int] = {}  # term -> code (-1: absent), filled by _code
        self._scans = 0  # linear term searches so far (-1: _codes holds every term)
        self._degrees: dict[tuple[str, str | None], np.ndarray] = {}
        self._members: dict[str, np.ndarray] = {}
        self._masks: dict[str, np.ndarray] = {}
        self._vertex_states: dict[int, Vertex] = {}
        self._edge_states: dict[int, Edge] = {}
        self._csr: dict[tuple[str, str | None], Csr] = {}
        self._derived: dict[Hashable, Any] = {}

    def derived(self, key: Hashable, build: Callable[[], T]) -> T:
        """What an upper layer derives from this view (dense property arrays, ...), built on first
        use and kept with the view: the view never changes, a merge makes a new one."""
        if key not in self._derived:
            self._derived[key] = build()
        return self._derived[key]

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

    def _decode_codes(self, codes: list[int]) -> list[str]:
        """Term codes as strings, through a cache of the terms decoded so far."""
        cache = self._terms
        missing = [c for c in codes if c not in cache]
        if missing:
            cache.update(zip(missing, self.data.terms.take(pa.array(missing, pa.int64())).to_pylist(), strict=True))
        return [cache[c] for c in codes]

    def _code(self, term: str) -> int:
        """A term's code (-1: not a term): a linear search in Arrow for the first ``SCAN_LOOKUPS``
        terms a view is asked, then a dict of every term (building it costs ~0.2 µs a term)."""
        codes = self._codes
        found = codes.get(term)
        if found is None:
            if self._scans < 0:
                return -1  # the dict holds every term
            if self._scans < SCAN_LOOKUPS:
                self._scans += 1
                found = codes[term] = pc.index(self.data.terms, pa.scalar(term, pa.large_string())).as_py()
            else:
                self._codes = codes = {t: i for i, t in enumerate(self.data.terms.to_pylist())}
                self._scans = -1  # every term is in the dict now
                found = codes.get(term, -1)
        return found

    @cached_property
    def _vertex_of_code(self) -> np.ndarray:
        """Per term code, the vertex index whose id it is (-1: none)."""
        found = np.full(len(self.data.terms), -1, np.int64)
        found[self.data.vertex_terms.to_numpy()] = np.arange(self.num_vertices, dtype=np.int64)
        return found

    @cached_property
    def _vertex_ids(self) -> list[str]:
        return self._decode(self.data.vertex_terms).to_pylist()

    @cached_property
    def _labels(self) -> tuple[Csr, np.ndarray]:
        table = self.data.vertex_labels
        return sorted_rows(table["owner"].to_numpy(), self.num_vertices), table["label"].to_numpy()

    @cached_property
    def _vertex_props(self) -> PropertyRows:
        return PropertyRows(self.data.vertex_props, self.num_vertices, self._decode_codes)

    @cached_property
    def _edge_props(self) -> PropertyRows:
        return PropertyRows(self.data.edge_props, self.num_edges, self._decode_codes)

    @cached_property
    def _edge_columns(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """numpy ``src``, ``dst``, ``label`` (term code) of every edge."""
        edges = self.data.edges
        return tuple(edges[name].to_numpy() for name in ("src", "dst", "label"))  # type: ignore[return-value]

    @cached_property
    def _edge_id_parts(self) -> tuple[np.ndarray, pa.Array]:
        edges = self.data.edges
        if not edges.num_rows:
            return np.zeros(0, np.int64), pa.array([], pa.large_string())
        return edges["num"].to_numpy(), edges["given_id"].combine_chunks()

    @cached_property
    def _edge_index(self) -> dict[str, int]:
        return {eid: i for i, eid in enumerate(self.edge_ids().to_pylist())}

    def adjacency(self, direction: str, label: str | None = None) -> Csr:
        """The edges of each vertex index as a CSR over edge indices: ``out`` (by source) or ``in`` (by
        target), of one label or of all; built lazily (argsort + bincount) and cached on the view."""
        key = (direction, label)
        found = self._csr.get(key)
        if found is None:
            src, dst, labels = self._edge_columns
            ends = src if direction == "out" else dst
            if label is None:
                found = group_rows(ends, self.num_vertices)
            else:  # only this label's edges are sorted (a third of the work on a three-label graph)
                chosen = np.flatnonzero(labels == self._code(label))
                within = group_rows(ends[chosen], self.num_vertices)
                assert within.order is not None
                found = Csr(chosen[within.order], within.offsets)
            self._csr[key] = found
        return found

    def edge_ends(self) -> tuple[np.ndarray, np.ndarray]:
        """numpy source and target vertex indices of every edge."""
        src, dst, _ = self._edge_columns
        return src, dst

    # -- vertices --------------------------------------------------------------------------------
    def vertex_ids(self) -> pa.Array:
        """All vertex ids, in vertex-index order."""
        return self._decode(self.data.vertex_terms)

    def vertex_index(self, vertex_id: str) -> int | None:
        """The vertex index of an id, or None."""
        code = self._code(vertex_id)
        if code < 0:
            return None
        index = int(self._vertex_of_code[code])
        return None if index < 0 else index

    def has_vertex(self, vertex_id: str) -> bool:
        return self.vertex_index(vertex_id) is not None

    def vertex_at(self, index: int) -> Vertex:
        """The vertex of a vertex index (the states read so far are kept, up to ``STATE_CACHE``)."""
        found = self._vertex_states.get(index)
        if found is None:
            if len(self._vertex_states) >= STATE_CACHE:
                self._vertex_states.clear()
            found = self._vertex_states[index] = self._read_vertex(index)
        return found

    def _read_vertex(self, index: int) -> Vertex:
        csr, codes = self._labels
        start, end = csr.bounds(index)
        props: dict[str, list[TypedValue]] = {}
        for key, value in self._vertex_props.items(index):
            props.setdefault(key, []).append(value)
        return Vertex(self._vertex_ids[index], tuple(sorted(self._decode_codes(codes[start:end].tolist()))), props)

    def get_vertex(self, vertex_id: str) -> Vertex | None:
        """The vertex with this id, or None."""
        index = self.vertex_index(vertex_id)
        return None if index is None else self.vertex_at(index)

    def vertex_key_columns(self, key: str) -> KeyColumns:
        """Per value type, numpy (owner vertex indices, values) of vertex property ``key`` (String
        values as term codes, Date as days and Datetime as milliseconds since the epoch; cached)."""
        found = self._key_columns.get(key)
        if found is None:
            found = self._key_columns[key] = self._owned_values(self.data.vertex_props, key)
        return found

    def edge_key_columns(self, key: str) -> KeyColumns:
        """Per value type, numpy (owner edge indices, values) of edge property ``key``, as
        ``vertex_key_columns`` (an edge holds at most one value of a key; cached)."""
        found = self._edge_key_columns.get(key)
        if found is None:
            found = self._edge_key_columns[key] = self._owned_values(self.data.edge_props, key)
        return found

    def element_key_columns(self, kind: str, key: str) -> tuple[KeyColumns, int] | None:
        """The typed columns of property ``key`` of vertices (``kind`` "vertex") or edges ("edge") and
        the number of indices they range over; None for a vertex key some vertex holds several
        values of."""
        if kind == "vertex":
            if not self.vertex_key_single_valued(key):
                return None
            return self.vertex_key_columns(key), self.num_vertices
        return self.edge_key_columns(key), self.num_edges

    def _owned_values(self, props: dict[ValueType, pa.Table], key: str) -> KeyColumns:
        found: KeyColumns = {}
        code = self._code(key)
        if code >= 0:
            for vtype, table in props.items():
                if table.num_rows:
                    rows = table.filter(pc.equal(table["key"], code))
                    if rows.num_rows:
                        found[vtype] = (rows["owner"].to_numpy(), numpy_values(vtype, rows["value"]))
        return found

    def vertex_key_single_valued(self, key: str) -> bool:
        """Whether no vertex holds two values of ``key`` (cached on the view)."""
        found = self._single_valued.get(key)
        if found is None:
            owners = [o for o, _ in self.vertex_key_columns(key).values()]
            merged = np.concatenate(owners) if owners else np.zeros(0, np.int64)
            found = not len(merged) or int(np.bincount(merged, minlength=self.num_vertices).max()) <= 1
            self._single_valued[key] = found
        return found

    def degrees(self, direction: str, label: str | None = None) -> np.ndarray:
        """Per vertex index, its number of ``out`` or ``in`` edges (of ``label``); cached on the view."""
        found = self._degrees.get((direction, label))
        if found is None:
            found = np.diff(self.adjacency(direction, label).offsets)
            self._degrees[(direction, label)] = found
        return found

    def term_code(self, term: str) -> int | None:
        """The term-dictionary code of a string, or None."""
        code = self._code(term)
        return None if code < 0 else code

    def decode_terms(self, codes: np.ndarray) -> list[str]:
        return self.data.terms.take(pa.array(codes, pa.int64())).to_pylist()

    def vertex_id_list(self) -> list[str]:
        """Every vertex id as a Python list, in vertex-index order (cached; never mutate it)."""
        return self._vertex_ids

    def label_members(self, label: str) -> np.ndarray:
        """Vertex indices carrying ``label`` (numpy int64, ascending, distinct; cached, read-only)."""
        found = self._members.get(label)
        if found is None:
            code = self._code(label)
            csr, codes = self._labels
            if code < 0:
                found = np.zeros(0, np.int64)
            else:
                owners = np.repeat(np.arange(self.num_vertices, dtype=np.int64), np.diff(csr.offsets))
                found = owners[codes == code]
            found.flags.writeable = False
            self._members[label] = found
        return found

    def label_mask(self, label: str) -> np.ndarray:
        """A bool mask over vertex indices of the vertices carrying ``label`` (cached, read-only)."""
        found = self._masks.get(label)
        if found is None:
            found = np.zeros(self.num_vertices, bool)
            found[self.label_members(label)] = True
            found.flags.writeable = False
            self._masks[label] = found
        return found

    def vertices_with_label(self, label: str) -> list[str]:
        """Ids of the vertices carrying ``label`` (the label index)."""
        ids = self._vertex_ids
        return [ids[i] for i in self.label_members(label).tolist()]

    def iter_vertices(self, label: str | None = None) -> Iterator[Vertex]:
        """Every vertex (or those with ``label``), with labels and typed property values."""
        indices = range(self.num_vertices) if label is None else self.label_members(label).tolist()
        for index in indices:
            yield self.vertex_at(index)

    def vertices_table(self, label: str | None = None) -> pa.Table:
        """Vectorised vertices: ``id`` (string) and ``labels`` (list<string>)."""
        csr, _ = self._labels
        labels = pa.LargeListArray.from_arrays(
            pa.array(csr.offsets, pa.int64()), self._decode(self.data.vertex_labels["label"].combine_chunks())
        )
        table = pa.table({"id": self.vertex_ids(), "labels": labels})
        if label is not None:
            table = table.take(pa.array(self.label_members(label)))
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

    def edge_id_at(self, index: int) -> str:
        """The id of an edge index (its given id, else the server-generated one)."""
        nums, given = self._edge_id_parts
        found = given[index].as_py()
        return f"{EDGE_ID_PREFIX}{nums[index]}" if found is None else found

    def edge_at(self, index: int) -> Edge:
        """The edge of an edge index (the states read so far are kept, up to ``STATE_CACHE``)."""
        found = self._edge_states.get(index)
        if found is None:
            if len(self._edge_states) >= STATE_CACHE:
                self._edge_states.clear()
            found = self._edge_states[index] = self._read_edge(index)
        return found

    def _read_edge(self, index: int) -> Edge:
        src, dst, labels = self._edge_columns
        ids = self._vertex_ids
        label = self._decode_codes([int(labels[index])])[0]
        props = dict(self._edge_props.items(index))
        return Edge(self.edge_id_at(index), ids[src[index]], ids[dst[index]], label, props)

    def iter_edges(self, label: str | None = None) -> Iterator[Edge]:
        """Every edge (or those with ``label``), in edge-index order."""
        if label is None:
            indices = range(self.num_edges)
        else:
            indices = np.flatnonzero(self._edge_columns[2] == self._code(label)).tolist()
        for index in indices:
            yield self.edge_at(index)

    def get_edge(self, edge_id: str) -> Edge | None:
        """The edge with this id, or None (the edge-id index is built on first use)."""
        index = self._edge_index.get(edge_id)
        return None if index is None else self.edge_at(index)

    def _adjacent(self, direction: str, vertex_id: str, label: str | None) -> list[Edge]:
        index = self.vertex_index(vertex_id)
        if index is None or (label is not None and self._code(label) < 0):
            return []
        return [self.edge_at(r) for r in self.adjacency(direction, label).rows(index).tolist()]

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
