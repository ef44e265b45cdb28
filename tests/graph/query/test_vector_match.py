"""The vectorised MATCH (``vector_match``) binds exactly the rows the row interpreter binds: multi-part
patterns, variable-length paths, both directions, cycles, OPTIONAL MATCH, named paths, variables bound
by earlier clauses, WHERE conditions pushed to nodes or left to the rows; generated graphs and
constants (hypothesis) over self-loops, parallel edges and mixed property types."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import dockyard.graph.query.executor as executor_module
from dockyard.graph.query import execute, parse, run
from dockyard.graph.query.errors import MemoryLimitExceeded, QueryError
from tests.graph.query.test_vectorised_paths import _CONSTANTS, _graphs, _load

TEMPLATES = [
    "MATCH (a{L})-[r:{T}]->(b) RETURN id(a) AS a, id(r) AS r, id(b) AS b",
    "MATCH (a{L})-[r]-(b{L}) WHERE a.x {OP} $v RETURN id(a) AS a, id(r) AS r, id(b) AS b",
    "MATCH (a)-[:k|l]->(b)-[s]->(c) WHERE c.{K} {OP} $v AND a <> c RETURN id(a) AS a, id(s) AS s, id(c) AS c",
    "MATCH (a)-[:{T}]->(a) RETURN id(a) AS a",
    "MATCH (a)-[r*1..2]->(b{L}) RETURN id(a) AS a, [x IN r | id(x)] AS r, id(b) AS b",
    "MATCH (a {`~id`: $id})-[r:{T}*0..3]-(b) RETURN [x IN r | id(x)] AS r, id(b) AS b",
    "MATCH p = (a{L})-[*1..3]->(b) RETURN [n IN nodes(p) | id(n)] AS ns, [x IN relationships(p) | id(x)] AS rs",
    "MATCH p = (a)<-[:{T}]-(b{L} {x: $v}) RETURN [n IN nodes(p) | id(n)] AS ns, length(p) AS l",
    "MATCH p = (a)-[*..4]->(b {`~id`: $id}) RETURN [n IN nodes(p) | id(n)] AS ns, [x IN relationships(p) | id(x)] AS r",
    "MATCH (a{L}), (b{L}) WHERE a.x {OP} b.x RETURN id(a) AS a, id(b) AS b",
    "MATCH (a)-[r]->(b), (b)-[s]->(c) RETURN id(r) AS r, id(s) AS s, id(c) AS c",
    "MATCH (a)-[r]->(b), (c)-[s]->(b) WHERE a.{K} {OP} $v RETURN id(r) AS r, id(s) AS s",
    "MATCH (a{L}) OPTIONAL MATCH (a)-[r:{T}]->(b) WHERE b.x {OP} $v RETURN id(a) AS a, id(r) AS r, id(b) AS b",
    "MATCH (a{L}) WITH a WHERE a.{K} {OP} $v MATCH (a)-[:{T}]->(b) RETURN id(a) AS a, id(b) AS b",
    "UNWIND [$id, 'v1', 'none'] AS i MATCH (a {`~id`: i}) MATCH (a)-->(b) RETURN i, id(b) AS b",
    "MATCH (a {`~id`: $id}) OPTIONAL MATCH (a)-[r*1..2]->(b:B) RETURN id(a) AS a, size(r) AS n, id(b) AS b",
    "MATCH (a:B {x: $v})-[r]->(b) RETURN id(r) AS r, r.w AS w",
    "MATCH (a)-[r:{T}]->(b) WHERE r.w > 3 AND b.{K} {OP} $v RETURN count(*) AS c, collect(id(r)) AS rs",
    "MATCH (a{L})-[r]->(b), (b)-[s:{T}]->(c) WHERE a.x {OP} $v RETURN count(*) AS n, count(DISTINCT c) AS d, "
    "count(r) AS r, count(DISTINCT s) AS s",
    "MATCH (a{L}) OPTIONAL MATCH (a)-[r:{T}]->(b) WHERE b.{K} {OP} $v "
    "RETURN count(*) AS n, count(b) AS b, count(DISTINCT b) AS d, count(DISTINCT r) AS r",
    "MATCH (a{L})-[*1..3]-(b) RETURN count(*) AS n, count(DISTINCT b) AS d",
    "MATCH (a{L}) WHERE a.{K} {OP} $v OPTIONAL MATCH (a)-[:{T}]->(b) "
    "RETURN count(a) AS a, count(DISTINCT a) AS da, count(b) AS b, count(*) AS n",
    "MATCH (a{L})-[r:{T}]->(b) WHERE a.{K} {OP} $v RETURN b.{K} AS k, count(*) AS n, count(r) AS r "
    "ORDER BY k DESC LIMIT 2",
    "MATCH (a{L})-[r*1..2]-(b) RETURN a.x AS k, count(b) AS n ORDER BY n, k",
    "MATCH (a{L})-[:{T}]-(b) WHERE a.x {OP} $v RETURN count(DISTINCT b.{K}) AS d, count(b.{K}) AS n, count(*) AS c",
    "MATCH (a{L}), (b) WHERE a.{K} = b.x AND a <> b RETURN id(a) AS a, id(b) AS b",
    "MATCH (a{L})-[r:{T}]->(c), (b:B) WHERE b.y = a.{K} RETURN count(*) AS n, count(DISTINCT b) AS d",
    "UNWIND [1, null, 1, 2] AS i MATCH (a{L})-[:{T}]->(b) RETURN count(i) AS i, count(DISTINCT i) AS d, count(*) AS n",
    "MATCH (a{L})-[:k]->(b) WITH b MATCH (b)-[r:l]->(c) WHERE c.{K} {OP} $v RETURN id(b) AS b, id(r) AS r, id(c) AS c",
    "MATCH (a{L})-[:{T}]->(b) WITH a MATCH (a)-[r:{T}]->(c) RETURN id(a) AS a, id(r) AS r, id(c) AS c",
    "MATCH (a{L})-[r]->(b) WITH a MATCH (a)-[r]->(b) RETURN id(a) AS a, id(r) AS r, id(b) AS b",
    "MATCH (a{L}) WITH a MATCH (a)-[r]->(b) WITH b, r MATCH (b)-[:{T}]->(c) "
    "RETURN count(*) AS n, count(DISTINCT r) AS d",
    "MATCH (a) WITH a WHERE a.{K} {OP} $v MATCH (b{L}) WHERE b.x = a.{K} RETURN b.y AS k, count(*) AS n ORDER BY k",
    "MATCH (a{L})-[r:{T}]->(b) WHERE a.{K} {OP} $v "
    "RETURN sum(b.{K}) AS s, avg(b.x) AS a, min(r.w) AS lo, max(b.{K}) AS hi, count(*) AS n, count(b.y) AS c",
    "MATCH (a{L})-[r]->(b) RETURN a.{K} AS k, sum(r.w) AS s, avg(b.{K}) AS a, min(b.x) AS lo, max(r.w) AS hi, "
    "count(b.{K}) AS c ORDER BY k",
    "MATCH (a{L})-[*1..2]->(b) RETURN b.x AS k, max(b.{K}) AS m, count(*) AS n ORDER BY n DESC, k LIMIT 3",
    "MATCH (a{L}) RETURN sum(a.{K}) AS s, avg(a.{K}) AS v, min(a.x) AS lo",
    "MATCH (a{L})-[r:{T}]->(b) WHERE a.{K} {OP} $v RETURN a.x AS x, r.w AS w, b.{K} AS k",
    "MATCH (a{L})-[r]-(b) RETURN b.y AS y, a.x AS x, r.w AS w ORDER BY y, x DESC, w SKIP 1 LIMIT 3",
    "MATCH (a{L})-[*1..2]->(b) RETURN DISTINCT b.{K} AS k, a.y AS y ORDER BY k, y",
    "MATCH (a{L})-[r]->(b) RETURN a.x AS x, b.{K} AS k SKIP 1 LIMIT 2",
    "MATCH (a{L}) OPTIONAL MATCH (a)-[r:{T}]->(b) RETURN a.x AS x, r.w AS w, b.{K} AS k",
    "MATCH (a{L})-[r]->(b) WHERE a.{K} {OP} b.x AND r.w {OP} a.y RETURN id(a) AS a, id(r) AS r, id(b) AS b",
    "MATCH (a{L})-[r:{T}]->(b) WITH a, count(*) AS n, collect(id(b)) AS bs RETURN id(a) AS a, n, size(bs) AS s",
    "MATCH (a{L})-[r]-(b) WITH a, count(r) AS n WHERE n {OP} $v RETURN id(a) AS a, n",
    "MATCH (a{L})-[r:{T}]->(b) RETURN b.{K} AS k, count(*) AS n",
    "MATCH (a{L})-[r:{T}]-(b) WHERE b.{K} {OP} r.w RETURN count(*) AS n",
    "MATCH (a{L}) OPTIONAL MATCH (a)-[r]->(b) WHERE b.x {OP} a.{K} RETURN id(a) AS a, id(b) AS b",
    "UNWIND [$id, 'v2'] AS i MATCH (a {`~id`: i}) WITH a, i MATCH (a)-->(b) WITH b, i MATCH (b)-->(c) "
    "RETURN i, id(c) AS c",
]


def _bag(rows: list[dict]) -> list[str]:
    return sorted(repr(row) for row in rows)


def _vectorised_and_rows(
    store, query: str, params: dict, budget: int | None = None
) -> tuple[int, list[dict], list[dict]]:
    """How many MATCH clauses the vectorised MATCH (or its counts, folds or projections) answered,
    its rows and the row interpreter's."""
    calls = []
    names = ("match_columns", "answered_columns")
    originals = {name: getattr(executor_module, name) for name in names}

    def counting(original):  # type: ignore[no-untyped-def]
        def call(*args, **kwargs):  # type: ignore[no-untyped-def]
            found = original(*args, **kwargs)
            calls.append(found is not None)
            return found

        return call

    view, tree = store.query_view(), parse(query)
    for name, original in originals.items():
        setattr(executor_module, name, counting(original))
    try:
        fast = run(view, tree, params, row_budget=budget)
    finally:
        for name, original in originals.items():
            setattr(executor_module, name, original)
    rows = run(view, tree, params, profile=[])  # a profile list turns the vectorised code off
    return sum(calls), fast, rows


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(graph=_graphs(), template=st.sampled_from(TEMPLATES), label=st.sampled_from(["", ":A", ":B"]),
       op=st.sampled_from(["=", "<>", "<", ">="]), key=st.sampled_from(["x", "y"]),
       etype=st.sampled_from(["k", "l"]), v=_CONSTANTS, start=st.integers(0, 8))  # fmt: skip
def test_generated_matches_equal_row_interpreter(graph, template, label, op, key, etype, v, start):
    store = _load(*graph)
    query = template.replace("{L}", label).replace("{OP}", op).replace("{K}", key).replace("{T}", etype)
    _same_outcome(store, query, {"v": v, "id": f"v{start}"})


def _same_outcome(store, query: str, params: dict) -> None:
    """The same rows (as a bag) with and without the vectorised code, or the same error."""
    try:
        _, fast, rows = _vectorised_and_rows(store, query, params)
    except QueryError as err:  # the vectorised run failed: the row interpreter's must fail alike
        with pytest.raises(type(err)):
            run(store.query_view(), parse(query), params, profile=[])
        return
    assert _bag(fast) == _bag(rows), query


@pytest.fixture(scope="module")
def graph():
    vertices = [(f"v{i}", ["A"] if i % 3 else ["A", "B"], {"x": ("INT", i % 4)}) for i in range(12)]
    from dockyard.graph import ValueType

    vertices = [(vid, labels, {"x": (ValueType.INT, i % 4)}) for i, (vid, labels, _) in enumerate(vertices)]
    edges = [(f"v{i}", f"v{(i * 5) % 12}", "k" if i % 2 else "l", i) for i in range(12)]
    edges += [("v3", "v3", "k", 20), ("v4", "v5", "k", 21), ("v4", "v5", "k", 22), ("v5", "v4", "l", 23)]
    return _load(vertices, edges)


@pytest.mark.parametrize("template", [t for t in TEMPLATES if not t.startswith("UNWIND")])  # few rows, anchored
def test_the_templates_are_vectorised(graph, template):
    query = template.replace("{L}", ":A").replace("{OP}", "=").replace("{K}", "x").replace("{T}", "k")
    used, fast, rows = _vectorised_and_rows(graph, query, {"v": 1, "id": "v4"})
    assert used, f"the MATCH should be vectorised: {query}"
    assert _bag(fast) == _bag(rows)


def test_unbounded_variable_length_paths(graph):
    query = "MATCH p = (a)-[*]->(b {`~id`: 'v5'}) RETURN [x IN relationships(p) | id(x)] AS rs"
    used, fast, rows = _vectorised_and_rows(graph, query, {})  # (unbounded paths of a generated graph can
    assert used and _bag(fast) == _bag(rows) and len(rows) > 10  # number in the millions: a fixed one)


def test_fixed_length_rows_keep_the_row_interpreters_order(graph):
    for query in ("MATCH (a:A)-[r]->(b)-[s]->(c) RETURN id(r) AS r, id(s) AS s",
                  "MATCH (a {`~id`: 'v4'})-[r*1..3]-(b) RETURN [x IN r | id(x)] AS r",
                  "MATCH (a:B) OPTIONAL MATCH (a)-[r:k]->(b) RETURN id(a) AS a, id(r) AS r"):  # fmt: skip
        used, fast, rows = _vectorised_and_rows(graph, query, {})
        assert used and fast == rows, query


def test_a_clause_the_vectorised_match_declines_is_the_row_interpreters(graph):
    for query, vectorised in (("MATCH (a)-[r {w: 21}]->(b) RETURN id(r) AS r", 0),  # a relationship's map
                              ("UNWIND [1] AS v MATCH (a {x: v})-->(b) RETURN count(*) AS c", 0),  # not constants
                              ("MATCH ()-[r]->() WITH r MATCH (a)-[r]->(b) RETURN count(*) AS c", 1)):  # bound r
        used, fast, rows = _vectorised_and_rows(graph, query, {})
        assert used == vectorised and _bag(fast) == _bag(rows), query


def test_anchored_fixed_length_clauses_of_few_rows_stay_the_row_interpreters(graph):
    for query in ("MATCH (a {`~id`: 'v4'})-[r]->(b) RETURN id(b) AS b",
                  "MATCH (a {`~id`: 'v4'}) OPTIONAL MATCH (a)-[:k]->(b) WHERE b.x > 1 RETURN id(b) AS b"):  # fmt: skip
        used, fast, rows = _vectorised_and_rows(graph, query, {})
        assert used == 0 and fast == rows, query
    used, _, _ = _vectorised_and_rows(graph, "UNWIND range(1, 20) AS i MATCH (a {`~id`: 'v4'})-->(b) RETURN b", {})
    assert used == 1  # twenty input rows: one batch


def test_budget_and_null_bound_nodes(graph):
    assert execute(graph, "OPTIONAL MATCH (a {`~id`: 'none'}) MATCH (a)-->(b) RETURN count(*) AS c") == [{"c": 0}]
    with pytest.raises(MemoryLimitExceeded):  # 12**3 binding rows: refused before they are built
        run(graph.query_view(), parse("MATCH (a), (b), (c) RETURN count(*) AS c"), {}, row_budget=100)


def test_a_with_that_passes_variables_on_gives_its_where_to_the_match():
    from dockyard.graph.query.where_pushdown import pushed

    def clauses(query: str) -> list:
        return parse(query).parts[0].clauses

    match, after = clauses("MATCH (a)-->(b) WHERE a.x = 1 WITH a, b WHERE b.x > 2 RETURN a")[:2]
    moved = pushed(match, after, {})
    assert moved is not None and moved[1].where is None and match.where is not None
    assert moved[0].where.op == "AND" and after.where is not None  # the cached tree is left as it was
    for query in ("OPTIONAL MATCH (a) WITH a WHERE a.x = 1 RETURN a",  # keeps its unmatched rows
                  "MATCH (a) WITH DISTINCT a WHERE a.x = 1 RETURN a",
                  "MATCH (a) WITH a AS b WHERE b.x = 1 RETURN b",
                  "MATCH (a) WITH a, a.x AS x WHERE x = 1 RETURN a",
                  "MATCH (a) WITH a ORDER BY a.x LIMIT 2 WHERE a.x = 1 RETURN a"):  # fmt: skip
        assert pushed(*clauses(query)[:2], {}) is None, query


def test_with_where_pipelines_are_answered_over_columns(graph):
    query = "MATCH (a:A) WITH a WHERE a.x = 1 MATCH (a)-[:k]->(b) RETURN id(a) AS a, id(b) AS b"
    used, fast, rows = _vectorised_and_rows(graph, query, {})
    assert used >= 1 and _bag(fast) == _bag(rows)  # the second MATCH: 3 anchored rows, the row interpreter


def test_a_scan_merges_pending_writes_first_and_an_anchored_read_does_not():
    from dockyard.graph import ValueType

    store = _load([(f"v{i}", ["A"], {"x": (ValueType.INT, i % 3)}) for i in range(3000)],
                  [(f"v{i}", f"v{(i + 1) % 3000}", "k", i) for i in range(3000)])  # fmt: skip
    execute(store, "CREATE (:A {x: 1})")
    assert store.pending_writes
    assert execute(store, "MATCH (a {`~id`: 'v1'})-[:k]->(b) RETURN id(b) AS b") == [{"b": "v2"}]
    assert store.pending_writes  # an anchored read: the row interpreter reads the pending writes
    query = "MATCH (a:A)-[:k]->(b:A) WHERE a.x = 1 AND b.x = 2 RETURN count(*) AS c"
    reference = run(store.query_view(), parse(query), {}, profile=[])
    assert execute(store, query) == reference == [{"c": 1000}]
    assert not store.pending_writes  # a scan of 3,001 vertices: merged first, then over the columns


def test_a_where_reading_the_id_property_is_not_a_property_condition(graph):
    for query in ("MATCH (a)-->(b) WHERE b.`~id` = 'v5' RETURN id(a) AS a",
                  "MATCH (a) WHERE a.`~id` = 'v5' RETURN count(*) AS c"):  # (the vectorised count too)
        _, fast, rows = _vectorised_and_rows(graph, query, {})
        assert _bag(fast) == _bag(rows) and rows, query


@pytest.mark.parametrize("query", [
    "MATCH (a)-->(b) WHERE toUpper(a.y) = 'S' AND a.y = 's' RETURN id(a) AS a",  # before the pushed one
    "MATCH (a)-->(b) WHERE b.y = 's' AND a.y - 1 > 0 RETURN id(a) AS a",  # after one that is null (no b.y)
    "MATCH (a)-->(b) WITH a, b WHERE toUpper(a.y) = 'S' AND a.y = 's' RETURN count(*) AS c",
    "MATCH (a)-->(b) WHERE a.z + 0 = 1 WITH a, b WHERE toUpper(a.y) = 'S' RETURN count(*) AS c",  # no error
])
def test_a_conjunct_that_raises_on_rows_a_pushed_condition_removes_still_raises(query):
    from dockyard.graph import ValueType

    kinds = [{}, {"y": (ValueType.STRING, "s")}, {"y": (ValueType.INT, 2)}]
    vertices = [(f"v{i}", ["A"], kinds[i % 3]) for i in range(30)]
    edges = [(f"v{i}", f"v{(i + d) % 30}", "k", 2 * i + d) for i in range(30) for d in (1, 2)]
    store = _load(vertices, edges)
    view, tree = store.query_view(), parse(query)

    def outcome(**kwargs):  # type: ignore[no-untyped-def]
        try:
            return _bag(run(view, tree, {}, **kwargs))
        except Exception as err:  # the error is the answer compared
            return type(err).__name__

    assert outcome() == outcome(profile=[])


def test_conjuncts_that_cannot_raise_are_still_pushed_down():
    from dockyard.graph.query.error_free import cannot_raise

    where = parse("MATCH (a)-[r]->(b) WHERE a.x = 1 AND (b.y < $v OR NOT b.y IN [1, $v]) AND r.w IS NULL "
                  "AND b.s STARTS WITH 'x' AND a <> b RETURN a").parts[0].clauses[0].where
    assert cannot_raise(where, {"a", "b", "r"}, {"v": 2})
    for text in ("a.x + 1 = 2", "toUpper(a.s) = 'S'", "a.x < [1]", "a.x IN $v", "a.x.y = 1",
                 "a.x", "NOT a.x", "a.s =~ '('", "a < b"):  # fmt: skip
        where = parse(f"MATCH (a)-->(b) WHERE {text} RETURN a").parts[0].clauses[0].where
        assert not cannot_raise(where, {"a", "b"}, {"v": 3}), text
    for text in ("a.x = $w", "a.x IN $w", "a.x < $v"):  # $w not given; $v a list an ordering cannot compare
        where = parse(f"MATCH (a)-->(b) WHERE {text} RETURN a").parts[0].clauses[0].where
        assert not cannot_raise(where, {"a", "b"}, {"v": [1]}), text


@pytest.mark.parametrize("query", [
    "MATCH (a), (b) WHERE a.x + b.x = 2 RETURN count(*) AS c",  # 144 binding rows, 3 kept by the WHERE
    "MATCH (a), (b) WHERE a.x + b.x = 2 RETURN id(a) AS a, id(b) AS b",
    "MATCH (a)-[*1..4]-(b) WHERE id(a) + id(b) = 'v1v5' RETURN count(*) AS c",
])
def test_binding_columns_over_the_row_budget_that_the_where_cuts_are_answered(graph, query):
    view, tree = graph.query_view(), parse(query)
    reference = run(view, tree, {}, profile=[], row_budget=60)
    assert _bag(run(view, tree, {}, row_budget=60)) == _bag(reference)
    with pytest.raises(MemoryLimitExceeded):  # rows the MATCH gives over the budget: refused by both
        run(view, parse("MATCH (a), (b) WHERE a.x + b.x > 0 RETURN count(*) AS c"), {}, row_budget=60)


def test_a_cancel_while_the_rest_of_the_where_reads_the_rows_stops_the_clause(graph):
    import threading

    from dockyard.graph.query.errors import QueryCancelled
    from dockyard.graph.query.memory_budget import RowBudget
    from dockyard.graph.query.vector_match import match_columns

    cancel = threading.Event()

    def check():  # type: ignore[no-untyped-def]
        if cancel.is_set():
            raise QueryCancelled("cancelled")

    def evaluate(where, row):  # type: ignore[no-untyped-def]
        cancel.set()  # cancelled while the first rows are read
        return True

    clause = parse("MATCH (a), (b), (c) WHERE id(a) < id(b) RETURN 1").parts[0].clauses[0]
    with pytest.raises(QueryCancelled):  # 1,728 rows: checked again before the last ones
        match_columns(graph.query_view(), clause, [{}], {}, evaluate, check, RowBudget(None))


def test_a_write_query_reads_its_own_writes_in_a_later_match():
    from dockyard.graph import ValueType

    store = _load([(f"v{i}", ["A"], {"x": (ValueType.INT, i)}) for i in range(40)],
                  [(f"v{i}", f"v{i + 1}", "k", i) for i in range(39)])  # fmt: skip
    query = ("MATCH (a:A)-[:k]->(b:A) WHERE a.x < 3 CREATE (b)-[:k]->(:A {x: 100}) "
             "WITH count(*) AS made MATCH (a:A)-[:k]->(b:A) WHERE b.x = 100 RETURN made, count(*) AS c")  # fmt: skip
    assert execute(store, query) == [{"made": 3, "c": 3}]  # the second MATCH sees the first one's writes


def test_an_equality_of_two_patterns_properties_is_a_hash_join_not_a_cross_product():
    from dockyard.graph import ValueType

    vertices = [(f"v{i}", ["A"], {"x": (ValueType.INT, i % 50)}) for i in range(2000)]
    vertices += [(f"w{i}", ["B"], {"y": (ValueType.DOUBLE, float(i))}) for i in range(100)]
    vertices += [(f"s{i}", ["B"], {"y": (ValueType.STRING, str(i))}) for i in range(5)]  # '1' is not 1
    store = _load(vertices, [])
    query = "MATCH (a:A), (b:B) WHERE a.x = b.y RETURN count(*) AS c, count(DISTINCT b) AS d"
    # 2,105 x 2,000 pairs would exceed the budget (the row interpreter's then); the join holds 2,000
    used, found, reference = _vectorised_and_rows(store, query, {}, budget=10_000)
    assert used and found == reference == [{"c": 2000, "d": 50}]
    rows = "MATCH (a:A), (b:B) WHERE b.y = a.x AND a.x < 2 RETURN id(a) AS a, id(b) AS b"
    used, fast, reference = _vectorised_and_rows(store, rows, {})
    assert used and fast == reference and len(fast) == 80  # in the cross product's order


def test_a_match_a_with_passing_variables_on_and_a_match_are_read_as_one_match():
    from dockyard.graph.query.match_fusion import planned

    def read(query: str) -> list:
        return planned(parse(query).parts[0].clauses, (), {})

    one = read("MATCH (a:A) WITH a WHERE a.x = 1 MATCH (a)-[:k]->(b) WITH b MATCH (b)-[:l]->(c) RETURN count(*) AS n")
    assert [type(c).__name__ for c in one] == ["Match", "Projection"] and len(one[0].patterns) == 3
    assert one[0].where is not None  # the WITH's WHERE came along
    for query in ("MATCH (a)-[r]->(b) WITH a MATCH (a)-[r]->(b) RETURN a",  # r and b are new in the second
                  "MATCH (a)-[r]->(b) WITH b MATCH (b)-[s]->(c) RETURN c",  # s could be r's edge: unique in one
                  "MATCH (a)-[r:k]->(b) WITH b MATCH (b)-[s:k|l]->(c) RETURN c",
                  "MATCH (a) WITH a OPTIONAL MATCH (a)-->(b) RETURN b",
                  "OPTIONAL MATCH (a) WITH a MATCH (a)-->(b) RETURN b",
                  "MATCH (a)-->(b) WITH DISTINCT a MATCH (a)-->(c) RETURN c",
                  "MATCH (a)-->(b) WITH a LIMIT 3 MATCH (a)-->(c) RETURN c",
                  "MATCH (a)-->(b) WITH a MATCH (a)-->(c) RETURN *",  # would show b
                  "MATCH (a)-->(b) WITH a MATCH (a)-->(c) CALL { WITH * RETURN 1 AS one } RETURN c",
                  "MATCH (a)-->(b) WITH a MATCH (c) WHERE toUpper(c.x) = 'A' RETURN c"):  # fmt: skip
        assert len(read(query)) == len(parse(query).parts[0].clauses), query
    assert len(read("MATCH (a)-[:k]->(b) WITH a MATCH (a)-[:l]->(c) RETURN c")) == 2  # types apart: no shared edge
    assert len(read("MATCH (a) WITH a MATCH (a)-->(b) WITH a MATCH (a)-->(b) RETURN b")) == 4  # b dropped, bound again


def test_a_with_pipeline_is_counted_over_the_columns(graph):
    query = "MATCH (a:A) WITH a WHERE a.x < 3 MATCH (a)-[:k]->(b) RETURN b.x AS x, count(*) AS n ORDER BY x LIMIT 3"
    used, fast, rows = _vectorised_and_rows(graph, query, {})
    assert used == 1 and fast == rows and rows  # one clause, answered by the column counts


_NUMBERS = st.one_of(
    st.tuples(st.just("INT"), st.integers(-3, 3)),
    st.tuples(st.just("LONG"), st.sampled_from([2**62, -(2**62), 2**53 + 1, 7])),
    st.tuples(st.just("DOUBLE"), st.sampled_from([0.5, 0.1, 0.2, 0.3, 1e16, -1e16, 2.5, -0.0, 0.0, float("nan")])),
    st.tuples(st.just("FLOAT"), st.sampled_from([0.1, 1.0, 2.5])),
)


@st.composite
def _numeric_graphs(draw: st.DrawFn) -> tuple[list, list]:
    """Graphs whose keys hold numbers of one kind more often than not (the shapes the columns fold)."""
    from dockyard.graph import ValueType

    n = draw(st.integers(1, 8))
    kinds = {key: draw(st.sampled_from([("INT", "LONG"), ("DOUBLE", "FLOAT"), ("INT", "DOUBLE")])) for key in "xy"}
    vertices = []
    for i in range(n):
        props = {}
        for key in "xy":
            if draw(st.booleans()):
                vtype, value = draw(_NUMBERS.filter(lambda tv, key=key: tv[0] in kinds[key]))
                props[key] = (ValueType[vtype], value)
        vertices.append((f"v{i}", draw(st.sampled_from([["A"], ["B"], ["A", "B"]])), props))
    edges = draw(st.lists(st.tuples(st.integers(0, n - 1), st.integers(0, n - 1), st.sampled_from(["k", "l"])),
                          max_size=14))  # fmt: skip
    return vertices, [(f"v{a}", f"v{b}", t, i * 7 - 20) for i, (a, b, t) in enumerate(edges)]


_FOLDS = [
    "MATCH (a{L})-[r:{T}]->(b) RETURN sum(b.{K}) AS s, avg(b.{K}) AS a, min(b.{K}) AS lo, max(b.{K}) AS hi, "
    "sum(r.w) AS w, count(b.{K}) AS c",
    "MATCH (a{L})-[r]->(b) RETURN a.{K} AS k, sum(b.x) AS s, avg(r.w) AS a, min(b.y) AS lo, max(b.{K}) AS hi, "
    "count(*) AS n ORDER BY k",
    "MATCH (a{L}) RETURN a.y AS k, sum(a.x) AS s, max(a.x) AS m ORDER BY s DESC, k LIMIT 2",
    "MATCH (a{L})-[:{T}*1..2]-(b) RETURN a.x AS k, avg(b.{K}) AS a ORDER BY k",
    "MATCH (a{L}) WHERE a.{K} > 0 RETURN sum(a.{K}) AS s, avg(a.x) AS v, min(a.y) AS lo",
    "MATCH (a{L})-[r]->(b) WHERE a.{K} < b.x AND r.w >= a.y RETURN sum(r.w) AS s, count(*) AS n",
    "MATCH (a{L})-[r:{T}]-(b) RETURN id(a) AS a, count(*) AS n, sum(r.w) AS s, max(b.{K}) AS m",
    "MATCH (a{L})-[r]->(b) WITH a, count(b) AS n, avg(b.x) AS v WHERE n > 1 RETURN id(a) AS a, n, v",
    "MATCH (a{L})-[r]->(b) WITH b.{K} AS k, sum(r.w) AS s ORDER BY s DESC LIMIT 2 RETURN k, s",
    "MATCH (a{L})-[*1..2]-(b) WITH b, count(*) AS n RETURN id(b) AS b, n",
    "MATCH (a{L})-[r]->(b) RETURN a.y AS k, count(*) AS n, min(r.w) AS lo",
    "MATCH (a{L})-[r:{T}]-(b) WHERE a.x <> b.{K} RETURN id(a) AS a, id(b) AS b, r.w AS w",
    "MATCH (a{L}), (b) WHERE a.{K} = b.y AND a.x > b.x RETURN id(a) AS a, id(b) AS b",
]


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(graph=_numeric_graphs(), template=st.sampled_from(_FOLDS), label=st.sampled_from(["", ":A", ":B"]),
       key=st.sampled_from(["x", "y"]), etype=st.sampled_from(["k", "l"]))  # fmt: skip
def test_sums_averages_and_extremes_over_columns_equal_row_interpreter(graph, template, label, key, etype):
    store = _load(*graph)
    query = template.replace("{L}", label).replace("{K}", key).replace("{T}", etype)
    _same_outcome(store, query, {})


def _answers_of(monkeypatch, name: str) -> list[bool]:
    """Whether each call of ``vector_match.<name>`` answered (not None), recorded from now on."""
    import dockyard.graph.query.vector_match as vector_match_module

    calls: list[bool] = []
    original = getattr(vector_match_module, name)

    def recording(*args, **kwargs):  # type: ignore[no-untyped-def]
        found = original(*args, **kwargs)
        calls.append(found is not None)
        return found

    monkeypatch.setattr(vector_match_module, name, recording)
    return calls


def test_sums_averages_and_extremes_are_folded_over_the_columns(graph, monkeypatch):
    calls = _answers_of(monkeypatch, "aggregated_rows")
    for query in ("MATCH (a:A)-[r:k]->(b) RETURN a.x AS k, sum(b.x) AS s, avg(r.w) AS a, min(b.x) AS lo, "
                  "max(r.w) AS hi, count(b.x) AS c ORDER BY k",
                  "MATCH (a:A)-[*1..2]->(b) RETURN sum(b.x) AS s, avg(b.x) AS a, count(*) AS n"):  # fmt: skip
        calls.clear()
        _, fast, rows = _vectorised_and_rows(graph, query, {})
        assert calls == [True] and fast == rows and rows, query


def test_a_sum_that_could_pass_64_bits_is_the_row_interpreters_overflow():
    from dockyard.graph import ValueType

    store = _load([(f"v{i}", ["A"], {"x": (ValueType.LONG, 2**62)}) for i in range(3)], [])
    with pytest.raises(QueryError, match="overflow"):
        execute(store, "MATCH (a:A) RETURN sum(a.x) AS s")
    assert execute(store, "MATCH (a:A) RETURN avg(a.x) AS a, max(a.x) AS m") == [{"a": 2.0**62, "m": 2**62}]


def test_returned_properties_are_read_from_the_columns(graph, monkeypatch):
    calls = _answers_of(monkeypatch, "projected_rows")
    for query in ("MATCH (a:A)-[r:k]->(b) WHERE a.x > 0 RETURN a.x AS x, r.w AS w, b.x AS bx",
                  "MATCH (a:A)-[r]->(b) RETURN b.x AS x, r.w AS w ORDER BY w DESC, x LIMIT 3",
                  "MATCH (a:B)-[r]-(b) RETURN a.x AS x, b.x AS y SKIP 2 LIMIT 4"):  # fmt: skip
        calls.clear()
        _, fast, rows = _vectorised_and_rows(graph, query, {})
        assert calls == [True] and fast == rows and rows, query


def test_comparisons_of_two_elements_properties_are_evaluated_over_the_columns(graph, monkeypatch):
    calls = _answers_of(monkeypatch, "compared")
    query = "MATCH (a:A)-[r]->(b) WHERE a.x < b.x AND r.w >= 2 RETURN id(a) AS a, id(r) AS r"
    used, fast, rows = _vectorised_and_rows(graph, query, {})
    assert used and calls == [True, False] and _bag(fast) == _bag(rows) and rows  # (r.w >= 2: on the rows)


def test_counts_and_folds_per_node_and_in_a_with_are_read_from_the_columns(graph):
    for query in ("MATCH (a:A)-[r:k]->(b) RETURN id(a) AS a, count(*) AS n, sum(r.w) AS s",
                  "MATCH (a:A)-[r]->(b) WITH a, count(b) AS n WHERE n > 1 RETURN id(a) AS a, n",
                  "MATCH (a:A)-[r]->(b) WITH b.x AS k, max(r.w) AS m ORDER BY m DESC LIMIT 2 RETURN k, m"):  # fmt: skip
        used, fast, rows = _vectorised_and_rows(graph, query, {})
        assert used and fast == rows and rows, query  # the groups in the order of their first row
