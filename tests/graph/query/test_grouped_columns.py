"""Groups over the binding columns (``vector_aggregates``: keys ``x``, ``id(x)``, ``x.k``; aggregating
WITHs) and the vectorised MATCH's row order they rely on, compared with the row interpreter as lists:
groups come in the order of their first row, so a WITH ... LIMIT without ORDER BY, a collect after
the groups or a RETURN read in order keep the row interpreter's answer only when the binding rows
come in its order, also for patterns walked from their far end (``vector_order``)."""

from __future__ import annotations

import random
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dockyard.graph import ValueType
from dockyard.graph.query import execute, parse, run
from dockyard.graph.query.errors import QueryError
from dockyard.graph.query.values import Node, Rel
from tests.graph.query.test_vector_match import _numeric_graphs, _vectorised_and_rows
from tests.graph.query.test_vectorised_paths import _WRITES, _graphs, _load

_IN_ORDER = [
    "MATCH (a{L})-[r]->(b) RETURN id(a) AS a, count(*) AS n",
    "MATCH (a{L})-[r]->(b) RETURN a AS a, count(*) AS n",
    "MATCH (a{L})-[r]-(b) RETURN b.x AS k, count(*) AS n, sum(r.w) AS s",
    "MATCH (a{L})<-[r]-(b {`~id`: $id}) RETURN id(a) AS a, count(*) AS n",
    "MATCH (a)<-[:{T}]-(b{L} {x: 1}) RETURN a.y AS k, count(*) AS n, max(b.{K}) AS m",
    "MATCH (a)-[r:k|l]-(b{L}) RETURN id(r) AS r, id(a) AS a",
    "MATCH (a{L})-[r:{T}]->(b), (b)-[s]->(c) RETURN id(c) AS c, count(*) AS n",
    "MATCH (a)-[r]->(b), (c)-[s]->(b) WITH c, count(*) AS n LIMIT 2 RETURN id(c) AS c, n",
    "MATCH (a)-[r]->(b), (c{L})-[s]->(b) RETURN id(s) AS s, count(*) AS n",
    "MATCH (a{L}), (b) WHERE a.x = b.y RETURN id(b) AS b, count(*) AS n",
    "MATCH (a{L}), (b) WHERE a.{K} < b.x RETURN id(b) AS b, count(*) AS n",
    "MATCH (a{L})-[*1..3]-(b) RETURN id(b) AS b, count(*) AS n",
    "MATCH (a)-[r*1..2]->(b{L}) WITH b, count(*) AS n RETURN collect(id(b)) AS bs, collect(n) AS ns",
    "MATCH (a)-[r*0..2]-(b {`~id`: $id})-[s:{T}]->(c) RETURN id(a) AS a, [x IN r | id(x)] AS r, id(c) AS c",
    "MATCH p = (a)-[:{T}]->()-[*..2]-(b{L}) RETURN [n IN nodes(p) | id(n)] AS ns",
    "MATCH (a{L})-[*0..2]->(b) RETURN b.{K} AS b, count(*) AS n",
    "UNWIND [2, 1, 3] AS i MATCH (a{L}) WHERE a.x <> i RETURN a.y AS k, count(*) AS n",
    "UNWIND ['v2', 'v1', $id] AS i MATCH (a)-[r]-(b {`~id`: i}) RETURN id(a) AS a, count(*) AS n",
    "MATCH (a{L}) WITH a ORDER BY a.x DESC MATCH (a)-[r]-(b) RETURN id(b) AS b, count(*) AS n",
    "MATCH (b{L}) WITH b SKIP 1 MATCH (a)-[r]->(b) RETURN id(a) AS a, id(b) AS b",
    "MATCH (a{L})-[r]->(b) WITH a, count(*) AS n LIMIT 2 RETURN id(a) AS a, n",
    "MATCH (a{L})-[r]->(b) WITH a, count(*) AS n MATCH (a)-[s]-(c) RETURN id(a) AS a, n, id(c) AS c, labels(a) AS l",
    "MATCH (a{L})-[r]->(b) WITH a, count(*) AS n WITH * RETURN id(a) AS a, n, a.x AS x",
    "MATCH (a{L})-[r]->(b) WITH a, count(*) + 1 AS n RETURN id(a) AS a, n",
    "MATCH (a{L})-[r]->(b) WITH a, count(DISTINCT b) AS n RETURN id(a) AS a, n",
    "MATCH (a{L})-[r]->(b) WITH a, count(b) AS n SKIP $s LIMIT $l RETURN id(a) AS a, n",
    "MATCH (a{L})-[r]->(b) WITH a AS z, sum(b.{K}) AS n WHERE n > 0 RETURN z.x AS x, n",
    "MATCH (a{L})-[r]->(b) WITH a, count(*) AS n WHERE a.x > 0 RETURN id(a) AS a, n",
    "MATCH (a{L})-[r]->(b) WITH id(a) AS a, avg(b.{K}) AS m, min(b.{K}) AS lo, max(r.w) AS w RETURN a, m, lo, w",
    "OPTIONAL MATCH (z:Nope) MATCH (a{L})-[r]->(b) RETURN id(a) AS a, z, count(*) AS n",
    "MATCH (a{L})-[r]->(b) WITH a, count(*) AS n ORDER BY n DESC LIMIT 3 RETURN id(a) AS a, n",
    "MATCH (a{L})-[r]->(b) WITH a, count(*) AS n WITH a, n MATCH (a) RETURN a.x AS x, n",
    "MATCH (a{L})-[r]->(b) WITH a, count(*) AS n RETURN DISTINCT a AS a",
    "MATCH (a{L})-[r]->(b) WHERE a.{K} >= b.{K} RETURN id(a) AS a, count(*) AS n",
    "MATCH (a{L})-[r]->(b) WHERE b.x = a.y RETURN id(a) AS a, id(b) AS b",
]


def _plain(value: Any) -> Any:
    """Nodes and relationships as what a user reads of them (ColumnNode and Node alike)."""
    if isinstance(value, Node):
        return ("node", value.id, sorted(value.vertex.labels), sorted(value.properties().items(), key=repr))
    if isinstance(value, Rel):
        return ("rel", value.id)
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def _same_list(store, query: str, params: dict) -> int:
    """The same rows in the same order with and without the vectorised code (or the same error); how
    many clauses the vectorised code answered."""
    try:
        used, fast, rows = _vectorised_and_rows(store, query, params)
    except QueryError as err:
        with pytest.raises(type(err)):
            run(store.query_view(), parse(query), params, profile=[])
        return 0
    assert repr(_plain(fast)) == repr(_plain(rows)), query
    return used


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(graph=st.one_of(_graphs(), _numeric_graphs()), template=st.sampled_from(_IN_ORDER),
       label=st.sampled_from(["", ":A", ":B"]), key=st.sampled_from(["x", "y"]), etype=st.sampled_from(["k", "l"]),
       start=st.integers(0, 8), writes=st.lists(st.sampled_from(_WRITES), max_size=2))  # fmt: skip
def test_groups_and_rows_come_in_the_row_interpreters_order(graph, template, label, key, etype, start, writes):
    store = _load(*graph)
    for write in writes:
        execute(store, write)
    query = template.replace("{L}", label).replace("{K}", key).replace("{T}", etype)
    _same_list(store, query, {"id": f"v{start}", "s": 1, "l": 2})


@pytest.fixture(scope="module")
def mixed_graph():
    """Edges between vertices of every index, out of index order, so that a walk from a pattern's far
    end meets its rows in another order than the walk from its first node."""
    pick = random.Random(1)
    vertices = [(f"v{i}", pick.choice([["A"], ["B"], ["A", "B"]]),
                 {"x": (ValueType.INT, pick.randint(0, 3)), "y": (ValueType.INT, pick.randint(0, 3))})
                for i in range(10)]  # fmt: skip
    edges = [(f"v{pick.randrange(10)}", f"v{pick.randrange(10)}", pick.choice("kl"), i) for i in range(30)]
    return _load(vertices, edges)


@pytest.mark.parametrize("query", [
    # the second pattern starts at its bound last node: its rows came grouped by b's in-edges
    "MATCH (a)-[r]->(b), (c)-[s]->(b) WITH c, count(*) AS n LIMIT 2 RETURN id(c) AS c, n",
    # from the labelled end of a variable-length pattern: collect saw the groups in another order
    "MATCH (a)-[r*1..2]->(b:A) WITH b, count(*) AS n RETURN collect(id(b)) AS bs",
    "MATCH (a)<-[:k]-(b:A {x: 1}) WITH a, count(*) AS n LIMIT 2 RETURN id(a) AS a, n",
    "MATCH (a)-[r:l|k]-(b:B) WITH a, r LIMIT 5 RETURN id(a) AS a, id(r) AS r",
    "MATCH p = (a)-[*..3]->(b {`~id`: 'v3'}) WITH p LIMIT 4 RETURN [n IN nodes(p) | id(n)] AS ns",
])  # fmt: skip
def test_patterns_walked_from_their_far_end_keep_the_row_interpreters_order(mixed_graph, query):
    assert _same_list(mixed_graph, query, {}) >= 1


def test_a_with_where_reading_a_variable_the_with_drops_is_the_row_interpreters(mixed_graph):
    # the grouped columns once answered it with "Variable `b` not defined"; the rows read it
    query = "MATCH (a)-[r]->(b) WITH a, count(*) AS n WHERE b.x > 1 RETURN id(a) AS a, n"
    assert _same_list(mixed_graph, query, {}) == 1  # the MATCH over the columns, the WITH on the rows
    assert run(mixed_graph.query_view(), parse(query), {})
