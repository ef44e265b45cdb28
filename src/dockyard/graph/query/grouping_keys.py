"""Implicit grouping keys of an aggregating projection (openCypher 9, Neptune's front end).

In ``RETURN n.x, n.y + count(*)`` the rows are grouped by ``n.x`` and by ``n.y``: besides the items
without an aggregate, every maximal sub-expression outside the aggregates of a mixed item that reads
a variable is a grouping key. ``split_item`` finds those sub-expressions and gives back the item's
expression with each replaced by a hidden column (``  key:<i>``) that the aggregation fills with the
group's value, so the item is evaluated once per group over the group's own values (never over the
first row's). Constants (literals, parameters) are no keys; a sub-expression reading the variable of
an enclosing comprehension, quantifier or ``reduce`` (``[x IN collect(a) | x + n.k]``) is not one
either (its outer parts are, ``n.k`` there), and a map projection's subject is one
(``n {.name, c: count(*)}`` groups by ``n``).
"""

from __future__ import annotations

from dataclasses import fields, is_dataclass, replace
from typing import Any

from dockyard.graph.query import ast as A
from dockyard.graph.query.ast_search import holds
from dockyard.graph.query.expressions import AGGREGATES

_READS_ROW = (A.Var, A.MapProjection, A.PatternExpr, A.ExistsExpr, A.ExistsSubquery, A.PatternComprehension)


class GroupingKeys:
    """The implicit keys found so far, shared by the items of one projection (equal sub-expressions
    share a column)."""

    def __init__(self) -> None:
        self.keys: list[tuple[str, A.Expr]] = []  # (hidden column, expression)

    def column(self, expr: A.Expr) -> str:
        for name, known in self.keys:
            if type(known) is type(expr) and known == expr:
                return name
        name = f"  key:{len(self.keys)}"
        self.keys.append((name, expr))
        return name

    def split_item(self, expr: A.Expr) -> A.Expr:
        """``expr`` (an item holding an aggregate) with its implicit keys read from hidden columns."""
        return self._split(expr, frozenset())

    def _split(self, node: Any, local: frozenset[str]) -> Any:
        if isinstance(node, A.Call) and node.name in AGGREGATES:
            return node
        if isinstance(node, A.Expr) and not _has_aggregate(node):
            names = _names(node)
            if names is None:
                return node  # a constant
            if not names & local:
                return A.Var(self.column(node))
        return self._inner(node, local)

    def _inner(self, node: Any, local: frozenset[str]) -> Any:
        """``node``'s parts split (it holds an aggregate or reads a local variable)."""
        if isinstance(node, A.ListComprehension | A.Quantifier):
            inner = local | {node.var}
            changes = {"source": self._split(node.source, local)}
            for name in ("where", "project"):
                if getattr(node, name, None) is not None:
                    changes[name] = self._split(getattr(node, name), inner)
            return replace(node, **changes)
        if isinstance(node, A.Reduce):
            return replace(node, init=self._split(node.init, local), source=self._split(node.source, local),
                           step=self._split(node.step, local | {node.acc, node.var}))  # fmt: skip
        if isinstance(node, A.MapProjection):
            subject = node.subject if node.subject in local else self.column(A.Var(node.subject))
            entries = [(k, None if v is None else self._split(v, local)) for k, v in node.entries]
            return replace(node, subject=subject, entries=entries)
        if isinstance(node, A.Var) or not (is_dataclass(node) and isinstance(node, A.Expr)):
            return node
        if isinstance(node, A.PatternExpr | A.ExistsExpr | A.PatternComprehension | A.ExistsSubquery):
            return node  # reads a local variable inside its own scope: evaluated as it stands
        changes = {f.name: self._each(getattr(node, f.name), local) for f in fields(node)}
        return replace(node, **changes)

    def _each(self, value: Any, local: frozenset[str]) -> Any:
        if isinstance(value, A.Expr):
            return self._split(value, local)
        if isinstance(value, list):
            return [self._each(v, local) for v in value]
        if isinstance(value, tuple):
            return tuple(self._each(v, local) for v in value)
        if isinstance(value, dict):
            return {k: self._each(v, local) for k, v in value.items()}
        return value


_OWN_SCOPE = (A.PatternExpr, A.ExistsExpr, A.PatternComprehension, A.ExistsSubquery)


def _has_aggregate(node: Any) -> bool:
    return holds(node, lambda x: isinstance(x, A.Call) and x.name in AGGREGATES, opaque=_OWN_SCOPE)


def _names(node: Any) -> frozenset[str] | None:
    """The variable names ``node`` reads (an empty set for a pattern or subquery, which reads the
    row); None when it reads none (a constant)."""
    found: set[str] = set()
    reads = False

    def walk(x: Any) -> None:
        nonlocal reads
        if isinstance(x, _READS_ROW):
            reads = True
            if isinstance(x, A.Var):
                found.add(x.name)
            elif isinstance(x, A.MapProjection):
                found.add(x.subject)
            else:
                return
        for child in A.children(x):
            walk(child)

    walk(node)
    return frozenset(found) if reads else None
