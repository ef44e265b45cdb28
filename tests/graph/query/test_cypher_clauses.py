"""openCypher clauses and pattern constructs over the engine: shortestPath (refused, as Neptune does),
CALL { } subqueries, EXISTS { } subqueries, query hints (USING), pattern comprehensions, size() of a
pattern, map projections and reduce()."""

from __future__ import annotations

import pyarrow as pa
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dockyard.graph import EdgeBatch, GraphStore, PropertyColumn, ValueType, VertexBatch
from dockyard.graph.query import CypherSyntaxError, QueryError, UnsupportedOperation, execute, parse, run
from dockyard.graph.query import ast as A
from dockyard.graph.query.values import to_json

PEOPLE = ["alice", "bob", "carol", "dave"]
CITIES = ["paris", "lyon", "nice", "rome"]


@pytest.fixture(scope="module")
def view():
    """alice KNOWS bob, carol; bob KNOWS carol; carol KNOWS dave. Cities with populations; each person
    LIVED_IN some of them."""
    store = GraphStore.in_memory()
    with store.begin_load() as loader:
        loader.add_vertices(
            VertexBatch(
                pa.array(PEOPLE + CITIES),
                pa.array([["Person"]] * 4 + [["City"]] * 4),
                (
                    PropertyColumn("name", ValueType.STRING,
                                   pa.array(["Alice", "Bob", "Carol", "Dave", "Paris", "Lyon", "Nice", "Rome"])),
                    PropertyColumn("age", ValueType.INT, pa.array([30, 25, None, 41] + [None] * 4, pa.int32())),
                    PropertyColumn("population", ValueType.LONG,
                                   pa.array([None] * 4 + [2_100_000, 520_000, 340_000, 2_800_000], pa.int64())),
                ),
            )
        )  # fmt: skip
        knows = [("alice", "bob"), ("alice", "carol"), ("bob", "carol"), ("carol", "dave")]
        lived = [("bob", "paris"), ("bob", "lyon"), ("bob", "nice"), ("carol", "rome"), ("carol", "nice"),
                 ("dave", "lyon")]  # fmt: skip
        edges = [(a, b, "KNOWS") for a, b in knows] + [(a, b, "LIVED_IN") for a, b in lived]
        loader.add_edges(
            EdgeBatch(
                pa.array([e[0] for e in edges]), pa.array([e[1] for e in edges]), pa.array([e[2] for e in edges]),
                (), ids=pa.array([f"e{i}" for i in range(len(edges))]),
            )
        )  # fmt: skip
    return store.view()


def q(view, text, **params):
    return [{k: to_json(v) for k, v in row.items()} for row in run(view, text, params)]


# -- shortestPath / allShortestPaths: Neptune does not support them ------------------------------------
@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("MATCH p = shortestPath((a:Person {name: 'Alice'})-[:KNOWS*]->(d {name: 'Dave'})) RETURN p", "shortestPath"),
        ("MATCH p = allShortestPaths((a)-[*..4]-(d)) RETURN length(p)", "allShortestPaths"),
        ("MATCH (a), (d) WITH a, d LIMIT 1 RETURN SHORTESTPATH((a)-[*]-(d)) AS p", "shortestPath"),
    ],
)
def test_shortest_paths_parse_and_are_refused_as_neptune_does(view, text, name):
    tree = parse(text)
    assert tree.unsupported == f"{name}() is not supported in this release"
    with pytest.raises(UnsupportedOperation, match=rf"{name}\(\) is not supported"):
        run(view, text)


def test_shortest_path_pattern_is_kept_in_the_ast():
    match = parse("MATCH p = shortestPath((a)-[r:KNOWS*..3]->(b)) RETURN p").parts[0].clauses[0]
    path = match.patterns[0]
    assert (path.var, path.shortest, path.rels[0].types, path.rels[0].max_hops) == ("p", "shortestPath", ["KNOWS"], 3)


def test_shortest_path_syntax_errors_come_first():
    with pytest.raises(CypherSyntaxError) as err:
        parse("MATCH p = shortestPath((a)-[*]-(b) RETURN p")
    assert (err.value.line, err.value.column) == (1, 36)
    with pytest.raises(CypherSyntaxError, match="single relationship"):
        parse("MATCH p = shortestPath((a)-->(b)-->(c)) RETURN p")


# -- CALL { } subqueries -------------------------------------------------------------------------------
def test_call_subquery_neptune_example_runs_per_row(view):
    """The extensions page's example: ORDER BY and LIMIT inside are local to each friend."""
    rows = q(view, """
        MATCH (person:Person)-[:KNOWS]->(friend)
        CALL {
          WITH friend
          MATCH (friend)-[:LIVED_IN]->(city)
          RETURN city
          ORDER BY city.population DESC
          LIMIT 2
        }
        RETURN person.name AS person, friend.name AS friend, city.name AS city""")
    got = sorted((r["person"], r["friend"], r["city"]) for r in rows)
    assert got == sorted([
        ("Alice", "Bob", "Paris"), ("Alice", "Bob", "Lyon"),
        ("Alice", "Carol", "Rome"), ("Alice", "Carol", "Nice"),
        ("Bob", "Carol", "Rome"), ("Bob", "Carol", "Nice"),
        ("Carol", "Dave", "Lyon"),
    ])  # fmt: skip


def test_call_subquery_aggregates_per_row_and_drops_rows_without_results(view):
    rows = q(view, """
        MATCH (p:Person)
        CALL { WITH p MATCH (p)-[:KNOWS]->(f) RETURN count(f) AS friends }
        RETURN p.name AS name, friends ORDER BY name""")
    assert rows == [{"name": "Alice", "friends": 2}, {"name": "Bob", "friends": 1},
                    {"name": "Carol", "friends": 1}, {"name": "Dave", "friends": 0}]  # fmt: skip
    rows = q(view, "MATCH (p:Person) CALL { WITH p MATCH (p)-[:LIVED_IN]->(c) RETURN c } RETURN DISTINCT p.name AS n")
    assert sorted(r["n"] for r in rows) == ["Bob", "Carol", "Dave"]


def test_call_subquery_without_imports_and_with_an_ordinary_leading_with(view):
    rows = q(view, "UNWIND [1, 2, 3] AS x CALL { RETURN 'hello' AS s } RETURN x, s")
    assert rows == [{"x": 1, "s": "hello"}, {"x": 2, "s": "hello"}, {"x": 3, "s": "hello"}]
    assert q(view, "UNWIND [1, 2] AS x CALL { WITH 10 AS y RETURN y } RETURN x + y AS z") == [{"z": 11}, {"z": 12}]
    assert q(view, "UNWIND [1, 2] AS x CALL { WITH * RETURN x * 10 AS y } RETURN y") == [{"y": 10}, {"y": 20}]


def test_call_subquery_random_functions_run_per_row(view):
    rows = q(view, "UNWIND range(1, 20) AS i CALL { RETURN rand() AS r } RETURN count(DISTINCT r) AS n")
    assert rows[0]["n"] > 1


def test_call_subquery_with_union_and_nesting(view):
    rows = q(view, """
        MATCH (p:Person {name: 'Bob'})
        CALL {
          WITH p MATCH (p)-[:KNOWS]->(x) RETURN x.name AS n
          UNION
          WITH p MATCH (p)-[:LIVED_IN]->(x) RETURN x.name AS n
        }
        RETURN n""")
    assert sorted(r["n"] for r in rows) == ["Carol", "Lyon", "Nice", "Paris"]
    rows = q(view, """
        MATCH (p:Person {name: 'Alice'})
        CALL {
          WITH p MATCH (p)-[:KNOWS]->(f)
          CALL { WITH f MATCH (f)-[:LIVED_IN]->(c) RETURN count(c) AS cities }
          RETURN sum(cities) AS total
        }
        RETURN total""")
    assert rows == [{"total": 5}]


def test_call_subquery_rules(view):
    with pytest.raises(CypherSyntaxError, match="Aliasing or expressions are not supported") as err:
        parse("MATCH (p) CALL {\n  WITH p AS q RETURN q } RETURN q")
    assert (err.value.line, err.value.column) == (2, 3)
    with pytest.raises(CypherSyntaxError, match="WHERE is not allowed"):
        parse("MATCH (p) CALL { WITH p WHERE p.age > 3 RETURN p.age AS a } RETURN a")
    with pytest.raises(CypherSyntaxError, match="DISTINCT is not allowed"):
        parse("MATCH (p) CALL { WITH DISTINCT p RETURN p.age AS a } RETURN a")
    with pytest.raises(CypherSyntaxError, match="must conclude with a RETURN"):
        parse("MATCH (p) CALL { WITH p MATCH (p)-->(x) } RETURN p")
    with pytest.raises(UnsupportedOperation, match="not supported in call subquery"):
        run(view, "MATCH (p) CALL { WITH p SET p.x = 1 RETURN p.x AS x } RETURN x")
    with pytest.raises(QueryError, match="`p` already declared in outer scope"):
        run(view, "MATCH (p:Person) CALL { MATCH (p:City) RETURN p } RETURN p")
    with pytest.raises(QueryError, match="Variable `p` not defined"):
        run(view, "MATCH (p:Person) CALL { RETURN p.name AS n } RETURN n")  # p is not imported


def test_call_subquery_parses_to_its_own_clause():
    clause = parse("MATCH (a) CALL { WITH a MATCH (a)-->(b) RETURN b } RETURN b").parts[0].clauses[1]
    assert isinstance(clause, A.CallSubquery) and clause.imports == [["a"]]
    assert [type(c).__name__ for c in clause.query.parts[0].clauses] == ["Match", "Projection"]


# -- EXISTS { } subqueries -----------------------------------------------------------------------------
def test_exists_subquery_forms(view):
    simple = q(view, "MATCH (p:Person) WHERE EXISTS { (p)-[:LIVED_IN]->(c) WHERE c.population > 1000000 } "
                     "RETURN p.name AS n ORDER BY n")  # fmt: skip
    assert simple == [{"n": "Bob"}, {"n": "Carol"}]
    with_match = q(view, "MATCH (p:Person) WHERE NOT EXISTS { MATCH (p)-[:KNOWS]->() } RETURN p.name AS n")
    assert with_match == [{"n": "Dave"}]
    full = q(view, """
        MATCH (p:Person)
        WHERE EXISTS {
          MATCH (p)-[:LIVED_IN]->(c)
          WITH count(c) AS cities WHERE cities > 1
          RETURN cities
        }
        RETURN p.name AS n ORDER BY n""")
    assert full == [{"n": "Bob"}, {"n": "Carol"}]
    nested = q(view, "MATCH (p:Person) WHERE EXISTS { MATCH (p)-[:KNOWS]->(f) WHERE EXISTS { (f)-[:LIVED_IN]->() } } "
                     "RETURN p.name AS n ORDER BY n")  # fmt: skip
    assert nested == [{"n": "Alice"}, {"n": "Bob"}, {"n": "Carol"}]
    assert q(view, "MATCH (p:Person {name: 'Dave'}) RETURN EXISTS { (p)-->(:City) } AS lived") == [{"lived": True}]
    rows = q(view, "MATCH (p:Person) WHERE EXISTS { OPTIONAL MATCH (p)-[:NOPE]->() } RETURN count(*) AS c")
    assert rows == [{"c": 4}]  # an OPTIONAL MATCH always yields a row
    simple = parse("MATCH (p) WHERE EXISTS { MATCH (p)-->() WHERE p.x > 1 } RETURN p").parts[0].clauses[0].where
    assert [type(c).__name__ for c in simple.query.parts[0].clauses] == ["Match"]


# -- query hints -------------------------------------------------------------------------------------
def test_neptune_query_hints_are_accepted_and_leave_results_alone(view):
    plain = q(view, "MATCH (p:Person) RETURN p.name AS n ORDER BY n")
    for hint in ('USING QUERY:PLANCACHE "enabled"', 'using query:plancache "Disabled"',
                 "USING QUERY:TIMEOUTMILLISECONDS 60000", 'USING QUERY:assumeConsistentDataTypes "true"',
                 "USING QUERY:ASSUMECONSISTENTDATATYPES false"):  # fmt: skip
        assert q(view, f"{hint} MATCH (p:Person) RETURN p.name AS n ORDER BY n") == plain
    tree = parse('USING QUERY:PLANCACHE "enabled"\nUSING QUERY:TIMEOUTMILLISECONDS 100 RETURN 1 AS x')
    assert [(h.scope, h.name, h.value) for h in tree.hints] == [
        ("QUERY", "PLANCACHE", "enabled"), ("QUERY", "TIMEOUTMILLISECONDS", 100)
    ]  # fmt: skip


def test_timeout_hint_shortens_the_deadline(view):
    slow = "UNWIND range(1, 300000) AS x UNWIND [1, 2] AS y RETURN count(*) AS c"
    with pytest.raises(TimeoutError):
        run(view, f"USING QUERY:TIMEOUTMILLISECONDS 1 {slow}")
    assert run(view, "USING QUERY:TIMEOUTMILLISECONDS 60000 UNWIND range(1, 3) AS x RETURN sum(x) AS s") == [{"s": 6}]


def test_bad_hints(view):
    with pytest.raises(CypherSyntaxError, match="expected a non-negative long") as err:
        parse("USING QUERY:TIMEOUTMILLISECONDS -5 RETURN 1")
    assert err.value.column == 33
    with pytest.raises(CypherSyntaxError, match='"enabled" or "disabled"'):
        parse('USING QUERY:PLANCACHE "sometimes" RETURN 1')
    with pytest.raises(CypherSyntaxError, match="expected a query hint value"):
        parse("USING QUERY:PLANCACHE RETURN 1")
    with pytest.raises(UnsupportedOperation, match="Query hint QUERY:noSuchHint is not supported"):
        run(view, "USING QUERY:noSuchHint 1 RETURN 1 AS x")


def test_planner_hints_parse_and_change_nothing(view):
    for hint in ("USING INDEX p:Person(name)", "USING INDEX SEEK p:Person(name, age)", "USING SCAN p:Person",
                 "USING JOIN ON p"):  # fmt: skip
        assert q(view, f"MATCH (p:Person) {hint} WHERE p.name = 'Bob' RETURN p.age AS a") == [{"a": 25}]
    with pytest.raises(CypherSyntaxError):
        parse("MATCH (p:Person) USING INDEX p:Person RETURN p")


# -- pattern comprehensions, size() of a pattern, map projections, reduce ------------------------------------
def test_pattern_comprehension(view):
    rows = q(view, "MATCH (a:Person {name: 'Alice'}) RETURN [(a)-[:KNOWS]->(b) | b.name] AS names")
    assert sorted(rows[0]["names"]) == ["Bob", "Carol"]
    rows = q(view, "MATCH (a:Person {name: 'Alice'}) RETURN [(a)-[:KNOWS]->(b) WHERE b.age > 20 | b.age] AS ages")
    assert rows == [{"ages": [25]}]
    rows = q(view, "MATCH (a:Person {name: 'Alice'}) RETURN [p = (a)-[:KNOWS*2]->() | length(p)] AS lengths")
    assert rows == [{"lengths": [2, 2]}]
    rows = q(view, "MATCH (c:City) RETURN c.name AS c, size([(c)<-[:LIVED_IN]-(p) | p]) AS n ORDER BY n DESC, c")
    assert rows[0] == {"c": "Lyon", "n": 2}
    listed = parse("MATCH (a), (b) RETURN [(a)-->(b), 1] AS l").parts[0].clauses[1].items[0].expr
    assert isinstance(listed, A.ListExpr) and isinstance(listed.items[0], A.PatternExpr)  # not a comprehension


def test_size_of_a_pattern(view):
    rows = q(view, "MATCH (p:Person) RETURN p.name AS n, size((p)-[:LIVED_IN]->()) AS cities ORDER BY n")
    assert [r["cities"] for r in rows] == [0, 3, 2, 1]


def test_map_projection(view):
    rows = q(view, "MATCH (p:Person {name: 'Bob'}) RETURN p {.name, .age, .missing, friends: size((p)-->(:Person))}"
                   " AS m")  # fmt: skip
    assert rows == [{"m": {"name": "Bob", "age": 25, "missing": None, "friends": 1}}]
    rows = q(view, "MATCH (p:Person {name: 'Bob'}) WITH p, 7 AS lucky RETURN p {.*, lucky, age: p.age + 1} AS m")
    assert rows == [{"m": {"name": "Bob", "age": 26, "lucky": 7}}]
    assert q(view, "WITH {a: 1, b: 2} AS m RETURN m {.a, c: 3} AS x") == [{"x": {"a": 1, "c": 3}}]
    assert q(view, "OPTIONAL MATCH (n:Nothing) RETURN n {.name} AS x") == [{"x": None}]


def test_reduce_as_neptune_runs_it(view):
    assert q(view, "RETURN reduce(sum = 0, n IN [1, 2, 3] | sum + n) AS s") == [{"s": 6}]
    assert q(view, "RETURN reduce(p = 1.5, n IN [2, 4] | p * n) AS s") == [{"s": 12.0}]
    assert q(view, "RETURN reduce(s = '', w IN ['a', 'b'] | s + w) AS s") == [{"s": "ab"}]
    assert q(view, "RETURN reduce(l = [], x IN [1, 2] | l + [x, x]) AS s") == [{"s": [1, 1, 2, 2]}]
    rows = q(view, "MATCH (p:Person) RETURN reduce(t = 0, a IN collect(p.age) | t + a) AS total")
    assert rows == [{"total": 96}]
    with pytest.raises(UnsupportedOperation, match="reduce only supported with add or multiply expressions"):
        run(view, "RETURN reduce(acc = 0, x IN [1, 2] | x - acc) AS s")
    with pytest.raises(QueryError, match="long overflow"):
        run(view, "RETURN reduce(p = 1, x IN range(1, 30) | p * 100000) AS s")


# -- WITH / RETURN scoping: WHERE and ORDER BY over a projection ------------------------------------------
def test_with_where_sees_variables_before_the_projection(view):
    rows = q(view, "MATCH (p:Person) WITH p.name AS name WHERE p.age > 26 RETURN name ORDER BY name")
    assert rows == [{"name": "Alice"}, {"name": "Dave"}]
    rows = q(view, "MATCH (p:Person)-[:LIVED_IN]->(c) WITH DISTINCT p.name AS name WHERE p.name <> 'Bob' RETURN name")
    assert sorted(r["name"] for r in rows) == ["Carol", "Dave"]


def test_order_by_an_aggregate(view):
    rows = q(view, "MATCH (p:Person)-[:LIVED_IN]->(c) RETURN p.name AS n, max(c.population) ORDER BY max(c.population)")
    assert [r["n"] for r in rows] == ["Dave", "Bob", "Carol"]
    rows = q(view, "MATCH (p:Person)-[:LIVED_IN]->(c) RETURN p.name AS n, count(c) AS k ORDER BY count(c) DESC LIMIT 1")
    assert rows == [{"n": "Bob", "k": 3}]


def test_repeated_relationship_type_matches_once(view):
    assert q(view, "MATCH (:Person {name: 'Carol'})-[:KNOWS|:KNOWS]->(f) RETURN f.name AS n") == [{"n": "Dave"}]


# -- CALL procedure: YIELD ... AS, YIELD *, YIELD ... WHERE, implicit arguments, void procedures -----------
def _degree(view, node, config=None):
    direction = (config or {}).get("traversalDirection", "outbound")
    edges = view.out_edges(node.id, None) if direction == "outbound" else view.in_edges(node.id, None)
    yield {"node": node, "degree": len(list(edges))}


def _touch(view, *args):
    return iter(())


_touch.void = True  # type: ignore[attr-defined]
PROCS = {"test.degree": _degree, "test.touch": _touch}


def test_procedure_yield_forms(view):
    def call(text, **params):
        return [{k: to_json(v) for k, v in row.items()} for row in run(view, text, params, procedures=PROCS)]

    rows = call("MATCH (n:Person) CALL test.degree(n) YIELD degree AS d RETURN n.name AS n, d ORDER BY n")
    assert [r["d"] for r in rows] == [2, 4, 3, 1]
    rows = call("MATCH (n:Person) CALL test.degree(n) YIELD degree AS d WHERE d > 2 RETURN n.name AS n ORDER BY n")
    assert rows == [{"n": "Bob"}, {"n": "Carol"}]
    nice = run(view, "MATCH (n:City {name: 'Nice'}) RETURN n")[0]["n"]
    rows = call("CALL test.degree($n, {traversalDirection: 'inbound'}) YIELD *", n=nice)
    assert [r["degree"] for r in rows] == [2]
    with pytest.raises(CypherSyntaxError, match="YIELD \\* is only allowed in a standalone"):  # openCypher's grammar
        call("MATCH (n:City {name: 'Nice'}) CALL test.degree(n) YIELD * RETURN degree")
    assert call("MATCH (n:Person) CALL test.touch() RETURN count(*) AS c") == [{"c": 4}]
    assert call("CALL test.touch()") == []
    rows = call("CALL test.degree", node=run(view, "MATCH (n {name: 'Dave'}) RETURN n")[0]["n"], config=None)
    assert rows[0]["degree"] == 1
    with pytest.raises(QueryError, match="Expected parameter"):
        call("CALL test.degree")
    clause = parse("CALL a.b(1) YIELD x AS y, z WHERE y > 1").parts[0].clauses[0]
    assert (clause.yields, clause.aliases, clause.implicit_args) == (["x", "z"], {"x": "y"}, False)


def test_star_one_to_one_binds_a_list(view):
    rows = q(view, "MATCH (:Person {name: 'Carol'})-[r:KNOWS*1..1]->(b) RETURN size(r) AS n, b.name AS b")
    assert rows == [{"n": 1, "b": "Dave"}]
    assert q(view, "MATCH (:Person {name: 'Carol'})-[r:KNOWS]->(b) RETURN r.since AS s") == [{"s": None}]


# -- properties over random graphs: comprehensions, subqueries and EXISTS agree with plain MATCH ------------
@settings(max_examples=30, deadline=None)
@given(
    st.integers(min_value=1, max_value=6).flatmap(
        lambda n: st.tuples(st.just(n), st.lists(st.tuples(st.integers(0, n - 1), st.integers(0, n - 1)), max_size=12))
    )
)
def test_subqueries_and_comprehensions_agree_with_match(graph):
    n, edges = graph
    store = GraphStore.in_memory()
    nodes = ", ".join(f"(n{i}:N {{i: {i}}})" for i in range(n))
    rels = "".join(f", (n{a})-[:E]->(n{b})" for a, b in edges)
    execute(store, f"CREATE {nodes}{rels}")

    def rows(text):
        return sorted(tuple(r.values()) for r in execute(store, text))

    degrees = rows("MATCH (a:N) OPTIONAL MATCH (a)-[:E]->(b) RETURN a.i AS i, count(b) AS k")
    assert rows("MATCH (a:N) RETURN a.i AS i, size([(a)-[:E]->(b) | b]) AS k") == degrees
    assert rows("MATCH (a:N) RETURN a.i AS i, size((a)-[:E]->()) AS k") == degrees
    assert rows("MATCH (a:N) CALL { WITH a MATCH (a)-[:E]->(b) RETURN count(b) AS k } RETURN a.i AS i, k") == degrees
    assert rows("MATCH (a:N) WHERE EXISTS { (a)-[:E]->() } RETURN a.i AS i") == [(i,) for i, k in degrees if k]
    assert rows("MATCH (a:N) RETURN a.i AS i, reduce(s = 0, b IN [(a)-[:E]->(b) | b.i] | s + b) AS t") == rows(
        "MATCH (a:N) OPTIONAL MATCH (a)-[:E]->(b) RETURN a.i AS i, coalesce(sum(b.i), 0) AS t"
    )


# -- other clauses Neptune parses and refuses ---------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("MANDATORY MATCH (n) RETURN n", "MANDATORY MATCH is not supported"),
        ("MATCH (n) FOREACH (x IN [1, 2] | SET n.x = x)", "FOREACH is not supported in this release"),
        ("MATCH (n) RETURN n LIMIT toInteger(rand() * 9)", "RETURN with a non-static value for LIMIT"),
        ("MATCH (n) WITH n SKIP toInteger(rand() * 9) RETURN count(*) AS c", "WITH with a non-static value for SKIP"),
        ("MATCH (a)-[:KNOWS*1..2 {since: a.age}]->(b) RETURN b",
         "Property predicate over variable-length relationships with non-constant expression"),
    ],
)
def test_clauses_neptune_refuses(view, text, message):
    assert message in parse(text).unsupported
    with pytest.raises(UnsupportedOperation, match=message.split(" (")[0].replace("(", r"\(")):
        run(view, text)


def test_static_skip_limit_and_constant_vlp_properties_run(view):
    assert q(view, "MATCH (p:Person) RETURN p.name AS n ORDER BY n SKIP 1 + 1 LIMIT $l", l=1) == [{"n": "Carol"}]
    rows = q(view, "MATCH (:Person {name: 'Alice'})-[:KNOWS*1..2 {since: $y}]->(b) RETURN count(*) AS c", y=2010)
    assert rows == [{"c": 0}]  # a parameter is a constant (the edges here have no since)
    with pytest.raises(CypherSyntaxError):
        parse("MATCH (n) FOREACH (x IN [1] | SET n.x = x")
