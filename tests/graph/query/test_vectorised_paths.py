"""The vectorised paths (``fast_count``, ``fast_expand``, ``fast_group``) answer exactly what the row
interpreter answers: fixed shapes over a graph with self-loops, parallel edges and mixed property types,
and generated graphs and constants (hypothesis), with and without pending writes."""

from __future__ import annotations

import datetime as dt

import pyarrow as pa
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dockyard.graph import EdgeBatch, GraphStore, PropertyColumn, ValueType, VertexBatch
from dockyard.graph.query import execute, parse, run
from dockyard.graph.query.fast_paths import try_fast, try_group_count, try_path_count, try_project

_ARROW = {ValueType.INT: pa.int32(), ValueType.LONG: pa.int64(), ValueType.DOUBLE: pa.float64(),
          ValueType.FLOAT: pa.float32(), ValueType.STRING: pa.string(), ValueType.BOOL: pa.bool_(),
          ValueType.DATE: pa.date32(), ValueType.DATETIME: pa.timestamp("ms", tz="UTC")}  # fmt: skip


def _load(vertices: list[tuple[str, list[str], dict]], edges: list[tuple[str, str, str, int]]) -> GraphStore:
    """A store with ``vertices`` (id, labels, key -> (type, value) or (LONG, [values])) and edges."""
    store = GraphStore.in_memory()
    with store.begin_load() as loader:
        labelled = [(vid, labels) for vid, labels, _ in vertices if labels]
        if labelled:
            loader.add_vertices(VertexBatch(pa.array([v for v, _ in labelled]),
                                            pa.array([ls for _, ls in labelled], pa.list_(pa.string()))))  # fmt: skip
        groups: dict[tuple[str, ValueType, bool], list[tuple[str, object]]] = {}
        for vid, _, props in vertices:
            for key, (vtype, value) in props.items():
                groups.setdefault((key, vtype, isinstance(value, list)), []).append((vid, value))
        for (key, vtype, multi), rows in groups.items():
            arrow = pa.list_(_ARROW[vtype]) if multi else _ARROW[vtype]
            column = PropertyColumn(key, vtype, pa.array([x for _, x in rows], arrow))
            loader.add_vertices(VertexBatch(pa.array([v for v, _ in rows]), None, (column,)))
        if edges:
            weights = PropertyColumn("w", ValueType.INT, pa.array([e[3] for e in edges], pa.int32()))
            ends = [pa.array([e[i] for e in edges]) for i in range(3)]
            loader.add_edges(EdgeBatch(*ends, (weights,)))
    return store


def _same(store: GraphStore, query: str, params: dict) -> object:
    view = store.query_view()
    tree = parse(query)
    fast = run(view, tree, params)
    rows = run(view, tree, params, profile=[])  # a profile list turns the fast paths off
    assert repr(fast) == repr(rows), query  # repr: NaN equals NaN, 1 differs from 1.0
    return try_fast(view, tree, params)


@pytest.fixture(scope="module")
def graph() -> GraphStore:
    vertices = [(f"v{i}", ["A"] if i % 3 else ["A", "B"], {"x": (ValueType.INT, i % 4)} if i % 5 else {})
                for i in range(30)]  # fmt: skip
    vertices[7] = ("v7", ["B"], {"x": (ValueType.STRING, "3")})
    vertices[8] = ("v8", [], {"x": (ValueType.DOUBLE, 2.0)})
    edges = [(f"v{i}", f"v{(i * 7) % 30}", "k" if i % 2 else "l", i) for i in range(30)]
    edges += [("v3", "v3", "k", 1), ("v3", "v3", "k", 2), ("v4", "v5", "k", 3), ("v4", "v5", "k", 4),
              ("v5", "v4", "l", 5), ("v9", "v3", "k", 6), ("v3", "v9", "k", 7)]  # fmt: skip
    return _load(vertices, edges)


PATHS = [
    "MATCH (a {`~id`: 'v3'})-[:k]->(b)-[:k]->(c) RETURN count(DISTINCT c) AS c, count(*) AS n",
    "MATCH (a {`~id`: 'v3'})-[r:k]->(b)-[s:k]->(c)-[t]->(d) RETURN count(*) AS n, count(DISTINCT r) AS r",
    "MATCH (a)-[:k]->(b {`~id`: 'v5'}) RETURN count(a) AS c",
    "MATCH (a:A)-[r]->(b:B) RETURN count(r) AS c, count(DISTINCT b) AS d",
    "MATCH (a:B {x: 3})<-[:l]-(b)-[:k]->(c:A) RETURN count(*) AS c",
    "MATCH (a)<--(b)<--(c) RETURN count(*) AS n, count(DISTINCT a) AS d",
    "MATCH (a {`~id`: 'none'})-->(b) RETURN count(*) AS n",
    "MATCH (a {`~id`: 3})-->(b) RETURN count(*) AS n",
    "MATCH (a {`~id`: 'v4'})-->(b {`~id`: 'v5'}) RETURN count(*) AS n",  # the far end's ~id is a condition
    "MATCH (a:Missing)-[:k]->(b) RETURN count(*) AS n",
    "MATCH (a)-[:missing]->(b) RETURN count(b) AS n",
]


@pytest.mark.parametrize("query", PATHS)
def test_path_counts_equal_row_interpreter(graph, query):
    assert try_path_count(graph.query_view(), parse(query), {}) is not None, "the shape should be vectorised"
    _same(graph, query, {})


@pytest.mark.parametrize("query", [
    "MATCH (a)-[:k*1..2]->(b) RETURN count(*) AS n",  # variable length
    "MATCH (a)-[:k]->(a) RETURN count(*) AS n",  # a repeated variable: a cycle
    "MATCH (a)-[:k|l]->(b) RETURN count(*) AS n",  # two types
    "MATCH (a)-[:k]-(b) RETURN count(*) AS n",  # either direction
    "MATCH (a)-[:k]->(b) WHERE b.x = 1 RETURN count(*) AS n",
    "MATCH (a)-[:k]->(b) RETURN b.x AS x, count(*) AS n",
])  # fmt: skip
def test_other_path_shapes_are_the_row_interpreters(graph, query):
    assert try_path_count(graph.query_view(), parse(query), {}) is None
    _same(graph, query, {})


def test_path_counts_are_the_row_interpreters_while_writes_are_pending(graph):
    store = _load([("a", ["A"], {}), ("b", ["A"], {})], [("a", "b", "k", 1)])
    execute(store, "MATCH (a {`~id`: 'a'}), (b {`~id`: 'b'}) CREATE (b)-[:k]->(a)")
    query = "MATCH (a:A)-[:k]->(b) RETURN count(*) AS n"
    assert try_path_count(store.query_view(), parse(query), {}) is None
    assert execute(store, query) == [{"n": 2}]


@pytest.mark.parametrize("query", [
    "MATCH (n:A) RETURN n.x AS k, count(*) AS c ORDER BY k LIMIT 3",
    "MATCH (n:A) RETURN n.x AS k, count(n) AS c ORDER BY c DESC, k",
    "MATCH (n:B) RETURN count(*) AS c",
])  # fmt: skip
def test_grouped_counts_read_pending_writes(query):
    store = _load([(f"v{i}", ["A"], {"x": (ValueType.INT, i % 3)}) for i in range(9)], [("v0", "v1", "k", 1)])
    for write in ("MATCH (n {`~id`: 'v0'}) SET n.x = 7", "MATCH (n {`~id`: 'v1'}) SET n.x = 'a', n:B",
                  "MATCH (n {`~id`: 'v2'}) REMOVE n.x", "MATCH (n {`~id`: 'v3'}) DETACH DELETE n",
                  "CREATE (:A:B {x: 1}), (:A {x: true}), (:C {x: 1})"):  # fmt: skip
        execute(store, write)
    assert store.pending_writes
    assert try_group_count(store.query_view(), parse(query), {}) is not None, "the shape should be vectorised"
    _same(store, query, {})


@pytest.mark.parametrize("query", [
    "MATCH (n) WHERE n.x <> 3 RETURN count(*) AS c",  # a String '3' and a Double are <> 3 as well
    "MATCH (n) WHERE n.x = 2 RETURN count(*) AS c",  # the Double 2.0 equals 2
    "MATCH (n) WHERE n.x <= 2.5 RETURN count(*) AS c",
    "MATCH (n:B) WHERE n.x <> '3' RETURN count(*) AS c",
    "MATCH (n) RETURN n.x AS k, count(*) AS c ORDER BY k DESC LIMIT 2",
    "MATCH (n) RETURN n.x AS k, count(*) AS c ORDER BY c, k SKIP 1 LIMIT 2",
    "MATCH (a)-[r:k]->() RETURN a.x AS k, count(r) AS c ORDER BY c DESC, k LIMIT 1",
    "MATCH (n) RETURN n.x AS x",  # property columns as rows, null where missing
    "MATCH (n:A) WHERE n.x >= 1 RETURN n.x AS x, n.x AS y SKIP 2 LIMIT 5",
    "MATCH (n:B {x: 3}) RETURN n.missing AS m",
])  # fmt: skip
def test_counts_across_value_types_equal_row_interpreter(graph, query):
    assert _same(graph, query, {}) is not None, "the shape should be vectorised"


# -- generated graphs -------------------------------------------------------------------------------
_VALUES = st.one_of(
    st.tuples(st.just(ValueType.INT), st.integers(-3, 3)),
    st.tuples(st.just(ValueType.LONG), st.sampled_from([2**60, 2**60 + 1, -5])),
    st.tuples(st.just(ValueType.DOUBLE), st.sampled_from([0.5, 1.0, -0.0, 2.0, float("nan"), 1e300])),
    st.tuples(st.just(ValueType.FLOAT), st.sampled_from([0.1, 1.0, 2.5])),
    st.tuples(st.just(ValueType.STRING), st.sampled_from(["a", "b", "1"])),
    st.tuples(st.just(ValueType.BOOL), st.booleans()),
    st.tuples(st.just(ValueType.LONG), st.lists(st.integers(0, 3), min_size=2, max_size=2, unique=True)),
)
_CONSTANTS = st.one_of(st.integers(-3, 3), st.sampled_from([0.5, 1.0, 0.1, 2**60, 2**60 + 1, 1e300, float("nan")]),
                       st.sampled_from(["a", "1", "zz"]), st.booleans(), st.none())  # fmt: skip


@st.composite
def _graphs(draw: st.DrawFn) -> tuple[list, list]:
    n = draw(st.integers(1, 8))
    vertices = []
    for i in range(n):
        labels = draw(st.lists(st.sampled_from(["A", "B"]), max_size=2, unique=True))
        props = draw(st.dictionaries(st.sampled_from(["x", "y"]), _VALUES, max_size=2))
        if not labels and not props:
            labels = ["A"]
        vertices.append((f"v{i}", labels, props))
    edges = draw(st.lists(st.tuples(st.integers(0, n - 1), st.integers(0, n - 1), st.sampled_from(["k", "l"])),
                          max_size=14))  # fmt: skip
    return vertices, [(f"v{a}", f"v{b}", t, i) for i, (a, b, t) in enumerate(edges)]


_TEMPLATES = [
    "MATCH (n{L}) WHERE n.x {OP} $v RETURN count(*) AS c",
    "MATCH (n{L}) WHERE n.x {OP} $v AND n.y {OP} $w RETURN count(n) AS c",
    "MATCH (n{L} {x: $v}) RETURN count(*) AS c",
    "MATCH (n{L}) RETURN n.x AS k, count(*) AS c ORDER BY c DESC, k LIMIT $lim",
    "MATCH (n{L}) RETURN n.{K} AS k, count(*) AS c ORDER BY k LIMIT $lim",
    "MATCH (a{L})-[r:k]->() RETURN a.{K} AS k, count(r) AS c ORDER BY c, k SKIP 1 LIMIT $lim",
    "MATCH (a{L})-[:k]->(b)-[]->(c{L}) RETURN count(*) AS n, count(DISTINCT c) AS d",
    "MATCH (a {`~id`: $id})-[r]->(b)<-[s:{T}]-(c) RETURN count(*) AS n, count(DISTINCT s) AS d",
    "MATCH (a{L} {x: $v})<-[:{T}]-(b) RETURN count(b) AS n",
    "MATCH (n{L}) WHERE n.{K} {OP} $v RETURN n.x AS x, n.y AS y SKIP 1 LIMIT $lim",
    "MATCH (n{L}) RETURN n.{K} AS k",
]
_WRITES = [
    "MATCH (n) WHERE n.x = 1 SET n.x = 'changed'",
    "MATCH (n {`~id`: 'v0'}) DETACH DELETE n",
    "CREATE (:A {x: 1, y: 'a'})",
    "MATCH (n {`~id`: 'v0'}) SET n:B, n.y = 2.0",
    "MATCH (n:A) WHERE n.x = 2 SET n.x = 3, n.y = true",
    "MATCH (n {`~id`: 'v1'}) REMOVE n.x, n:A",
    "CREATE (:B {x: 'a'}), (:A {y: 1})",
]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(graph=_graphs(), template=st.sampled_from(_TEMPLATES), label=st.sampled_from(["", ":A", ":B"]),
       op=st.sampled_from(["=", "<>", "<", ">=", ">"]), key=st.sampled_from(["x", "y"]),
       etype=st.sampled_from(["k", "l"]), v=_CONSTANTS, w=_CONSTANTS, limit=st.integers(0, 3),
       start=st.integers(0, 8), writes=st.lists(st.sampled_from(_WRITES), max_size=2))  # fmt: skip
def test_generated_queries_equal_row_interpreter(graph, template, label, op, key, etype, v, w, limit, start, writes):
    store = _load(*graph)
    for write in writes:
        execute(store, write)
    query = template.replace("{L}", label).replace("{OP}", op).replace("{K}", key).replace("{T}", etype)
    _same(store, query, {"v": v, "w": w, "lim": limit, "id": f"v{start}"})


def test_dates_and_multi_valued_keys_in_projections():
    moment = dt.datetime(2020, 1, 2, 3, 4, 5, 6000, tzinfo=dt.UTC)
    store = _load([("a", ["A"], {"m": (ValueType.LONG, [1, 2]), "d": (ValueType.DATE, dt.date(2020, 1, 2)),
                                 "t": (ValueType.DATETIME, moment)}),
                   ("b", ["A"], {"m": (ValueType.LONG, 3)})], [])  # fmt: skip
    assert try_project(store.query_view(), parse("MATCH (n) RETURN n.m AS m"), {}) is None  # a list for 'a'
    assert _same(store, "MATCH (n:A) RETURN n.d AS d, n.t AS t", {}) is not None
    assert _same(store, "MATCH (n) WHERE n.d <> 5 RETURN count(*) AS c", {}) == [{"c": 1}]  # a Date is not 5
    assert execute(store, "MATCH (n:A) RETURN n.d AS d, n.t AS t") == [
        {"d": dt.date(2020, 1, 2), "t": moment}, {"d": None, "t": None}]


def test_projections_read_pending_writes_after_the_columns():
    store = _load([(f"v{i}", ["A"], {"x": (ValueType.INT, i)}) for i in range(6)], [])
    execute(store, "MATCH (n {`~id`: 'v1'}) SET n.x = 10")
    execute(store, "MATCH (n {`~id`: 'v2'}) DETACH DELETE n")
    execute(store, "CREATE (:A {x: 7}), (:B {x: 8})")
    for query in ("MATCH (n:A) RETURN n.x AS x", "MATCH (n) WHERE n.x > 2 RETURN n.x AS x SKIP 2 LIMIT 3"):
        assert try_project(store.query_view(), parse(query), {}) is not None
        _same(store, query, {})
    assert [r["x"] for r in execute(store, "MATCH (n:A) RETURN n.x AS x")] == [0, 3, 4, 5, 10, 7]


class _Scanning:
    """A view the vectorised code does not know: the row interpreter scans it vertex by vertex."""

    def __init__(self, view: object) -> None:
        self._view = view

    def __getattr__(self, name: str) -> object:
        if name in ("base", "delta"):
            raise AttributeError(name)
        return getattr(self._view, name)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(graph=_graphs(), label=st.sampled_from(["", ":A", ":B"]), values=st.lists(_CONSTANTS, max_size=4),
       writes=st.lists(st.sampled_from(_WRITES), max_size=2))  # fmt: skip
def test_indexed_node_scans_equal_full_scans(graph, label, values, writes):
    store = _load(*graph)
    for write in writes:
        execute(store, write)
    tree = parse(f"UNWIND $vs AS v MATCH (n{label} {{x: v}}) RETURN id(n) AS id, n.y AS y")
    view = store.query_view()
    assert repr(run(view, tree, {"vs": values})) == repr(run(_Scanning(view), tree, {"vs": values}))


def test_merge_finds_column_and_pending_vertices_by_property():
    store = _load([(f"v{i}", ["P"], {"name": (ValueType.STRING, f"n{i % 3}")}) for i in range(9)], [])
    execute(store, "MERGE (n:P {name: 'n1'}) ON MATCH SET n.hit = true")
    execute(store, "UNWIND ['n1', 'new', 'new'] AS x MERGE (n:P {name: x}) ON MATCH SET n.seen = true")
    rows = execute(store, "MATCH (n:P) RETURN n.name AS name, n.hit AS hit, n.seen AS seen")
    assert [r for r in rows if r["name"] == "n1"] == [{"name": "n1", "hit": True, "seen": True}] * 3
    assert [r for r in rows if r["name"] == "new"] == [{"name": "new", "hit": None, "seen": True}]


def test_node_scans_use_the_property_columns():
    from dockyard.graph.query.vector_scan import indexed_vertices

    store = _load([(f"v{i}", ["P"], {"name": (ValueType.STRING, f"n{i % 3}")}) for i in range(9)], [])
    found = indexed_vertices(store.query_view(), "P", {"name": "n1"})
    assert found is not None and [v.id for v in found] == ["v1", "v4", "v7"]
    assert indexed_vertices(store.query_view(), "P", {"name": ["n1"]}) is None  # a list: the full scan decides


def test_ordering_a_multi_valued_property_is_null_not_the_list_refusal():
    """Neptune refuses ``<`` on lists, but a multi-valued property (several values from a bulk load) is
    not a list value: ordering it is incomparable (null), so the filter matches nothing."""
    store = _load([("a", ["A"], {"x": (ValueType.LONG, [0, 1])}), ("b", ["A"], {"x": (ValueType.LONG, 5)})], [])
    assert execute(store, "MATCH (n:A) WHERE n.x < 9 RETURN n.`~id` AS i") == [{"i": "b"}]
    assert execute(store, "MATCH (n:A) WHERE n.x < 9 RETURN count(*) AS c") == [{"c": 1}]
    with pytest.raises(Exception, match="does not support < on a list"):
        execute(store, "RETURN [0, 1] < 9 AS v")
