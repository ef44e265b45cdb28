"""Aggregation with implicit grouping keys: an item mixing an aggregate with other terms
(``n.y + count(*)``) groups by each of those terms, as openCypher 9 (Neptune's front end) does."""

from __future__ import annotations

from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dockyard.graph import GraphStore
from dockyard.graph.query import ast as A
from dockyard.graph.query import execute
from dockyard.graph.query.grouping_keys import GroupingKeys
from dockyard.graph.query.parser import parse

PAIRS = [(1, 10), (1, 20), (2, 10), (2, 10), (2, 30)]


@pytest.fixture(scope="module")
def store():
    s = GraphStore.in_memory()
    execute(s, "UNWIND $pairs AS p CREATE (:N {x: p[0], y: p[1]})", {"pairs": [list(p) for p in PAIRS]})
    return s


def bag(rows):
    return Counter(repr(sorted(r.items())) for r in rows)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # n.y varies within each n.x: the value per (n.x, n.y) group, never the first row's n.y
        ("MATCH (n:N) RETURN n.x AS x, n.y + count(*) AS c",
         [{"x": 1, "c": 11}, {"x": 1, "c": 21}, {"x": 2, "c": 12}, {"x": 2, "c": 31}]),
        ("MATCH (n:N) RETURN n.y + count(*) AS c", [{"c": 13}, {"c": 21}, {"c": 31}]),
        ("MATCH (n:N) WITH n.x AS x, n.y * 100 + count(*) AS c RETURN x, c",
         [{"x": 1, "c": 1001}, {"x": 1, "c": 2001}, {"x": 2, "c": 1002}, {"x": 2, "c": 3001}]),
        ("MATCH (n:N) RETURN n.x AS x, CASE WHEN n.y > 15 THEN count(*) ELSE -count(*) END AS c",
         [{"x": 1, "c": -1}, {"x": 1, "c": 1}, {"x": 2, "c": -2}, {"x": 2, "c": 1}]),
        # the comprehension's variable is no key, its outer term is: one group per n.x
        ("MATCH (n:N) RETURN [v IN collect(n.y) WHERE v > n.x * 10] AS c", [{"c": [20]}, {"c": [30]}]),
        ("MATCH (n:N) RETURN reduce(a = 0, v IN collect(n.y) | a + v * n.x) AS c", [{"c": 30}, {"c": 100}]),
        # constants are no keys: one row, over nothing too
        ("MATCH (n:N) RETURN count(*) + 1 AS c", [{"c": 6}]),
        ("MATCH (n:N) WHERE n.x > 5 RETURN count(*) + 1 AS c", [{"c": 1}]),
        # a key over no rows: no groups, no rows
        ("MATCH (n:N) WHERE n.x > 5 RETURN n.y + count(*) AS c", []),
    ],
)  # fmt: skip
def test_implicit_grouping_keys(store, query, expected):
    assert bag(execute(store, query)) == bag(expected)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 3), st.none() | st.integers(-2, 2)), max_size=12))
def test_mixed_items_match_a_plain_group_by(pairs):
    """``x, y * 10 + count(*)`` answers, per distinct (x, y), y * 10 + the pair's count (null y: null)."""
    counts = Counter(pairs)
    expected = [{"x": x, "c": None if y is None else y * 10 + n} for (x, y), n in counts.items()]
    query = "UNWIND $pairs AS p WITH p[0] AS x, p[1] AS y RETURN x, y * 10 + count(*) AS c"
    got = execute(GraphStore.in_memory(), query, {"pairs": [list(p) for p in pairs]})
    assert bag(got) == bag(expected)


def test_split_item_shares_equal_keys_and_skips_constants():
    ret = parse("MATCH (n) RETURN n.a + count(*) + n.a + $p AS c").parts[0].clauses[-1]
    keys = GroupingKeys()
    rewritten = keys.split_item(ret.items[0].expr)  # ((n.a + count(*)) + n.a) + $p
    assert [expr for _, expr in keys.keys] == [A.Prop(A.Var("n"), "a")]
    column = A.Var(keys.keys[0][0])
    assert rewritten.left.right == column and rewritten.left.left.left == column
    assert rewritten.right == A.Param("p") and rewritten.left.left.right == A.Call("count", [], star=True)


def test_nan_is_one_grouping_key_and_one_distinct_value():
    """openCypher's equivalence (grouping, DISTINCT) holds NaN equivalent to NaN: one group, one value,
    as the vectorised grouped count makes it."""
    store = GraphStore.in_memory()
    rows = execute(store, "UNWIND [0.0 / 0.0, 0.0 / 0.0, 1.0] AS x RETURN x, count(*) AS c ORDER BY c")
    assert [r["c"] for r in rows] == [1, 2] and rows[1]["x"] != rows[1]["x"]
    assert len(execute(store, "UNWIND [0.0 / 0.0, 0.0 / 0.0] AS x RETURN DISTINCT x")) == 1
