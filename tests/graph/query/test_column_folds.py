"""Regressions of the folds, counts and projections a final RETURN reads from the MATCH's columns
(``vector_aggregates``, ``vector_projection``, ``vector_match``'s counts, ``fast_group``,
``fast_project``): each query answers exactly what the row interpreter answers."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dockyard.graph import ValueType
from dockyard.graph.query import execute, parse, run
from dockyard.graph.query.errors import QueryError
from tests.graph.query.test_vector_match import _vectorised_and_rows
from tests.graph.query.test_vectorised_paths import _load


def _same_answer(store, query: str, params: dict | None = None) -> list[dict]:
    """The rows (repr-equal: 1 is not 1.0, -0.0 is not 0.0) with and without the vectorised code."""
    _, fast, rows = _vectorised_and_rows(store, query, params or {})
    assert repr(fast) == repr(rows), query
    return fast


@pytest.fixture(scope="module")
def ring():
    vertices = [(f"v{i}", ["A"], {"x": (ValueType.INT, i % 3)}) for i in range(6)]
    return _load(vertices, [(f"v{i}", f"v{(i + 1) % 6}", "k", i) for i in range(6)])


@pytest.mark.parametrize("query", [
    "MATCH (a)-[r]->(b) RETURN a.`~id` AS k, sum(b.x) AS s ORDER BY k",
    "MATCH (a)-[r]->(b) RETURN min(a.`~id`) AS lo, max(b.`~id`) AS hi, sum(b.x) AS s",
    "MATCH (a)-[r]->(b) RETURN count(a.`~id`) AS c, count(r.`~id`) AS e, sum(r.w) AS s",
    "MATCH (a)-[r]->(b) RETURN count(a.`~id`) AS c, count(DISTINCT b.`~id`) AS d",
    "MATCH (a)-[r]->(b) RETURN a.`~id` AS k, count(r) AS c ORDER BY k",
    "MATCH (a) RETURN a.`~id` AS k, count(*) AS c ORDER BY k",
    "MATCH (a)-->() RETURN a.`~id` AS k, count(*) AS c ORDER BY k",
    "MATCH (a) RETURN a.`~id` AS k, a.x AS x",
    "MATCH (a)-[r]->(b) RETURN a.`~id` AS a, r.`~id` AS r, b.x AS x",
])
def test_the_id_key_is_the_elements_id_not_a_missing_property(ring, query):
    rows = _same_answer(ring, query)
    assert rows and all(None not in row.values() for row in rows), rows  # every element has an id


def test_summing_the_smallest_long_overflows_as_the_row_interpreter_does():
    smallest = -(2**63)
    store = _load([("v0", ["A"], {"x": (ValueType.LONG, smallest), "g": (ValueType.INT, 1)}),
                   ("v1", ["A"], {"x": (ValueType.LONG, -1), "g": (ValueType.INT, 1)}),
                   ("v2", ["A"], {"x": (ValueType.LONG, 5), "g": (ValueType.INT, 2)})], [])  # fmt: skip
    for query in ("MATCH (a) RETURN sum(a.x) AS s, count(*) AS n",  # -2**63 + 4: no overflow
                  "MATCH (a) WHERE a.x < -2 RETURN sum(a.x) AS s, avg(a.x) AS v, min(a.x) AS m"):  # fmt: skip
        _same_answer(store, query)
    for query in ("MATCH (a) WHERE a.x < 0 RETURN sum(a.x) AS s",
                  "MATCH (a) RETURN a.g AS g, sum(a.x) AS s ORDER BY g"):  # fmt: skip
        with pytest.raises(QueryError, match="long overflow"):
            execute(store, query)
        with pytest.raises(QueryError, match="long overflow"):
            run(store.query_view(), parse(query), {}, profile=[])


_EXTREMES = st.one_of(
    st.tuples(st.just(ValueType.LONG), st.sampled_from([-(2**63), 2**63 - 1, -1, 0, 3, 2**53 + 1])),
    st.tuples(st.just(ValueType.INT), st.integers(-3, 3)),
)


@st.composite
def _extreme_graphs(draw: st.DrawFn) -> tuple[list, list]:
    """Graphs whose integer keys reach both ends of a Long."""
    n = draw(st.integers(1, 6))
    vertices = [(f"v{i}", ["A"], draw(st.dictionaries(st.sampled_from(["x", "y"]), _EXTREMES, max_size=2)))
                for i in range(n)]  # fmt: skip
    edges = draw(st.lists(st.tuples(st.integers(0, n - 1), st.integers(0, n - 1)), max_size=8))
    return vertices, [(f"v{a}", f"v{b}", "k", i) for i, (a, b) in enumerate(edges)]


_QUERIES = [
    "MATCH (a)-[r]->(b) RETURN sum(b.{K}) AS s, avg(b.{K}) AS v, min(a.{K}) AS lo, max(b.{K}) AS hi",
    "MATCH (a)-[r]->(b) RETURN a.{K} AS k, sum(b.{K}) AS s, count(b.x) AS c ORDER BY k",
    "MATCH (a)-[r]->(b) RETURN a.`~id` AS k, sum(b.{K}) AS s, count(a.`~id`) AS c ORDER BY k",
    "MATCH (a) RETURN a.`~id` AS i, a.{K} AS k",
]


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(graph=_extreme_graphs(), template=st.sampled_from(_QUERIES), key=st.sampled_from(["x", "y"]))
def test_generated_folds_over_extreme_longs_and_ids_equal_row_interpreter(graph, template, key):
    store = _load(*graph)
    query = template.replace("{K}", key)
    try:
        expected = run(store.query_view(), parse(query), {}, profile=[])
    except QueryError as err:
        with pytest.raises(type(err)):
            execute(store, query)
        return
    assert repr(_same_answer(store, query)) == repr(expected)
