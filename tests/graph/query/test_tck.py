"""The openCypher TCK over the engine: scenarios whose steps expect rows (or none) and side effects, and
scenarios expecting an error, by type and phase.

Each scenario's setup graph is built (``tck_support.setup_graph``), its query runs through
``execute`` (writes as one transaction), rows are compared as bags or lists and side effects are
counted as the TCK defines them (lists inside rows compared as bags where the TCK ignores their element
order). Scenarios listed in ``tck_not_passed.txt`` (with a reason: a
Neptune rule under which Dockyard answers what Neptune answers, or a gap) are expected to fail
(strict xfail, so a fix shows up; ``python -m tests.graph.query.tck_report`` rewrites the list and
prints the counts). A scenario outline counts once per example row (``name #k``). Scenarios expecting
an error at compile time pass when ``parse`` (grammar and semantic analysis, before any data is read;
CALLs checked against the scenario's test procedures' signatures, with its parameters' names) raises a
CypherSyntaxError of the TCK's detail type (a grammar error without a type counts as UnexpectedSyntax).
Temporal values in rows compare in the TCK's string form (``'2015-07-21'``). Scenarios expecting an
error at runtime pass when ``execute`` (after the setup, with the parameters) raises a QueryError
whose ``tck_type`` and ``kind`` are the TCK's error and detail types (detail ``*``: any) and the
graph is unchanged; "at any time" passes either way. In reach: all 3,897 (3,202 rows, 600
compile-time errors, 95 runtime errors); 2,694 pass (2,018, 583, 93).
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from dockyard.graph import GraphStore
from dockyard.graph.query import CypherSyntaxError, QueryError, execute, parse
from tests.conftest import SHARED_DATA
from tests.graph.query.tck_support import (
    Scenario,
    Step,
    Unsupported,
    build_procedure,
    canonical,
    expected_value,
    graph_state,
    named_graph_script,
    read_features,
    setup_graph,
    side_effects,
    without_list_order,
)

TCK = SHARED_DATA / "opencypher-tck"
NOT_PASSED_FILE = Path(__file__).with_name("tck_not_passed.txt")
ROW_EXPECTATIONS = ("any order", "in order", "empty")


def read_not_passed() -> dict[str, str]:
    out = {}
    for line in NOT_PASSED_FILE.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            key, reason = line.rsplit("\t", 1)
            out[key] = reason
    return out


def in_reach(s: Scenario) -> bool:
    return expects_rows(s) or expects_compile_error(s) or expects_runtime_error(s)


def expects_rows(s: Scenario) -> bool:
    return not s.outline and bool(s.steps) and all(step.expect in ROW_EXPECTATIONS for step in s.steps)


def _error(s: Scenario) -> tuple[str, str, str] | None:
    """The expected error of a scenario that is one query expecting one (a plain one or an outline example)."""
    if s.outline or len(s.steps) != 1:
        return None
    return s.steps[0].error


def expects_compile_error(s: Scenario) -> bool:
    """One query that must be refused at compile time."""
    error = _error(s)
    return error is not None and error[1] == "compile time"


def expects_runtime_error(s: Scenario) -> bool:
    """One query that must fail when it runs (or "at any time": when it is compiled or when it runs)."""
    error = _error(s)
    return error is not None and error[1] in ("runtime", "any time")


SCENARIOS = [s for s in read_features(TCK) if in_reach(s)] if TCK.is_dir() else []
NOT_PASSED = read_not_passed()


def _param(text: str):
    return execute(GraphStore.in_memory(), f"RETURN {text} AS x")[0]["x"]


def _prepare(s: Scenario) -> tuple[GraphStore, dict, dict]:
    """The scenario's setup graph, parameters and test procedures."""
    setup = s.setup
    if s.named_graph is not None:
        script = named_graph_script(TCK, s.named_graph)
        if script is None:
            raise Unsupported(f"the named graph {s.named_graph} is not in the TCK copy")
        setup = [script, *setup]
    store = setup_graph(setup)
    params = {k: _param(v) for k, v in s.params.items()}
    return store, params, {p.name.lower(): build_procedure(p) for p in s.procedures}


def compile_query(s: Scenario) -> None:
    """``parse`` the scenario's query as the engine compiles it for the scenario: its CALLs against the
    test procedures' signatures (none declared: every procedure is unknown), with the parameters' names."""
    parse(s.steps[0].query, {p.name.lower(): p.signature for p in s.procedures}, list(s.params))


def check_compile_error(s: Scenario) -> None:
    """The query is refused at compile time (``compile_query``) with the TCK's detail type."""
    step = s.steps[0]
    assert step.error is not None
    want = step.error[2]
    try:
        compile_query(s)
    except CypherSyntaxError as err:
        got = getattr(err, "kind", None) or "UnexpectedSyntax"
        assert got == want, f"compile-time {got} != {want}: {err.detail}"
        return
    raise AssertionError(f"no compile-time error (expected {want})")


def check_runtime_error(s: Scenario) -> None:
    """Running the query (after its setup, with its parameters) raises a QueryError of the TCK's error type
    and detail type (``*``: any detail), and leaves the graph as it was. "At any time" also passes when
    ``parse`` refuses the query with the detail type; "at runtime" does not (the wrong phase)."""
    step = s.steps[0]
    assert step.error is not None
    want_type, phase, want = step.error
    try:
        compile_query(s)
    except CypherSyntaxError as err:
        got = getattr(err, "kind", None) or "UnexpectedSyntax"
        assert phase == "any time", f"refused at compile time ({got}: {err.detail}), expected at runtime"
        assert want in ("*", got), f"compile-time {got} != {want}: {err.detail}"
        return
    store, params, procedures = _prepare(s)
    before = graph_state(store)
    try:
        execute(store, step.query, params, procedures=procedures)
    except QueryError as err:
        got = (err.tck_type, err.kind)
        if got != (want_type, err.kind if want == "*" else want):
            raise AssertionError(f"runtime {got[0]}: {got[1]} != {want_type}: {want}: {err}") from err
        assert graph_state(store) == before, "the failed query changed the graph"
        return
    raise AssertionError(f"no runtime error (expected {want_type}: {want})")


def check(s: Scenario) -> None:
    """Run one scenario; AssertionError (or the harness's Unsupported) when it does not pass."""
    if expects_compile_error(s):
        check_compile_error(s)
        return
    if expects_runtime_error(s):
        check_runtime_error(s)
        return
    store, params, procedures = _prepare(s)
    for step in s.steps:
        writes = parse(step.query).is_write
        before = graph_state(store) if step.side_effects is not None and writes else None
        try:
            rows = execute(store, step.query, params, procedures=procedures)
        except QueryError as err:
            raise AssertionError(f"query error: {err}") from err
        if step.expect == "empty":
            assert rows == [], f"rows {len(rows)} != empty"
        else:
            header, *body = step.table
            got = [tuple(canonical(row.get(c)) for c in header) for row in rows]
            if rows:
                assert list(rows[0]) == header, f"columns {list(rows[0])} != {header}"
            want = [tuple(expected_value(c) for c in line) for line in body]
            if step.unordered_lists:
                got, want = ([tuple(map(without_list_order, line)) for line in rows] for rows in (got, want))
            if step.expect == "in order":
                assert got == want
            else:
                assert Counter(map(repr, got)) == Counter(map(repr, want)), f"{got} != {want}"
        if before is not None:
            got_effects = side_effects(before, graph_state(store))
            assert got_effects == step.side_effects, f"side effects {got_effects} != {step.side_effects}"


def _params() -> list:
    out = []
    for s in SCENARIOS:
        marks = []
        if s.key in NOT_PASSED:
            marks.append(pytest.mark.xfail(reason=NOT_PASSED[s.key], strict=True, raises=(AssertionError, Exception)))
        out.append(pytest.param(s, id=s.key, marks=marks))
    return out


@pytest.mark.slow
@pytest.mark.parametrize("scenario", _params())
def test_tck_scenario(scenario: Scenario, shared_data) -> None:
    check(scenario)


def test_tck_is_collected(shared_data) -> None:
    assert SCENARIOS, "no TCK scenarios found"


def test_a_named_graph_is_read_from_the_tck_copy_where_it_is(tmp_path, monkeypatch):
    """``Given the <name> graph`` runs ``graphs/<name>/<name>.cypher`` of the TCK copy (the openCypher
    repository's layout) before the scenario's own setup; without the file the scenario is a harness gap."""
    scenario = Scenario("useCases/x.feature", "[1] on a named graph", named_graph="tiny",
                        steps=[Step("MATCH (a:A)-[:T]->(b) RETURN b.name AS n", expect="any order",
                                    table=[["n"], ["'b'"]])])  # fmt: skip
    monkeypatch.setattr(f"{__name__}.TCK", tmp_path)
    with pytest.raises(Unsupported, match="the named graph tiny is not in the TCK copy"):
        check(scenario)
    (tmp_path / "graphs" / "tiny").mkdir(parents=True)
    (tmp_path / "graphs" / "tiny" / "tiny.cypher").write_text("CREATE (:A {name: 'a'})-[:T]->(:B {name: 'b'})\n")
    check(scenario)
