"""The semantic pass (``dockyard.graph.query.semantics``), run by ``parse`` after the grammar: what it
refuses (the openCypher TCK's detail type, at the offending node's line and column) and, as
important, what it must let through (queries openCypher 9 — Neptune's front end — accepts)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dockyard.graph import GraphStore
from dockyard.graph.query import CypherSyntaxError, QueryError, execute, parse
from dockyard.graph.query import ast as A
from dockyard.graph.query.errors import SemanticError
from dockyard.graph.query.parser import parse_cached
from dockyard.graph.query.semantics import ProcedureSignature, analyse

REFUSED = [
    # scopes
    ("MATCH (a) RETURN b", "UndefinedVariable", 1, 18),
    ("MATCH (a)\nWITH a.name AS n\nRETURN a", "UndefinedVariable", 3, 8),
    ("MATCH (s) WHERE s.name = nope RETURN s", "UndefinedVariable", 1, 26),
    ("CREATE (b {name: missing}) RETURN b", "UndefinedVariable", 1, 18),
    ("MERGE (n:A) ON CREATE SET x.num = 1", "UndefinedVariable", 1, 27),
    ("MATCH (a) DELETE x", "UndefinedVariable", 1, 18),
    ("MATCH (n) WHERE (n)-->(m) RETURN n", "UndefinedVariable", 1, 17),
    ("RETURN {k1: k2} AS literal", "UndefinedVariable", 1, 13),
    ("MATCH (a) RETURN DISTINCT a.name ORDER BY a.age", "UndefinedVariable", 1, 43),
    ("MATCH (a) RETURN count(a) AS c ORDER BY a.age", "UndefinedVariable", 1, 41),
    ("MATCH (a), (c) WITH a WITH a ORDER BY c RETURN a", "UndefinedVariable", 1, 39),
    ("MATCH (a) CREATE (a)", "VariableAlreadyBound", 1, 18),
    ("MATCH (a) CREATE (a {name: 'x'})-[:T]->()", "VariableAlreadyBound", 1, 18),
    ("CREATE (n:Foo) CREATE (n:Bar)-[:OWNS]->(:Dog)", "VariableAlreadyBound", 1, 23),
    ("MATCH ()-[r]->() CREATE ()-[r]->()", "VariableAlreadyBound", 1, 27),
    ("MATCH (a)-[r]->(b) MERGE (a)-[r]->(b)", "VariableAlreadyBound", 1, 29),
    ("MATCH (p) MATCH p = ()-->() RETURN p", "VariableAlreadyBound", 1, 21),
    ("WITH 1 AS x UNWIND [1] AS x RETURN x", "VariableAlreadyBound", 1, 13),
    ("MATCH ()-[r]-() MATCH (r) RETURN r", "VariableTypeConflict", 1, 23),
    ("MATCH (r) MATCH ()-[r]-() RETURN r", "VariableTypeConflict", 1, 19),
    ("MATCH r = ()-->(), (r) RETURN r", "VariableTypeConflict", 1, 20),
    ("WITH 123 AS n MATCH (n) RETURN n", "VariableTypeConflict", 1, 21),
    ("MATCH (n) WITH [n] AS users MATCH (users)-->(m) RETURN m", "VariableTypeConflict", 1, 35),
    ("MATCH (a)-[r]->()-[r]->(a) RETURN r", "RelationshipUniquenessViolation", 1, 18),
    ("MATCH () RETURN *", "NoVariablesInScope", 1, 10),
    ("RETURN 1 AS a, 2 AS a", "ColumnNameConflict", 1, 16),
    ("MATCH (a) WITH a, count(*) RETURN a", "NoExpressionAlias", 1, 19),
    ("RETURN 1 AS a UNION RETURN 2 AS b", "DifferentColumnsInUnion", 1, 21),
    ("RETURN 1 AS a UNION RETURN 2 AS a UNION ALL RETURN 3 AS a", "InvalidClauseComposition", 1, 45),
    # aggregation
    ("MATCH (a) WHERE count(a) > 10 RETURN a", "InvalidAggregation", 1, 17),
    ("MATCH (n) RETURN n.num1 ORDER BY max(n.num2)", "InvalidAggregation", 1, 34),
    ("MATCH (n) RETURN [x IN [1, 2] | count(*)]", "InvalidAggregation", 1, 33),
    ("MATCH (x) SET x.a = count(*)", "InvalidAggregation", 1, 21),
    ("RETURN count(count(*))", "NestedAggregation", 1, 14),
    ("RETURN count(rand())", "NonConstantExpression", 1, 14),
    # SKIP / LIMIT
    ("MATCH (n) RETURN n SKIP n.count", "NonConstantExpression", 1, 25),
    ("MATCH (n) RETURN n LIMIT -1", "NegativeIntegerArgument", 1, 26),
    ("MATCH (n) RETURN n LIMIT 1.5", "InvalidArgumentType", 1, 26),
    # patterns of updates
    ("CREATE ()-->()", "NoSingleRelationshipType", 1, 10),
    ("MATCH (a), (b) MERGE (a)-[:A|B]->(b)", "NoSingleRelationshipType", 1, 25),
    ("CREATE (a)-[:FOO]-(b)", "RequiresDirectedRelationship", 1, 11),
    ("CREATE ()-[:FOO*2]->()", "CreatingVarLength", 1, 10),
    ("MATCH (n $param) RETURN n", "InvalidParameterUse", 1, 7),
    ("MERGE (a:A)-[r:FOO $param]->(b:B) RETURN r", "InvalidParameterUse", 1, 12),
    ("MATCH (n) DELETE n:Person", "InvalidDelete", 1, 18),
    ("MATCH () DELETE 1 + 1", "InvalidArgumentType", 1, 17),
    # static types of literals
    ("RETURN 123 AND true", "InvalidArgumentType", 1, 8),
    ("RETURN NOT 'foo'", "InvalidArgumentType", 1, 12),
    ("RETURN 1 IN 'foo'", "InvalidArgumentType", 1, 13),
    ("WITH 123 AS x RETURN x.num", "InvalidArgumentType", 1, 22),
    ("MATCH p = (a) RETURN labels(p)", "InvalidArgumentType", 1, 29),
    ("MATCH (r) RETURN type(r)", "InvalidArgumentType", 1, 23),
    ("RETURN properties([true])", "InvalidArgumentType", 1, 19),
    ("RETURN any(x IN ['a'] WHERE x % 2 = 0)", "InvalidArgumentType", 1, 29),
    ("MATCH (n) WHERE (n) RETURN n", "InvalidArgumentType", 1, 18),
    ("WITH 123 AS x RETURN x[0]", "InvalidArgumentType", 1, 22),
    ("MATCH (a) RETURN foo(a)", "UnknownFunction", 1, 18),
    # literals
    ("RETURN 9223372036854775808 AS x", "IntegerOverflow", 1, 8),
    ("RETURN -9223372036854775809 AS x", "IntegerOverflow", 1, 8),
    ("RETURN 1.34E999", "FloatingPointOverflow", 1, 8),
    ("RETURN 0x1A2j AS x", "InvalidNumberLiteral", 1, 8),
    ("RETURN '\\uH'", "InvalidUnicodeLiteral", 1, 8),
]


@pytest.mark.parametrize(("text", "kind", "line", "column"), REFUSED)
def test_refused_with_the_tck_type_at_the_offending_node(text, kind, line, column):
    with pytest.raises(CypherSyntaxError) as err:
        parse(text)
    assert (err.value.kind, err.value.line, err.value.column) == (kind, line, column), err.value


ACCEPTED = [
    # ORDER BY sees the variables before a plain projection; WITH ... WHERE does too
    "MATCH (a) RETURN a.name AS n ORDER BY a.age",
    "MATCH (a)-->(b) WITH b WHERE a.x IS NOT NULL RETURN b",
    "MATCH (a) RETURN DISTINCT a.name ORDER BY a.name",
    "MATCH (a) RETURN a.name AS n, count(*) AS c ORDER BY c DESC, n",
    "MATCH (a)-[r]->() RETURN type(r), count(*) ORDER BY count(*) DESC",
    "MATCH (a) WITH a, count(*) AS c WHERE c > 1 RETURN a",
    # implicit grouping keys and pattern expressions as values (openCypher 9)
    "MATCH (n) WITH count(n) AS total MATCH (m) RETURN m.x AS x, count(m) * 1.0 / total AS share",
    "MATCH (n) RETURN n.age + count(*)",
    "MATCH (n) RETURN size((n)-->()) AS degree",
    "MATCH (n) RETURN (n)-->() AS paths",
    "MATCH (n) WHERE (n)-->() AND NOT (n)<--() RETURN n",
    "MATCH (n) WHERE exists { MATCH (n)-->(m:M {x: n.x}) } RETURN n",
    # rebinding and re-use that is allowed
    "MATCH (a)-[r]->(b) MATCH (b)<-[r]-(a) RETURN r",
    "MATCH (a) MATCH (a)-->(b) CREATE (a)-[:T]->(b) MERGE (b)-[:U]->(a)",
    "CREATE (a:A), (b:B), (a)-[:T]->(b)",
    "MATCH ()-[rs*]->() MATCH ()-[rs*]->() RETURN rs",
    "WITH null AS n MATCH (n) RETURN n",
    # parameters, updates, procedures
    "CREATE (n $props) RETURN n",
    "UNWIND $rows AS row MERGE (n:L {id: row.id}) ON CREATE SET n += row SET n.seen = true RETURN n",
    "MATCH (n) RETURN n SKIP $s LIMIT $l",
    "MATCH (n) RETURN n SKIP 0 LIMIT 10",
    "CALL neptune.graph.pg_schema() YIELD schema RETURN schema",
    "CALL neptune.graph.pg_schema()",
    "CALL some.proc() RETURN whatever",
    "MATCH (n) CALL some.proc(n) YIELD out RETURN n, out",
    # scopes of comprehensions, quantifiers, WITH *, UNION
    "RETURN [x IN range(1, 3) WHERE x > 1 | x * 2] AS l, all(y IN [1] WHERE y > 0) AS b",
    "WITH [1, 2] AS x RETURN [x IN x | x + 1] AS y",
    "MATCH () CREATE () WITH * CREATE ()",
    "MATCH (a) WITH * RETURN *",
    "RETURN 1 AS a UNION RETURN 2 AS a",
    "MATCH (n) RETURN n.name AS name UNION ALL MATCH (m) RETURN m.title AS name",
    # literals at the ends of the range, temporal property access
    "RETURN 9223372036854775807 AS a, -9223372036854775808 AS b, 0o17 AS c, 0x1F AS d",
    "RETURN datetime('2024-01-01T00:00:00Z').year AS y",
    "WITH [1, 2] AS l, $p AS p RETURN l[0] AS a, l[1..] AS b, p[0] AS c, length('abc') AS d",
    # functions Neptune documents or openCypher 9 defines pass even where the engine lacks them (a runtime error)
    "RETURN collToSet([1, 1]) AS a, textIndexOf('ab', 'b') AS b, haversin(0.5) AS c, exists(null) AS d",
    "RETURN neptune.some.function(1) AS x",
    "MATCH (n) WHERE n.name STARTS WITH 'A' OR n:Person RETURN n",
]


@pytest.mark.parametrize("text", ACCEPTED)
def test_accepted(text):
    parse(text)


def test_a_clause_or_pattern_the_pass_does_not_know_opens_the_scope():
    """A construct added to the AST later (a subquery, a shortest path) may bind names the pass cannot
    see: the rest of the query part is then not checked for unknown names, instead of refused."""

    class FutureClause(A.Clause):
        pass

    class FuturePath(A.PathPattern):
        pass

    tree = parse("MATCH (a) RETURN a")
    tree.parts[0].clauses.insert(1, FutureClause())
    tree.parts[0].clauses[2].items[0].expr = A.Var("bound_by_the_future")
    assert analyse(tree) is tree

    tree = parse("MATCH (a)-->(b) RETURN b")
    path = tree.parts[0].clauses[0].patterns[0]
    tree.parts[0].clauses[0].patterns[0] = FuturePath(path.var, path.nodes, path.rels)
    tree.parts[0].clauses[1].items[0].expr = A.Var("bound_by_the_future")
    assert analyse(tree) is tree


def test_refused_queries_never_write():
    store = GraphStore.in_memory()
    with pytest.raises(SemanticError):
        execute(store, "CREATE (a:X) WITH a RETURN b")
    assert execute(store, "MATCH (n) RETURN count(n) AS c") == [{"c": 0}]


def test_the_plan_cache_keeps_the_analysed_tree():
    text = "MATCH (a:Cached) RETURN a.name AS n ORDER BY a.age"
    assert parse_cached(text) is parse_cached(text)
    with pytest.raises(SemanticError):
        parse_cached("MATCH (a:Cached) RETURN b")


def test_a_refusal_is_a_query_error_of_the_syntax_family():
    with pytest.raises(QueryError) as err:
        parse("MATCH (a) RETURN b")
    assert isinstance(err.value, CypherSyntaxError)
    assert err.value.detail == "Variable `b` not defined"


_WORDS = ["MATCH", "RETURN", "WITH", "WHERE", "CREATE", "MERGE", "UNWIND", "AS", "ORDER BY", "SKIP", "LIMIT",
          "DISTINCT", "count(*)", "count(a)", "collect(b)", "(a)", "(b:L)", "-[r]->", "-[:T]-", "<-[s*]-", "p =",
          "a", "b", "r", "p", "a.x", "1", "'s'", "[a]", "{k: a}", "$p", "*", ",", "+", "AND", "NOT", "=", "IN",
          "[x IN a | x]", "DELETE", "SET", "a.x = 1", "UNION", "()"]  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_WORDS), min_size=1, max_size=12))
def test_any_token_soup_is_accepted_or_refused_as_a_syntax_error(words):
    """The pass never crashes: a query either parses and passes, or raises CypherSyntaxError."""
    try:
        parse(" ".join(words))
    except CypherSyntaxError:
        pass


@pytest.mark.parametrize("text", ["MATCH (a)-[:LIKES..]->(c) RETURN c", "MATCH (a)-[:LIKES*-2]->(c) RETURN c"])
def test_a_malformed_length_is_an_invalid_relationship_pattern(text):
    with pytest.raises(CypherSyntaxError) as err:
        parse(text)
    assert err.value.kind == "InvalidRelationshipPattern"


def test_a_number_with_letters_is_an_invalid_number_only_where_a_number_may_stand():
    with pytest.raises(CypherSyntaxError) as err:
        parse("RETURN 12ab AS x")
    assert (err.value.kind, err.value.column) == ("InvalidNumberLiteral", 8)
    with pytest.raises(CypherSyntaxError) as err:
        parse("RETURN {1B2c: 1} AS x")
    assert err.value.kind is None  # a map key: the grammar's plain error (the TCK's UnexpectedSyntax)


def test_an_exists_subquery_that_updates_is_an_invalid_clause_composition():
    """openCypher's subqueries in EXISTS only read: refused at compile time (MALFORMED_QUERY through
    ExecuteQuery), not run."""
    with pytest.raises(SemanticError) as err:
        parse("MATCH (n) WHERE exists {\n  MATCH (n)-->(m)\n  SET m.prop = 'fail'\n} RETURN n")
    assert (err.value.kind, err.value.line) == ("InvalidClauseComposition", 1)


# -- CALL against the caller's procedure signatures (semantics.procedures) ----------------------------
SIGNATURES = {
    "test.my.proc": ProcedureSignature((("name", "STRING?"), ("in", "INTEGER?")), (("out", "INTEGER?"),)),
    "test.num": ProcedureSignature((("in", "NUMBER?"),), (("out", "STRING?"),)),
    "test.float": ProcedureSignature((("in", "FLOAT?"),), (("out", "STRING?"),)),
    "test.nothing": ProcedureSignature(),
    "test.undeclared": None,
}
CALLS_REFUSED = [
    ("CALL test.my.proc('Dobby')", "InvalidNumberOfArguments"),
    ("CALL test.my.proc('Dobby', 1, 2) YIELD out RETURN out", "InvalidNumberOfArguments"),
    ("CALL test.my.proc(1, 2)", "InvalidArgumentType"),
    ("WITH true AS b CALL test.my.proc('x', b) YIELD out RETURN out", "InvalidArgumentType"),
    ("CALL test.num('1')", "InvalidArgumentType"),
    ("CALL test.my.proc YIELD out RETURN out", "InvalidArgumentPassingMode"),
    ("CALL test.my.proc", "MissingParameter"),  # only `name` is given
    ("CALL test.my.proc('x', 1) RETURN out", "UndefinedVariable"),  # in-query without YIELD: no outputs
    ("CALL test.unknown()", "ProcedureNotFound"),
    ("MATCH (n) CALL Test.Unknown(n) YIELD x RETURN x", "ProcedureNotFound"),
]
CALLS_ACCEPTED = [
    "CALL test.my.proc('x', 1)",
    "CALL test.my.proc('x', null) YIELD out AS o WHERE o > 1 RETURN o",
    "MATCH (n) CALL TEST.MY.PROC(n.name, n.in) YIELD out RETURN out",  # unknown static types pass
    "CALL test.num(1.5)",
    "CALL test.float(1)",  # an integer is coerced to a float
    "CALL test.nothing",
    "MATCH (n) CALL test.nothing() RETURN n",
    "CALL test.undeclared(1, 2, 3) RETURN anything",  # no signature: nothing to check, the scope stays open
]


@pytest.mark.parametrize(("text", "kind"), CALLS_REFUSED)
def test_a_call_is_checked_against_the_procedure_signatures(text, kind):
    with pytest.raises(SemanticError) as err:
        parse(text, SIGNATURES, ["name"])
    assert err.value.kind == kind, err.value
    parse(text)  # without a catalogue none of this is checked (the procedure is looked up when it runs)


@pytest.mark.parametrize("text", CALLS_ACCEPTED)
def test_calls_that_fit_their_signatures(text):
    parse(text, SIGNATURES, ["name"])


def test_yield_star_is_for_a_standalone_call_only():
    assert parse("CALL test.my.proc('x', 1) YIELD *").parts[0].clauses[0].yields == []
    with pytest.raises(CypherSyntaxError) as err:
        parse("CALL test.my.proc('x', 1) YIELD *\nRETURN out")
    assert (err.value.kind, err.value.line, err.value.column) == (None, 1, 33)  # the TCK's UnexpectedSyntax


def test_procedures_with_signatures_are_checked_before_the_query_runs():
    def proc(view, name, value):
        raise AssertionError("must not run")

    proc.signature = SIGNATURES["test.my.proc"]
    store = GraphStore.in_memory()
    with pytest.raises(SemanticError) as err:
        execute(store, "CREATE (:X) WITH 1 AS one CALL test.my.proc('a') YIELD out RETURN out", {},
                procedures={"test.my.proc": proc})  # fmt: skip
    assert err.value.kind == "InvalidNumberOfArguments"
    assert execute(store, "MATCH (n) RETURN count(n) AS c") == [{"c": 0}]
