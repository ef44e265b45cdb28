"""Expressions that match patterns or run subqueries, and the other Cypher 9 expression forms the base
evaluator lacks: pattern comprehensions (also ``size()`` of a pattern, which the parser turns into
one), ``EXISTS { ... }``, map projections and ``reduce``. ``GraphEvaluator`` is the evaluator the
executor uses; ``engine`` is the executor (its ``match_path``, ``match_patterns`` and ``query``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from dockyard.graph.query import ast as A
from dockyard.graph.query.errors import CypherTypeError, QueryError
from dockyard.graph.query.expressions import Evaluator, Row
from dockyard.graph.query.subqueries import run_nested
from dockyard.graph.query.values import Node, Rel

_LONG = 2**63


class GraphEvaluator(Evaluator):
    def __init__(
        self,
        params: dict[str, Any],
        pattern_exists: Callable[[A.PathPattern, Row], bool],
        extra: dict[str, Callable[..., Any]],
        engine: Any,
    ) -> None:
        super().__init__(params, pattern_exists, extra)
        self.engine = engine

    def _PatternComprehension(self, e: A.PatternComprehension, row: Row) -> Any:
        out = []
        for bound, _ in self.engine.match_path(e.pattern, row, frozenset()):
            if e.where is None or self.eval(e.where, bound) is True:
                out.append(self.eval(e.project, bound))
        return out

    def _ExistsSubquery(self, e: A.ExistsSubquery, row: Row) -> Any:
        clauses = e.query.parts[0].clauses
        if len(e.query.parts) == 1 and len(clauses) == 1 and isinstance(clauses[0], A.Match):  # not OPTIONAL
            match = clauses[0]
            for bound in self.engine.match_patterns(match.patterns, row):
                if match.where is None or self.eval(match.where, bound) is True:
                    return True
            return False
        return bool(run_nested(self.engine, e.query, [[row] for _ in e.query.parts]))

    def _MapProjection(self, e: A.MapProjection, row: Row) -> Any:
        subject = self.eval(A.Var(e.subject), row)
        if subject is None:
            return None
        if isinstance(subject, Node | Rel):
            props = subject.properties()
        elif isinstance(subject, dict):
            props = subject
        else:
            raise CypherTypeError(
                f"Type mismatch: expected a map, node or relationship but was {type(subject).__name__}",
                "InvalidArgumentType",
            )
        out = dict(props) if e.all_properties else {}
        for key, value in e.entries:
            out[key] = props.get(key) if value is None else self.eval(value, row)
        return out

    def _Reduce(self, e: A.Reduce, row: Row) -> Any:
        acc = self.eval(e.init, row)
        if not isinstance(acc, int | float | str | list) or isinstance(acc, bool):
            raise CypherTypeError("reduce() takes an initial value of type INTEGER, FLOAT, STRING or LIST",
                                  "InvalidArgumentType")  # fmt: skip
        source = self.eval(e.source, row)
        if source is None:
            return None
        if not isinstance(source, list):
            raise CypherTypeError(f"Type mismatch: reduce() expects a list but was {type(source).__name__}",
                                  "InvalidArgumentType")  # fmt: skip
        for item in source:
            acc = self.eval(e.step, {**row, e.acc: acc, e.var: item})
            if isinstance(acc, int) and not isinstance(acc, bool) and not -_LONG <= acc < _LONG:
                raise QueryError("long overflow")
        return acc
