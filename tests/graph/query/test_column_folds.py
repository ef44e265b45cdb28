"""Regressions of the folds, counts and projections a final RETURN reads from the MATCH's columns
(``vector_aggregates``, ``vector_projection``, ``vector_match``'s counts, ``fast_group``,
``fast_project``): each query answers exactly what the row interpreter answers."""

from __future__ import annotations

import pytest

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
