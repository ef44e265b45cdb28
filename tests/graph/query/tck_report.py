"""Rewrite ``tck_not_passed.txt``: run every scenario in reach, list the ones that fail with a reason.

``python -m tests.graph.query.tck_report`` (from the checkout). A failure caused by one of Neptune
Analytics' documented rules (docs/neptune-query.md) is listed as ``Neptune rule: ...``; any other as
``gap (engine)`` or ``gap (harness)`` with the first line of the failure. Prints the counts.
"""

from __future__ import annotations

import re
import sys
from collections import Counter

from dockyard.graph.query import UnsupportedOperation, parse
from dockyard.graph.query import ast as A
from tests.graph.query.tck_support import Unsupported
from tests.graph.query.test_tck import (
    NOT_PASSED_FILE,
    SCENARIOS,
    check,
    expects_compile_error,
    expects_runtime_error,
)

BARE_NODE = (
    "Neptune rule: a vertex exists only while it has a label, a property or an edge, so CREATE/MERGE of a bare "
    "node changes nothing (Neptune Analytics openCypher data model)"
)
MERGE_BARE = "Neptune rule: MERGE (n) without a label or property raises (Neptune Analytics openCypher data model)"
LIST_VALUES = (
    "Neptune rule: property values are scalars; a list becomes a multi-valued (set) vertex property and an edge "
    "property cannot hold one (Neptune openCypher data model)"
)
IMPLICIT_GROUPING = (
    "Neptune rule: implicit grouping keys (RETURN n.a + count(*)) are accepted by openCypher 9, Neptune's front "
    "end; the TCK's AmbiguousAggregationExpression came with openCypher's 2022 change (docs/decisions.md)"
)
PATTERN_VALUES = (
    "Neptune rule: in openCypher 9 a pattern expression is a value as well as a predicate, and Neptune supports "
    "size() of one (Neptune openCypher compliance page, functions)"
)
TEST_PROCEDURES = "gap (harness): the TCK's test procedures (there exists a procedure ...) are not registered"
NON_STATIC = (
    "Neptune rule: RETURN and WITH are supported \"except when used with non-static values for SKIP or LIMIT\" "
    "(Neptune openCypher compliance)"
)
DELETED_ACCESS = (
    "gap (engine): DeletedEntityAccess not raised: a node or relationship deleted earlier in the query keeps its "
    "properties and labels (Neptune documents no rule; ExecuteQuery's answers kept)"
)
TEMPORAL_UTC = (
    "Neptune rule: datetime values are stored and returned in UTC, so a datetime read with an offset comes back in "
    "UTC (Neptune openCypher compliance page, temporal)"
)
TEMPORAL_FORMS = "Neptune rule: datetime strings in Neptune's documented forms, years 1400..9999 (compliance page)"
HEADER = "# TCK scenarios (in the harness's reach) that do not pass yet: feature: scenario<TAB>reason\n"


def _creates_bare_node(query: str) -> bool:
    try:
        tree = parse(query)
    except Exception:
        return False
    for part in tree.parts:
        bound: set[str] = set()
        for clause in part.clauses:
            patterns = clause.patterns if isinstance(clause, A.Create | A.Match) else (
                [clause.pattern] if isinstance(clause, A.Merge) else []
            )
            if isinstance(clause, A.Create | A.Merge):
                for p in patterns:
                    for n in p.nodes:
                        if not n.labels and n.props is None and (n.var is None or n.var not in bound):
                            return True
            for p in patterns:
                bound.update(n.var for n in p.nodes if n.var)
    return False


def reason(scenario, err: BaseException) -> str:
    text = str(err).splitlines()[0] if str(err) else type(err).__name__
    if expects_compile_error(scenario):
        return compile_error_reason(scenario, text)
    if expects_runtime_error(scenario) and scenario.steps[0].error[2] == "DeletedEntityAccess":
        return DELETED_ACCESS
    if isinstance(err, Unsupported):
        return f"gap (harness): {text}"[:200]
    if "MERGE of a node needs" in text:
        return MERGE_BARE
    cause = err.__cause__ if isinstance(err.__cause__, UnsupportedOperation) else err
    if isinstance(cause, UnsupportedOperation) and "Neptune" in str(cause):
        return f"Neptune rule: {str(cause).splitlines()[0]} (Neptune openCypher compliance and extensions pages)"[:200]
    if re.search(r"\d\dZ'.*\] != \[.*T[\d:.]+[+-]\d\d:\d\d'", text):  # got UTC, the TCK kept the offset
        return TEMPORAL_UTC
    if "Invalid date/time format" in text or "out of range (1400" in text:
        return f"{TEMPORAL_FORMS}: {text.removeprefix('query error: ')}"[:200]
    if "cannot hold" in text or "list of non-null scalars" in text:
        return LIST_VALUES
    if "non-static value for" in text:
        return NON_STATIC
    queries = [*scenario.setup, *(s.query for s in scenario.steps)]
    if ("nodes" in text or "rows" in text or "!=" in text) and any(_creates_bare_node(q) for q in queries):
        return BARE_NODE
    if "!=" in text and any(re.search(r"CREATE[^;]*\{[^{}]*:\s*\[", q) for q in scenario.setup):
        return LIST_VALUES  # a list property read back as a set
    if isinstance(err, AssertionError):
        return f"gap (engine): {text}"[:200]
    return f"gap (engine): {type(err).__name__}: {text}"[:200]


def compile_error_reason(scenario, text: str) -> str:
    kind = scenario.steps[0].error[2]
    if kind == "AmbiguousAggregationExpression":
        return IMPLICIT_GROUPING
    refused = not text.startswith("no compile-time error")
    if kind == "UnexpectedSyntax" and not refused and ")-" in scenario.query.replace("<", ""):
        return PATTERN_VALUES
    if scenario.feature.startswith("clauses/call/") and not refused:
        return TEST_PROCEDURES
    return f"gap (engine): {text}"[:200]


def phase(scenario) -> str:
    if expects_compile_error(scenario):
        return "compile-time errors"
    return "runtime errors" if expects_runtime_error(scenario) else "rows"


def main() -> int:
    failed: dict[str, str] = {}
    reach: Counter[str] = Counter()
    passed: Counter[str] = Counter()
    for s in SCENARIOS:
        reach[phase(s)] += 1
        try:
            check(s)
            passed[phase(s)] += 1
        except Exception as err:
            failed[s.key] = reason(s, err)
    with open(NOT_PASSED_FILE, "w", encoding="utf-8") as fh:
        fh.write(HEADER)
        for key in sorted(failed):
            fh.write(f"{key}\t{failed[key].replace(chr(9), ' ')}\n")
    kinds = Counter(r.split(":")[0] for r in failed.values())
    print(f"{len(SCENARIOS)} in reach, {len(SCENARIOS) - len(failed)} pass, {len(failed)} not passed: {dict(kinds)}")
    for name in reach:
        print(f"  {name}: {reach[name]} in reach, {passed[name]} pass")
    return 0


if __name__ == "__main__":
    sys.exit(main())
