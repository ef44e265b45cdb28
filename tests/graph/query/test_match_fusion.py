"""``MATCH p1 WITH a, b MATCH p2`` read as one MATCH (``match_fusion``) answers what the clauses as
written answer: the same rows, the same errors (a WHERE or a pattern's property map evaluated on rows
the first clause's WHERE would have dropped must not raise where the clauses as written do not);
generated graphs, constants and parameters (hypothesis)."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dockyard.graph import ValueType
from dockyard.graph.query import MemoryLimitExceeded, parse, run
from dockyard.graph.query.match_fusion import planned
from dockyard.graph.query.values import Node
from tests.graph.query.test_vectorised_paths import _CONSTANTS, _graphs, _load

TEMPLATES = [
    "MATCH (a{L}) WHERE a.{K} {OP} $v WITH a MATCH (a)-[r:{T}]->(b) WHERE b.{K} {OP} $w "
    "RETURN id(a) AS a, id(r) AS r, id(b) AS b",
    "MATCH (a{L})-[:k]->(b) WHERE b.x {OP} $v WITH a MATCH (c {x: a.{K} - 1}) RETURN id(a) AS a, id(c) AS c",
    "MATCH (a{L}) WHERE a.{K} {OP} $v WITH a MATCH (b)-[r:{T} {w: a.x + 1}]->(c) RETURN count(*) AS n",
    "MATCH (a{L}) WITH a MATCH (b {x: $v - 1}) RETURN count(*) AS n",
    "MATCH (a{L}) WITH a WHERE a.{K} {OP} $v MATCH (a)-[:{T}]->(b) WITH b WHERE b.y {OP} $w "
    "MATCH (b)-[:{T}]->(c) RETURN count(*) AS n, count(DISTINCT c) AS d",
    "MATCH (a{L}) WHERE a.{K} {OP} $v WITH a MATCH (a)-[:{T}]->(b) WHERE b.{K} IN $w RETURN count(*) AS n",
    "MATCH (a{L}) WHERE a.x {OP} $v WITH a MATCH (b:A) WHERE b.y {OP} $w WITH a, b MATCH (c {x: b.x}) "
    "RETURN count(*) AS n",
    "MATCH (a{L})-[r:k]->(b) WITH r, b MATCH (b)-[s:l*0..2]->(c) WHERE c.{K} {OP} $v "
    "RETURN id(r) AS r, [x IN s | id(x)] AS s, id(c) AS c",
    "UNWIND [1, 2] AS i MATCH (a{L}) WHERE a.{K} {OP} $v WITH a, i MATCH (a)-[:{T}]->(b) WITH b, i "
    "MATCH (b)-[:{T}]->(c) RETURN i, id(c) AS c ORDER BY i, c",
    "OPTIONAL MATCH (z:B {x: $v}) WITH z MATCH (a{L}) WITH a, z MATCH (z)-[:{T}]->(a) RETURN count(*) AS n",
    "MATCH p = (a{L})-[:k]->(b) WITH p, b MATCH q = (b)-[:l]->(c) WHERE c.{K} {OP} $w "
    "RETURN length(p) + length(q) AS l, id(c) AS c",
    "MATCH (a{L})-[r:{T}]->(b) WITH a, r MATCH (a)-[s:l]->(c) RETURN id(r) AS r, id(s) AS s ORDER BY r, s",
]
_PARAMETERS = st.one_of(_CONSTANTS, st.lists(st.integers(0, 2), max_size=2), st.just({"a": 1}))


def _outcome(view, tree, params: dict, as_written: bool = False, budget: int | None = None) -> tuple[str, object]:  # type: ignore[no-untyped-def]
    """Rows as a bag, or the error's type; ``as_written``: the row interpreter over the clauses as
    written (``profile=[]`` turns the rewrites and the vectorised MATCH off)."""
    profile = [] if as_written else None
    try:
        return "rows", sorted(repr(row) for row in run(view, tree, params, profile=profile, row_budget=budget))
    except Exception as err:  # the error is the answer compared
        return "error", type(err).__name__


def _store():  # type: ignore[no-untyped-def]
    """v1's x is a string (``v1.x - 1`` raises); v0 has no y."""
    int_, str_ = ValueType.INT, ValueType.STRING
    vertices = [("v0", ["A"], {"x": (int_, 1)}), ("v1", ["A"], {"x": (str_, "s"), "y": (int_, 2)}),
                ("v2", ["B"], {"x": (int_, 0)})]  # fmt: skip
    return _load(vertices, [("v0", "v1", "k", 1), ("v1", "v2", "l", 2), ("v2", "v0", "l", 3)])


def test_a_parameter_an_ordering_cannot_compare_keeps_the_clauses_apart():
    store = _store()
    for query in ("MATCH (a) WHERE a.x = 7 WITH a MATCH (b) WHERE b.x < $p RETURN count(*) AS n",
                  "MATCH (a) WHERE a.x = 7 WITH a WHERE a.y < $p RETURN count(*) AS n"):  # fmt: skip
        tree = parse(query)
        for p in ([1], {"a": 1}):  # the row interpreter never compares: no row passes a.x = 7
            assert _outcome(store.query_view(), tree, {"p": p}) == ("rows", ["{'n': 0}"]), (query, p)
            assert planned(tree.parts[0].clauses, (), {"p": p}) == tree.parts[0].clauses  # as written
        assert planned(tree.parts[0].clauses, (), {"p": 1}) != tree.parts[0].clauses  # an integer: rewritten


def test_a_property_map_that_could_raise_is_not_read_before_the_first_where():
    store = _store()
    for query in ("MATCH (a) WHERE a.x = 1 WITH a MATCH (b {x: a.x - 1}) RETURN count(*) AS n",
                  "MATCH (a) WHERE a.x = 1 WITH a MATCH (b)-[:l {w: a.x - 1}]->(c) RETURN count(*) AS n",
                  "MATCH (a) WITH a WHERE a.x = 1 MATCH (b {x: a.x - 1}) RETURN id(b) AS b"):  # fmt: skip
        tree = parse(query)
        assert _outcome(store.query_view(), tree, {}) == _outcome(store.query_view(), tree, {}, True), query
        assert _outcome(store.query_view(), tree, {}, True)[0] == "rows", query  # v1 ('s') never reaches the map
    missing = parse("MATCH (a) WHERE a.x = 7 WITH a MATCH (b {x: $missing}) RETURN count(*) AS n")
    assert _outcome(store.query_view(), missing, {}) == ("rows", ["{'n': 0}"])  # never asked for
    fused = "MATCH (a) WHERE a.x = 1 WITH a MATCH (b {x: a.x, y: $p}) RETURN count(*) AS n"  # reads without error
    assert len(planned(parse(fused).parts[0].clauses, (), {"p": 1})) == 2
    assert len(planned(parse(fused).parts[0].clauses, (), {})) == 4


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(graph=_graphs(), template=st.sampled_from(TEMPLATES), label=st.sampled_from(["", ":A", ":B"]),
       op=st.sampled_from(["=", "<>", "<", ">="]), key=st.sampled_from(["x", "y"]),
       etype=st.sampled_from(["k", "l"]), v=_PARAMETERS, w=_PARAMETERS, budget=st.integers(1, 12))  # fmt: skip
def test_generated_pipelines_answer_what_the_clauses_as_written_answer(graph, template, label, op, key, etype, v, w,
                                                                       budget):  # fmt: skip
    store = _load(*graph)
    query = template.replace("{L}", label).replace("{OP}", op).replace("{K}", key).replace("{T}", etype)
    tree, params, view = parse(query), {"v": v, "w": w}, store.query_view()
    assert _outcome(view, tree, params) == _outcome(view, tree, params, True)
    if _outcome(view, tree, params, budget=budget) == ("error", "MemoryLimitExceeded"):  # fewer rows held, not more
        assert _outcome(view, tree, params, True, budget) == ("error", "MemoryLimitExceeded")


def test_a_procedure_call_without_yield_before_keeps_the_clauses_apart():
    def ends(view, node):  # type: ignore[no-untyped-def]  # no declared signature: outputs known when it runs
        for edge in view.out_edges(node.id, None):
            yield {"node": Node(view.get_vertex(edge.to_id))}

    store, procedures = _store(), {"test.ends": ends}
    query = "MATCH (m {x: 1}) CALL test.ends(m) MATCH (a) WITH a MATCH (node)-[:l]->(a) RETURN id(node) AS n"
    tree = parse(query, None, [])
    rows = run(store.query_view(), tree, {}, procedures=procedures)  # node, bound by the call, is dropped
    assert rows == run(store.query_view(), tree, {}, procedures=procedures, profile=[])
    assert sorted(row["n"] for row in rows) == ["v1", "v2"]


def test_the_row_budget_counts_the_rows_of_the_match_read_as_one():
    store = _store()  # three vertices, one k edge: the first MATCH as written gives 3 rows, read as one 1
    tree = parse("MATCH (a) WITH a MATCH (a)-[:k]->(b) RETURN id(b) AS b")
    assert run(store.query_view(), tree, {}, row_budget=2) == [{"b": "v1"}]
    with pytest.raises(MemoryLimitExceeded):  # the clauses as written (explain DETAILS) hold the 3 rows
        run(store.query_view(), tree, {}, profile=[], row_budget=2)
