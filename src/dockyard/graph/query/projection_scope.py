"""ORDER BY and WITH ... WHERE over a projection: an expression that repeats a projected one reads that
item's column, so ``WITH DISTINCT a.name AS n WHERE a.name = 'B'`` and ``RETURN a, max(x) ORDER BY
max(x)`` work after DISTINCT and aggregation, where the variables before the projection are gone."""

from __future__ import annotations

from dataclasses import fields, is_dataclass, replace
from typing import Any

from dockyard.graph.query import ast as A


def over_projection(e: A.Expr, items: list[A.ReturnItem]) -> A.Expr:
    """``e`` with every sub-expression equal to a projected (non-constant) item's replaced by its alias."""
    targets = [(it.expr, it.alias) for it in items if not isinstance(it.expr, A.Literal | A.Param)]
    return _rewrite(e, targets) if targets else e


def _rewrite(node: Any, targets: list[tuple[A.Expr, str]]) -> Any:
    if isinstance(node, A.Expr):
        for expr, alias in targets:
            if type(node) is type(expr) and node == expr:
                return A.Var(alias)
    if isinstance(node, A.ExistsSubquery | A.PatternComprehension | A.PatternExpr | A.ExistsExpr):
        return node  # their own scope
    if is_dataclass(node) and not isinstance(node, type):
        changes = {}
        for f in fields(node):
            value = getattr(node, f.name)
            new = _rewrite(value, targets)
            if new is not value:
                changes[f.name] = new
        return replace(node, **changes) if changes else node
    if isinstance(node, list):
        new_items = [_rewrite(x, targets) for x in node]
        return new_items if any(a is not b for a, b in zip(new_items, node, strict=True)) else node
    if isinstance(node, tuple):
        new_tuple = tuple(_rewrite(x, targets) for x in node)
        return new_tuple if any(a is not b for a, b in zip(new_tuple, node, strict=True)) else node
    if isinstance(node, dict):
        new_map = {k: _rewrite(v, targets) for k, v in node.items()}
        return new_map if any(new_map[k] is not node[k] for k in node) else node
    return node
