"""Runtime errors carry the openCypher TCK's error type (``tck_type``) and detail type (``kind``), and a
query that fails changes nothing."""

from __future__ import annotations

import pytest

from dockyard.graph import GraphStore
from dockyard.graph.query import (
    ArgumentError,
    ConstraintViolation,
    CypherTypeError,
    InvalidMerge,
    InvalidQueryArgument,
    QueryError,
    execute,
)


@pytest.fixture
def store():
    s = GraphStore.in_memory()
    execute(s, "CREATE (:A {num: 1})-[:T {w: 2}]->(:B {num: 2})")
    return s


@pytest.mark.parametrize(
    ("query", "params", "cls", "tck_type", "kind"),
    [
        ("RETURN toInteger([1]) AS x", {}, CypherTypeError, "TypeError", "InvalidArgumentValue"),
        ("MATCH (a:A) RETURN toBoolean(a) AS x", {}, CypherTypeError, "TypeError", "InvalidArgumentValue"),
        ("MATCH (a:A) WITH [a, 1] AS l RETURN labels(l[1]) AS x", {}, CypherTypeError, "TypeError",
         "InvalidArgumentValue"),
        ("RETURN $x[0] AS x", {"x": 100}, CypherTypeError, "TypeError", "InvalidArgumentType"),
        ("RETURN [1, 2][$i] AS x", {"i": "1"}, CypherTypeError, "TypeError", "ListElementAccessByNonInteger"),
        ("RETURN range(1, 5, 0) AS x", {}, ArgumentError, "ArgumentError", "NumberOutOfRange"),
        ("RETURN range(1, $s) AS x", {"s": 2.5}, ArgumentError, "ArgumentError", "InvalidArgumentType"),
        ("UNWIND [1, 2] AS x RETURN percentileCont(x, $p) AS y", {"p": 1.5}, ArgumentError, "ArgumentError",
         "NumberOutOfRange"),
        ("RETURN 1 AS x SKIP $n", {"n": -1}, InvalidQueryArgument, "SyntaxError", "NegativeIntegerArgument"),
        ("RETURN 1 AS x LIMIT $n", {"n": 1.5}, InvalidQueryArgument, "SyntaxError", "InvalidArgumentType"),
        ("MERGE (:A {num: null})", {}, InvalidMerge, "SemanticError", "MergeReadOwnWrites"),
        ("MATCH (a:A) SET a.maps = [{num: 1}]", {}, CypherTypeError, "TypeError", "InvalidPropertyType"),
        ("MATCH (a:A) DELETE a", {}, ConstraintViolation, "ConstraintVerificationFailed", "DeleteConnectedNode"),
    ],
)  # fmt: skip
def test_runtime_errors_name_the_tck_types(store, query, params, cls, tck_type, kind):
    with pytest.raises(cls) as caught:
        execute(store, query, params)
    assert (caught.value.tck_type, caught.value.kind) == (tck_type, kind)


def test_a_failed_write_changes_nothing(store):
    before = execute(store, "MATCH (n) RETURN n.num AS num, labels(n) AS l ORDER BY num")
    with pytest.raises(QueryError):
        execute(store, "MATCH (a:A) SET a.num = 10 CREATE (:C {num: 3}) WITH a RETURN toInteger([a]) AS x")
    assert execute(store, "MATCH (n) RETURN n.num AS num, labels(n) AS l ORDER BY num") == before


def test_plain_query_errors_have_no_kind():
    with pytest.raises(QueryError) as caught:
        execute(GraphStore.in_memory(), "RETURN 1 / 0 AS x")
    assert caught.value.kind is None and caught.value.tck_type is None
