"""openCypher's aggregation rules: where an aggregating function may appear, what it may contain,
and which non-aggregated parts an aggregating projection item may hold (its implicit grouping keys
must be grouping keys of the projection)."""

from __future__ import annotations

from dockyard.graph.query import ast as A
from dockyard.graph.query.expressions import AGGREGATES
from dockyard.graph.query.semantics.walk import children, find

# the engine's aggregates and openCypher's others (an aggregate the engine lacks fails when run)
AGGREGATE_NAMES = frozenset(AGGREGATES) | {"stdev", "stdevp", "percentilecont", "percentiledisc"}
NON_DETERMINISTIC = frozenset({"rand", "randomuuid"})


def is_aggregate(e: A.Expr) -> bool:
    return isinstance(e, A.Call) and e.name in AGGREGATE_NAMES


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


class Grouping:
    """The grouping keys of an aggregating projection: variables and ``v.key`` property reads that
    a non-aggregated part of an aggregating item may use (a grouping key that is a more complex
    expression does not make its parts usable: openCypher's AmbiguousAggregationExpression)."""

    def __init__(self, variables: set[str], properties: set[tuple[str, str]]) -> None:
        self.variables = variables
        self.properties = properties

    @classmethod
    def of(cls, items: list[A.ReturnItem], aliases: bool) -> Grouping:
        """From the non-aggregating items; with ``aliases`` (ORDER BY) every item's alias counts too."""
        variables: set[str] = {it.alias for it in items} if aliases else set()
        properties: set[tuple[str, str]] = set()
        for it in items:
            if contains_aggregate(it.expr):
                continue
            if isinstance(it.expr, A.Var):
                variables.add(it.expr.name)
                variables.add(it.alias)
            elif isinstance(it.expr, A.Prop) and isinstance(it.expr.subject, A.Var):
                properties.add((it.expr.subject.name, it.expr.key))
        return cls(variables, properties)

    def ambiguous_part(self, e: A.Expr, local: frozenset[str] = frozenset()) -> A.Expr | None:
        """A part of the aggregating expression ``e``, outside its aggregates, that is not a grouping key."""
        if is_aggregate(e):
            return None
        if isinstance(e, A.Var):
            return None if e.name in self.variables or e.name in local else e
        if isinstance(e, A.Prop) and isinstance(e.subject, A.Var):
            v = e.subject.name
            ok = v in self.variables or v in local or (v, e.key) in self.properties
            return None if ok else e
        if isinstance(e, A.ListComprehension | A.Quantifier):
            local = local | {e.var}
        for child in children(e):
            found = self.ambiguous_part(child, local)
            if found is not None:
                return found
        return None
