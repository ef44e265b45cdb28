"""openCypher engine: parser (AST, syntax errors with line/column) and the read executor over a GraphStore."""

from __future__ import annotations

import pyarrow as pa
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dockyard.graph import EdgeBatch, GraphStore, PropertyColumn, ValueType, VertexBatch
from dockyard.graph.query import CypherSyntaxError, QueryError, UnsupportedOperation, parse, run
from dockyard.graph.query import ast as A
from dockyard.graph.query.values import to_json


@pytest.fixture(scope="module")
def view():
    store = GraphStore.in_memory()
    with store.begin_load() as loader:
        loader.add_vertices(
            VertexBatch(
                pa.array(["alice", "bob", "carol", "dave", "acme"]),
                pa.array([["Person"], ["Person"], ["Person"], ["Person"], ["Company"]]),
                (
                    PropertyColumn("name", ValueType.STRING, pa.array(["Alice", "Bob", "Carol", "Dave", "Acme"])),
                    PropertyColumn("age", ValueType.INT, pa.array([30, 25, None, 41, None], pa.int32())),
                ),
            )
        )
        loader.add_edges(
            EdgeBatch(
                pa.array(["alice", "bob", "alice", "carol", "dave"]),
                pa.array(["bob", "carol", "carol", "acme", "acme"]),
                pa.array(["KNOWS", "KNOWS", "KNOWS", "WORKS_AT", "WORKS_AT"]),
                (PropertyColumn("since", ValueType.INT, pa.array([2010, 2015, None, 2020, 2021], pa.int32())),),
                ids=pa.array(["e1", "e2", "e3", "e4", "e5"]),
            )
        )
    return store.view()


def q(view, text, **params):
    return [{k: to_json(v) for k, v in row.items()} for row in run(view, text, params)]


# -- parser ------------------------------------------------------------------------------------------
def test_parse_builds_the_ast():
    tree = parse("MATCH (a:Person {name: $n})-[r:KNOWS*1..3]->(b) WHERE a.age > 3 RETURN DISTINCT a.name AS x")
    match, ret = tree.parts[0].clauses
    assert isinstance(match, A.Match) and isinstance(ret, A.Projection)
    path = match.patterns[0]
    assert path.nodes[0].labels == ["Person"] and isinstance(path.nodes[0].props, A.MapExpr)
    rel = path.rels[0]
    assert (rel.var, rel.types, rel.direction, rel.min_hops, rel.max_hops) == ("r", ["KNOWS"], "out", 1, 3)
    assert ret.distinct and ret.items[0].alias == "x"


def test_precedence():
    e = parse("RETURN 1 + 2 * 3 = 7 AND NOT false OR true").parts[0].clauses[0].items[0].expr
    assert isinstance(e, A.Binary) and e.op == "OR"
    assert e.left.op == "AND" and e.left.left.op == "="
    assert e.left.left.left.op == "+" and e.left.left.left.right.op == "*"


def test_a_parenthesised_operand_before_minus_is_no_pattern(view):
    """``(4 ^ 3) - (2 ^ 3)`` is arithmetic: ``(x)-(y)`` is no relationship pattern (one needs ``--``,
    ``-->`` or ``-[``)."""
    rows = q(view, "RETURN (4 ^ 3) - (2 ^ 3) AS a, (5) - (2) AS b, 4 ^ 3 - 2 ^ 3 AS c")
    assert rows == [{"a": 56.0, "b": 3, "c": 56.0}]
    assert q(view, "MATCH (a:Person) WHERE (a)-->(:Company) RETURN count(a) AS c") == [{"c": 2}]


def test_single_is_false_once_two_elements_match_whatever_the_nulls(view):
    def single(items, cond):
        return q(view, f"RETURN single(x IN {items} WHERE {cond}) AS r")[0]["r"]

    assert single("[34, 0, null, 5, 900]", "x < 10") is False  # 0 and 5: two already, null cannot undo it
    assert single("[34, 10, null, 15, 900]", "x < 10") is None  # the null one could be the single match
    assert single("[2, null]", "x = 2") is None and single("[1, 2]", "x = 2") is True


def test_unaliased_column_name_is_the_source_text():
    assert parse("MATCH (a) RETURN count(*), a.name").parts[0].clauses[1].items[0].alias == "count(*)"


@pytest.mark.parametrize(
    ("text", "line", "column"),
    [("MATCH (a RETURN a", 1, 10), ("MATCH (a)\nRETURN a +", 2, 11), ("RETURN 'x", 1, 8)],
)
def test_syntax_errors_have_line_and_column(text, line, column):
    with pytest.raises(CypherSyntaxError) as err:
        parse(text)
    assert (err.value.line, err.value.column) == (line, column)


def test_parses_writes_case_union_and_comprehensions():
    tree = parse(
        "UNWIND [1,2] AS x MERGE (n:A {v: x}) ON CREATE SET n.c = 1 WITH n, x SET n:B DETACH DELETE n "
        "RETURN CASE WHEN x > 1 THEN 'a' ELSE 'b' END AS c, [y IN range(1, 3) WHERE y > 1 | y * 2] AS l "
        "UNION ALL RETURN 1 AS c, 2 AS l"
    )
    assert tree.is_write and tree.union_all == [True]


# -- executor ----------------------------------------------------------------------------------------
def test_label_scan_filter_order(view):
    rows = q(view, "MATCH (p:Person) WHERE p.age > 26 RETURN p.name AS name ORDER BY name DESC")
    assert rows == [{"name": "Dave"}, {"name": "Alice"}]


def test_null_comparisons_are_unknown(view):
    rows = q(view, "MATCH (p:Person) WHERE NOT p.age > 26 RETURN p.name AS n ORDER BY n")
    assert rows == [{"n": "Bob"}]  # carol's null age is neither > 26 nor NOT > 26


def test_id_lookups(view):
    assert q(view, "MATCH (n {`~id`: 'bob'}) RETURN n.name AS n") == [{"n": "Bob"}]
    assert q(view, "MATCH (n) WHERE id(n) = $id RETURN n.name AS n", id="carol") == [{"n": "Carol"}]


def test_expansion_both_directions_and_multihop(view):
    assert q(view, "MATCH (:Person {name: 'Alice'})-[:KNOWS]->(b) RETURN b.name AS n ORDER BY n") == [
        {"n": "Bob"},
        {"n": "Carol"},
    ]
    assert q(view, "MATCH (c {name: 'Carol'})<-[:KNOWS]-(b) RETURN b.name AS n ORDER BY n") == [
        {"n": "Alice"},
        {"n": "Bob"},
    ]
    rows = q(view, "MATCH (a {name: 'Alice'})-[:KNOWS]->()-[:KNOWS]->(c) RETURN c.name AS n")
    assert rows == [{"n": "Carol"}]
    rows = q(view, "MATCH (a {name: 'Alice'})-[:KNOWS*1..2]->(c) RETURN c.name AS n, count(*) AS k ORDER BY n")
    assert rows == [{"n": "Bob", "k": 1}, {"n": "Carol", "k": 2}]
    rows = q(view, "MATCH (c:Company)-[r]-(p) RETURN count(r) AS k")
    assert rows == [{"k": 2}]


def test_optional_match_with_aggregation(view):
    rows = q(
        view,
        "MATCH (p:Person) OPTIONAL MATCH (p)-[:WORKS_AT]->(c) "
        "WITH p, c RETURN p.name AS n, c.name AS c ORDER BY n",
    )
    assert rows == [
        {"n": "Alice", "c": None},
        {"n": "Bob", "c": None},
        {"n": "Carol", "c": "Acme"},
        {"n": "Dave", "c": "Acme"},
    ]
    rows = q(
        view,
        "MATCH (p:Person) RETURN count(*) AS c, sum(p.age) AS s, avg(p.age) AS a, min(p.age) AS lo, "
        "max(p.name) AS hi, collect(p.age) AS ages, count(DISTINCT p.age > 1) AS d",
    )
    assert rows == [{"c": 4, "s": 96, "a": 32.0, "lo": 25, "hi": "Dave", "ages": [30, 25, 41], "d": 1}]


def test_grouping_skip_limit_unwind_distinct(view):
    rows = q(view, "MATCH (a)-[r]->(b) RETURN type(r) AS t, count(*) AS k ORDER BY t")
    assert rows == [{"t": "KNOWS", "k": 3}, {"t": "WORKS_AT", "k": 2}]
    assert q(view, "MATCH (p:Person) RETURN p.name AS n ORDER BY n SKIP 1 LIMIT 2") == [{"n": "Bob"}, {"n": "Carol"}]
    assert q(view, "UNWIND [1, 2, 2, null] AS x RETURN DISTINCT x") == [{"x": 1}, {"x": 2}, {"x": None}]
    assert q(view, "RETURN 1 AS x UNION RETURN 1 AS x") == [{"x": 1}]
    assert q(view, "MATCH (n) RETURN count(*) AS c") == [{"c": 5}]
    assert q(view, "MATCH (n:Nope) RETURN count(*) AS c") == [{"c": 0}]


def test_functions(view):
    row = q(
        view,
        "MATCH (a {name: 'Alice'})-[r:KNOWS]->(b {name: 'Bob'}) RETURN id(a) AS i, labels(a) AS l, type(r) AS t, "
        "properties(r) AS p, keys(a) AS k, size(a.name) AS s, toUpper(a.name) AS u, toLower(a.name) AS lo, "
        "toString(a.age) AS ts, toInteger('42') AS ti, coalesce(a.nope, 'x') AS co, startNode(r).name AS sn, "
        "endNode(r).name AS en",
    )[0]
    assert row == {
        "i": "alice", "l": ["Person"], "t": "KNOWS", "p": {"since": 2010}, "k": sorted(row["k"]), "s": 5,
        "u": "ALICE", "lo": "alice", "ts": "30", "ti": 42, "co": "x", "sn": "Alice", "en": "Bob",
    }  # fmt: skip
    assert set(row["k"]) == {"name", "age"}
    text = "RETURN CASE 2 WHEN 1 THEN 'a' WHEN 2 THEN 'b' END AS c, [x IN [1,2,3] WHERE x > 1 | x * 10] AS l"
    assert q(view, text) == [{"c": "b", "l": [20, 30]}]


def test_pattern_predicates(view):
    rows = q(view, "MATCH (p:Person) WHERE (p)-[:WORKS_AT]->() RETURN p.name AS n ORDER BY n")
    assert rows == [{"n": "Carol"}, {"n": "Dave"}]
    rows = q(view, "MATCH (p:Person) WHERE NOT exists((p)-[:KNOWS]-()) RETURN p.name AS n")
    assert rows == [{"n": "Dave"}]


def test_result_shapes(view):
    row = q(view, "MATCH (a {name: 'Alice'})-[r {since: 2010}]->(b) RETURN a, r")[0]
    assert row["a"] == {"~id": "alice", "~entityType": "node", "~labels": ["Person"],
                        "~properties": {"name": "Alice", "age": 30}}  # fmt: skip
    assert row["r"] == {"~id": "e1", "~entityType": "relationship", "~start": "alice", "~end": "bob",
                        "~type": "KNOWS", "~properties": {"since": 2010}}  # fmt: skip


def test_errors(view):
    with pytest.raises(UnsupportedOperation):
        run(view, "CREATE (n:X)")
    with pytest.raises(QueryError):
        run(view, "RETURN $missing")
    with pytest.raises(QueryError):
        run(view, "RETURN nosuchfn(1)")


_TOKENS = ["MATCH", "RETURN", "WITH", "(", ")", "[", "]", "{", "}", "-", "->", "<-", ":", "a", "b", "1", "'s'",
           ",", "*", "..", "=", "AND", "count", "$p", "UNWIND", "AS", "|", ".", "WHERE", "CASE", "END"]  # fmt: skip


@given(st.lists(st.sampled_from(_TOKENS), max_size=14) | st.text(max_size=40))
@settings(max_examples=300, deadline=None)
def test_parser_never_crashes(pieces):
    text = pieces if isinstance(pieces, str) else " ".join(pieces)
    try:
        parse(text)
    except CypherSyntaxError as err:
        assert err.line >= 1 and err.column >= 1


def test_deep_nesting_is_a_syntax_error_not_a_crash():
    assert isinstance(parse("RETURN " + "[" * 40 + "]" * 40).parts[0].clauses[0].items[0].expr, A.ListExpr)
    with pytest.raises(CypherSyntaxError):
        parse("RETURN " + "[" * 5000 + "]" * 5000)


@pytest.mark.parametrize(
    "text", ["RETURN toUpper(1)", "RETURN substring('abc', 'x')", "RETURN 1 / 0", "RETURN 1 + 'a' - 2"]
)
def test_type_errors_are_query_errors(view, text):
    with pytest.raises(QueryError):
        run(view, text)
