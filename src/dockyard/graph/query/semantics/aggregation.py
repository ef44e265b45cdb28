"""openCypher's aggregation rules: where an aggregating function may appear and what it may contain.

Implicit grouping keys (``RETURN n.a + count(*)`` where ``n.a`` is not projected on its own) are not
refused: openCypher 9, Neptune's front end, accepts them (the TCK's AmbiguousAggregationExpression
came with openCypher's 2022 change, as in Neo4j 5); see docs/decisions.md."""

from __future__ import annotations

from dockyard.graph.query import ast as A
from dockyard.graph.query.expressions import AGGREGATES
from dockyard.graph.query.semantics.walk import find

# openCypher's aggregates besides the engine's (``expressions.AGGREGATES``, read at each check so an
# aggregate added there counts at once); one the engine lacks fails when the query runs
OTHER_AGGREGATES = frozenset({"stdev", "stdevp", "percentilecont", "percentiledisc"})
NON_DETERMINISTIC = frozenset({"rand", "randomuuid"})


def is_aggregate_name(name: str) -> bool:
    return name in AGGREGATES or name in OTHER_AGGREGATES


def is_aggregate(e: A.Expr) -> bool:
    return isinstance(e, A.Call) and is_aggregate_name(e.name)


def contains_aggregate(e: A.Expr) -> bool:
    return find(e, is_aggregate) is not None


def nested_aggregate(call: A.Call) -> A.Expr | None:
    for arg in call.args:
        found = find(arg, is_aggregate)
        if found is not None:
            return found
    return None


def non_deterministic(call: A.Call) -> A.Expr | None:
    for arg in call.args:
        found = find(arg, lambda x: isinstance(x, A.Call) and x.name in NON_DETERMINISTIC)
        if found is not None:
            return found
    return None
