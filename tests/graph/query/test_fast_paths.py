"""The vectorised count path answers exactly what the row interpreter answers."""

from __future__ import annotations

import pyarrow as pa
import pytest

from dockyard.graph import EdgeBatch, GraphStore, PropertyColumn, ValueType, VertexBatch
from dockyard.graph.query import execute, parse, run
from dockyard.graph.query.fast_paths import try_count


@pytest.fixture(scope="module")
def store() -> GraphStore:
    store = GraphStore.in_memory()
    n = 300
    with store.begin_load() as loader:
        loader.add_vertices(VertexBatch(
            pa.array([f"v{i}" for i in range(n)]),
            pa.array([["P"] if i % 3 else ["Q", "P"] for i in range(n)], pa.list_(pa.string())),
            (PropertyColumn("age", ValueType.INT, pa.array([i % 50 if i % 7 else None for i in range(n)], pa.int32())),
             PropertyColumn("score", ValueType.DOUBLE, pa.array([i / 10 for i in range(n)])),
             PropertyColumn("name", ValueType.STRING, pa.array([f"n{i % 20}" for i in range(n)])),
             PropertyColumn("tags", ValueType.LONG, pa.array([[1, 2] if i % 2 else [3] for i in range(n)],
                                                             pa.list_(pa.int64())))),
        ))  # fmt: skip
        loader.add_edges(EdgeBatch(pa.array(["v1", "v2"]), pa.array(["v2", "x"]), pa.array(["k", "k"])))
    return store


QUERIES = [
    "MATCH (n) RETURN count(n) AS c",
    "MATCH (n:P) RETURN count(*) AS c",
    "MATCH (n:Q) WHERE n.age = 33 RETURN count(n) AS c",
    "MATCH (n:P) WHERE n.age >= 10 AND 40 > n.age RETURN count(*) AS c, count(n) AS d",
    "MATCH (n:P {name: 'n3'}) RETURN count(*) AS c",
    "MATCH (n) WHERE n.score < 5.5 RETURN count(*) AS c",
    "MATCH (n) WHERE n.name <> 'n1' RETURN count(*) AS c",
    "MATCH (n) WHERE n.age = $age RETURN count(*) AS c",
    "MATCH (n) WHERE n.age = null RETURN count(*) AS c",
    "MATCH (n:Missing) RETURN count(*) AS c",
    "MATCH (n {name: 'none'}) RETURN count(*) AS c",
]


@pytest.mark.parametrize("query", QUERIES)
def test_fast_count_equals_row_interpreter(store, query):
    tree = parse(query)
    fast = try_count(store.view(), tree, {"age": 33})
    assert fast is not None, "the shape should be vectorised"
    # the row interpreter's answer (a profile list turns the fast path off)
    assert fast == run(store.view(), tree, {"age": 33}, profile=[])


def test_multi_valued_keys_fall_back_to_rows(store):
    tree = parse("MATCH (n) WHERE n.tags = 2 RETURN count(*) AS c")
    assert try_count(store.view(), tree, {}) is None
    assert execute(store, tree) == [{"c": 0}]  # a list is never equal to a number


@pytest.mark.parametrize("query", QUERIES)
def test_pending_writes_are_counted_from_their_new_state(query):
    store = GraphStore.in_memory()
    execute(store, "UNWIND range(0, 99) AS i "
                   "CREATE (:P {`~id`: 'v' + toString(i), age: i % 50, name: 'n' + toString(i % 20)})")
    store.merge_writes()
    execute(store, "MATCH (n:P) WHERE n.age < 5 SET n.age = 33, n:Q")
    execute(store, "MATCH (n:P {name: 'n3'}) DETACH DELETE n")
    execute(store, "UNWIND range(1, 7) AS i CREATE (:P {age: 33, score: 1.0, name: 'n3'})")
    tree = parse(query)
    fast = try_count(store.query_view(), tree, {"age": 33})
    assert fast is not None and store.pending_writes > 0
    assert fast == run(store.query_view(), tree, {"age": 33}, profile=[])


GROUPED = [
    "MATCH (n:P) RETURN n.age AS age, count(*) AS c ORDER BY age LIMIT 5",
    "MATCH (n) RETURN n.name AS k, count(n) AS c ORDER BY c DESC, k",
    "MATCH (a:P)-[r]->() RETURN a.name AS n, count(r) AS c ORDER BY c DESC, n LIMIT 3",
    "MATCH (a)<-[r:k]-() RETURN a.age AS n, count(*) AS c ORDER BY n",
    "MATCH (a:P)-[r:none]->() RETURN count(r) AS c",
    "MATCH (a:Q) RETURN count(*) AS c",
    "MATCH (a:P) RETURN a.score AS s, count(*) AS c ORDER BY s SKIP 290",
]


@pytest.mark.parametrize("query", GROUPED)
def test_grouped_counts_equal_row_interpreter(store, query):
    from dockyard.graph.query.fast_paths import try_group_count

    assert try_group_count(store.view(), parse(query), {}) is not None, "the shape should be vectorised"
    assert run(store.view(), query) == run(store.view(), query, profile=[])


@pytest.mark.parametrize("query, params, rows", [
    ("MATCH (n:P {`~id`: 'v3'}) RETURN n.name AS name, n.age AS age", {}, [{"name": "n3", "age": 3}]),
    ("MATCH (n {`~id`: $id}) RETURN n.score AS s, n.tags AS t, n.missing AS m", {"id": "v5"},
     [{"s": 0.5, "t": [1, 2], "m": None}]),
    ("MATCH (n:Q:P {`~id`: 'v3'}) RETURN n.name AS name", {}, [{"name": "n3"}]),
    ("MATCH (n:Q {`~id`: 'v4'}) RETURN n.name AS name", {}, []),  # v4 is not a Q
    ("MATCH (n {`~id`: 'nobody'}) RETURN n.name AS name", {}, []),
])  # fmt: skip
def test_a_vertex_read_by_its_id_is_the_row_interpreters(store, query, params, rows):
    from dockyard.graph.query.fast_lookup import try_lookup

    tree = parse(query)
    assert try_lookup(store.query_view(), tree, params) == rows
    assert run(store.query_view(), tree, params, profile=[]) == rows  # the row interpreter agrees


@pytest.mark.parametrize("query", [
    "MATCH (n {`~id`: 3}) RETURN n.name AS name",  # not a string: the row interpreter's comparison
    "MATCH (n {`~id`: 'v3', name: 'n3'}) RETURN n.name AS name",
    "MATCH (n {`~id`: 'v3'}) WHERE n.age > 1 RETURN n.name AS name",
    "MATCH (n {`~id`: 'v3'}) RETURN n.name AS name LIMIT 1",
    "MATCH (n {`~id`: 'v3'}) RETURN n AS n",
    "MATCH (n {`~id`: 'v3'}) RETURN n.`~id` AS id",
    "MATCH (n {`~id`: $missing}) RETURN n.name AS name",
])  # fmt: skip
def test_other_reads_by_id_are_left_to_the_other_paths(store, query):
    from dockyard.graph.query.fast_lookup import try_lookup

    assert try_lookup(store.query_view(), parse(query), {}) is None


def test_a_vertex_read_by_its_id_sees_pending_writes():
    store = GraphStore.in_memory()
    execute(store, "CREATE (:P {`~id`: 'w1', name: 'before'})")
    execute(store, "MATCH (n {`~id`: 'w1'}) SET n.name = 'after', n:Q")
    assert store.pending_writes
    assert execute(store, "MATCH (n:Q {`~id`: 'w1'}) RETURN n.name AS name") == [{"name": "after"}]
    execute(store, "MATCH (n {`~id`: 'w1'}) DETACH DELETE n")
    assert execute(store, "MATCH (n {`~id`: 'w1'}) RETURN n.name AS name") == []


def test_a_group_of_an_integer_and_an_equal_float_shows_the_first_rows_value():
    from tests.graph.query.test_vectorised_paths import _load

    store = _load([("v0", [], {"x": (ValueType.DOUBLE, 2.0)}), ("v1", [], {"x": (ValueType.INT, 2)})], [])
    query = "MATCH (n) RETURN n.x AS k, count(*) AS c ORDER BY c DESC, k LIMIT 1"
    rows = execute(store, query)
    assert [repr(r["k"]) for r in rows] == ["2.0"] and rows == run(store.query_view(), parse(query), {}, profile=[])


def test_an_equality_reads_the_sorted_index_of_its_column(store):
    view = store.query_view()
    assert execute(store, "MATCH (n:P) WHERE n.age = 33 RETURN count(*) AS c") == run(
        view, parse("MATCH (n:P) WHERE n.age = 33 RETURN count(*) AS c"), {}, profile=[])
    index = view.base.derived(("sorted values", "age", ValueType.INT), lambda: None)  # built by the first equality
    assert index is not None and list(index[1]) == sorted(index[1])
    assert execute(store, "MATCH (n) WHERE n.age = 1099511627776 RETURN count(*) AS c") == [{"c": 0}]  # past Int32
    assert execute(store, "MATCH (n {name: 'none such'}) RETURN count(*) AS c") == [{"c": 0}]
